"""A small hand-built RoundResult for the report tests (scoring and selection not needed).

Six products, in input order:

======  ========================  =========  ====  =====================================
id      product                   status     rank  why
======  ========================  =========  ====  =====================================
P01     ``=cmd|' /C calc'!A0``    selected   1     top tier
P02     Máy bơm                   rejected   -     E1 and PASS_MARK (two reasons)
P03     ``@SUM(1)``               passed     3     cut by LIMIT; TIE with P04
P04     Động cơ điện              selected   2     TIE with P03
P05     Quạt công nghiệp          rejected   -     DATA:revenue; awaiting members' scores
P06     Bộ điều khiển             passed     4     cut by QUOTA:per_enterprise
======  ========================  =========  ====  =====================================

Messages use ``test.*`` keys installed by :func:`install_messages`, so the tests
do not depend on the wording of the scoring and reading catalogues.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from chuluc_cli.criteria.loader import parse_criteria
from chuluc_cli.criteria.model import Criteria
from chuluc_cli.data_issues import DataIssue, IssueCode, Severity
from chuluc_cli.i18n import catalog, msg
from chuluc_cli.nominations import Nomination, Nominations
from chuluc_cli.results import (
    CriterionResult,
    Flag,
    Outcome,
    Reason,
    RoundResult,
    ScoreCard,
    Status,
)

CRITERIA_YAML = """\
schema: chuluc/criteria-v1
id: test-round
version: "2025.1"
title: "Xét chọn sản phẩm công nghiệp chủ lực (thử)"
title_en: "Key industrial products (test)"
source: "Quyết định số 01/QĐ-UBND"
rounding: 2
fields:
  product_id: {type: id, headers: ["Mã hồ sơ"]}
  product: {type: text, headers: ["Tên sản phẩm"]}
  enterprise: {type: text, headers: ["Tên doanh nghiệp"]}
  tax_code: {type: text, headers: ["Mã số thuế"]}
  sector: {type: choice, title: "Ngành", title_en: "Sector", headers: ["Ngành"],
           choices: {co_khi: ["Cơ khí"], dien_tu: ["Điện - điện tử", "Điện tử"]}}
  revenue: {type: number, headers: ["Doanh thu (tỷ đồng)"]}
  in_hanoi: {type: bool, headers: ["Tại Hà Nội"]}
eligibility:
  - {id: E1, title: "Có cơ sở sản xuất tại Hà Nội", title_en: "Produces in Hanoi",
     require: "in_hanoi"}
groups:
  - id: A
    title: "Quy mô"
    title_en: "Scale"
    criteria:
      - id: A1
        title: "Doanh thu"
        title_en: "Revenue"
        max: 15
        bands: {of: revenue, steps: [{at_least: 100, points: 15}, {at_least: 20, points: 5}]}
      - {id: A2, title: "Đánh giá của Hội đồng", title_en: "Committee judgement", max: 10,
         judged: true}
  - id: B
    title: "Lĩnh vực"
    title_en: "Sector"
    criteria:
      - id: B1
        title: "Lĩnh vực ưu tiên"
        title_en: "Priority sector"
        max: 5
        map: {of: sector, points: {co_khi: 5, dien_tu: 2.5}}
selection:
  pass_mark: 15
  limit: 2
  quotas:
    - {id: per_enterprise, per: tax_code, max: 1}
  tiers:
    - {label: "Xuất sắc", label_en: "Excellent", top: 1}
    - {label: "Đạt", label_en: "Pass", min_total: 15}
"""

TEST_MESSAGES = {
    "test.explain": ("{value} → {points} điểm", "{value} → {points} points"),
    "test.reason.gate": ("Không có cơ sở sản xuất tại Hà Nội", "Does not produce in Hanoi"),
    "test.reason.pass_mark": ("Tổng điểm {total} dưới điểm đạt", "Total {total} below pass mark"),
    "test.reason.limit": ("Ngoài số lượng được chọn", "Beyond the limit"),
    "test.reason.quota": ("Doanh nghiệp đã có sản phẩm được chọn", "Enterprise already selected"),
    "test.reason.data": ("Doanh thu không đọc được", "Revenue unreadable"),
    "reading.issue.unparseable": ("Không đọc được số: {value}", "Not a number: {value}"),
    "reading.issue.ambiguous_number": ("Số có thể hiểu hai cách: {value}", "Ambiguous: {value}"),
    "reading.issue.blank_required": ("Ô bắt buộc bị trống", "Required cell is blank"),
}

IDS_IN_INPUT_ORDER = ["P01", "P02", "P03", "P04", "P05", "P06"]
SHORTLIST_ORDER = ["P01", "P04", "P03", "P06"]  # selected by rank, then passed by rank
FORMULA_PRODUCT = "=cmd|' /C calc'!A0"


def install_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Put the test messages in the catalogue for one test (overriding real ones)."""
    for key, pair in TEST_MESSAGES.items():
        monkeypatch.setitem(catalog(), key, pair)


def make_criteria() -> Criteria:
    """The criteria of the test round (max total 30, pass mark 15, limit 2)."""
    return parse_criteria(CRITERIA_YAML.encode(), "round.yaml")


def _points(a1: str, a2: str, b1: str, awaiting: bool = False) -> tuple[CriterionResult, ...]:
    def one(cid: str, group: str, points: str, maximum: float, wait: bool = False):
        note = msg("test.explain", value=f"{cid}?", points=points)
        return CriterionResult(cid, group, Decimal(points), maximum, note, awaiting=wait)

    return (one("A1", "A", a1, 15), one("A2", "A", a2, 10, awaiting), one("B1", "B", b1, 5))


def _card(row: int, values: dict[str, Any], scores: tuple[CriterionResult, ...]) -> ScoreCard:
    groups = {
        "A": sum((s.points for s in scores if s.group == "A"), Decimal(0)),
        "B": sum((s.points for s in scores if s.group == "B"), Decimal(0)),
    }
    nomination = Nomination(row=row, values=values, source="ho-so.xlsx")
    total = groups["A"] + groups["B"]
    return ScoreCard(nomination, (), scores, groups, total, {}, ())


def _values(pid: str, product: str, enterprise: str, sector: str | None, tax: str) -> dict:
    return {
        "product_id": pid,
        "product": product,
        "enterprise": enterprise,
        "sector": sector,
        "tax_code": tax,
    }


def make_result(options: dict[str, Any] | None = None) -> RoundResult:
    """The six-product round described in the module docstring."""
    criteria = make_criteria()
    top, passing = criteria.selection.tiers
    cards = [
        _card(
            2,
            _values("P01", FORMULA_PRODUCT, "+Công ty A", "co_khi", "0101"),
            _points("15.00", "7.50", "5.00"),
        ),
        _card(
            3,
            _values("P02", "Máy bơm", "-Công ty B", "dien_tu", "0102"),
            _points("5.00", "0.50", "2.50"),
        ),
        _card(
            4,
            _values("P03", "@SUM(1)", "Công ty C", "dien_tu", "0103"),
            _points("15.00", "2.50", "2.50"),
        ),
        _card(
            5,
            _values("P04", "Động cơ điện", "Công ty D", "co_khi", "0104"),
            _points("5.00", "10.00", "5.00"),
        ),
        _card(
            6,
            _values("P05", "Quạt công nghiệp", "Công ty E", None, "0105"),
            _points("0.00", "0.00", "0.00", awaiting=True),
        ),
        _card(
            7,
            _values("P06", "Bộ điều khiển", "Công ty A", "co_khi", "0101"),
            _points("5.00", "6.00", "5.00"),
        ),
    ]
    gate = Reason("E1", msg("test.reason.gate"))
    outcomes = (
        Outcome(cards[0], Status.SELECTED, 1, top, (), ()),
        Outcome(
            cards[1],
            Status.REJECTED,
            None,
            None,
            (gate, Reason("PASS_MARK", msg("test.reason.pass_mark", total="8"))),
            (),
        ),
        Outcome(
            cards[2],
            Status.PASSED,
            3,
            passing,
            (Reason("LIMIT", msg("test.reason.limit")),),
            (Flag.TIE,),
        ),
        Outcome(cards[3], Status.SELECTED, 2, passing, (), (Flag.TIE,)),
        Outcome(
            cards[4],
            Status.REJECTED,
            None,
            None,
            (Reason("DATA:revenue", msg("test.reason.data")),),
            (Flag.AWAITING_SCORES,),
        ),
        Outcome(
            cards[5],
            Status.PASSED,
            4,
            passing,
            (Reason("QUOTA:per_enterprise", msg("test.reason.quota")),),
            (),
        ),
    )
    nominations = Nominations(
        path="inputs/ho-so.xlsx",
        sha256="ab" * 32,
        sheet="Danh sách",
        header_row=1,
        columns={},
        rows=[card.nomination for card in cards],
        issues=make_issues(),
    )
    return RoundResult(criteria, (nominations,), outcomes, options or {"decimal": "auto"})


def make_issues() -> list[DataIssue]:
    """Three data issues, deliberately not in report order."""
    return [
        DataIssue(
            IssueCode.UNPARSEABLE,
            Severity.ERROR,
            "Danh sách",
            6,
            "F",
            "Doanh thu (tỷ đồng)",
            "revenue",
            "=1+1",
            "P05",
            {"value": "=1+1"},
        ),
        DataIssue(
            IssueCode.AMBIGUOUS_NUMBER,
            Severity.WARNING,
            "Danh sách",
            3,
            "F",
            "Doanh thu (tỷ đồng)",
            "revenue",
            "1.234",
            "P02",
            {"value": "1.234"},
        ),
        DataIssue(
            IssueCode.BLANK_REQUIRED,
            Severity.ERROR,
            "Danh sách",
            3,
            "B",
            "Tên sản phẩm",
            "product",
            None,
            "P02",
        ),
    ]
