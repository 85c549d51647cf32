"""Generate realistic nomination spreadsheets for any ruleset: benchmark inputs and samples.

Why: chuluc's reader has to cope with the spreadsheets committees really receive, and its
speed has to be measured on them, not on tidy tables. So the nominations generated here
look like a secretariat's list: a title and a date above the header, an "STT" column,
Vietnamese names, tax codes with a leading zero stored as text, revenues typed as
"1.234,5", percents both as "12,5%" text and as percent-formatted numbers, "Có"/"x"/"Không",
dates both as real dates and as "15/03/2019" text, blank rows here and there and a
"Tổng cộng" row at the bottom. A share of rows carries typical mistakes and a share fails
an eligibility gate.

Everything is driven by the ruleset's ``fields`` (first header, type, first alias of each
choice, min/max), so any criteria file works; known field names (revenue, employees...)
get more plausible values. The same seed always gives the same rows and the same file.

    python benchmarks/generate.py --criteria hanoi-spcncl --rows 10000 --seed 1 \\
        -o benchmarks/data/hanoi-10k.xlsx
"""

from __future__ import annotations

import argparse
import ast
import csv
import datetime as dt
import importlib.util
import math
import random
import sys
from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if importlib.util.find_spec("chuluc_cli") is None:  # a source checkout without `pip install -e .`
    sys.path.insert(0, str(ROOT / "src"))

from chuluc_cli.criteria.loader import load_criteria  # noqa: E402
from chuluc_cli.criteria.model import Criteria, FieldSpec, FieldType  # noqa: E402

YEAR = 2025
LIST_DATE = dt.date(YEAR, 10, 15)
CONSTANT_MEMORY_FROM = 2_000  # rows; xlsxwriter then streams rows instead of keeping them
SHEET_NAME = "Danh sách"
TOTALS_LABEL = "Tổng cộng"
ID_PREFIXES = {"hanoi-spcncl": "HN", "ocop-2023": "OCOP", "cnnt-2014": "CNNT"}
# Enterprise-level facts: the same for every product of one enterprise.
ENTERPRISE_FIELDS = frozenset(
    {
        "tax_code",
        "registration",
        "founded",
        "employees",
        "in_hanoi",
        "no_tax_debt",
        "env_compliant",
        "no_ip_violation",
        "iso_9001",
        "org_form",
    }
)
# Products per enterprise: mean about 1.5; the 4s make per-enterprise quotas bite.
PRODUCTS_PER_ENTERPRISE = ((1, 0.65), (2, 0.23), (3, 0.08), (4, 0.04))


@dataclass(frozen=True)
class PercentCell:
    """A percent stored the Excel way: the fraction in a cell formatted "0.0%" (0.125 = 12,5%)."""

    fraction: float


Cell = str | int | float | dt.date | PercentCell | None


# --- vocabulary ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Vocabulary:
    """Product names of one sector or product group, and trades for enterprise names."""

    products: tuple[str, ...]
    trades: tuple[str, ...]


# fmt: off
VOCABULARY: dict[str, Vocabulary] = {
    # Hanoi's five priority industries (hanoi-spcncl `sector` keys).
    "co_khi": Vocabulary(
        ("Máy biến áp phân phối 630kVA", "Máy biến áp khô 1000kVA", "Tủ điện hạ thế MSB",
         "Động cơ điện 3 pha 15kW", "Bơm ly tâm trục ngang", "Máy cắt plasma CNC",
         "Thang máy tải khách 1000kg", "Kết cấu thép nhà xưởng", "Dây cáp điện lực CXV",
         "Quạt công nghiệp hướng trục", "Van công nghiệp gang cầu", "Khung xe máy",
         "Máy gặt đập liên hợp cỡ nhỏ", "Cầu trục dầm đôi 10 tấn", "Bánh răng hộp số ô tô",
         "Máy phát điện diesel 250kVA", "Thiết bị nâng hạ thủy lực", "Dao cụ cắt gọt kim loại"),
        ("Cơ khí", "Chế tạo máy", "Thiết bị điện", "Cơ điện", "Kết cấu thép", "Cơ khí chính xác"),
    ),
    "dien_tu": Vocabulary(
        ("Công tơ điện tử 1 pha", "Bo mạch điều khiển điều hòa", "Camera giám sát IP",
         "Đèn LED chiếu sáng đường phố 150W", "Phần mềm quản lý bệnh viện",
         "Thiết bị định vị GPS cho ô tô", "Bộ lưu điện UPS 10kVA", "Modem quang GPON",
         "Máy tính bảng giáo dục", "Bộ điều khiển chiếu sáng thông minh",
         "Thiết bị đo điện năng từ xa", "Cảm biến nhiệt độ công nghiệp", "Tivi LED 43 inch",
         "Bảng điện tử hiển thị giao thông", "Bộ nguồn xung 24V", "Khóa cửa điện tử"),
        ("Điện tử", "Công nghệ thông tin", "Thiết bị viễn thông", "Điện tử viễn thông",
         "Phần mềm", "Chiếu sáng"),
    ),
    "det_may": Vocabulary(
        ("Vải dệt kim cotton", "Áo sơ mi nam xuất khẩu", "Giày thể thao nữ", "Quần jean nam",
         "Khăn bông cao cấp", "Túi xách da thuộc", "Quần áo bảo hộ lao động", "Chỉ may polyester",
         "Áo jacket hai lớp", "Sợi cotton chải kỹ", "Vải lụa tơ tằm Vạn Phúc", "Giày da nam",
         "Đồng phục học sinh", "Áo phông polo", "Chăn ga gối đệm", "Găng tay bảo hộ"),
        ("Dệt may", "May mặc", "Dệt kim", "Da giày", "Thời trang", "Sợi"),
    ),
    "che_bien_thuc_pham": Vocabulary(
        ("Bánh cốm Hàng Than", "Sữa tươi tiệt trùng", "Bia hơi", "Giò lụa", "Mì ăn liền",
         "Nước tinh khiết đóng bình", "Bánh quy bơ", "Trà xanh đóng chai", "Xúc xích tiệt trùng",
         "Dầu ăn thực vật", "Bún khô", "Miến dong", "Kẹo lạc", "Nước mắm tỏi ớt",
         "Rượu vang nho", "Thịt lợn đông lạnh"),
        ("Thực phẩm", "Chế biến thực phẩm", "Nông sản thực phẩm", "Đồ uống", "Bánh kẹo", "Sữa"),
    ),
    "vat_lieu_moi": Vocabulary(
        ("Sơn chống thấm gốc nước", "Ống nhựa HDPE", "Kính cường lực Low-E", "Gạch không nung",
         "Viên nang cứng paracetamol", "Tấm panel cách nhiệt", "Keo dán gạch", "Hạt nhựa sinh học",
         "Sứ vệ sinh cao cấp", "Tấm ốp nhôm composite", "Bột bả tường", "Vải địa kỹ thuật",
         "Thuốc nhỏ mắt", "Màng chống thấm HDPE", "Bê tông nhẹ AAC", "Dung dịch sát khuẩn"),
        ("Vật liệu mới", "Hóa dược", "Nhựa", "Vật liệu xây dựng", "Dược phẩm", "Hóa chất"),
    ),
    # OCOP product groups (ocop-2023 `category` keys).
    "thuc_pham": Vocabulary(
        ("Giò chả Ước Lễ", "Bánh chưng Tranh Khúc", "Mật ong hoa nhãn", "Gạo nếp cái hoa vàng",
         "Miến dong Minh Hồng", "Tương Cự Đà", "Bưởi Diễn", "Nhãn chín muộn", "Cam Canh",
         "Chả cá Lã Vọng", "Bánh tẻ Phú Nhi", "Sữa chua Ba Vì", "Vịt Vân Đình", "Ổi Đông Dư"),
        ("Nông sản", "Thực phẩm", "Chăn nuôi", "Nông nghiệp"),
    ),
    "do_uong": Vocabulary(
        ("Rượu làng Vân", "Trà Shan tuyết", "Chè búp Ba Vì", "Nước cốt gừng", "Rượu nếp cái",
         "Trà hoa vàng", "Nước ép cam Canh", "Cà phê rang xay"),
        ("Chè", "Đồ uống", "Rượu truyền thống"),
    ),
    "thao_duoc": Vocabulary(
        ("Cao xương khớp", "Trà túi lọc cà gai leo", "Tinh dầu tràm", "Xà phòng thảo dược",
         "Cao ích mẫu", "Dầu gội bồ kết", "Thuốc tắm người Dao", "Trà giảo cổ lam"),
        ("Dược liệu", "Thảo dược", "Dược liệu sạch"),
    ),
    "may_mac": Vocabulary(
        ("Lụa tơ tằm Vạn Phúc", "Khăn lụa thêu tay", "Áo dài lụa", "Thổ cẩm dệt tay",
         "Tranh thêu Quất Động", "Khăn lụa tơ tằm"),
        ("Dệt lụa", "Thêu ren", "May mặc"),
    ),
    "luu_niem": Vocabulary(
        ("Gốm Bát Tràng men lam", "Mây tre đan Phú Vinh", "Nón lá Chuông", "Sơn mài Hạ Thái",
         "Quạt Chàng Sơn", "Tượng gỗ Sơn Đồng", "Đồ gỗ mỹ nghệ Chàng Sơn", "Khảm trai Chuyên Mỹ",
         "Tò he Xuân La", "Guốc mộc Đào Xá"),
        ("Gốm sứ", "Mây tre đan", "Mỹ nghệ", "Sơn mài", "Đồ gỗ"),
    ),
    "du_lich": Vocabulary(
        ("Du lịch làng cổ Đường Lâm", "Du lịch sinh thái Ba Vì", "Trải nghiệm làng gốm",
         "Du lịch cộng đồng Ba Trại", "Trải nghiệm làng nghề sơn mài"),
        ("Du lịch cộng đồng", "Dịch vụ du lịch"),
    ),
}
# Used when a ruleset has no sector/category field (cnnt-2014): rural craft products.
DEFAULT_VOCABULARY = Vocabulary(
    ("Gốm men rạn", "Bình hoa mây tre", "Tranh sơn mài phong cảnh", "Khay gỗ khảm trai",
     "Giỏ cói đan", "Đèn lồng lụa", "Tượng gỗ mỹ nghệ", "Thảm đay", "Hộp tre ép", "Nón bài thơ"),
    ("Mỹ nghệ", "Mây tre đan", "Gốm sứ", "Thủ công mỹ nghệ"),
)
COMPANY_FORMS = ("Công ty TNHH", "Công ty Cổ phần", "Công ty TNHH MTV")
PLACES = (
    "Đông Anh", "Hà Nội", "Thăng Long", "Gia Lâm", "Sóc Sơn", "Long Biên", "Hoàng Mai",
    "Thanh Trì", "Hà Đông", "Sơn Tây", "Mê Linh", "Quang Minh", "Nội Bài", "Sài Đồng",
    "Phú Xuyên", "Thường Tín", "Hòa Lạc", "Bắc Thăng Long", "Việt Nhật", "An Phát", "Minh Long",
    "Hưng Thịnh", "Thành Công", "Tân Á", "Hồng Hà", "Sông Đà", "Trường Sơn", "Phương Đông",
    "Đại Việt", "Kim Long", "Hà Thành", "Tràng An", "Ba Đình", "Cầu Giấy", "Thạch Thất",
)
# OCOP producers: (org_form key, name prefix).
PRODUCER_FORMS = (
    ("hop_tac_xa", "Hợp tác xã"), ("doanh_nghiep", "Công ty TNHH"),
    ("ho_kinh_doanh", "Hộ kinh doanh"), ("to_hop_tac", "Tổ hợp tác"),
)
VILLAGES = (
    "Ba Vì", "Chương Mỹ", "Đan Phượng", "Mỹ Đức", "Quốc Oai", "Thạch Thất", "Ứng Hòa", "Phúc Thọ",
    "Thanh Oai", "Phú Xuyên", "Thường Tín", "Hoài Đức", "Vân Hòa", "Tản Lĩnh", "Đường Lâm",
)
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đặng", "Ngô")
GIVEN_NAMES = ("Văn An", "Thị Hoa", "Văn Bình", "Thị Lan", "Đức Minh", "Thị Hằng", "Văn Hùng",
               "Thị Mai", "Quang Huy", "Thị Thu")
# fmt: on
UNKNOWN_CHOICES = ("Xây dựng", "Khác", "Năng lượng tái tạo", "Thương mại - dịch vụ", "Cơ điện tử")
BAD_TAX_CODES = ("010123456", "0101 234 567", "01O1234567", "01012345678", "0101234567-1")


# --- what the generator knows about a ruleset ----------------------------------------------


@dataclass(frozen=True)
class Breaker:
    """How to make one eligibility gate fail: the true values to set on a row."""

    gate: str
    set_false: tuple[str, ...] = ()
    set_blank: tuple[str, ...] = ()
    set_recent: tuple[str, ...] = ()
    set_choice: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Plan:
    """The roles of a ruleset's fields, worked out once per generated file."""

    criteria: Criteria
    names: tuple[str, ...]  # field names in column order
    sector: str | None  # the choice field that picks product vocabulary
    gate_fields: frozenset[str]  # fields read by some gate: kept passing in eligible rows
    breakers: tuple[Breaker, ...]
    prefix: str
    producers: bool  # OCOP-style producers (cooperatives, households) instead of companies

    @property
    def fields(self) -> dict[str, FieldSpec]:
        """The ruleset's fields."""
        return self.criteria.fields


def make_plan(criteria: Criteria) -> Plan:
    """Work out field roles and gate breakers for ``criteria``."""
    breakers = []
    gate_fields: set[str] = set()
    for gate in criteria.eligibility:
        names = _fields_of(gate.require, criteria)
        gate_fields |= names
        breaker = _breaker(gate.id, gate.require, names, criteria)
        if breaker is not None:
            breakers.append(breaker)
    return Plan(
        criteria=criteria,
        names=tuple(criteria.fields),
        sector=_sector_field(criteria),
        gate_fields=frozenset(gate_fields),
        breakers=tuple(breakers),
        prefix=ID_PREFIXES.get(criteria.id, "SP"),
        producers="org_form" in criteria.fields,
    )


def _sector_field(criteria: Criteria) -> str | None:
    choice_fields = [n for n, s in criteria.fields.items() if s.type is FieldType.CHOICE]
    for name in choice_fields:
        if set(criteria.fields[name].choices or {}) & set(VOCABULARY):
            return name
    return None


def _fields_of(expression: str, criteria: Criteria, seen: frozenset[str] = frozenset()) -> set[str]:
    """The fields an expression reads, through derived values."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(expression, mode="eval")):
        if not isinstance(node, ast.Name) or node.id in seen:
            continue
        if node.id in criteria.fields:
            found.add(node.id)
        elif node.id in criteria.derived:
            found |= _fields_of(criteria.derived[node.id], criteria, seen | {node.id})
    return found


def _breaker(gate: str, require: str, names: set[str], criteria: Criteria) -> Breaker | None:
    body = ast.parse(require, mode="eval").body
    kinds = {name: criteria.fields[name].type for name in names}
    if isinstance(body, ast.Call) and getattr(body.func, "id", "") == "present":
        return Breaker(gate, set_blank=tuple(sorted(names)))
    constants = [n.value for n in ast.walk(body) if isinstance(n, ast.Constant)]
    choices = []
    for name in sorted(names):
        keys = criteria.fields[name].choices or {}
        picked = next((c for c in constants if isinstance(c, str) and c in keys), None)
        if kinds[name] is FieldType.CHOICE and picked:
            choices.append((name, picked))
    breaker = Breaker(
        gate,
        set_false=tuple(sorted(n for n in names if kinds[n] is FieldType.BOOL)),
        set_recent=tuple(sorted(n for n in names if kinds[n] is FieldType.DATE)),
        set_choice=tuple(choices),
    )
    return breaker if breaker.set_false or breaker.set_recent else None


# --- true values -----------------------------------------------------------------------------


@dataclass
class Enterprise:
    """One nominating enterprise and the facts shared by its products."""

    name: str
    sector: str | None
    form: str | None
    products: list[str]
    facts: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Product:
    """One generated nomination: its cells in column order and what was planted in it."""

    cells: tuple[Cell, ...]
    values: dict[str, Any]  # the true values before presentation and mistakes
    mistake: str | None = None  # blank_required | not_a_number | unknown_choice | bad_tax_code
    broken_gate: str | None = None


def _round(value: float, digits: int = 1) -> float:
    return float(f"{value:.{digits}f}")


def _lognormal(rng: random.Random, median: float, sigma: float, low: float, high: float) -> float:
    return min(high, max(low, rng.lognormvariate(math.log(median), sigma)))


def tax_code(rng: random.Random) -> str:
    """A 10-digit tax code; Hanoi's start with 01 (a leading zero), a few have a branch suffix."""
    first = "01" if rng.random() < 0.85 else str(rng.randint(10, 99))
    code = first + "".join(str(rng.randint(0, 9)) for _ in range(8))
    return code + "-001" if rng.random() < 0.03 else code


def date_between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    """A random day from ``start`` to ``end``, both included."""
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def _revenue(ctx: RowContext) -> float:
    return _round(_lognormal(ctx.rng, 60, 1.1, 0.5, 5000))


def _revenue_prev(ctx: RowContext) -> float | None:
    growth = max(-0.5, ctx.rng.gauss(0.10, 0.12))
    return _round(ctx.values["revenue"] / (1 + growth)) if "revenue" in ctx.values else None


def _export_share(ctx: RowContext) -> float:
    return 0.0 if ctx.rng.random() < 0.4 else _round(ctx.rng.uniform(2, 85))


def _export_markets(ctx: RowContext) -> int:
    return 0 if not ctx.values.get("export_share") else ctx.rng.randint(1, 30)


NAMED: dict[str, Callable[[RowContext], Any]] = {
    "revenue": _revenue,
    "revenue_prev": _revenue_prev,
    "employees": lambda ctx: round(_lognormal(ctx.rng, 180, 1.0, 5, 12000)),
    "export_share": _export_share,
    "export_markets": _export_markets,
    "localisation": lambda ctx: _round(ctx.rng.uniform(15, 95)),
    "rd_share": lambda ctx: _round(ctx.rng.uniform(0, 4), 2),
    "defect_rate": lambda ctx: _round(ctx.rng.uniform(0.1, 6), 2),
    "founded": lambda ctx: date_between(ctx.rng, dt.date(1958, 1, 1), dt.date(2021, 12, 31)),
    "sensory_score": lambda ctx: _round(ctx.rng.uniform(2.5, 5)),
    "local_labour": lambda ctx: float(ctx.rng.randint(20, 100)),
    "promotion_events": lambda ctx: ctx.rng.randint(0, 8),
    "months_since_test": lambda ctx: ctx.rng.randint(1, 30),
    "tax_code": lambda ctx: tax_code(ctx.rng),
    "registration": lambda ctx: tax_code(ctx.rng),
}


@dataclass
class RowContext:
    """What a value maker may look at: the row so far, its enterprise, the random source."""

    plan: Plan
    rng: random.Random
    index: int
    enterprise: Enterprise
    product: str
    id_width: int = 3  # digits of the product id's number, from the number of rows
    values: dict[str, Any] = field(default_factory=dict)


def _by_type(name: str, spec: FieldSpec, ctx: RowContext) -> Any:
    rng, kind = ctx.rng, spec.type
    if kind is FieldType.ID:
        return f"{ctx.plan.prefix}-{YEAR}-{ctx.index + 1:0{ctx.id_width}d}"
    if kind is FieldType.TEXT:
        return _text(name, spec, ctx)
    if kind is FieldType.BOOL:
        return True if name in ctx.plan.gate_fields else rng.random() < 0.6
    if kind is FieldType.DATE:
        return date_between(rng, dt.date(1990, 1, 1), dt.date(2021, 12, 31))
    if kind is FieldType.CHOICE:
        return _choice(name, spec, ctx)
    return _number(spec, rng)


def _text(name: str, spec: FieldSpec, ctx: RowContext) -> str:
    if name == "product":
        return ctx.product
    if name == "enterprise":
        return ctx.enterprise.name
    if spec.pattern and "[0-9]{10}" in spec.pattern:
        return tax_code(ctx.rng)
    return ctx.rng.choice(PLACES)


def _choice(name: str, spec: FieldSpec, ctx: RowContext) -> str:
    keys = list(spec.choices or {})
    if name == ctx.plan.sector and ctx.enterprise.sector in keys:
        return ctx.enterprise.sector  # type: ignore[return-value]
    if name == "org_form" and ctx.enterprise.form in keys:
        return ctx.enterprise.form  # type: ignore[return-value]
    # Later keys are the better levels in shipped rulesets; weight towards the middle.
    weights = [1 + min(i, len(keys) - 1 - i) for i in range(len(keys))]
    return ctx.rng.choices(keys, weights)[0]


def _number(spec: FieldSpec, rng: random.Random) -> float | int:
    low = spec.min if spec.min is not None else 0.0
    if spec.type is FieldType.PERCENT:
        high = min(spec.max if spec.max is not None else 100.0, 100.0)
        return _round(rng.uniform(low, high))
    if spec.type is FieldType.INTEGER:
        if spec.max is not None:
            return rng.randint(math.ceil(low), math.floor(spec.max))
        return math.ceil(low) + round(_lognormal(rng, 30, 1.0, 0, 100_000))
    if spec.max is not None:
        return _round(rng.uniform(low, spec.max))
    return _round(low + _lognormal(rng, 50, 1.0, 0.1, 100_000))


def _true_values(ctx: RowContext) -> dict[str, Any]:
    plan, facts = ctx.plan, ctx.enterprise.facts
    for name in plan.names:
        spec = plan.fields[name]
        if name in facts:
            value = facts[name]
        elif name in NAMED:
            value = NAMED[name](ctx)
        else:
            value = _by_type(name, spec, ctx)
        if not spec.required and name not in plan.gate_fields and ctx.rng.random() < 0.06:
            value = None  # an optional cell left empty
        if name in ENTERPRISE_FIELDS and name not in facts:
            facts[name] = value
        ctx.values[name] = value
    return ctx.values


def _break_gate(values: dict[str, Any], breaker: Breaker, rng: random.Random) -> None:
    for name in breaker.set_false:
        values[name] = False
    for name in breaker.set_blank:
        values[name] = None
    for name in breaker.set_recent:
        values[name] = date_between(rng, dt.date(YEAR - 1, 3, 1), dt.date(YEAR, 6, 30))
    for name, key in breaker.set_choice:
        values[name] = key


# --- presentation: how a secretariat types each value ------------------------------------------


def vn_number(value: float, decimals: int = 2) -> str:
    """A number the Vietnamese way: dots group thousands, a comma before decimals (1.234,5)."""
    text = f"{value:,.{decimals}f}".rstrip("0").rstrip(".") if decimals else f"{value:,.0f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def present(spec: FieldSpec, value: Any, rng: random.Random) -> Cell:
    """The cell a person would type for ``value`` of a field of this type."""
    if value is None:
        return None
    kind = spec.type
    if kind is FieldType.CHOICE:
        return (spec.choices or {})[value][0]
    if kind is FieldType.BOOL:
        return ("Có" if rng.random() < 0.7 else "x") if value else "Không"
    if kind is FieldType.DATE:
        return value if rng.random() < 0.5 else value.strftime("%d/%m/%Y")
    if kind is FieldType.PERCENT:
        roll = rng.random()
        if roll < 0.35:
            return vn_number(value) + "%"
        return PercentCell(round(value / 100, 6)) if roll < 0.7 else value
    if kind is FieldType.NUMBER:
        return vn_number(value) if rng.random() < 0.15 else value
    if kind is FieldType.INTEGER:
        return vn_number(value, 0) if value >= 1000 and rng.random() < 0.3 else value
    return value


def _plant_mistake(cells: list[Cell], plan: Plan, rng: random.Random) -> str | None:
    """Put one typical mistake in ``cells``; return its kind."""
    specs = [plan.fields[name] for name in plan.names]
    options: dict[str, list[int]] = {
        "blank_required": [
            i
            for i, s in enumerate(specs)
            if s.required and plan.names[i] not in ("product_id", "product", "enterprise")
        ],
        "not_a_number": [
            i
            for i, s in enumerate(specs)
            if s.type in (FieldType.NUMBER, FieldType.INTEGER) and s.required
        ],
        "unknown_choice": [plan.names.index(plan.sector)] if plan.sector else [],
        "bad_tax_code": [i for i, s in enumerate(specs) if s.pattern],
    }
    kinds = [kind for kind, columns in options.items() if columns]
    if not kinds:
        return None
    kind = rng.choice(kinds)
    column = rng.choice(options[kind])
    cells[column] = {
        "blank_required": None,
        "not_a_number": "N/A",
        "unknown_choice": rng.choice(UNKNOWN_CHOICES),
        "bad_tax_code": rng.choice(BAD_TAX_CODES),
    }[kind]
    return kind


# --- rows ------------------------------------------------------------------------------------


def _new_enterprise(plan: Plan, rng: random.Random) -> Enterprise:
    keys = list((plan.fields[plan.sector].choices or {}) if plan.sector else [])
    sector = rng.choice(keys) if keys else None
    vocabulary = VOCABULARY.get(sector or "", DEFAULT_VOCABULARY)
    count = rng.choices(*zip(*PRODUCTS_PER_ENTERPRISE, strict=True))[0]
    products = rng.sample(vocabulary.products, min(count, len(vocabulary.products)))
    form, name = _enterprise_name(plan, vocabulary, rng)
    return Enterprise(name=name, sector=sector, form=form, products=products)


def _enterprise_name(
    plan: Plan, vocabulary: Vocabulary, rng: random.Random
) -> tuple[str | None, str]:
    trade = rng.choice(vocabulary.trades)
    if not plan.producers:
        return None, f"{rng.choice(COMPANY_FORMS)} {trade} {rng.choice(PLACES)}"
    form, prefix = rng.choice(PRODUCER_FORMS)
    if form == "ho_kinh_doanh":
        return form, f"{prefix} {rng.choice(SURNAMES)} {rng.choice(GIVEN_NAMES)}"
    return form, f"{prefix} {trade} {rng.choice(VILLAGES)}"


def generate_products(
    criteria: Criteria,
    n: int,
    seed: int,
    messy_share: float = 0.05,
    ineligible_share: float = 0.1,
) -> list[Product]:
    """``n`` nominations with their planted mistakes and broken gates (see :class:`Product`)."""
    plan = make_plan(criteria)
    rng = random.Random(seed)
    order = list(range(n))
    rng.shuffle(order)
    messy_count = round(n * messy_share)
    messy = set(order[:messy_count])
    broken = set(order[messy_count : messy_count + round(n * ineligible_share)])
    products = []
    enterprise = _new_enterprise(plan, rng)
    width = max(3, len(str(n)))
    for index in range(n):
        if not enterprise.products:
            enterprise = _new_enterprise(plan, rng)
        ctx = RowContext(plan, rng, index, enterprise, enterprise.products.pop(0), width)
        products.append(_product(ctx, index in messy, index in broken))
    return products


def _product(ctx: RowContext, messy: bool, broken: bool) -> Product:
    plan, rng = ctx.plan, ctx.rng
    values = dict(_true_values(ctx))
    gate = None
    if broken and plan.breakers:
        breaker = rng.choice(plan.breakers)
        _break_gate(values, breaker, rng)
        gate = breaker.gate
    cells = [present(plan.fields[name], values[name], rng) for name in plan.names]
    mistake = _plant_mistake(cells, plan, rng) if messy else None
    return Product(tuple(cells), values, mistake, gate)


def headers_for(criteria: Criteria) -> list[str]:
    """The header row: "STT" then each field's first header."""
    return ["STT", *(spec.headers[0] for spec in criteria.fields.values())]


def generate_rows(
    criteria: Criteria,
    n: int,
    seed: int,
    messy_share: float = 0.05,
    ineligible_share: float = 0.1,
) -> tuple[list[str], list[list[Cell]]]:
    """The header and ``n`` data rows (STT first) of a realistic nominations list."""
    products = generate_products(criteria, n, seed, messy_share, ineligible_share)
    rows = [[index + 1, *product.cells] for index, product in enumerate(products)]
    return headers_for(criteria), rows


# --- writing ---------------------------------------------------------------------------------


def list_title(criteria: Criteria) -> str:
    """The title a secretariat puts above the list."""
    return f"DANH SÁCH HỒ SƠ ĐỀ NGHỊ {criteria.title.upper()} NĂM {YEAR}"


def blank_row_positions(n: int, rng: random.Random) -> set[int]:
    """Data indexes after which a blank row is left: about one in 200 rows."""
    if n < 20:
        return set()
    return set(rng.sample(range(1, n - 1), max(1, n // 200)))


def write_nominations(
    path: str | Path,
    criteria: Criteria,
    n: int,
    seed: int,
    fmt: str = "xlsx",
    messy_share: float = 0.05,
    ineligible_share: float = 0.1,
) -> Path:
    """Write ``n`` generated nominations to ``path`` as xlsx or csv; return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    headers, rows = generate_rows(criteria, n, seed, messy_share, ineligible_share)
    if fmt == "csv":
        write_csv(path, headers, rows)
    elif fmt == "xlsx":
        blanks = blank_row_positions(n, random.Random(f"{seed}-layout"))
        write_workbook(path, criteria, headers, rows, blank_after=blanks)
    else:
        raise ValueError(f"unknown format {fmt!r} (xlsx or csv)")
    return path


def write_workbook(
    path: Path,
    criteria: Criteria,
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    *,
    blank_after: Set[int] = frozenset(),
    title: str | None = None,
) -> list[int]:
    """Write a printable nominations list; return the Excel row number of each data row."""
    import xlsxwriter

    big = len(rows) >= CONSTANT_MEMORY_FROM
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": big})
    # A fixed creation time keeps regenerated files byte-identical (samples are checked in).
    workbook.set_properties({"created": dt.datetime(YEAR, 10, 15, 8, 0, 0), "author": "chuluc"})
    sheet = workbook.add_worksheet(SHEET_NAME)
    styles = _Styles(workbook)
    _write_top(sheet, styles, title or list_title(criteria), headers)
    numbers = _sum_columns(criteria)
    excel_rows, row = [], 4
    for index, cells in enumerate(rows):
        _write_row(sheet, styles, row, cells)
        excel_rows.append(row + 1)
        row += 2 if index in blank_after else 1
    _write_totals(sheet, styles, row, numbers, rows, excel_rows)
    workbook.close()
    return excel_rows


class _Styles:
    """The cell formats of a nominations list."""

    def __init__(self, workbook: Any) -> None:
        self.title = workbook.add_format({"bold": True, "font_size": 14, "align": "center"})
        self.date = workbook.add_format({"italic": True, "align": "center"})
        self.header = workbook.add_format(
            {"bold": True, "text_wrap": True, "border": 1, "align": "center", "valign": "vcenter"}
        )
        self.text = workbook.add_format({"num_format": "@"})
        self.day = workbook.add_format({"num_format": "dd/mm/yyyy"})
        self.percent = workbook.add_format({"num_format": "0.0%"})
        self.bold = workbook.add_format({"bold": True})


def _write_top(sheet: Any, styles: _Styles, title: str, headers: Sequence[str]) -> None:
    last = len(headers) - 1
    sheet.merge_range(0, 0, 0, last, title, styles.title)
    sheet.merge_range(1, 0, 1, last, f"Ngày {LIST_DATE:%d/%m/%Y}", styles.date)
    sheet.set_row(3, 45)
    for column, header in enumerate(headers):
        width = 6 if column == 0 else min(40, max(12, len(header) * 0.9))
        sheet.set_column(column, column, width)
        sheet.write_string(3, column, header, styles.header)
    sheet.freeze_panes(4, 0)


def _write_row(sheet: Any, styles: _Styles, row: int, cells: Sequence[Cell]) -> None:
    for column, cell in enumerate(cells):
        if cell is None:
            continue
        if isinstance(cell, str):
            sheet.write_string(row, column, cell, styles.text)
        elif isinstance(cell, PercentCell):
            sheet.write_number(row, column, cell.fraction, styles.percent)
        elif isinstance(cell, dt.date):
            sheet.write_datetime(row, column, dt.datetime.combine(cell, dt.time()), styles.day)
        else:
            sheet.write_number(row, column, cell)


def _sum_columns(criteria: Criteria) -> list[int]:
    """Columns of money figures (number fields with a unit), which a totals row adds up."""
    return [
        column + 1
        for column, spec in enumerate(criteria.fields.values())
        if spec.type is FieldType.NUMBER and spec.unit
    ]


def _write_totals(
    sheet: Any,
    styles: _Styles,
    row: int,
    columns: list[int],
    rows: Sequence[Sequence[Cell]],
    excel_rows: list[int],
) -> None:
    from xlsxwriter.utility import xl_col_to_name

    sheet.write_string(row, 0, TOTALS_LABEL, styles.bold)
    for column in columns:
        total = sum(c for r in rows if isinstance(c := r[column], int | float))
        letter = xl_col_to_name(column)
        formula = f"=SUM({letter}{excel_rows[0]}:{letter}{excel_rows[-1]})" if rows else "=0"
        sheet.write_formula(row, column, formula, styles.bold, round(total, 2))


def csv_text(cell: Cell) -> str:
    """A cell as a CSV export shows it."""
    if cell is None:
        return ""
    if isinstance(cell, PercentCell):
        return vn_number(cell.fraction * 100) + "%"
    if isinstance(cell, dt.date):
        return cell.strftime("%d/%m/%Y")
    return str(cell)


def write_csv(path: Path, headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> None:
    """Write a plain CSV export (UTF-8 with BOM, as Excel saves it): header then data rows."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        writer.writerows([csv_text(cell) for cell in row] for row in rows)


# --- command line ----------------------------------------------------------------------------


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--criteria", "-c", default="hanoi-spcncl", help="ruleset name or file")
    parser.add_argument("--rows", "-n", type=int, default=1000, help="number of nominations")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--format", choices=("xlsx", "csv"), default=None)
    parser.add_argument("--messy-share", type=float, default=0.05)
    parser.add_argument("--ineligible-share", type=float, default=0.1)
    parser.add_argument("--output", "-o", type=Path, required=True)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    """Command-line entry: write one generated nominations file."""
    args = _arguments(argv)
    fmt = args.format or ("csv" if args.output.suffix.lower() == ".csv" else "xlsx")
    criteria = load_criteria(args.criteria)
    path = write_nominations(
        args.output, criteria, args.rows, args.seed, fmt, args.messy_share, args.ineligible_share
    )
    print(f"{path}: {args.rows} nominations ({criteria.id}, seed {args.seed})")


if __name__ == "__main__":
    main()
