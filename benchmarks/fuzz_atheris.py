"""Coverage-guided fuzzing of chuluc's readers with atheris (not part of the test suite).

tests/test_fuzz.py runs a fixed set of hypothesis examples in CI; this harness lets
libFuzzer explore for as long as you like. Any exception other than ChulucError is a
bug (atheris stops and writes the input as crash-<hash>). Run from the repository:

    pip install atheris
    PYTHONPATH=src python benchmarks/fuzz_atheris.py xlsx -max_total_time=600
    PYTHONPATH=src python benchmarks/fuzz_atheris.py criteria corpus_dir/

Targets: ``xlsx``, ``ods``, ``csv`` (bytes written to a file and read with
load_nominations against tests/data/criteria/issue-example.yaml; the seed corpus is
a valid file of that format) and ``criteria`` (bytes given to parse_criteria).
atheris is deliberately not a dependency: pytest never imports this file.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import atheris  # type: ignore[import-not-found]

with atheris.instrument_imports():
    from chuluc_cli.criteria.loader import parse_criteria
    from chuluc_cli.errors import ChulucError
    from chuluc_cli.io.nominations import load_nominations

ROOT = Path(__file__).resolve().parent.parent
CRITERIA = ROOT / "tests" / "data" / "criteria" / "issue-example.yaml"
RULES = parse_criteria(CRITERIA.read_bytes(), str(CRITERIA))
FOLDER = Path(tempfile.mkdtemp(prefix="chuluc-fuzz-"))


def nominations_target(suffix: str) -> Callable[[bytes], None]:
    """A target reading the bytes as a nominations file with ``suffix``."""
    path = FOLDER / f"input{suffix}"

    def target(data: bytes) -> None:
        path.write_bytes(data)
        try:
            load_nominations(path, RULES, max_rows=10_000, max_cells=500_000)
        except ChulucError as error:
            assert "\n" not in str(error), str(error)

    return target


def criteria_target(data: bytes) -> None:
    """Bytes as a criteria file: a Criteria or one ChulucError line."""
    try:
        parse_criteria(data, "fuzz.yaml")
    except ChulucError as error:
        assert "\n" not in str(error), str(error)


HEADERS = [
    "Mã hồ sơ",
    "Tên sản phẩm",
    "Tên doanh nghiệp",
    "Mã số thuế",
    "Ngành",
    "Doanh thu 2024 (tỷ đồng)",
    "Ngày thành lập",
    "Trụ sở và cơ sở sản xuất tại Hà Nội",
]
ROWS = [
    HEADERS,
    ["SP01", "Máy", "Công ty A", "0101234567", "Cơ khí", "600", "01/02/2010", "Có"],
    ["SP02", "Bơm", "Công ty B", "0101234568", "Cơ khí", "12,5", "01/02/2012", "Không"],
]
ODS_CONTENT = (
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
    '<office:spreadsheet><table:table table:name="S">{rows}</table:table>'
    "</office:spreadsheet></office:body></office:document-content>"
)


def _seed(kind: str) -> Path:
    """A folder with one valid input of ``kind``, so libFuzzer starts from real structure."""
    import csv
    import io
    import zipfile

    import xlsxwriter

    folder = FOLDER / f"seed-{kind}"
    folder.mkdir(exist_ok=True)
    seed = folder / "seed"
    if kind == "xlsx":
        book = xlsxwriter.Workbook(str(seed))
        sheet = book.add_worksheet("S")
        for r, values in enumerate(ROWS):
            sheet.write_row(r, 0, values)
        book.close()
    elif kind == "ods":
        cells = "".join(
            "<table:table-row>"
            + "".join(
                f'<table:table-cell office:value-type="string"><text:p>{v}</text:p>'
                "</table:table-cell>"
                for v in values
            )
            + "</table:table-row>"
            for values in ROWS
        )
        with zipfile.ZipFile(seed, "w") as archive:
            archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
            archive.writestr("content.xml", ODS_CONTENT.format(rows=cells))
            archive.writestr("META-INF/manifest.xml", "<manifest:manifest/>")
    elif kind == "csv":
        text = io.StringIO()
        csv.writer(text).writerows(ROWS)
        seed.write_text(text.getvalue(), encoding="utf-8")
    else:
        seed.write_bytes(CRITERIA.read_bytes())
    return folder


def main() -> None:
    """``fuzz_atheris.py KIND [libFuzzer options and corpus folders]``."""
    kind = sys.argv[1] if len(sys.argv) > 1 else "xlsx"
    targets = {
        "xlsx": nominations_target(".xlsx"),
        "ods": nominations_target(".ods"),
        "csv": nominations_target(".csv"),
        "criteria": criteria_target,
    }
    if kind not in targets:
        sys.exit(f"usage: {sys.argv[0]} {{{','.join(targets)}}} [libFuzzer options]")
    extra = sys.argv[2:]
    if not any(not arg.startswith("-") for arg in extra):
        extra.append(str(_seed(kind)))
    atheris.Setup([sys.argv[0], *extra], targets[kind])
    atheris.Fuzz()


if __name__ == "__main__":
    main()
