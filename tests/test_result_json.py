"""The JSON result: schema, order, numbers, agreement with the workbook, reproducibility."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from chuluc_cli.io.report_xlsx import write_report
from chuluc_cli.io.result_json import dumps, number, result_to_dict, to_json
from result_factory import IDS_IN_INPUT_ORDER, install_messages, make_result

TOP_KEYS = [
    "schema",
    "tool",
    "language",
    "criteria",
    "inputs",
    "options",
    "summary",
    "products",
    "issues",
]
PRODUCT_KEYS = [
    "id",
    "row",
    "source",
    "product",
    "enterprise",
    "status",
    "rank",
    "total",
    "tier",
    "groups",
    "criteria",
    "explanations",
    "reasons",
    "flags",
]


@pytest.fixture(autouse=True)
def _messages(monkeypatch: pytest.MonkeyPatch) -> None:
    install_messages(monkeypatch)


def test_document_has_the_documented_keys_in_order() -> None:
    document = json.loads(dumps(make_result()))
    assert list(document) == TOP_KEYS
    assert document["schema"] == "chuluc/result-v1"
    assert document["tool"]["name"] == "chuluc"
    assert list(document["products"][0]) == PRODUCT_KEYS
    assert list(document["issues"][0]) == [
        "code",
        "severity",
        "source",
        "sheet",
        "row",
        "column",
        "header",
        "field",
        "value",
        "product_id",
        "message",
    ]


def test_documented_keys_match_docs() -> None:
    docs = (Path(__file__).parents[1] / "docs" / "result-json.md").read_text(encoding="utf-8")
    for key in [*TOP_KEYS, *PRODUCT_KEYS, "awaiting_scores", "data_warnings", "product_id"]:
        assert f"`{key}`" in docs, key


def test_products_in_input_order_with_rank_null_when_rejected() -> None:
    products = result_to_dict(make_result())["products"]
    assert [p["id"] for p in products] == IDS_IN_INPUT_ORDER
    assert [p["rank"] for p in products] == [1, None, 3, 2, None, 4]
    assert [p["status"] for p in products] == [
        "selected",
        "rejected",
        "passed",
        "selected",
        "rejected",
        "passed",
    ]
    p02 = products[1]
    assert p02["reasons"] == [
        {"code": "E1", "message": "Không có cơ sở sản xuất tại Hà Nội"},
        {"code": "PASS_MARK", "message": "Tổng điểm 8 dưới điểm đạt"},
    ]
    assert p02["tier"] is None and products[0]["tier"] == "Xuất sắc"
    assert products[2]["flags"] == ["TIE"]


def test_points_are_plain_numbers() -> None:
    p01 = result_to_dict(make_result())["products"][0]
    assert p01["total"] == 27.5 and p01["groups"] == {"A": 22.5, "B": 5}
    assert p01["criteria"] == {"A1": 15, "A2": 7.5, "B1": 5}
    assert isinstance(p01["criteria"]["A1"], int)
    assert number(Decimal("0.00001")) == 0.00001
    assert to_json(number(Decimal("0.00001"))) == "0.00001"
    assert to_json(Decimal("0.000001")) == "0.000001"
    assert to_json(1e16) == "10000000000000000.0"


def test_summary_and_issues() -> None:
    document = result_to_dict(make_result())
    assert document["summary"] == {
        "products": 6,
        "selected": 2,
        "passed": 2,
        "rejected": 2,
        "awaiting_scores": 1,
        "ties": 2,
        "data_errors": 2,
        "data_warnings": 1,
    }
    issues = document["issues"]
    assert [(i["product_id"], i["row"], i["column"]) for i in issues] == [
        ("P02", 3, "B"),
        ("P02", 3, "F"),
        ("P05", 6, "F"),
    ]
    assert issues[2]["value"] == "=1+1" and issues[2]["source"] == "ho-so.xlsx"
    assert issues[2]["message"] == "Không đọc được số: =1+1"


def test_messages_follow_the_language() -> None:
    english = result_to_dict(make_result(), "en")
    assert english["language"] == "en"
    assert english["criteria"]["title"] == "Key industrial products (test)"
    assert english["products"][1]["reasons"][0]["message"] == "Does not produce in Hanoi"
    assert english["products"][0]["tier"] == "Excellent"


def test_text_is_utf8_indented_with_a_final_newline() -> None:
    text = dumps(make_result())
    assert "Máy bơm" in text and "\\u" not in text
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"


def test_same_result_gives_identical_text() -> None:
    assert dumps(make_result()) == dumps(make_result())


def test_json_agrees_with_the_workbook(tmp_path: Path) -> None:
    result = make_result()
    target = tmp_path / "report.xlsx"
    write_report(result, target)
    rows = list(openpyxl.load_workbook(target)["Chi tiết điểm"].iter_rows(values_only=True))
    workbook_totals = {row[0]: row[-1] for row in rows[1:]}
    json_totals = {p["id"]: p["total"] for p in result_to_dict(result)["products"]}
    assert json_totals == workbook_totals
    shortlist = openpyxl.load_workbook(target)["Danh sách xét chọn"]
    ranks = {row[1]: row[0] for row in shortlist.iter_rows(min_row=2, values_only=True)}
    assert ranks == {p["id"]: p["rank"] for p in result_to_dict(result)["products"] if p["rank"]}


json_leaves = st.none() | st.booleans() | st.integers() | st.text()


def _json_values(leaves):
    return st.recursive(
        leaves,
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(st.text(max_size=5), children, max_size=4)
        ),
        max_leaves=20,
    )


@given(_json_values(json_leaves | st.floats(allow_nan=False, allow_infinity=False)))
def test_to_json_reads_back_as_the_same_value(value) -> None:
    assert json.loads(to_json(value)) == value


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_floats_are_never_written_with_an_exponent(value: float) -> None:
    text = to_json(value)
    assert "e" not in text.lower()
    assert float(text) == value


@given(_json_values(json_leaves))
def test_to_json_is_json_dumps_for_values_without_floats(value) -> None:
    assert to_json(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_dumps_is_result_to_dict_as_text() -> None:
    result = make_result()
    assert json.loads(dumps(result, "en")) == result_to_dict(result, "en")
