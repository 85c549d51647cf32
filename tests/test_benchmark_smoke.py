"""The benchmark inputs are valid and reproducible, and `chuluc score` handles them.

No timing here: benchmarks/run.py measures speed. These tests only make sure that
what the benchmark measures is a correct run on a realistic file, for every shipped
ruleset, and that the generator is deterministic (the same seed gives the same rows
and the same bytes, so figures measured on different days compare the same input).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chuluc_cli.cli import app
from chuluc_cli.criteria.loader import load_criteria
from script_loader import generate

ROOT = Path(__file__).resolve().parent.parent
ROWS = 50
runner = CliRunner()


@pytest.mark.parametrize("ruleset", ["hanoi-spcncl", "ocop-2023", "cnnt-2014"])
def test_same_seed_gives_the_same_rows_and_another_seed_others(ruleset: str) -> None:
    criteria = load_criteria(ruleset)
    first = generate.generate_rows(criteria, ROWS, seed=7)
    assert generate.generate_rows(criteria, ROWS, seed=7) == first
    assert generate.generate_rows(criteria, ROWS, seed=8) != first


def test_rows_follow_the_ruleset_fields() -> None:
    criteria = load_criteria("hanoi-spcncl")
    headers, rows = generate.generate_rows(criteria, ROWS, seed=1)
    assert headers == ["STT", *(spec.headers[0] for spec in criteria.fields.values())]
    assert len(rows) == ROWS
    assert all(len(row) == len(headers) for row in rows)
    assert [row[0] for row in rows] == list(range(1, ROWS + 1))
    ids = [row[1] for row in rows]
    assert ids[0] == "HN-2025-001"
    assert len(set(ids)) == ROWS


def test_planted_shares_are_exact() -> None:
    criteria = load_criteria("hanoi-spcncl")
    products = generate.generate_products(
        criteria, 200, seed=3, messy_share=0.05, ineligible_share=0.1
    )
    assert sum(p.mistake is not None for p in products) == 10
    assert sum(p.broken_gate is not None for p in products) == 20
    assert not any(p.mistake and p.broken_gate for p in products)
    per_enterprise = Counter(p.values["tax_code"] for p in products)
    assert 1.2 <= len(products) / len(per_enterprise) <= 1.9


def test_tax_codes_keep_their_leading_zero_as_text() -> None:
    criteria = load_criteria("hanoi-spcncl")
    column = generate.headers_for(criteria).index("Mã số thuế")
    _, rows = generate.generate_rows(criteria, ROWS, seed=1, messy_share=0)
    codes = [row[column] for row in rows]
    assert all(isinstance(code, str) for code in codes)
    assert any(code.startswith("0") for code in codes)


def test_vietnamese_number_text() -> None:
    assert generate.vn_number(1234.5) == "1.234,5"
    assert generate.vn_number(12.0) == "12"
    assert generate.vn_number(1234567.25) == "1.234.567,25"
    assert generate.vn_number(1234, 0) == "1.234"


def test_same_seed_writes_the_same_bytes(tmp_path: Path) -> None:
    criteria = load_criteria("hanoi-spcncl")
    first = generate.write_nominations(tmp_path / "a.xlsx", criteria, ROWS, seed=5)
    second = generate.write_nominations(tmp_path / "b.xlsx", criteria, ROWS, seed=5)
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize(
    ("ruleset", "fmt"),
    [
        ("hanoi-spcncl", "xlsx"),
        ("hanoi-spcncl", "csv"),
        ("ocop-2023", "xlsx"),
        ("cnnt-2014", "xlsx"),
    ],
)
def test_chuluc_scores_a_generated_file(tmp_path: Path, ruleset: str, fmt: str) -> None:
    criteria = load_criteria(ruleset)
    path = generate.write_nominations(tmp_path / f"in.{fmt}", criteria, ROWS, seed=1, fmt=fmt)
    out = tmp_path / "out.xlsx"
    result = runner.invoke(app, ["score", str(path), "-c", ruleset, "-o", str(out), "--quiet"])
    assert result.exit_code in (0, 1), result.output
    assert out.is_file() and out.stat().st_size > 0


def test_json_result_lists_every_generated_nomination(tmp_path: Path) -> None:
    criteria = load_criteria("hanoi-spcncl")
    path = generate.write_nominations(tmp_path / "in.xlsx", criteria, ROWS, seed=2)
    out = tmp_path / "out.json"
    result = runner.invoke(app, ["score", str(path), "-o", str(out), "--quiet"])
    # The planted mistakes are data issues: exit 1, and the results are still written.
    assert result.exit_code == 1, result.output
    document = json.loads(out.read_text(encoding="utf-8"))
    # The title, date, blank and "Tổng cộng" rows are not nominations.
    assert document["summary"]["products"] == ROWS
    assert document["summary"]["rejected"] >= round(ROWS * 0.05)


def test_both_floors_write_the_same_cells(tmp_path: Path) -> None:
    """The floor written through chuluc's row writer is the same workbook's worth of cells."""
    from python_calamine import CalamineWorkbook

    from script_loader import load_script

    run = load_script("run", ROOT / "benchmarks" / "run.py")
    source = generate.write_nominations(
        tmp_path / "in.xlsx", load_criteria("hanoi-spcncl"), ROWS, seed=1
    )
    shape = [("A", 7, 5), ("B", 60, 31)]  # B wraps around the input's values
    plain, rows = tmp_path / "plain.xlsx", tmp_path / "rows.xlsx"
    run.floor(source, shape, plain)
    run.floor(source, shape, rows, rows=True)
    for name, height, width in shape:
        written = [
            CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python()
            for path in (plain, rows)
        ]
        assert written[0] == written[1]
        assert len(written[0]) == height and len(written[0][0]) == width
