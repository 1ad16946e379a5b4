"""Data tables of the demo commune (Xã Tân Lập, tỉnh Lào Cai): the office, the unit tree,
personal names of the peoples living there, candidate archetypes and the texts they use.

Only data: the generator is :mod:`dienhinh_desktop.services.demo`. Placeholders in the texts
({village}, {commune}, {school}, {n}, {ha}, {income}, {hh}, {members}, {pct}, {year}, {prev})
are filled by the generator.
"""

from __future__ import annotations

COMMUNE = "Tân Lập"
PROVINCE = "Lào Cai"
PROVINCE_CODE = "15"
FORMER_DISTRICT = "Văn Bàn"  # the district the commune belonged to before the 2025 reform

PROFILE = {
    "name": "Đảng ủy xã Tân Lập",
    "short_name": "ĐU xã Tân Lập",
    "superior_body": "ĐẢNG BỘ TỈNH LÀO CAI",
    "province_code": PROVINCE_CODE,
    "province_name": PROVINCE,
    "commune_name": COMMUNE,
    "place_name": COMMUNE,
    "symbol": "ĐU",
    "signer_name": "Hoàng Văn Minh",
    "signer_title": "PHÓ BÍ THƯ THƯỜNG TRỰC",
    "signer_on_behalf": "T/M BAN THƯỜNG VỤ",
    "officer_name": "Nông Thị Thu Hà",
    "upper_body": "Ban Tuyên giáo và Dân vận Tỉnh ủy Lào Cai",
}
PLAN_NAME = "Kế hoạch xây dựng, nhân rộng điển hình tiên tiến xã Tân Lập giai đoạn 2025-2030"
PLAN_CODE = "15-KH/ĐU"
PLAN_ISSUER = "Ban Thường vụ Đảng ủy xã Tân Lập"
DECISION_ISSUER = "Ban Thường vụ Đảng ủy xã Tân Lập"

# --------------------------------------------------------------------------- villages
# Thôn of the commune and the peoples living in each (weights).
VILLAGES: list[tuple[str, dict[str, float]]] = [
    ("Nậm Cang", {"Dao": 6, "Tày": 3, "Kinh": 1}),
    ("Sín Chải", {"Mông": 8.5, "Dao": 1, "Kinh": 0.5}),
    ("Khe Mạ", {"Tày": 6, "Kinh": 3, "Dao": 1}),
    ("Làng Mới", {"Kinh": 7, "Tày": 2, "Giáy": 1}),
    ("Na Lin", {"Nùng": 5, "Tày": 4, "Kinh": 1}),
    ("Bản Pàng", {"Thái": 6, "Tày": 2, "Kinh": 2}),
    ("Tả Thàng", {"Giáy": 5, "Mông": 4, "Kinh": 1}),
    ("Phìn Hồ", {"Dao": 5, "Mông": 4, "Giáy": 1}),
    ("Cốc Lầy", {"Phù Lá": 5, "Nùng": 3, "Mông": 2}),
    ("Trung Tâm", {"Kinh": 6, "Tày": 2, "Giáy": 1, "Nùng": 1}),
    ("Khe Bốc", {"Kinh": 5, "Dao": 3, "Tày": 2}),
    ("Pác Ngòi", {"Tày": 7, "Dao": 2, "Kinh": 1}),
]
# Staff of commune bodies, schools and the health station come from everywhere.
STAFF_ETHNICITY = {
    "Kinh": 5,
    "Tày": 2.5,
    "Dao": 1,
    "Mông": 1,
    "Giáy": 0.7,
    "Nùng": 0.7,
    "Thái": 0.6,
    "Phù Lá": 0.2,
}

# --------------------------------------------------------------------------- unit tree
# key, name, short name, kind, parent key (None: the commune).
INSTITUTION_UNITS: list[tuple[str, str, str, str, str | None]] = [
    ("truong_mn", "Trường Mầm non Tân Lập", "MN Tân Lập", "school", None),
    ("truong_th", "Trường Tiểu học Tân Lập", "TH Tân Lập", "school", None),
    ("truong_thcs", "Trường THCS Tân Lập", "THCS Tân Lập", "school", None),
    ("truong_btsc", "Trường PTDTBT Tiểu học Sín Chải", "PTDTBT TH Sín Chải", "school", None),
    ("tram_yte", "Trạm Y tế xã Tân Lập", "TYT Tân Lập", "health", None),
    ("cong_an", "Công an xã Tân Lập", "CA xã", "armed_forces", None),
    ("quan_su", "Ban Chỉ huy Quân sự xã Tân Lập", "BCHQS xã", "armed_forces", None),
    ("ubnd", "Ủy ban nhân dân xã Tân Lập", "UBND xã", "agency", None),
    ("mttq", "Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Lập", "MTTQ xã", "mass_org", None),
    ("hlhpn", "Hội Liên hiệp Phụ nữ xã Tân Lập", "Hội LHPN xã", "mass_org", "mttq"),
    ("doan", "Đoàn Thanh niên Cộng sản Hồ Chí Minh xã Tân Lập", "Đoàn xã", "mass_org", "mttq"),
    ("hnd", "Hội Nông dân xã Tân Lập", "Hội ND xã", "mass_org", "mttq"),
    ("hccb", "Hội Cựu chiến binh xã Tân Lập", "Hội CCB xã", "mass_org", "mttq"),
    ("htx", "Hợp tác xã Nông nghiệp Tân Lập", "HTX NN Tân Lập", "enterprise", None),
    ("htx_que", "Hợp tác xã Quế hữu cơ Nậm Cang", "HTX Quế Nậm Cang", "enterprise", None),
]
# Party cells of institutions: key, name, the institution it leads.
INSTITUTION_CELLS: list[tuple[str, str, str]] = [
    ("cb_mn", "Chi bộ Trường Mầm non Tân Lập", "truong_mn"),
    ("cb_th", "Chi bộ Trường Tiểu học Tân Lập", "truong_th"),
    ("cb_thcs", "Chi bộ Trường THCS Tân Lập", "truong_thcs"),
    ("cb_yte", "Chi bộ Trạm Y tế xã Tân Lập", "tram_yte"),
    ("cb_ca", "Chi bộ Công an xã Tân Lập", "cong_an"),
    ("cb_qs", "Chi bộ Quân sự xã Tân Lập", "quan_su"),
    ("cb_ubnd", "Chi bộ Cơ quan Ủy ban nhân dân xã", "ubnd"),
    ("cb_dang", "Chi bộ Cơ quan Đảng - Mặt trận xã", "mttq"),
]
SCHOOLS = ["truong_mn", "truong_th", "truong_thcs", "truong_btsc"]

# --------------------------------------------------------------------------- personal names
# Per people: family names, middle names (male, female), given names (male, female).
NAMES: dict[str, dict[str, list[str]]] = {
    "Kinh": {
        "family": [
            "Nguyễn",
            "Nguyễn",
            "Nguyễn",
            "Trần",
            "Trần",
            "Lê",
            "Lê",
            "Phạm",
            "Phạm",
            "Hoàng",
            "Vũ",
            "Đặng",
            "Đỗ",
            "Bùi",
            "Ngô",
            "Dương",
            "Phan",
            "Lương",
            "Đinh",
            "Trịnh",
        ],
        "middle_m": ["Văn", "Văn", "Đức", "Minh", "Quang", "Xuân", "Mạnh", "Hữu", "Công", "Thanh", "Tiến"],
        "middle_f": ["Thị", "Thị", "Thị", "Thu", "Thanh", "Minh", "Ngọc", "Hồng", "Thị Thu", "Thị Thanh"],
        "given_m": [
            "Hùng",
            "Dũng",
            "Tuấn",
            "Long",
            "Thắng",
            "Cường",
            "Hải",
            "Nam",
            "Sơn",
            "Đức",
            "Phong",
            "Trung",
            "Khánh",
            "Hiếu",
            "Toàn",
            "Quân",
            "Huy",
            "Tùng",
            "Bình",
            "Chiến",
        ],
        "given_f": [
            "Hoa",
            "Lan",
            "Hương",
            "Hằng",
            "Thảo",
            "Nga",
            "Huyền",
            "Mai",
            "Trang",
            "Yến",
            "Ngọc",
            "Hà",
            "Phương",
            "Thủy",
            "Hòa",
            "Dung",
            "Liên",
            "Loan",
            "Nhung",
            "Oanh",
        ],
    },
    "Tày": {
        "family": ["Hoàng", "Hoàng", "Nông", "Nông", "Ma", "Lục", "Hà", "Lương", "Vi", "Đàm", "Hứa", "La"],
        "middle_m": ["Văn", "Văn", "Văn", "Đình", "Ngọc"],
        "middle_f": ["Thị", "Thị", "Thị", "Thị Thu"],
        "given_m": [
            "Thắng",
            "Pình",
            "Khánh",
            "Sinh",
            "Lừu",
            "Toàn",
            "Hải",
            "Quyết",
            "Đoàn",
            "Tình",
            "Thuận",
            "Nguyên",
            "Chiến",
            "Hạnh",
        ],
        "given_f": [
            "Hoa",
            "Mến",
            "Nhung",
            "Thơm",
            "Lả",
            "Hiền",
            "Dung",
            "Pản",
            "Lụa",
            "Thắm",
            "Nhàn",
            "Xuân",
        ],
    },
    "Nùng": {
        "family": ["Nông", "Hoàng", "Lục", "Vi", "Lương", "Hà", "Chu", "Triệu", "Hứa", "Sầm"],
        "middle_m": ["Văn", "Văn", "Văn", "A"],
        "middle_f": ["Thị", "Thị", "Thị"],
        "given_m": ["Pủ", "Sáng", "Lìn", "Chẩn", "Phúc", "Tài", "Sình", "Dìn", "Lợi"],
        "given_f": ["Mai", "Nhất", "Sim", "Hoa", "Chắn", "Phấy", "Ngân", "Sáu"],
    },
    "Dao": {
        "family": ["Triệu", "Triệu", "Bàn", "Bàn", "Đặng", "Lý", "Phùng", "Chảo", "Tẩn"],
        "middle_m": ["Văn", "Văn", "Tiến", "Kim", "Láo", "Quẩy", "Vần"],
        "middle_f": ["Thị", "Thị", "Thị", "Mùi", "Tả"],
        "given_m": [
            "Phin",
            "Quẩy",
            "Chòi",
            "Sành",
            "Vần",
            "Tòng",
            "Kiều",
            "Lở",
            "Dùn",
            "Tả",
            "Chiêu",
            "Kháy",
        ],
        "given_f": ["Mẩy", "Mùi", "Nái", "Xiêm", "Mua", "Làu", "Chạn", "Phây", "Dào", "Sì"],
    },
    "Mông": {
        "family": [
            "Giàng",
            "Giàng",
            "Sùng",
            "Vàng",
            "Vàng",
            "Thào",
            "Lý",
            "Hầu",
            "Sình",
            "Mùa",
            "Hờ",
            "Lầu",
            "Vừ",
            "Cứ",
        ],
        "middle_m": ["A", "A", "Seo", "Seo", "Mí", "Văn"],
        "middle_f": ["Thị", "Thị", "Thị", "Seo"],
        "given_m": [
            "Páo",
            "Chử",
            "Dính",
            "Sính",
            "Lử",
            "Chư",
            "Sáng",
            "Phử",
            "Tủa",
            "Chứ",
            "Pao",
            "Dủa",
            "Thề",
            "Vảng",
        ],
        "given_f": ["Mỷ", "Dở", "Sua", "Mai", "Chá", "Dế", "Súa", "Pà", "Máy", "Say", "Sy", "Lan"],
    },
    "Giáy": {
        "family": ["Lù", "Lù", "Vương", "Hoàng", "Lò", "Sần", "Lồ", "Lý"],
        "middle_m": ["Văn", "Văn", "Văn", "A"],
        "middle_f": ["Thị", "Thị"],
        "given_m": ["Sinh", "Dìn", "Pao", "Chín", "Dương", "Quang", "Sơn", "Páo", "Lềnh"],
        "given_f": ["Thơm", "Mai", "Vui", "Hoa", "Dín", "Duyên", "Liên"],
    },
    "Thái": {
        "family": ["Lò", "Lò", "Lường", "Cầm", "Quàng", "Tòng", "Điêu", "Vì", "Lừ"],
        "middle_m": ["Văn", "Văn", "Văn"],
        "middle_f": ["Thị", "Thị"],
        "given_m": ["Pọm", "Khoa", "Biên", "Thanh", "Ón", "Tươi", "Xôm", "Tiên", "Ngọc"],
        "given_f": ["Ỏn", "Xuân", "Hương", "Ban", "Ngân", "Lả", "Thoa", "Xiêng"],
    },
    "Phù Lá": {  # the Xá Phó group
        "family": ["Sần", "Thèn", "Lồ", "Pờ", "Ly", "Chẻo"],
        "middle_m": ["Văn", "Văn", "A"],
        "middle_f": ["Thị", "Thị"],
        "given_m": ["Chỉn", "Sảng", "Lừng", "Phà", "Sủ", "Chòng", "Thàng"],
        "given_f": ["Sen", "Mỉ", "Hoa", "Chiều", "Mến", "Páo"],
    },
}

# Deliberate homonyms, for the duplicate warning and decision matching demos:
# name, gender, ethnicity, [(birth year, archetype, village or None)].
# Triệu Văn Phin: same birth year, two units (looks like one person registered twice).
HOMONYMS: list[tuple[str, str, str, list[tuple[int, str, str | None]]]] = [
    ("Giàng A Páo", "male", "Mông", [(1978, "nong_dan", "Sín Chải"), (1996, "dan_quan", "Phìn Hồ")]),
    ("Triệu Văn Phin", "male", "Dao", [(1972, "bt_cb_thon", "Nậm Cang"), (1972, "nong_dan", "Phìn Hồ")]),
    ("Nguyễn Thị Hoa", "female", "Kinh", [(1986, "giao_vien", None), (1993, "cong_chuc", None)]),
    ("Hoàng Văn Thắng", "male", "Tày", [(1975, "truong_thon", "Khe Mạ"), (1989, "cong_an", None)]),
]

# --------------------------------------------------------------------------- archetypes
# Collective archetypes. "unit": key of the registering unit ("cb:{village}", "thon:{village}" or
# an institution key). "numbered": a name pattern with {n} used once the plain names are taken.
COLLECTIVES: list[dict] = [
    {
        "key": "cb_thon",
        "weight": 5,
        "name": "Chi bộ thôn {village}",
        "unit": "cb:{village}",
        "field": "LV1",
        "ctype": "party_org",
        "members": (12, 45),
        "member_word": "đảng viên",
        "leader": "Bí thư Chi bộ",
        "contents": [
            "Chi bộ 4 tốt",
            "Chi bộ trong sạch, vững mạnh tiêu biểu",
            "Nâng cao chất lượng sinh hoạt chi bộ gắn với học tập và làm theo Bác",
            "Chi bộ lãnh đạo xây dựng thôn nông thôn mới kiểu mẫu",
        ],
        "tasks": "Chi bộ có {members} đảng viên, lãnh đạo {hh} hộ dân của thôn {village}; duy trì sinh hoạt "
        "chi bộ định kỳ ngày 03 hằng tháng và sinh hoạt chuyên đề hằng quý.",
        "results": "Năm {prev} chi bộ được xếp loại hoàn thành tốt nhiệm vụ; 100% đảng viên ký bản cam kết "
        "nêu gương; thôn giảm {n} hộ nghèo, thu nhập bình quân đạt {income} triệu đồng/người/năm.",
        "initiatives": "Phân công mỗi đảng viên phụ trách từ 5 đến 7 hộ; đưa nội dung học tập và làm theo Bác "
        "vào sinh hoạt chi bộ bằng việc làm cụ thể, dễ kiểm tra.",
    },
    {
        "key": "cb_inst",
        "weight": 2,
        "name": "{cell}",
        "unit": "{cell_key}",
        "field": "LV1",
        "ctype": "party_org",
        "members": (6, 24),
        "member_word": "đảng viên",
        "leader": "Bí thư Chi bộ",
        "contents": [
            "Chi bộ 4 tốt",
            "Chi bộ trong sạch, vững mạnh",
            "Chi bộ gương mẫu thực hiện Quy định số 18-QĐ/TU về nêu gương",
        ],
        "tasks": "Chi bộ có {members} đảng viên; lãnh đạo cơ quan, đơn vị hoàn thành nhiệm vụ chính trị; "
        "100% đảng viên xây dựng kế hoạch học tập và làm theo Bác hằng năm.",
        "results": "Chi bộ {year_span} liên tục hoàn thành tốt nhiệm vụ; không có đảng viên vi phạm; "
        "{pct}% đảng viên được xếp loại hoàn thành tốt nhiệm vụ trở lên.",
        "initiatives": "Sinh hoạt chuyên đề theo hình thức «mỗi đảng viên một việc làm theo Bác», có đăng ký "
        "và kiểm điểm kết quả cuối năm.",
    },
    {
        "key": "thon",
        "weight": 4,
        "name": "Thôn {village}",
        "unit": "thon:{village}",
        "field": "LV7",
        "ctype": "community",
        "members": (60, 180),
        "member_word": "hộ",
        "leader": "Trưởng thôn",
        "contents": [
            "Thôn văn hóa tiêu biểu",
            "Thôn nông thôn mới kiểu mẫu",
            "Thôn sáng - xanh - sạch - đẹp",
            "Giữ gìn bản sắc văn hóa dân tộc gắn với du lịch cộng đồng",
            "Thôn không có ma túy",
        ],
        "tasks": "Thôn có {members} hộ; nhân dân đoàn kết, chấp hành tốt chủ trương của Đảng, pháp luật của "
        "Nhà nước và hương ước, quy ước của thôn.",
        "results": "Nhân dân hiến {n} nghìn m² đất, góp {income} triệu đồng làm đường bê tông; {pct}% hộ đạt "
        "danh hiệu gia đình văn hóa; không có tệ nạn xã hội.",
        "initiatives": "Duy trì «ngày Chủ nhật xanh» hằng tháng; thành lập tổ hòa giải và tổ tự quản về môi "
        "trường ở từng cụm dân cư.",
    },
    {
        "key": "truong",
        "weight": 2,
        "name": "{school}",
        "unit": "{school_key}",
        "field": "LV6",
        "ctype": "state_budget",
        "members": (18, 46),
        "member_word": "cán bộ, giáo viên, nhân viên",
        "leader": "Hiệu trưởng",
        "contents": [
            "Trường học hạnh phúc",
            "Chuyển đổi số trong dạy và học",
            "Duy trì sĩ số, nâng cao chất lượng học sinh bán trú",
            "Trường học xanh - sạch - đẹp - an toàn",
        ],
        "tasks": "Nhà trường có {members} cán bộ, giáo viên, nhân viên và {hh} học sinh, trong đó trên 90% là "
        "học sinh dân tộc thiểu số.",
        "results": "Duy trì sĩ số {pct}%; năm học {prev}-{year} có {n} giáo viên dạy giỏi cấp tỉnh; trường đạt "
        "chuẩn quốc gia mức độ 1.",
        "initiatives": "Tổ chức bếp ăn bán trú do phụ huynh luân phiên hỗ trợ; dạy tăng cường tiếng Việt cho "
        "học sinh đầu cấp.",
    },
    {
        "key": "tram_yte",
        "weight": 0.6,
        "name": "Trạm Y tế xã Tân Lập",
        "unit": "tram_yte",
        "field": "LV2",
        "ctype": "state_budget",
        "members": (7, 12),
        "member_word": "viên chức, nhân viên",
        "leader": "Trạm trưởng",
        "contents": [
            "Trạm y tế đạt chuẩn quốc gia, phục vụ người dân tận tình",
            "Ứng dụng bệnh án điện tử, khám chữa bệnh bảo hiểm y tế",
        ],
        "tasks": "Trạm có {members} viên chức, nhân viên; quản lý sức khỏe {hh}0 người dân của xã.",
        "results": "Tỷ lệ trẻ em được tiêm chủng đầy đủ đạt {pct}%; {n}0% người dân có hồ sơ sức khỏe điện tử.",
        "initiatives": "Khám bệnh lưu động tại các thôn vùng cao hằng quý; nhắn tin nhắc lịch tiêm chủng.",
    },
    {
        "key": "htx",
        "weight": 1,
        "name": "{htx}",
        "unit": "{htx_key}",
        "field": "LV5",
        "ctype": "enterprise",
        "members": (15, 60),
        "member_word": "thành viên",
        "leader": "Giám đốc",
        "contents": [
            "Mô hình sản xuất quế hữu cơ liên kết chuỗi giá trị",
            "Sản phẩm OCOP 4 sao chè Shan tuyết",
            "Liên kết trồng và tiêu thụ chuối tiêu hồng",
        ],
        "tasks": "Hợp tác xã có {members} thành viên, liên kết với {hh} hộ trên diện tích {ha} ha.",
        "results": "Doanh thu năm {prev} đạt {income}0 triệu đồng; tạo việc làm thường xuyên cho {n}0 lao động "
        "địa phương.",
        "initiatives": "Truy xuất nguồn gốc sản phẩm bằng mã QR; bán hàng qua sàn thương mại điện tử.",
    },
    {
        "key": "to_hoi",
        "weight": 6,
        "name": "{group} thôn {village}",
        "unit": "{group_unit}",
        "field": "{group_field}",
        "ctype": "mass_org",
        "members": (15, 70),
        "member_word": "hội viên",
        "leader": "Chi hội trưởng",
        "contents": [],  # from GROUPS
        "tasks": "Tổ chức có {members} hội viên, đoàn viên; sinh hoạt định kỳ hằng tháng, tham gia tích cực "
        "các phong trào của thôn {village}.",
        "results": "Năm {prev} giúp {n} hộ thoát nghèo; huy động {income} triệu đồng xây dựng quỹ hỗ trợ "
        "hội viên phát triển kinh tế.",
        "initiatives": "Mỗi hội viên đăng ký một việc làm cụ thể theo Bác; sinh hoạt luân phiên tại nhà hội "
        "viên để nắm tình hình.",
    },
    {
        "key": "llvt",
        "weight": 0.8,
        "name": "{force}",
        "unit": "{force_key}",
        "field": "LV4",
        "ctype": "armed_forces",
        "members": (8, 30),
        "member_word": "cán bộ, chiến sỹ",
        "leader": "Trưởng đơn vị",
        "contents": [
            "Đơn vị vững mạnh toàn diện",
            "Đơn vị dẫn đầu phong trào «Vì an ninh Tổ quốc»",
            "Dân vận khéo trong bảo đảm an ninh, trật tự vùng biên",
        ],
        "tasks": "Đơn vị có {members} cán bộ, chiến sỹ; bảo đảm an ninh, trật tự trên địa bàn {hh} hộ.",
        "results": "Năm {prev} không để xảy ra điểm nóng; giải quyết {n}0 vụ việc từ cơ sở; {pct}% cán bộ, "
        "chiến sỹ đạt danh hiệu «Chiến sỹ tiên tiến».",
        "initiatives": "Mô hình «Camera an ninh» ở các thôn trục chính; tuyên truyền pháp luật bằng tiếng dân tộc.",
    },
    {
        "key": "doan_the_xa",
        "weight": 0.7,
        "name": "{org}",
        "unit": "{org_key}",
        "field": "LV3",
        "ctype": "mass_org",
        "members": (120, 900),
        "member_word": "hội viên, đoàn viên",
        "leader": "Chủ tịch",
        "contents": [
            "Đổi mới nội dung, phương thức hoạt động hướng về cơ sở",
            "Chuyển đổi số trong quản lý hội viên, đoàn viên",
        ],
        "tasks": "Tổ chức có {members} hội viên, đoàn viên ở 12 chi hội, chi đoàn thôn.",
        "results": "Năm {prev} phát triển mới {n}0 hội viên; {pct}% chi hội xếp loại vững mạnh.",
        "initiatives": "Quản lý hội viên trên phần mềm; mỗi chi hội có một mô hình sinh kế.",
    },
]
# Used when every plain name is taken (large demos): numbered self-managed groups.
NUMBERED_COLLECTIVES: list[dict] = [
    {
        "name": "Tổ liên gia tự quản số {n} thôn {village}",
        "unit": "thon:{village}",
        "field": "LV7",
        "content": "Tổ liên gia tự quản an ninh, trật tự tiêu biểu",
    },
    {
        "name": "Tổ hợp tác trồng quế số {n} thôn {village}",
        "unit": "hnd",
        "field": "LV5",
        "content": "Mô hình trồng quế hữu cơ liên kết tiêu thụ",
    },
    {
        "name": "Tổ phụ nữ tiết kiệm số {n} thôn {village}",
        "unit": "hlhpn",
        "field": "LV3",
        "content": "Tổ tiết kiệm vốn vay giúp nhau phát triển kinh tế",
    },
]
# Groups of the mass organisations in each village: name, registering unit, field, contents.
GROUPS: list[tuple[str, str, str, list[str]]] = [
    (
        "Chi hội Phụ nữ",
        "hlhpn",
        "LV3",
        ["Chi hội phụ nữ «5 không, 3 sạch»", "Tiết kiệm xây dựng mái ấm tình thương"],
    ),
    (
        "Chi hội Nông dân",
        "hnd",
        "LV3",
        ["Chi hội nông dân sản xuất, kinh doanh giỏi", "Liên kết trồng quế hữu cơ"],
    ),
    (
        "Chi đoàn",
        "doan",
        "LV3",
        ["Chi đoàn xung kích chuyển đổi số", "Thanh niên tình nguyện làm đường nông thôn"],
    ),
    ("Chi hội Cựu chiến binh", "hccb", "LV3", ["Cựu chiến binh gương mẫu", "Tham gia hòa giải ở cơ sở"]),
    (
        "Tổ hợp tác chăn nuôi",
        "hnd",
        "LV5",
        ["Mô hình chăn nuôi lợn đen bản địa", "Chăn nuôi trâu, bò vỗ béo"],
    ),
    ("Câu lạc bộ văn nghệ dân gian", "mttq", "LV7", ["Giữ gìn, phát huy điệu múa, làn điệu dân ca dân tộc"]),
    ("Tổ bảo vệ an ninh, trật tự", "cong_an", "LV4", ["Tổ bảo vệ an ninh, trật tự ở cơ sở tiêu biểu"]),
]
SCHOOL_NAMES = {key: name for key, name, _s, _k, _p in INSTITUTION_UNITS if key in SCHOOLS}
HTX_UNITS = ["htx", "htx_que"]
FORCE_UNITS = ["cong_an", "quan_su"]
ORG_UNITS = ["mttq", "hlhpn", "doan", "hnd", "hccb"]

# Individual archetypes. "flags": party (probability), civil, armed, leader, grassroots.
# "eth": "village" (the people of the village) or "staff". "female": probability.
INDIVIDUALS: list[dict] = [
    {
        "key": "bt_cb_thon",
        "weight": 3,
        "position": "Bí thư Chi bộ",
        "pu": "Bí thư Chi bộ thôn {village}",
        "unit": "cb:{village}",
        "field": "LV1",
        "party": 1.0,
        "leader": True,
        "grassroots": True,
        "age": (35, 62),
        "female": 0.2,
        "eth": "village",
        "edu": ["9/12", "12/12", "Trung cấp lý luận chính trị"],
        "contents": [
            "Bí thư chi bộ gương mẫu, sát dân",
            "Đi đầu vận động nhân dân hiến đất làm đường",
            "Lãnh đạo thôn xây dựng nông thôn mới kiểu mẫu",
        ],
    },
    {
        "key": "truong_thon",
        "weight": 3,
        "position": "Trưởng thôn",
        "pu": "Trưởng thôn {village}",
        "unit": "thon:{village}",
        "field": "LV7",
        "party": 0.7,
        "leader": True,
        "grassroots": True,
        "age": (32, 60),
        "female": 0.15,
        "eth": "village",
        "edu": ["9/12", "12/12"],
        "contents": [
            "Trưởng thôn tận tụy, gần dân",
            "Vận động nhân dân xóa bỏ hủ tục trong việc cưới, việc tang",
        ],
    },
    {
        "key": "nong_dan",
        "weight": 14,
        "position": "Nông dân",
        "pu": "Nông dân thôn {village}",
        "unit": "thon:{village}",
        "field": "LV5",
        "party": 0.15,
        "grassroots": True,
        "age": (28, 65),
        "female": 0.4,
        "eth": "village",
        "edu": ["5/12", "9/12", "12/12"],
        "contents": [
            "Mô hình trồng quế hữu cơ",
            "Mô hình chăn nuôi lợn đen bản địa",
            "Trồng chè Shan tuyết theo hướng hữu cơ",
            "Trồng sa nhân tím dưới tán rừng",
            "Nuôi ong lấy mật",
            "Nông dân sản xuất, kinh doanh giỏi",
            "Mô hình nuôi cá hồi nước lạnh",
        ],
    },
    {
        "key": "giao_vien",
        "weight": 8,
        "position": "Giáo viên",
        "pu": "Giáo viên {school}",
        "unit": "{school_key}",
        "field": "LV6",
        "party": 0.5,
        "civil": True,
        "age": (24, 55),
        "female": 0.72,
        "eth": "staff",
        "edu": ["Đại học Sư phạm", "Cao đẳng Sư phạm"],
        "contents": [
            "Giáo viên dạy giỏi, tận tụy với học sinh vùng cao",
            "Ứng dụng công nghệ thông tin trong dạy học",
            "Vận động học sinh ra lớp, duy trì sĩ số",
            "Dạy tăng cường tiếng Việt cho học sinh dân tộc thiểu số",
        ],
    },
    {
        "key": "hieu_truong",
        "weight": 0.8,
        "position": "Hiệu trưởng",
        "pu": "Hiệu trưởng {school}",
        "unit": "{school_key}",
        "field": "LV6",
        "party": 1.0,
        "civil": True,
        "leader": True,
        "age": (38, 58),
        "female": 0.5,
        "eth": "staff",
        "edu": ["Thạc sĩ Quản lý giáo dục", "Đại học Sư phạm"],
        "contents": ["Cán bộ quản lý giáo dục tâm huyết, đổi mới", "Xây dựng trường đạt chuẩn quốc gia"],
    },
    {
        "key": "y_te",
        "weight": 3,
        "position": None,
        "pu": None,
        "unit": "tram_yte",
        "field": "LV2",
        "party": 0.5,
        "civil": True,
        "age": (25, 55),
        "female": 0.65,
        "eth": "staff",
        "edu": ["Cao đẳng Y", "Đại học Y", "Trung cấp Y"],
        "contents": ["Thầy thuốc tận tụy với đồng bào vùng cao", "Vận động phụ nữ sinh con tại cơ sở y tế"],
    },
    {
        "key": "nvyt_thon",
        "weight": 1.5,
        "position": "Nhân viên y tế thôn bản",
        "pu": "Nhân viên y tế thôn {village}",
        "unit": "tram_yte",
        "field": "LV2",
        "party": 0.2,
        "grassroots": True,
        "age": (24, 50),
        "female": 0.6,
        "eth": "village",
        "edu": ["Sơ cấp Y", "12/12"],
        "contents": ["Chăm sóc sức khỏe ban đầu tại thôn bản", "Tuyên truyền tiêm chủng mở rộng"],
    },
    {
        "key": "cong_an",
        "weight": 2.5,
        "position": None,
        "pu": None,
        "unit": "cong_an",
        "field": "LV4",
        "party": 0.85,
        "armed": True,
        "age": (24, 48),
        "female": 0.1,
        "eth": "staff",
        "edu": ["Đại học An ninh", "Trung cấp Công an"],
        "contents": [
            "Chiến sỹ công an gần dân, vì nhân dân phục vụ",
            "Làm sạch dữ liệu dân cư, định danh điện tử",
        ],
    },
    {
        "key": "dan_quan",
        "weight": 2,
        "position": "Dân quân thường trực",
        "pu": "Dân quân thường trực, Ban Chỉ huy Quân sự xã Tân Lập",
        "unit": "quan_su",
        "field": "LV4",
        "party": 0.3,
        "armed": True,
        "grassroots": True,
        "age": (20, 30),
        "female": 0.08,
        "eth": "village",
        "edu": ["9/12", "12/12"],
        "contents": ["Dân quân gương mẫu, sẵn sàng chiến đấu", "Giúp dân phòng, chống thiên tai"],
    },
    {
        "key": "chq_quan_su",
        "weight": 0.4,
        "position": "Chỉ huy trưởng",
        "pu": "Chỉ huy trưởng Ban Chỉ huy Quân sự xã Tân Lập",
        "unit": "quan_su",
        "field": "LV4",
        "party": 1.0,
        "armed": True,
        "civil": True,
        "leader": True,
        "age": (30, 50),
        "female": 0.0,
        "eth": "staff",
        "edu": ["Cao đẳng Quân sự cơ sở"],
        "contents": ["Xây dựng lực lượng dân quân vững mạnh, rộng khắp"],
    },
    {
        "key": "cong_chuc",
        "weight": 4,
        "position": None,
        "pu": None,
        "unit": "ubnd",
        "field": "LV2",
        "party": 0.85,
        "civil": True,
        "age": (26, 56),
        "female": 0.5,
        "eth": "staff",
        "edu": ["Đại học", "Đại học Luật", "Đại học Nông lâm"],
        "contents": [
            "Công chức trách nhiệm, phục vụ nhân dân",
            "Giải quyết thủ tục hành chính trực tuyến đúng hạn",
            "Chuyển đổi số trong công tác chuyên môn",
        ],
    },
    {
        "key": "lanh_dao_doan_the",
        "weight": 1.2,
        "position": None,
        "pu": None,
        "unit": "mttq",
        "field": "LV3",
        "party": 1.0,
        "civil": True,
        "leader": True,
        "age": (27, 58),
        "female": 0.45,
        "eth": "staff",
        "edu": ["Đại học", "Cao cấp lý luận chính trị"],
        "contents": ["Cán bộ đoàn thể sâu sát cơ sở", "Đổi mới phương thức vận động hội viên, đoàn viên"],
    },
    {
        "key": "chi_hoi_truong",
        "weight": 3,
        "position": None,
        "pu": None,
        "unit": "hnd",
        "field": "LV3",
        "party": 0.5,
        "grassroots": True,
        "leader": True,
        "age": (28, 62),
        "female": 0.5,
        "eth": "village",
        "edu": ["9/12", "12/12"],
        "contents": ["Chi hội trưởng năng nổ, sáng tạo", "Vận động hội viên giúp nhau thoát nghèo"],
    },
    {
        "key": "uy_tin",
        "weight": 2,
        "position": "Người có uy tín",
        "pu": "Người có uy tín thôn {village}",
        "unit": "thon:{village}",
        "field": "LV7",
        "party": 0.5,
        "grassroots": True,
        "age": (50, 78),
        "female": 0.1,
        "eth": "village",
        "edu": ["5/12", "7/10", "9/12"],
        "contents": [
            "Người có uy tín tiêu biểu trong đồng bào dân tộc thiểu số",
            "Vận động đồng bào không nghe kẻ xấu, giữ vững an ninh vùng biên",
        ],
    },
    {
        "key": "giam_doc_htx",
        "weight": 0.5,
        "position": "Giám đốc",
        "pu": "Giám đốc {htx}",
        "unit": "{htx_key}",
        "field": "LV5",
        "party": 0.6,
        "leader": True,
        "grassroots": True,
        "age": (30, 58),
        "female": 0.35,
        "eth": "village",
        "edu": ["Đại học Nông lâm", "Trung cấp"],
        "contents": ["Doanh nhân hợp tác xã tiêu biểu", "Xây dựng sản phẩm OCOP từ quế hữu cơ"],
    },
    {
        "key": "hoc_sinh",
        "weight": 1.5,
        "position": "Học sinh",
        "pu": "Học sinh lớp {grade} Trường THCS Tân Lập",
        "unit": "truong_thcs",
        "field": "LV6",
        "party": 0.0,
        "grassroots": True,
        "age": (13, 15),
        "female": 0.55,
        "eth": "village",
        "edu": ["Đang học trung học cơ sở"],
        "contents": ["Học sinh nghèo vượt khó, học giỏi", "Tấm gương học sinh người tốt, việc tốt"],
    },
    {
        "key": "cuu_chien_binh",
        "weight": 2,
        "position": "Hội viên Cựu chiến binh",
        "pu": "Hội viên Cựu chiến binh thôn {village}",
        "unit": "hccb",
        "field": "LV3",
        "party": 0.85,
        "grassroots": True,
        "age": (55, 78),
        "female": 0.03,
        "eth": "village",
        "edu": ["7/10", "10/10"],
        "contents": [
            "Cựu chiến binh gương mẫu phát triển kinh tế",
            "Tham gia hòa giải, giữ gìn an ninh thôn bản",
        ],
    },
]
# Posts of archetypes whose position varies: position, "chức vụ, đơn vị", unit key, gender.
POSTS: dict[str, list[tuple[str, str, str | None, str | None]]] = {
    "y_te": [
        (p, f"{p} Trạm Y tế xã Tân Lập", None, g)
        for p, g in [
            ("Y sĩ", None),
            ("Điều dưỡng", None),
            ("Nữ hộ sinh", "female"),
            ("Dược sĩ", None),
            ("Bác sĩ", None),
        ]
    ],
    "cong_an": [
        ("Cán bộ Công an xã", "Cán bộ Công an xã Tân Lập", None, None),
        ("Phó Trưởng Công an xã", "Phó Trưởng Công an xã Tân Lập", None, None),
        ("Công an viên", "Công an viên, Công an xã Tân Lập", None, None),
    ],
    "cong_chuc": [
        (p, f"{p} xã Tân Lập", None, None)
        for p in [
            "Công chức Văn phòng - Thống kê",
            "Công chức Tư pháp - Hộ tịch",
            "Công chức Văn hóa - Xã hội",
            "Công chức Địa chính - Nông nghiệp",
            "Công chức Tài chính - Kế toán",
        ]
    ],
    "lanh_dao_doan_the": [
        ("Chủ tịch Hội Liên hiệp Phụ nữ xã", "Chủ tịch Hội Liên hiệp Phụ nữ xã Tân Lập", "hlhpn", "female"),
        ("Bí thư Đoàn xã", "Bí thư Đoàn Thanh niên Cộng sản Hồ Chí Minh xã Tân Lập", "doan", None),
        ("Chủ tịch Hội Nông dân xã", "Chủ tịch Hội Nông dân xã Tân Lập", "hnd", None),
        ("Chủ tịch Hội Cựu chiến binh xã", "Chủ tịch Hội Cựu chiến binh xã Tân Lập", "hccb", "male"),
        (
            "Phó Chủ tịch Ủy ban MTTQ Việt Nam xã",
            "Phó Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Lập",
            "mttq",
            None,
        ),
    ],
    "chi_hoi_truong": [
        ("Chi hội trưởng Chi hội Phụ nữ", "Chi hội trưởng Chi hội Phụ nữ thôn {village}", "hlhpn", "female"),
        ("Chi hội trưởng Chi hội Nông dân", "Chi hội trưởng Chi hội Nông dân thôn {village}", "hnd", None),
        ("Bí thư Chi đoàn", "Bí thư Chi đoàn thôn {village}", "doan", None),
        (
            "Chi hội trưởng Chi hội Cựu chiến binh",
            "Chi hội trưởng Chi hội Cựu chiến binh thôn {village}",
            "hccb",
            "male",
        ),
    ],
}

# Individual achievement texts (by field code).
INDIVIDUAL_TEXTS: dict[str, tuple[str, str, str]] = {
    "LV1": (
        "Lãnh đạo chi bộ thực hiện nghị quyết của Đảng ủy xã; phụ trách {hh} hộ dân.",
        "Chi bộ {year_span} hoàn thành tốt nhiệm vụ; thôn giảm {n} hộ nghèo; vận động nhân dân hiến {n}00 m² "
        "đất làm đường.",
        "Tổ chức «ngày thứ Bảy cùng dân» để nắm tình hình, giải quyết kiến nghị ngay tại thôn.",
    ),
    "LV2": (
        "Thực hiện nhiệm vụ chuyên môn được giao; tham gia tổ công nghệ số cộng đồng của xã.",
        "Năm {prev} hoàn thành xuất sắc nhiệm vụ; {pct}% hồ sơ giải quyết đúng hạn; không có đơn thư phản ánh.",
        "Hướng dẫn người dân sử dụng dịch vụ công trực tuyến tại nhà văn hóa thôn.",
    ),
    "LV3": (
        "Vận động đoàn viên, hội viên tham gia các phong trào thi đua của xã và của thôn.",
        "Năm {prev} vận động giúp {n} hộ hội viên thoát nghèo; kết nạp {n} hội viên mới.",
        "Sinh hoạt chi hội lồng ghép tuyên truyền pháp luật bằng tiếng dân tộc.",
    ),
    "LV4": (
        "Bảo đảm an ninh, trật tự, sẵn sàng chiến đấu; tham gia phòng, chống thiên tai.",
        "Năm {prev} đạt danh hiệu «Chiến sỹ tiên tiến»; tham gia giải quyết {n} vụ việc từ cơ sở.",
        "Lập nhóm Zalo an ninh thôn để tiếp nhận tin báo của nhân dân.",
    ),
    "LV5": (
        "Phát triển kinh tế gia đình trên diện tích {ha} ha; tạo việc làm cho {n} lao động thời vụ.",
        "Thu nhập năm {prev} đạt {income} triệu đồng; giúp {n} hộ trong thôn giống, kỹ thuật.",
        "Áp dụng quy trình canh tác hữu cơ, ghi nhật ký sản xuất để truy xuất nguồn gốc.",
    ),
    "LV6": (
        "Giảng dạy, giáo dục học sinh; tham gia vận động học sinh ra lớp.",
        "Năm học {prev}-{year}: {pct}% học sinh lên lớp; đạt giáo viên dạy giỏi cấp trường.",
        "Sáng kiến «Góc đọc sách song ngữ» giúp học sinh dân tộc thiểu số học tiếng Việt.",
    ),
    "LV7": (
        "Tham gia công việc chung của thôn; vận động bà con thực hiện nếp sống văn minh.",
        "Vận động {n} hộ xóa bỏ hủ tục; thôn không có người vi phạm pháp luật năm {prev}.",
        "Kể chuyện Bác Hồ tại buổi sinh hoạt cộng đồng hằng quý.",
    ),
}
STUDENT_TEXTS = (
    "Học tập chăm chỉ; giúp đỡ bố mẹ việc nhà và các bạn học yếu trong lớp.",
    "Năm học {prev}-{year} đạt học sinh giỏi; giải Ba cuộc thi «Em yêu khoa học» cấp tỉnh.",
    "Lập «đôi bạn cùng tiến» giúp bạn đọc thông, viết thạo.",
)

# Households.
HOUSEHOLD_CONTENTS: list[tuple[str, str]] = [
    ("Mô hình trồng quế hữu cơ", "LV5"),
    ("Hộ gia đình phát triển kinh tế đồi rừng", "LV5"),
    ("Mô hình du lịch cộng đồng homestay", "LV5"),
    ("Mô hình chăn nuôi trâu, bò vỗ béo", "LV5"),
    ("Mô hình trồng chè Shan tuyết", "LV5"),
    ("Hộ thoát nghèo bền vững", "LV5"),
    ("Hộ gia đình văn hóa tiêu biểu", "LV7"),
    ("Hiến đất làm đường giao thông nông thôn", "LV7"),
]
HOUSEHOLD_TEXTS = (
    "Gia đình có {n} khẩu; canh tác {ha} ha đất nương, đồi rừng.",
    "Thu nhập năm {prev} đạt {income} triệu đồng; con em đi học đầy đủ; gia đình văn hóa {n} năm liền.",
    "Chia sẻ giống, kinh nghiệm cho {n} hộ trong thôn; hiến {n}0 m² đất làm đường.",
)

# Commune cadres who mentor candidates, by field code: name, position, unit.
MENTORS: dict[str, list[tuple[str, str, str]]] = {
    "LV1": [
        ("Lương Văn Tiến", "Trưởng Ban Xây dựng Đảng", "Đảng ủy xã Tân Lập"),
        ("Nông Thị Thu Hà", "Chuyên viên Ban Xây dựng Đảng", "Đảng ủy xã Tân Lập"),
    ],
    "LV2": [("Đặng Thị Hồng", "Phó Chủ tịch", "Ủy ban nhân dân xã Tân Lập")],
    "LV3": [("Triệu Thị Mai", "Chủ tịch", "Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Lập")],
    "LV4": [
        ("Phạm Quốc Khánh", "Trưởng Công an xã", "Công an xã Tân Lập"),
        ("Bùi Văn Hậu", "Chỉ huy trưởng", "Ban Chỉ huy Quân sự xã Tân Lập"),
    ],
    "LV5": [
        ("Trần Đức Mạnh", "Phó Chủ tịch", "Ủy ban nhân dân xã Tân Lập"),
        ("Hà Văn Thông", "Chủ tịch", "Hội Nông dân xã Tân Lập"),
    ],
    "LV6": [("Lê Thị Thanh Huyền", "Hiệu trưởng", "Trường THCS Tân Lập")],
    "LV7": [
        ("Triệu Thị Mai", "Chủ tịch", "Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Lập"),
        ("Lương Văn Tiến", "Trưởng Ban Xây dựng Đảng", "Đảng ủy xã Tân Lập"),
    ],
}

NURTURING_GOALS = [
    "Đến hết năm {year} đạt đầy đủ tiêu chí đã đăng ký; được công nhận, ghi danh điển hình cấp xã.",
    "Duy trì, nâng cao chất lượng mô hình «{content}»; lan tỏa ra ít nhất {n} hộ, tổ chức khác trong xã.",
]
NURTURING_ACTIVITIES = [
    "Gặp gỡ, trao đổi định kỳ hằng quý; hướng dẫn xây dựng báo cáo tự đánh giá; kết nối hỗ trợ vốn, "
    "giống qua Hội Nông dân xã; tuyên truyền trên Trang thông tin điện tử xã.",
    "Tham quan học tập mô hình ở xã bạn; bồi dưỡng kỹ năng báo cáo điển hình; giới thiệu tham gia "
    "giao lưu điển hình tiên tiến của tỉnh.",
]
NURTURING_NOTES = [
    "Đã gặp, trao đổi và thống nhất kế hoạch bồi dưỡng; điển hình đồng ý đăng ký các tiêu chí theo lĩnh vực.",
    "Kiểm tra thực tế tại cơ sở: mô hình duy trì tốt, sổ sách ghi chép đầy đủ.",
    "Hướng dẫn hoàn thiện minh chứng cho báo cáo tự đánh giá (nghị quyết, biên bản, hình ảnh).",
    "Phối hợp Hội Nông dân xã hỗ trợ kết nối tiêu thụ sản phẩm; điển hình tiến bộ rõ.",
    "Nhắc nhở bổ sung bản cam kết nêu gương năm {year}; cần đẩy nhanh tiến độ.",
]

REASONS = {
    "registered": "Đăng ký xây dựng điển hình theo {plan_code}",
    "nurturing": "Phân công người phụ trách bồi dưỡng, giúp đỡ",
    "self_assessed": "Nộp báo cáo tự đánh giá kết quả thực hiện các tiêu chí đã đăng ký",
    "appraised": "Ban Xây dựng Đảng thẩm định kết quả thực hiện tiêu chí",
    "proposed": "Đưa vào danh sách đề nghị Ban Thường vụ Đảng ủy xã xét công nhận, ghi danh",
    "recognised": "Được công nhận, ghi danh điển hình tiên tiến cấp xã (Quyết định số {decision})",
}
REMOVAL_REASONS = [
    "Chuyển công tác ra ngoài địa bàn xã",
    "Không duy trì được mô hình do ảnh hưởng của mưa lũ năm {year}",
    "Không còn đáp ứng tiêu chí đã đăng ký",
]
REPLACE_REASON = "Không duy trì được kết quả đã đăng ký; thay thế bằng điển hình khác"
REPLACEMENT_REASON = "Đăng ký bổ sung, thay thế «{old}»"

# Texts of the self-assessment, chosen by a keyword of the criterion (folded, accent-free).
SELF_TEXTS_COLLECTIVE: list[tuple[str, str]] = [
    (
        "ke hoach",
        "Ban hành kế hoạch học tập và làm theo Bác năm {year}; đưa nội dung vào sinh hoạt định kỳ, "
        "sinh hoạt chuyên đề hằng quý.",
    ),
    (
        "quy dinh so 18",
        "Tổ chức quán triệt Quy định số 18-QĐ/TU và chuyên đề năm {year} cho 100% cán bộ, đảng viên.",
    ),
    (
        "hoc tap",
        "Tổ chức quán triệt Quy định số 18-QĐ/TU và chuyên đề năm {year} cho 100% cán bộ, đảng viên.",
    ),
    ("khen thuong", "Hoàn thành tốt nhiệm vụ năm {prev}; được Chủ tịch UBND xã tặng giấy khen."),
    ("cam ket", "100% cán bộ, đảng viên xây dựng bản cam kết nêu gương năm {year}."),
    ("suy thoai", "Không có cá nhân suy thoái, vi phạm đến mức phải thi hành kỷ luật."),
    ("dien hinh", "Lựa chọn, giới thiệu {n} gương điển hình; tuyên truyền trên Trang thông tin điện tử xã."),
]
SELF_TEXTS_PERSON: list[tuple[str, str]] = [
    (
        "chap hanh",
        "Chấp hành nghiêm chủ trương của Đảng, pháp luật của Nhà nước; sử dụng mạng xã hội đúng mực; "
        "dùng thành thạo ứng dụng VNeID, dịch vụ công trực tuyến.",
    ),
    (
        "hoc tap",
        "Tham gia đầy đủ các buổi học tập chuyên đề năm {year}; đăng ký và thực hiện việc làm theo Bác.",
    ),
    (
        "guong mau",
        "Gương mẫu trong lối sống, được nhân dân và đồng nghiệp tín nhiệm; tích cực giúp đỡ cộng đồng.",
    ),
    ("co so", "Được Ban công tác Mặt trận thôn và Chi bộ xác nhận đủ điều kiện xây dựng điển hình."),
    ("uu tien", "Năm {prev} hoàn thành xuất sắc nhiệm vụ."),
]
EVIDENCE_COLLECTIVE = [
    "Nghị quyết chi bộ tháng {m}/{year}",
    "Kế hoạch số {k}-KH/CB ngày {d}/{m}/{year}",
    "Biên bản sinh hoạt chuyên đề quý {q}/{year}",
    "Quyết định công nhận kết quả đánh giá, xếp loại năm {prev}",
]
EVIDENCE_PERSON = [
    "Bản cam kết nêu gương năm {year}",
    "Phiếu đánh giá, xếp loại năm {prev}",
    "Xác nhận của Ban công tác Mặt trận thôn",
    "Nhận xét của chi bộ nơi cư trú",
]
NOT_MET_COMMENTS = [
    "Chưa có minh chứng kèm theo; đề nghị bổ sung.",
    "Số liệu chưa đạt yêu cầu của tiêu chí.",
    "Kết quả xếp loại năm {prev} chưa đạt mức tối thiểu.",
]

# Past awards (entered by hand for the achievement reports): title, kind, issuer, symbol, year, note.
PAST_AWARDS_PERSON = [
    (
        "Giấy khen",
        "certificate",
        "Chủ tịch Ủy ban nhân dân huyện Văn Bàn",
        "QĐ-UBND",
        2023,
        "Đã có thành tích xuất sắc trong phong trào thi đua «Lào Cai chung sức xây dựng nông thôn mới»",
    ),
    (
        "Giấy khen",
        "certificate",
        "Ban Thường vụ Huyện ủy Văn Bàn",
        "QĐ/HU",
        2024,
        "Đã có thành tích tiêu biểu trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    ),
    (
        "Bằng khen",
        "merit",
        "Chủ tịch Ủy ban nhân dân tỉnh Lào Cai",
        "QĐ-UBND",
        2022,
        "Đã có thành tích xuất sắc trong phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số",
    ),
]
PAST_AWARDS_COLLECTIVE = [
    (
        "Giấy khen",
        "certificate",
        "Ban Thường vụ Huyện ủy Văn Bàn",
        "QĐ/HU",
        2023,
        "Tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ 5 năm liền (2018-2022)",
    ),
    (
        "Giấy khen",
        "certificate",
        "Chủ tịch Ủy ban nhân dân huyện Văn Bàn",
        "QĐ-UBND",
        2024,
        "Đã có thành tích xuất sắc trong phong trào thi đua yêu nước năm 2024",
    ),
]
