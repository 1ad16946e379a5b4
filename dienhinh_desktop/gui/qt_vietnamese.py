"""Qt's own words in Vietnamese: the standard buttons (OK, Cancel, Yes, No…), the edit
menus of text boxes, and the widget-based file dialog. PySide6-Essentials ships no
Vietnamese .qm file, so a small translator answers Qt's strings from this table; every
dialog of the program gets them without each one relabelling its buttons."""

from __future__ import annotations

from PySide6.QtCore import QTranslator

# Qt source text (with its & accelerator) → Vietnamese. Context-free: these words mean the
# same wherever Qt uses them.
WORDS: dict[str, str] = {
    "OK": "Đồng ý",
    "&OK": "&Đồng ý",
    "Cancel": "Hủy",
    "&Cancel": "&Hủy",
    "Yes": "Có",
    "&Yes": "&Có",
    "No": "Không",
    "&No": "&Không",
    "Yes to &All": "Có với &tất cả",
    "N&o to All": "&Không với tất cả",
    "Save": "Lưu",
    "&Save": "&Lưu",
    "Save All": "Lưu tất cả",
    "Open": "Mở",
    "&Open": "&Mở",
    "Close": "Đóng",
    "&Close": "Đó&ng",
    "Apply": "Áp dụng",
    "Reset": "Đặt lại",
    "Help": "Trợ giúp",
    "Discard": "Bỏ qua",
    "Don't Save": "Không lưu",
    "Close without Saving": "Đóng, không lưu",
    "Abort": "Dừng",
    "Retry": "Thử lại",
    "Ignore": "Bỏ qua",
    "Restore Defaults": "Khôi phục mặc định",
    "Show Details...": "Xem chi tiết…",
    "Hide Details...": "Ẩn chi tiết",
    "&Undo": "&Hoàn tác",
    "&Redo": "&Làm lại",
    "Cu&t": "&Cắt",
    "&Copy": "&Sao chép",
    "Copy &Link Location": "Sao chép địa chỉ &liên kết",
    "&Paste": "&Dán",
    "Delete": "Xóa",
    "Select All": "Chọn tất cả",
    "Look in:": "Tìm trong:",
    "File &name:": "&Tên tệp:",
    "File name:": "Tên tệp:",
    "Files of type:": "Kiểu tệp:",
    "&Choose": "&Chọn",
    "Choose": "Chọn",
    "Directory:": "Thư mục:",
    "Back": "Quay lại",
    "Forward": "Tiếp",
    "Parent Directory": "Thư mục cha",
    "Create New Folder": "Tạo thư mục mới",
    "New Folder": "Thư mục mới",
    "List View": "Dạng danh sách",
    "Detail View": "Dạng chi tiết",
    "Name": "Tên",
    "Size": "Kích thước",
    "Type": "Loại",
    "Date Modified": "Ngày sửa",
    "My Computer": "Máy tính",
    "Computer": "Máy tính",
    "All Files (*)": "Mọi tệp (*)",
    "Find Directory": "Chọn thư mục",
    "Open File": "Mở tệp",
    "Save As": "Lưu thành",
}


class VietnameseQtTranslator(QTranslator):
    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:  # noqa: ARG002
        return WORDS.get(source, "")

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False
