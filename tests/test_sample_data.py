"""The checked-in samples are what make_samples.py writes, and show what their README says.

sample_data/README.md names rows and outcomes (the planted mistakes, the gates that fail,
the quota cut, the tie settled by revenue); these tests keep that page true when the
samples, the reader or the scoring change.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from typer.testing import CliRunner

from chuluc_cli.cli import app
from chuluc_cli.criteria.loader import load_criteria
from script_loader import load_script

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_data"
runner = CliRunner()


make_samples = load_script("make_samples", SAMPLES / "make_samples.py")


def _cells(path: Path) -> list[list[object]]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()


@pytest.mark.parametrize(
    ("name", "ruleset", "rows"),
    [
        ("hanoi-2025.xlsx", "hanoi-spcncl", "hanoi_rows"),
        ("ocop-2025.xlsx", "ocop-2023", "ocop_rows"),
    ],
)
def test_checked_in_sample_is_what_make_samples_writes(
    tmp_path: Path, name: str, ruleset: str, rows: str
) -> None:
    criteria = load_criteria(ruleset)
    blank_after = {"hanoi_rows": 29, "ocop_rows": 14}[rows]
    fresh = tmp_path / name
    make_samples.write_sample(fresh, criteria, getattr(make_samples, rows)(criteria), blank_after)
    assert _cells(fresh) == _cells(SAMPLES / name)


def _score(tmp_path: Path, name: str, ruleset: str) -> dict:
    out = tmp_path / "result.json"
    args = ["score", str(SAMPLES / name), "-c", ruleset, "-o", str(out), "--quiet"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output  # the planted mistakes are data issues
    return json.loads(out.read_text(encoding="utf-8"))


def test_hanoi_sample_outcomes_match_the_readme(tmp_path: Path) -> None:
    document = _score(tmp_path, "hanoi-2025.xlsx", "hanoi-spcncl")
    products = {p["id"]: p for p in document["products"]}
    assert document["summary"]["products"] == 60
    errors = {(i["row"], i["field"]) for i in document["issues"] if i["severity"] == "error"}
    assert errors == {
        (16, "employees"), (28, "revenue"), (41, "founded"), (58, "tax_code"), (62, "sector")
    }  # fmt: skip
    gates = {pid: p["reasons"][0]["code"] for pid, p in products.items() if p["reasons"]}
    assert {pid: code for pid, code in gates.items() if code.startswith("G")} == {
        "HN-2025-033": "G1", "HN-2025-048": "G2", "HN-2025-035": "G3", "HN-2025-046": "G4",
        "HN-2025-058": "G5",
    }  # fmt: skip
    assert products["HN-2025-014"]["status"] == "passed"
    assert [r["code"] for r in products["HN-2025-014"]["reasons"]] == ["QUOTA:per_enterprise"]
    tie = products["HN-2025-051"], products["HN-2025-003"]
    assert tie[0]["total"] == tie[1]["total"]
    assert tie[0]["rank"] + 1 == tie[1]["rank"]
    assert not tie[0]["flags"] and not tie[1]["flags"]  # settled: not flagged as a tie


def test_ocop_sample_spreads_from_two_to_five_stars(tmp_path: Path) -> None:
    document = _score(tmp_path, "ocop-2025.xlsx", "ocop-2023")
    assert document["summary"]["products"] == 30
    tiers = {p["tier"] for p in document["products"] if p["tier"]}
    assert tiers == {"5 sao", "4 sao", "3 sao", "2 sao"}
    rejected = {p["id"]: p["reasons"][0]["code"] for p in document["products"] if p["reasons"]}
    assert rejected["OCOP-2025-012"] == "G1"
    assert rejected["OCOP-2025-014"] == "G2"
    assert rejected["OCOP-2025-015"] == "DATA:promotion_events"
