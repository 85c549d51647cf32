"""The CSV result: one row per product, Excel-friendly, safe against CSV injection."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from chuluc_cli.io.result_csv import csv_safe, write_csv
from result_factory import FORMULA_PRODUCT, IDS_IN_INPUT_ORDER, install_messages, make_result


@pytest.fixture(autouse=True)
def _messages(monkeypatch: pytest.MonkeyPatch) -> None:
    install_messages(monkeypatch)


def _read(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_one_row_per_product_in_input_order(tmp_path: Path) -> None:
    target = tmp_path / "ket-qua.csv"
    write_csv(make_result(), target, "vi")
    rows = _read(target)
    assert rows[0][:7] == [
        "Mã hồ sơ",
        "Tên sản phẩm",
        "Doanh nghiệp",
        "Kết quả",
        "Thứ hạng",
        "Tổng điểm (30)",
        "Xếp loại",
    ]
    assert [row[0] for row in rows[1:]] == IDS_IN_INPUT_ORDER
    p02 = dict(zip(rows[0], rows[2], strict=True))
    assert p02["Thứ hạng"] == "" and p02["Tổng điểm (30)"] == "8.00"
    assert p02["A1 Doanh thu (15)"] == "5.00"
    assert p02["Mã lý do"] == "E1; PASS_MARK"
    assert p02["Lý do"].split("\n")[1] == "PASS_MARK — Tổng điểm 8 dưới điểm đạt"


def test_formula_like_text_gets_a_quote(tmp_path: Path) -> None:
    target = tmp_path / "ket-qua.csv"
    write_csv(make_result(), target, "en")
    rows = _read(target)
    assert rows[1][1] == "'" + FORMULA_PRODUCT
    assert rows[1][2] == "'+Công ty A"
    assert rows[2][2] == "'-Công ty B"
    assert rows[3][1] == "'@SUM(1)"
    assert rows[1][5] == "27.50"  # numbers written by chuluc are not prefixed


@pytest.mark.parametrize(
    ("text", "safe"),
    [("=1+1", "'=1+1"), ("-5", "'-5"), ("\tx", "'\tx"), ("Máy", "Máy"), ("a=b", "a=b")],
)
def test_csv_safe(text: str, safe: str) -> None:
    assert csv_safe(text) == safe


def test_standard_output_gets_the_text_without_bom(capsysbinary: pytest.CaptureFixture) -> None:
    write_csv(make_result(), None, "vi")
    out = capsysbinary.readouterr().out
    assert out.startswith("Mã hồ sơ,".encode()) and b"\r\nP01," in out
