"""The same nominations in .xlsx, .xls, .ods and .csv read to identical typed values.

The raw-reading tests (test_workbook.py) show the cells agree; this shows the
whole reading path does, including the percent rule: a cell formatted as a
percent (70%) reads 70, a plain 0.7 reads 0.7, and the CSV's text "70%" reads 70.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from chuluc_cli.criteria.loader import parse_criteria
from chuluc_cli.io.nominations import load_nominations
from test_workbook import XLS, fixtures, write_csv, write_ods_nominations, write_xlsx

CRITERIA = """\
schema: chuluc/criteria-v1
id: formats
version: "1"
title: Thử định dạng
fields:
  product_id: {type: id, headers: ["Mã"]}
  enterprise: {type: text, headers: ["Tên doanh nghiệp"]}
  revenue: {type: number, headers: ["Doanh thu (tỷ đồng)"]}
  local_share: {type: percent, headers: ["Tỷ lệ nội địa hoá"]}
  founded: {type: date, headers: ["Ngày thành lập"]}
groups:
  - id: A
    title: A
    criteria:
      - {id: A1, title: Doanh thu, max: 10, formula: "revenue / 100 + local_share / 100"}
selection:
  pass_mark: 0
  tie_break: [total desc, founded asc, product_id asc]
"""
EXPECTED = [
    ("SP001", "Công ty Cổ phần Cơ khí Hà Nội", 1200.0, 70.0, dt.date(2019, 3, 15)),
    ("SP002", "Công ty TNHH Điện tử Đà Nẵng", 85.5, 0.7, dt.date(2005, 1, 2)),
    ("SP003", "Hợp tác xã Gốm Bát Tràng", 12.0, 12.5, dt.date(2021, 12, 31)),
]


def _csv_rows() -> list[list[object]]:
    """The table as Excel's "Save as CSV" writes it: formatted text, Vietnamese style."""
    rows: list[list[object]] = [[fixtures.TITLE], [], list(fixtures.HEADER)]
    for code, name, revenue, share, founded, share_format in fixtures.NOMINATIONS:
        shown = (
            f"{share * 100:g}%".replace(".", ",") if share_format else str(share).replace(".", ",")
        )
        revenue_text = f"{revenue:,}".replace(",", "X").replace(".", ",").replace("X", ".")
        rows.append([code, name, revenue_text, shown, founded.strftime("%d/%m/%Y")])
    return rows


@pytest.fixture
def criteria():  # type: ignore[no-untyped-def]
    return parse_criteria(CRITERIA.encode("utf-8"), "formats.yaml")


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods", "csv"])
def test_every_format_reads_the_same_typed_values(fmt: str, tmp_path: Path, criteria) -> None:  # type: ignore[no-untyped-def]
    path = {
        "xlsx": lambda: write_xlsx(tmp_path / "de-cu.xlsx"),
        "xls": lambda: XLS,
        "ods": lambda: write_ods_nominations(tmp_path / "de-cu.ods"),
        "csv": lambda: write_csv(
            tmp_path / "de-cu.csv", _csv_rows(), delimiter=";", encoding="utf-8-sig"
        ),
    }[fmt]()
    nominations = load_nominations(path, criteria)
    read = [
        tuple(
            row.values[name]
            for name in ("product_id", "enterprise", "revenue", "local_share", "founded")
        )
        for row in nominations.rows
    ]
    assert read == EXPECTED
    assert [row.row for row in nominations.rows] == [4, 5, 6]
    assert [issue for issue in nominations.issues if issue.severity.value == "error"] == []
