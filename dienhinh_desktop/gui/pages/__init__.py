"""The pages of the main window, in navigation order.

Adding a page
-------------
1. Write ``dienhinh_desktop/gui/pages/<module>.py`` with a ``QWidget`` subclass named
   ``Page`` whose constructor takes the :class:`~dienhinh_desktop.gui.context.AppContext`::

       class Page(QWidget):
           def __init__(self, ctx: AppContext) -> None: ...
           def on_shown(self) -> None: ...   # optional: called every time the page is shown

2. If the table below has no line for it yet, add one ``PageSpec``.

Until the module exists (or while it raises :class:`NotBuilt` from its constructor or at
import), the main window shows a placeholder with the ``description`` below, saying plainly
that the page is not built yet in this version. Pages are built on first use, so a page
costs nothing at start-up until the user opens it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...text import fold


class NotBuilt(Exception):
    """Raise from a page module (at import or in ``Page.__init__``) to show the placeholder."""


@dataclass(frozen=True)
class PageSpec:
    key: str  # the --page name: Vietnamese without accents, words joined by "-"
    label: str  # the navigation label
    module: str  # module name under dienhinh_desktop.gui.pages
    icon: str  # resources/icons/<icon>.svg
    description: str  # what the page holds (shown while it is not built)


PAGES: list[PageSpec] = [
    PageSpec(
        "tong-quan",
        "Tổng quan",
        "dashboard",
        "overview",
        "Số điển hình của kế hoạch đang thực hiện theo trạng thái và theo loại, các mốc thời gian "
        "sắp đến hạn, những việc cần làm tiếp theo.",
    ),
    PageSpec(
        "ke-hoach",
        "Kế hoạch",
        "plans",
        "plans",
        "Các kế hoạch, phong trào thi đua: sao chép kế hoạch mẫu (Kế hoạch của Tỉnh ủy, Hội đồng "
        "Thi đua – Khen thưởng…), sửa thời gian, các giai đoạn và hạn chót, lĩnh vực, bộ tiêu chí, "
        "chỉ tiêu số lượng và cách tính kết quả bỏ phiếu.",
    ),
    PageSpec(
        "dien-hinh",
        "Điển hình",
        "candidates",
        "candidates",
        "Danh sách tập thể, cá nhân, hộ gia đình đăng ký xây dựng điển hình: tìm kiếm, lọc, thêm, sửa, "
        "theo dõi bồi dưỡng và tự đánh giá.",
    ),
    PageSpec(
        "binh-xet",
        "Bình xét",
        "meetings",
        "meetings",
        "Thẩm định theo từng tiêu chí, hội đồng bình xét, cuộc họp (thành phần, số người có mặt), "
        "phiếu bầu cho từng điển hình, kết quả theo quy định của kế hoạch, biên bản họp và quyết định "
        "công nhận ở cấp này.",
    ),
    PageSpec(
        "ho-so",
        "Hồ sơ gửi đi",
        "outbox",
        "proposals",
        "Hồ sơ đề nghị lên cấp trên trong phạm vi chỉ tiêu: tờ trình, danh sách (.xlsx, .docx), trích "
        "ngang thành tích, báo cáo thành tích, biên bản, quyết định của cấp này và gói dữ liệu để cấp "
        "trên nhập thẳng, không phải gõ lại.",
    ),
    PageSpec(
        "ho-so-nhan",
        "Hồ sơ nhận về",
        "inbox_packages",
        "proposals",
        "Cấp trên nhập gói hồ sơ đề nghị của các đơn vị: xem trước, nhập, xử lý xung đột.",
    ),
    PageSpec(
        "quyet-dinh",
        "Quyết định nhận về",
        "decisions_inbox",
        "decisions",
        "Nhập quyết định của cấp trên (gói dữ liệu, hoặc tệp Word/Excel kèm danh sách), đối chiếu tên "
        "với điển hình, xác nhận các trường hợp chưa chắc chắn và ghi nhận công nhận, khen thưởng "
        "cho từng điển hình.",
    ),
    PageSpec(
        "nhan-rong",
        "Nhân rộng",
        "activities",
        "activities",
        "Các hoạt động nhân rộng, tuyên truyền: nói chuyện, giao lưu, tọa đàm, tin bài, ấn phẩm, "
        "lễ tuyên dương, gắn với những điển hình được giới thiệu.",
    ),
    PageSpec(
        "bao-cao",
        "Báo cáo",
        "reports",
        "reports",
        "Báo cáo định kỳ 6 tháng, hằng năm: số liệu theo loại, lĩnh vực, trạng thái, giới tính, "
        "dân tộc, đơn vị; xuất ra Word và Excel.",
    ),
    PageSpec(
        "danh-muc",
        "Danh mục",
        "catalogues",
        "catalog",
        "Danh mục dùng chung: các đơn vị (chi bộ, thôn, trường, trạm y tế, đoàn thể…), lĩnh vực, "
        "người phụ trách bồi dưỡng, thành viên hội đồng, số và ký hiệu văn bản.",
    ),
    PageSpec(
        "cai-dat",
        "Cài đặt",
        "settings",
        "settings",
        "Thông tin cơ quan, tệp dữ liệu, thư mục dữ liệu, sao lưu và phục hồi.",
    ),
    PageSpec("nhat-ky", "Nhật ký", "audit", "search", "Ai sửa gì, lúc nào: giá trị cũ và mới; xuất Excel."),
]


def find_page(name: str | None) -> PageSpec | None:
    """The page named by a key ("dien-hinh"), a module name ("candidates") or its Vietnamese
    label, with or without accents ("Điển hình", "dien hinh")."""
    if not name:
        return None
    wanted = fold(name).replace("-", " ").replace("_", " ")
    wanted = " ".join(wanted.split())
    for spec in PAGES:
        if wanted in (spec.key.replace("-", " "), spec.module, fold(spec.label)):
            return spec
    return None
