"""Builders shared by the scoring, selection and round tests: rulesets from YAML text, rows in code.

Each test states its own rules as a short YAML text, so the rule under test can be
read next to its assertions; these helpers only add the boilerplate around it.
"""

from __future__ import annotations

import textwrap
from typing import Any

from chuluc_cli.criteria.loader import parse_criteria
from chuluc_cli.criteria.model import Criteria
from chuluc_cli.data_issues import DataIssue, IssueCode, Severity
from chuluc_cli.nominations import Nomination, Nominations

FIELDS = """\
fields:
  product_id: {type: id, headers: ["Mã hồ sơ"]}
  product: {type: text, headers: ["Tên sản phẩm"]}
  enterprise: {type: text, headers: ["Doanh nghiệp"]}
  tax_code: {type: text, headers: ["Mã số thuế"], required: false}
  sector: {type: choice, headers: ["Ngành"], choices: {co_khi: ["Cơ khí"], dien_tu: ["Điện tử"]}}
  revenue: {type: number, unit: "tỷ đồng", headers: ["Doanh thu 2024 (tỷ đồng)"],
            title: "Doanh thu", title_en: "Revenue"}
  revenue_prev: {type: number, unit: "tỷ đồng", headers: ["Doanh thu 2023 (tỷ đồng)"],
                 required: false}
  export_share: {type: percent, headers: ["Tỷ lệ xuất khẩu (%)"], required: false}
  iso_9001: {type: bool, headers: ["ISO 9001"], required: false}
  founded: {type: date, headers: ["Ngày thành lập"], required: false}
  in_hanoi: {type: bool, headers: ["Tại Hà Nội"], required: false}
  x: {type: number, headers: ["X"], required: false}
  y: {type: number, headers: ["Y"], required: false}
"""

ONE_GROUP = """\
groups:
  - id: A
    title: "Nhóm A"
    title_en: "Group A"
    criteria:
{criteria}
"""


def ruleset(body: str, selection: str = "selection: {pass_mark: 0}", rounding: int = 2) -> Criteria:
    """A ruleset of the shared fields, ``body`` (derived, eligibility, groups) and ``selection``."""
    head = f"schema: chuluc/criteria-v1\nid: t\nversion: '1'\ntitle: Thử\nrounding: {rounding}\n"
    text = head + FIELDS + textwrap.dedent(body) + "\n" + textwrap.dedent(selection) + "\n"
    return parse_criteria(text.encode("utf-8"), "t.yaml")


def one_group(criteria_yaml: str, extra: str = "", **kwargs: Any) -> Criteria:
    """A ruleset with one group A holding ``criteria_yaml`` (a YAML list, any indent)."""
    items = textwrap.indent(textwrap.dedent(criteria_yaml).strip("\n"), "      ")
    return ruleset(textwrap.dedent(extra) + ONE_GROUP.format(criteria=items), **kwargs)


def row(number: int, **values: Any) -> Nomination:
    """A nominated product on Excel row ``number``; ``product_id`` defaults to ``SP<number>``."""
    values.setdefault("product_id", f"SP{number}")
    return Nomination(row=number, values=values)


def nominations(
    *rows: Nomination, issues: list[DataIssue] | None = None, path: str = "t.xlsx"
) -> Nominations:
    """One input file holding ``rows`` and ``issues``."""
    return Nominations(
        path=path,
        sha256="0" * 64,
        sheet="Sheet1",
        header_row=1,
        columns={},
        rows=list(rows),
        issues=list(issues or []),
    )


def issue(
    row_number: int,
    field: str | None,
    code: IssueCode = IssueCode.UNPARSEABLE,
    severity: Severity = Severity.ERROR,
    value: str = "abc",
) -> DataIssue:
    """A data issue on one cell, with the parameters its message template needs."""
    params = {"value": value, "expected": "number", "expected_vi": "số", "rows": "3"}
    return DataIssue(
        code=code,
        severity=severity,
        sheet="Sheet1",
        row=row_number,
        column="F",
        header=field,
        field=field,
        value=value,
        params=params,
    )
