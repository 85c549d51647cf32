"""Regenerate the two checked-in sample rounds, byte for byte.

Why: the samples are what a new user scores first and what the docs and tests point at, so
they must look like a real secretariat's list (named enterprises, mixed number formats, a
title above the header, a totals row) and must show chuluc's features on purpose: planted
data mistakes, ineligible products, a tie on total settled by the tie-break and a
per-enterprise quota that bites. Nothing here is random at run time: the figures come from
a fixed seed and every planted row is written out below, so sample_data/README.md can name
the rows. Regenerate after changing this file and check the README's row numbers:

    python sample_data/make_samples.py
"""

from __future__ import annotations

import datetime as dt
import math
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "benchmarks"))

import generate as gen  # noqa: E402  (benchmarks/generate.py: vocabulary and writer)

from chuluc_cli.criteria.model import Criteria  # noqa: E402

SEED = 2025


@dataclass
class SampleRow:
    """One product of a sample: true values, then the cells as typed, and what was planted."""

    values: dict[str, Any]
    cells: dict[str, gen.Cell] = field(default_factory=dict)
    note: str | None = None  # what this row demonstrates (README), None for ordinary rows


# --- Hanoi key industrial products: 60 products, 39 enterprises, five sectors -------------------

# fmt: off
HANOI_ENTERPRISES: list[tuple[str, str, list[str]]] = [
    ("Công ty TNHH Cơ khí Đông Anh", "co_khi",
     ["Máy biến áp phân phối 630kVA", "Tủ điện hạ thế MSB"]),
    ("Công ty Cổ phần Thiết bị điện Thăng Long", "co_khi",
     ["Máy biến áp khô 1000kVA", "Dây cáp điện lực CXV", "Động cơ điện 3 pha 15kW"]),
    ("Công ty TNHH Chế tạo máy Gia Lâm", "co_khi", ["Máy cắt plasma CNC"]),
    ("Công ty Cổ phần Thang máy Sông Đà", "co_khi", ["Thang máy tải khách 1000kg"]),
    ("Công ty TNHH Kết cấu thép Sóc Sơn", "co_khi",
     ["Kết cấu thép nhà xưởng", "Cầu trục dầm đôi 10 tấn"]),
    ("Công ty Cổ phần Cơ khí chính xác Quang Minh", "co_khi", ["Bánh răng hộp số ô tô"]),
    ("Công ty TNHH Bơm và Van Hồng Hà", "co_khi", ["Bơm ly tâm trục ngang"]),
    ("Công ty TNHH MTV Máy nông nghiệp Phú Xuyên", "co_khi", ["Máy gặt đập liên hợp cỡ nhỏ"]),
    ("Công ty Cổ phần Điện tử Hà Nội", "dien_tu",
     ["Tivi LED 43 inch", "Bo mạch điều khiển điều hòa", "Bộ điều khiển chiếu sáng thông minh",
      "Công tơ điện tử 1 pha"]),
    ("Công ty TNHH Thiết bị đo lường Phương Đông", "dien_tu", ["Thiết bị đo điện năng từ xa"]),
    ("Công ty Cổ phần Công nghệ Viễn thông Hòa Lạc", "dien_tu",
     ["Modem quang GPON", "Camera giám sát IP"]),
    ("Công ty TNHH Chiếu sáng Việt Nhật", "dien_tu", ["Đèn LED chiếu sáng đường phố 150W"]),
    ("Công ty Cổ phần Phần mềm Y tế Cầu Giấy", "dien_tu", ["Phần mềm quản lý bệnh viện"]),
    ("Công ty TNHH Điện tử Bắc Thăng Long", "dien_tu",
     ["Bộ nguồn xung 24V", "Cảm biến nhiệt độ công nghiệp"]),
    ("Công ty TNHH Giải pháp Giao thông Tràng An", "dien_tu", ["Bảng điện tử hiển thị giao thông"]),
    ("Công ty Cổ phần Dệt kim Thăng Long", "det_may", ["Vải dệt kim cotton", "Áo phông polo"]),
    ("Công ty Cổ phần May Hà Đông", "det_may",
     ["Áo sơ mi nam xuất khẩu", "Áo jacket hai lớp", "Quần jean nam"]),
    ("Công ty TNHH Giày da Minh Long", "det_may", ["Giày thể thao nữ", "Giày da nam"]),
    ("Công ty TNHH Lụa tơ tằm Vạn Phúc", "det_may", ["Vải lụa tơ tằm Vạn Phúc"]),
    ("Công ty Cổ phần Khăn bông Hồng Hà", "det_may", ["Khăn bông cao cấp"]),
    ("Công ty TNHH Bảo hộ lao động Thường Tín", "det_may", ["Quần áo bảo hộ lao động"]),
    ("Công ty TNHH Sợi Phương Đông", "det_may", ["Sợi cotton chải kỹ"]),
    ("Công ty TNHH MTV Thời trang Tân Á", "det_may", ["Túi xách da thuộc"]),
    ("Công ty TNHH Thực phẩm Hàng Than", "che_bien_thuc_pham",
     ["Bánh cốm Hàng Than", "Bánh quy bơ"]),
    ("Công ty Cổ phần Sữa Ba Vì", "che_bien_thuc_pham",
     ["Sữa tươi tiệt trùng", "Sữa chua uống men sống"]),
    ("Công ty Cổ phần Bia Hà Thành", "che_bien_thuc_pham", ["Bia hơi Hà Thành"]),
    ("Công ty TNHH Thực phẩm Ước Lễ", "che_bien_thuc_pham", ["Giò lụa Ước Lễ"]),
    ("Công ty Cổ phần Thực phẩm Minh Long", "che_bien_thuc_pham", ["Mì ăn liền", "Bún khô"]),
    ("Công ty TNHH Nước giải khát Kim Long", "che_bien_thuc_pham",
     ["Nước tinh khiết đóng bình", "Trà xanh đóng chai"]),
    ("Công ty TNHH Chế biến thịt Đông Anh", "che_bien_thuc_pham", ["Xúc xích tiệt trùng"]),
    ("Công ty TNHH Dầu thực vật Long Biên", "che_bien_thuc_pham", ["Dầu ăn thực vật"]),
    ("Công ty Cổ phần Sơn Đại Việt", "vat_lieu_moi", ["Sơn chống thấm gốc nước", "Bột bả tường"]),
    ("Công ty Cổ phần Nhựa Thăng Long", "vat_lieu_moi", ["Ống nhựa HDPE", "Màng chống thấm HDPE"]),
    ("Công ty TNHH Kính An Phát", "vat_lieu_moi", ["Kính cường lực Low-E"]),
    ("Công ty Cổ phần Dược phẩm Hà Thành", "vat_lieu_moi",
     ["Viên nang cứng paracetamol", "Thuốc nhỏ mắt", "Dung dịch sát khuẩn"]),
    ("Công ty TNHH Vật liệu xây dựng Sơn Tây", "vat_lieu_moi", ["Gạch không nung"]),
    ("Công ty Cổ phần Vật liệu mới Hòa Lạc", "vat_lieu_moi", ["Hạt nhựa sinh học"]),
    ("Công ty TNHH Composite Trường Sơn", "vat_lieu_moi", ["Tấm ốp nhôm composite"]),
    ("Công ty TNHH Sứ vệ sinh Thanh Trì", "vat_lieu_moi", ["Sứ vệ sinh cao cấp"]),
]
# Product revenue medians in tỷ đồng and export shares by sector: what the figures vary around.
HANOI_SECTOR_REVENUE = {"co_khi": 260, "dien_tu": 320, "det_may": 160,
                        "che_bien_thuc_pham": 140, "vat_lieu_moi": 190}
HANOI_SECTOR_EXPORT = {"co_khi": (0, 30), "dien_tu": (5, 50), "det_may": (25, 80),
                       "che_bien_thuc_pham": (0, 20), "vat_lieu_moi": (0, 35)}

# Planted data mistakes: product -> (field, cell as typed, what it shows).
HANOI_MISTAKES: dict[str, tuple[str, gen.Cell, str]] = {
    "Máy gặt đập liên hợp cỡ nhỏ": ("employees", None, "Số lao động để trống (bắt buộc)"),
    "Bảng điện tử hiển thị giao thông": ("revenue", "N/A", "Doanh thu năm N ghi \"N/A\""),
    "Gạch không nung": ("sector", "Xây dựng", "Ngành \"Xây dựng\" không thuộc 5 ngành ưu tiên"),
    "Kính cường lực Low-E": ("tax_code", "010123456", "Mã số thuế 9 chữ số"),
    "Túi xách da thuộc": ("founded", "31/02/2015", "Ngày thành lập không có thật (31/02/2015)"),
}
# Ineligible products: product -> (true values, which gate fails and why).
HANOI_INELIGIBLE: dict[str, tuple[dict[str, Any], str]] = {
    "Khăn bông cao cấp": ({"in_hanoi": False}, "G1: nhà máy đã chuyển sang Hưng Yên"),
    "Dầu ăn thực vật": ({"no_tax_debt": False}, "G2: còn nợ thuế"),
    "Sợi cotton chải kỹ": ({"env_compliant": False}, "G3: bị xử phạt về môi trường"),
    "Trà xanh đóng chai": ({"no_ip_violation": False}, "G4: vi phạm nhãn hiệu"),
    # A start-up: no revenue in year N-1 either.
    "Hạt nhựa sinh học": ({"founded": dt.date(2024, 3, 1), "revenue": 42.5, "revenue_prev": None,
                           "employees": 38, "export_share": 0.0, "export_markets": 0},
                          "G5: thành lập 01/03/2024, chưa đủ 2 năm"),
}
# fmt: on
NEW_PRODUCT = "Thuốc nhỏ mắt"  # launched in year N: revenue N-1 left blank on purpose
QUOTA_ENTERPRISE = "Công ty Cổ phần Điện tử Hà Nội"  # 4 strong products, cap 3 per tax code
# Same total, separated by the tie-break's "revenue desc": the later id ranks first.
TIE_PAIR = ("Máy biến áp khô 1000kVA", "Ống nhựa HDPE")
TIE_VALUES: dict[str, Any] = {
    "export_share": 20.0, "export_markets": 6, "iso_9001": True, "intl_standard": True,
    "localisation": 72.0, "rd_share": 1.5, "defect_rate": 1.0,
}  # fmt: skip
TIE_CELLS: dict[str, gen.Cell] = {  # typed the same way in both rows
    "export_share": "20%", "export_markets": 6, "iso_9001": "Có", "intl_standard": "Có",
    "localisation": "72%", "rd_share": "1,5%", "defect_rate": "1%",
}  # fmt: skip
TIE_FIGURES = {  # revenue, revenue N-1: growth >= 15 %, increase >= 100 tỷ, both >= 500 tỷ
    "Máy biến áp khô 1000kVA": (768.0, 640.0),
    "Ống nhựa HDPE": (812.4, 680.0),
}
# Employees of the tie pair's enterprises: the same points band for size and productivity.
TIE_EMPLOYEES = {
    "Công ty Cổ phần Thiết bị điện Thăng Long": 420,
    "Công ty Cổ phần Nhựa Thăng Long": 450,
}


def _lognormal(rng: random.Random, median: float, sigma: float) -> float:
    return rng.lognormvariate(math.log(median), sigma)


def _hanoi_enterprise_facts(rng: random.Random, name: str) -> dict[str, Any]:
    strong = name == QUOTA_ENTERPRISE
    employees = round(min(3000, max(25, _lognormal(rng, 260, 0.8))))
    return {
        "enterprise": name,
        "tax_code": "01" + "".join(str(rng.randint(0, 9)) for _ in range(8)),
        "in_hanoi": True,
        "no_tax_debt": True,
        "env_compliant": True,
        "no_ip_violation": True,
        "founded": gen.date_between(rng, dt.date(1965, 1, 1), dt.date(2019, 12, 31)),
        "employees": 1450 if strong else TIE_EMPLOYEES.get(name, employees),
        "iso_9001": strong or name in TIE_EMPLOYEES or rng.random() < 0.7,
    }


def _hanoi_product_values(rng: random.Random, sector: str, strong: bool) -> dict[str, Any]:
    revenue = _lognormal(rng, HANOI_SECTOR_REVENUE[sector] * (3 if strong else 1), 0.7)
    growth = rng.gauss(0.16 if strong else 0.07, 0.07)
    low, high = HANOI_SECTOR_EXPORT[sector]
    exports = 0.0 if not strong and rng.random() < 0.3 else round(rng.uniform(low, high), 1)
    return {
        "sector": sector,
        "revenue": round(revenue, 1),
        "revenue_prev": round(revenue / (1 + growth), 1),
        "export_share": exports,
        "export_markets": 0 if not exports else rng.randint(1, 25),
        "intl_standard": strong or rng.random() < 0.4,
        "localisation": round(rng.uniform(35 if strong else 20, 90), 1),
        "rd_share": round(rng.uniform(1.5 if strong else 0.1, 3.5), 2),
        "defect_rate": round(rng.uniform(0.3, 1.5 if strong else 4.5), 2),
    }


def hanoi_rows(criteria: Criteria) -> list[SampleRow]:
    """The 60 Hanoi nominations, ordered by sector as the secretariat lists them."""
    rng = random.Random(SEED)
    rows: list[SampleRow] = []
    for name, sector, products in HANOI_ENTERPRISES:
        facts = _hanoi_enterprise_facts(rng, name)
        for product in products:
            values = {"product_id": f"HN-{gen.YEAR}-{len(rows) + 1:03d}", "product": product}
            values |= facts | _hanoi_product_values(rng, sector, name == QUOTA_ENTERPRISE)
            rows.append(_hanoi_special(SampleRow(values), product))
    for row in rows:
        cells = {name: gen.present(criteria.fields[name], row.values.get(name), rng)
                 for name in criteria.fields}  # fmt: skip
        row.cells = cells | row.cells
    return rows


def _hanoi_special(row: SampleRow, product: str) -> SampleRow:
    values = row.values
    if product in HANOI_MISTAKES:
        name, cell, note = HANOI_MISTAKES[product]
        row.cells[name], row.note = cell, f"lỗi dữ liệu: {note}"
    if product in HANOI_INELIGIBLE:
        changes, note = HANOI_INELIGIBLE[product]
        values |= changes
        row.note = f"không đủ điều kiện {note}"
    if product == NEW_PRODUCT:
        values["revenue_prev"], row.note = None, "sản phẩm mới: doanh thu năm N-1 để trống"
    if values["enterprise"] == QUOTA_ENTERPRISE:
        row.note = "hạn mức: doanh nghiệp có 4 sản phẩm, tối đa 3 được chọn"
    if product in TIE_PAIR:
        revenue, previous = TIE_FIGURES[product]
        values |= TIE_VALUES | {"revenue": revenue, "revenue_prev": previous}
        row.cells |= TIE_CELLS | {"revenue": revenue, "revenue_prev": previous}
        row.note = "bằng điểm: phân định bằng doanh thu (tie-break revenue desc)"
    return row


# --- OCOP: 30 products rated 2 to 5 stars --------------------------------------------------------

# fmt: off
OCOP_COLUMNS = ("product", "enterprise", "org_form", "category", "raw_material", "local_labour",
                "linkage", "technology", "environment", "market", "promotion_events", "story",
                "traceability", "sensory_score", "standard", "quality_system",
                "months_since_test")
# One line per product, in OCOP_COLUMNS order; choice values are the ruleset's keys.
OCOP_PRODUCTS: list[tuple[Any, ...]] = [
    ("Chè búp Ba Vì", "Hợp tác xã Chè an toàn Ba Trại", "hop_tac_xa", "do_uong",
     "vung_nguyen_lieu", 95, "chuoi", "tien_tien", "tot", "xuat_khau", 7, "hap_dan", True,
     4.8, "quoc_te", "quoc_te", 4),
    ("Gốm Bát Tràng men lam", "Công ty TNHH Gốm sứ Bát Tràng Xưa", "doanh_nghiep", "luu_niem",
     "dia_phuong", 90, "chuoi", "tien_tien", "tot", "xuat_khau", 9, "hap_dan", True,
     4.9, "quoc_te", "quoc_te", 5),
    ("Giò chả Ước Lễ", "Hợp tác xã Giò chả Ước Lễ", "hop_tac_xa", "thuc_pham",
     "vung_nguyen_lieu", 85, "chuoi", "co_gioi", "tot", "toan_quoc", 6, "hap_dan", True,
     4.6, "quoc_gia", "quoc_te", 6),
    ("Mật ong hoa nhãn", "Hợp tác xã Ong mật Tản Lĩnh", "hop_tac_xa", "thuc_pham",
     "vung_nguyen_lieu", 80, "chuoi", "co_gioi", "tot", "toan_quoc", 5, "hap_dan", True,
     4.4, "quoc_gia", "co_ban", 8),
    ("Lụa tơ tằm Vạn Phúc", "Công ty TNHH Lụa tơ tằm Vạn Phúc", "doanh_nghiep", "may_mac",
     "mot_phan", 75, "co", "co_gioi", "dat", "xuat_khau", 6, "hap_dan", True,
     4.5, "co_so", "co_ban", 10),
    ("Miến dong Minh Hồng", "Hợp tác xã Miến dong Minh Hồng", "hop_tac_xa", "thuc_pham",
     "vung_nguyen_lieu", 70, "co", "co_gioi", "dat", "toan_quoc", 4, "hap_dan", True,
     4.2, "co_so", "co_ban", 9),
    ("Sữa chua Ba Vì", "Công ty TNHH Sữa bò Tản Viên", "doanh_nghiep", "thuc_pham",
     "dia_phuong", 65, "chuoi", "tien_tien", "dat", "ngoai_tinh", 3, "co", True,
     4.3, "quoc_gia", "quoc_te", 3),
    ("Mây tre đan Phú Vinh", "Hợp tác xã Mây tre đan Phú Vinh", "hop_tac_xa", "luu_niem",
     "mot_phan", 90, "co", "thu_cong", "dat", "xuat_khau", 5, "hap_dan", True,
     4.6, "co_so", "khong", 12),
    ("Trà túi lọc cà gai leo", "Hợp tác xã Dược liệu Tản Lĩnh", "hop_tac_xa", "thao_duoc",
     "vung_nguyen_lieu", 80, "co", "ban_co_gioi", "dat", "ngoai_tinh", 4, "co", True,
     4.0, "co_so", "co_ban", 8),
    ("Bưởi Diễn", "Hợp tác xã Bưởi Diễn Phú Diễn", "hop_tac_xa", "thuc_pham",
     "dia_phuong", 85, "co", "ban_co_gioi", "dat", "ngoai_tinh", 3, "hap_dan", True,
     4.1, "co_so", "co_ban", 10),
    ("Nón lá Chuông", "Tổ hợp tác Nón lá làng Chuông", "to_hop_tac", "luu_niem",
     "mot_phan", 95, "co", "thu_cong", "dat", "ngoai_tinh", 4, "hap_dan", False,
     4.2, "co_so", "khong", 14),
    ("Tương Cự Đà", "Hộ kinh doanh Nguyễn Thị Hoa", "ho_kinh_doanh", "thuc_pham",
     "dia_phuong", 60, "co", "ban_co_gioi", "dat", "tinh", 2, "hap_dan", True,
     4.0, "co_so", "co_ban", 11),
    ("Rượu làng Vân", "Hợp tác xã Rượu làng Vân", "hop_tac_xa", "do_uong",
     "mot_phan", 70, "co", "ban_co_gioi", "dat", "ngoai_tinh", 2, "co", True,
     3.8, "co_so", "khong", 15),
    ("Bánh chưng Tranh Khúc", "Tổ hợp tác Bánh chưng Tranh Khúc", "to_hop_tac", "thuc_pham",
     "dia_phuong", 80, "co", "thu_cong", "dat", "tinh", 3, "hap_dan", False,
     4.0, "co_so", "khong", 12),
    ("Quạt Chàng Sơn", "Hộ kinh doanh Trần Văn Bình", "ho_kinh_doanh", "luu_niem",
     "mot_phan", 70, "co", "thu_cong", "dat", "tinh", 2, "co", False,
     3.9, "co_so", "khong", 16),
    ("Tinh dầu tràm", "Công ty TNHH Tinh dầu Quốc Oai", "doanh_nghiep", "thao_duoc",
     "ngoai_tinh", 50, "co", "co_gioi", "dat", "ngoai_tinh", 3, "co", True,
     3.7, "co_so", "co_ban", 12),
    ("Nhãn chín muộn", "Hợp tác xã Nhãn chín muộn Đông Xuân", "hop_tac_xa", "thuc_pham",
     "dia_phuong", 75, "co", "thu_cong", "dat", "tinh", 2, "co", True,
     3.9, "co_so", "co_ban", 13),
    ("Xà phòng thảo dược", "Hộ kinh doanh Lê Thị Lan", "ho_kinh_doanh", "thao_duoc",
     "mot_phan", 40, "co", "ban_co_gioi", "dat", "tinh", 2, "co", False,
     3.6, "co_so", "khong", 10),
    ("Tượng gỗ Sơn Đồng", "Tổ hợp tác Tạc tượng Sơn Đồng", "to_hop_tac", "luu_niem",
     "ngoai_tinh", 85, "co", "thu_cong", "dat", "ngoai_tinh", 2, "hap_dan", False,
     4.1, "co_so", "khong", 18),
    ("Du lịch làng cổ Đường Lâm", "Hợp tác xã Du lịch Đường Lâm", "hop_tac_xa", "du_lich",
     "dia_phuong", 90, "co", "thu_cong", "dat", "toan_quoc", 4, "hap_dan", False,
     4.0, "khong", "khong", 24),
    ("Nước cốt gừng", "Hộ kinh doanh Phạm Đức Minh", "ho_kinh_doanh", "do_uong",
     "ngoai_tinh", 50, "khong", "ban_co_gioi", "dat", "tinh", 1, "co", False,
     3.5, "co_so", "khong", 14),
    ("Ổi Đông Dư", "Tổ hợp tác Ổi Đông Dư", "to_hop_tac", "thuc_pham",
     "dia_phuong", 60, "khong", "thu_cong", "chua", "huyen", 1, "co", False,
     3.6, "co_so", "khong", 20),
    ("Tò he Xuân La", "Hộ kinh doanh Đặng Văn Hùng", "ho_kinh_doanh", "luu_niem",
     "ngoai_tinh", 50, "khong", "thu_cong", "dat", "tinh", 1, "co", False,
     3.4, "co_so", "khong", 18),
    ("Guốc mộc Đào Xá", "Hộ kinh doanh Vũ Thị Mai", "ho_kinh_doanh", "luu_niem",
     "ngoai_tinh", 50, "khong", "ban_co_gioi", "dat", "tinh", 1, "co", False,
     3.2, "co_so", "khong", 24),
    ("Cao ích mẫu", "Hộ kinh doanh Ngô Quang Huy", "ho_kinh_doanh", "thao_duoc",
     "mot_phan", 45, "khong", "thu_cong", "dat", "tinh", 1, "co", False,
     3.0, "co_so", "khong", 18),
    ("Khăn lụa thêu tay", "Hộ kinh doanh Bùi Thị Thu", "ho_kinh_doanh", "may_mac",
     "ngoai_tinh", 35, "co", "thu_cong", "dat", "tinh", 1, "co", False,
     3.3, "co_so", "khong", 20),
    ("Vịt Vân Đình", "Tổ hợp tác Chăn nuôi Vân Đình", "to_hop_tac", "thuc_pham",
     "dia_phuong", 70, "co", "thu_cong", "dat", "tinh", 1, "co", False,
     3.5, "co_so", "khong", 16),
    ("Bánh tẻ Phú Nhi", "Hộ kinh doanh Đỗ Văn An", "ho_kinh_doanh", "thuc_pham",
     "dia_phuong", 80, "co", "thu_cong", "dat", "tinh", 2, "hap_dan", False,
     4.0, "co_so", "khong", 12),
    ("Trà hoa vàng", "Hợp tác xã Trà hoa vàng Ba Vì", "hop_tac_xa", "do_uong",
     "vung_nguyen_lieu", 80, "co", "ban_co_gioi", "dat", "ngoai_tinh", 3, "hap_dan", True,
     4.2, "co_so", "co_ban", 9),
    ("Thổ cẩm dệt tay", "Tổ hợp tác Dệt thổ cẩm Ba Vì", "to_hop_tac", "may_mac",
     "mot_phan", 90, "co", "thu_cong", "dat", "ngoai_tinh", 3, "hap_dan", False,
     4.1, "co_so", "khong", 18),
]
# Planted: product -> (field, cell or true value, what it shows).
OCOP_INELIGIBLE: dict[str, tuple[str, Any, str]] = {
    "Tương Cự Đà": ("registration", None, "G1: hộ kinh doanh chưa có mã số thuế"),
    "Bánh chưng Tranh Khúc": ("food_safety", False,
                              "G2: thực phẩm chưa có chứng nhận an toàn thực phẩm"),
}
OCOP_MISTAKES: dict[str, tuple[str, gen.Cell, str]] = {
    "Quạt Chàng Sơn": ("promotion_events", "nhiều", "Số hội chợ, triển lãm ghi \"nhiều\""),
}
# fmt: on
OCOP_FOOD = ("thuc_pham", "do_uong", "thao_duoc")


def ocop_rows(criteria: Criteria) -> list[SampleRow]:
    """The 30 OCOP nominations of one district round."""
    rng = random.Random(SEED + 1)
    rows = []
    for index, line in enumerate(OCOP_PRODUCTS):
        values = {"product_id": f"OCOP-{gen.YEAR}-{index + 1:03d}"}
        values |= dict(zip(OCOP_COLUMNS, line, strict=True))
        values["registration"] = gen.tax_code(rng).removesuffix("-001")
        values["food_safety"] = True if values["category"] in OCOP_FOOD else None
        values["label_ok"] = True
        rows.append(_ocop_special(SampleRow(values)))
    for row in rows:
        cells = {name: gen.present(criteria.fields[name], row.values.get(name), rng)
                 for name in criteria.fields}  # fmt: skip
        row.cells = cells | row.cells
    return rows


def _ocop_special(row: SampleRow) -> SampleRow:
    product = row.values["product"]
    if product in OCOP_INELIGIBLE:
        name, value, note = OCOP_INELIGIBLE[product]
        row.values[name], row.note = value, f"không đủ điều kiện {note}"
    if product in OCOP_MISTAKES:
        name, cell, note = OCOP_MISTAKES[product]
        row.cells[name], row.note = cell, f"lỗi dữ liệu: {note}"
    return row


# --- writing -------------------------------------------------------------------------------


def write_sample(
    path: Path, criteria: Criteria, rows: list[SampleRow], blank_after: int
) -> list[str]:
    """Write ``rows`` as a nominations list; return one line per planted row with its Excel row."""
    table = [[i + 1, *(row.cells[name] for name in criteria.fields)] for i, row in enumerate(rows)]
    excel_rows = gen.write_workbook(
        path, criteria, gen.headers_for(criteria), table, blank_after={blank_after}
    )
    lines = [f"{path.name}: {len(rows)} products"]
    for excel_row, row in zip(excel_rows, rows, strict=True):
        if row.note:
            product = f"{row.values['product_id']}  {row.values['product']}"
            lines.append(f"  row {excel_row:>3}  {product}: {row.note}")
    lines.append(f"  row {excel_rows[blank_after] + 1:>3}  (dòng trống)")
    lines.append(f"  row {excel_rows[-1] + 1:>3}  {gen.TOTALS_LABEL}")
    return lines


def main() -> None:
    """Write sample_data/hanoi-2025.xlsx and sample_data/ocop-2025.xlsx."""
    from chuluc_cli.criteria.loader import load_criteria

    hanoi = load_criteria("hanoi-spcncl")
    lines = write_sample(HERE / "hanoi-2025.xlsx", hanoi, hanoi_rows(hanoi), blank_after=29)
    ocop = load_criteria("ocop-2023")
    lines += write_sample(HERE / "ocop-2025.xlsx", ocop, ocop_rows(ocop), blank_after=14)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
