"""Fuzzing the readers (issue #5): any bytes give a result or a ChulucError, nothing else.

Hypothesis with a fixed seed (``derandomize=True``), so CI runs the same examples
every time. Seeds are small valid inputs built here (.xlsx, .ods, .csv, the criteria
file of the CLI tests); the mutations flip, cut and insert bytes, rewrite the sheet
XML inside the zip, and delete, repeat or garble lines of the YAML. The extent guard
of :mod:`chuluc_cli.io.formats` gets its own property: whatever cell references a
sheet holds, either the guard refuses it or calamine's extent is within the limits.
A deeper, coverage-guided run: ``benchmarks/fuzz_atheris.py``.
"""

from __future__ import annotations

import functools
import os
import tempfile
import zipfile
from pathlib import Path

import pytest
import python_calamine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bad_input_helpers import (
    CRITERIA,
    HEADERS,
    csv_text,
    ods_rows,
    openpyxl_book,
    raw_ods,
    raw_xlsx,
    row,
    sheet_xml,
)
from chuluc_cli.criteria.loader import parse_criteria
from chuluc_cli.criteria.model import Criteria
from chuluc_cli.errors import ChulucError, LimitError
from chuluc_cli.io import formats
from chuluc_cli.io.nominations import load_nominations
from chuluc_cli.nominations import Nominations

# CHULUC_FUZZ_EXAMPLES=5000 pytest tests/test_fuzz.py: a longer run with fresh random examples.
_DEEP = int(os.environ.get("CHULUC_FUZZ_EXAMPLES", "0"))
FUZZ = settings(
    derandomize=not _DEEP,
    max_examples=_DEEP or 60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
XML_BITS = st.sampled_from(
    ["<", ">", "/", '"', "'", "=", "&", ";", "<c>", "</row>", '<c r="', "<v>", "]]>", "\x00",
     "<!--", "&amp;", "&lol;", "9999999", "XFD", " ", "\n", "é", "\ufffe"]
)  # fmt: skip
CRITERIA_TEXT = CRITERIA.read_text(encoding="utf-8")
RULES = parse_criteria(CRITERIA.read_bytes(), str(CRITERIA))


@functools.cache
def seeds() -> dict[str, bytes]:
    """Small valid nomination files in every zipped and text format, as bytes.

    A cached function, not a fixture: hypothesis would print a fixture's value (the
    whole files) with every falsifying example.
    """
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        rows = [HEADERS, row(1), row(2, c5="12,5"), row(3, c7="")]
        paths = {
            ".xlsx": openpyxl_book(base / "a.xlsx", rows),
            "raw.xlsx": raw_xlsx(base / "b.xlsx", sheet_xml(rows, dimension="A1:K4")),
            ".ods": raw_ods(base / "c.ods", ods_rows(rows)),
        }
        found = {name: path.read_bytes() for name, path in paths.items()}
    found[".csv"] = csv_text(rows).encode("utf-8")
    return found


def _load(data: bytes, suffix: str) -> Nominations | None:
    """Read ``data`` as a nominations file; None when a ChulucError says why not."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(data)
        try:
            return load_nominations(path, RULES, max_rows=5_000, max_cells=200_000)
        except ChulucError as error:
            assert "\n" not in str(error)
            assert str(path) in str(error) or "<" in str(error), str(error)
            return None


@st.composite
def mutations(draw: st.DrawFn, size: int) -> list[tuple[str, int, bytes]]:
    """A few edits of a ``size``-byte file: flip, cut or insert at drawn positions."""
    edits = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "cut", "insert", "truncate"]))
        at = draw(st.integers(0, max(size - 1, 0)))
        edits.append((kind, at, draw(st.binary(min_size=1, max_size=16))))
    return edits


def _mutate(data: bytes, edits: list[tuple[str, int, bytes]]) -> bytes:
    out = bytearray(data)
    for kind, at, blob in edits:
        at = min(at, len(out))
        if kind == "flip" and at < len(out):
            out[at] ^= blob[0] or 0xFF
        elif kind == "cut":
            del out[at : at + len(blob) * 8]
        elif kind == "insert":
            out[at:at] = blob
        elif kind == "truncate":
            del out[at:]
    return bytes(out)


@pytest.mark.parametrize("name", [".xlsx", "raw.xlsx", ".ods", ".csv"])
@FUZZ
@given(data=st.data())
def test_mutated_files_give_nominations_or_one_error(name: str, data: st.DataObject) -> None:
    seed = seeds()[name]
    edits = data.draw(mutations(len(seed)))
    result = _load(_mutate(seed, edits), "." + name.rsplit(".", 1)[-1])
    assert result is None or isinstance(result, Nominations)


def _rezip(seed: bytes, part: str, edit: callable) -> bytes:  # type: ignore[valid-type]
    """The zip ``seed`` with ``part`` replaced by ``edit(part bytes)``."""
    with tempfile.SpooledTemporaryFile() as source, tempfile.SpooledTemporaryFile() as target:
        source.write(seed)
        with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
            for info in old.infolist():
                content = old.read(info.filename)
                new.writestr(info, edit(content) if info.filename == part else content)
        target.seek(0)
        return target.read()


@pytest.mark.parametrize(
    ("name", "part"),
    [(".xlsx", "xl/worksheets/sheet1.xml"), ("raw.xlsx", "xl/worksheets/sheet1.xml"),
     ("raw.xlsx", "xl/sharedStrings.xml"), ("raw.xlsx", "xl/styles.xml"),
     (".ods", "content.xml")],
)  # fmt: skip
@FUZZ
@given(data=st.data())
def test_mutated_xml_inside_the_zip_gives_nominations_or_one_error(
    name: str, part: str, data: st.DataObject
) -> None:
    pieces = data.draw(st.lists(st.tuples(st.integers(0, 10**6), XML_BITS), min_size=1, max_size=6))

    def edit(xml: bytes) -> bytes:
        out = xml.decode("utf-8")
        for at, bit in pieces:
            at %= len(out) + 1
            out = out[:at] + bit + out[at + data.draw(st.integers(0, 3)) :]
        return out.encode("utf-8", "surrogatepass")

    mutated = _rezip(seeds()[name], part, edit)
    result = _load(mutated, "." + name.rsplit(".", 1)[-1])
    assert result is None or isinstance(result, Nominations)


# --- The extent guard against calamine itself ------------------------------------------
REFERENCES = st.builds(
    lambda letters, number, lower, quote, space: (
        (letters.lower() if lower else letters) + str(number),
        quote,
        space,
    ),
    st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=2),
    st.integers(1, 3000),
    st.booleans(),
    st.sampled_from(['"', "'"]),
    st.sampled_from(["", " "]),
)


@st.composite
def hostile_cells(draw: st.DrawFn) -> bytes:
    """Rows of cells placed in every way calamine accepts, within 3000 x 702."""
    rows = []
    for _ in range(draw(st.integers(1, 5))):
        cells = []
        for _ in range(draw(st.integers(1, 4))):
            (ref, quote, space) = draw(REFERENCES)
            form = draw(st.sampled_from(["usual", "no-r", "twice", "prefixed", "empty"]))
            attr = f"r{space}={space}{quote}{ref}{quote}"
            if form == "usual":
                cells.append(f"<c {attr}><v>1</v></c>")
            elif form == "no-r":
                cells.append("<c><v>1</v></c>")
            elif form == "twice":
                cells.append(f'<c r="A1" {attr}><v>1</v></c>')
            elif form == "prefixed":
                ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
                cells.append(f'<x:c xmlns:x="{ns}" {attr}><v>1</v></x:c>')
            else:
                cells.append(f"<c {attr}/>")
        number = draw(st.one_of(st.none(), st.integers(3, 3000)))
        opening = "<row>" if number is None else f'<row r="{number}">'
        rows.append(opening + "".join(cells) + "</row>")
    return "".join(rows).encode()


@FUZZ
@given(
    cells=hostile_cells(),
    claim=st.one_of(st.none(), st.sampled_from(["A1", "A1:K2", "A1:Z100", "A1:AZ3000"])),
    max_rows=st.sampled_from([50, 500, 5000]),
    max_cells=st.sampled_from([500, 20_000, 2_000_000]),
)
def test_extent_guard_never_lets_calamine_exceed_the_limits(
    cells: bytes, claim: str | None, max_rows: int, max_cells: int
) -> None:
    limits = formats.Limits(max_rows, max_cells)
    with tempfile.TemporaryDirectory() as folder:
        path = raw_xlsx(
            Path(folder) / "x.xlsx",
            sheet_xml([["a"]], dimension=claim, extra_rows=cells),
        )
        with zipfile.ZipFile(path) as archive:
            side = formats.XlsxSide(path, archive)
            try:
                side.check_extent("S", "xl/worksheets/sheet1.xml", limits)
            except LimitError:
                return
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        try:  # small enough to let calamine allocate: at most 3000 x 702 cells
            end = book.get_sheet_by_name("Danh sách").end
        finally:
            book.close()
    rows, cols = (end[0] + 1, end[1] + 1) if end else (0, 0)
    assert not limits.over(rows, cols), (rows, cols, claim)


# --- Criteria YAML -----------------------------------------------------------------------
@st.composite
def yaml_mutations(draw: st.DrawFn) -> str:
    """The criteria text with lines deleted, repeated, swapped or garbled."""
    lines = CRITERIA_TEXT.splitlines()
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["delete", "repeat", "swap", "garble", "indent"]))
        if kind == "delete":
            del lines[at]
        elif kind == "repeat":
            lines.insert(at, lines[at])
        elif kind == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif kind == "garble":
            text = lines[at]
            where = draw(st.integers(0, len(text)))
            junk = draw(st.text(alphabet=st.sampled_from(list(":-[]{}&*!|>'\"#%@`,? \t\\x0")),
                                max_size=5))  # fmt: skip
            lines[at] = text[:where] + junk + text[where + 1 :]
        else:
            lines[at] = " " * draw(st.integers(1, 5)) + lines[at]
        if not lines:
            break
    return "\n".join(lines) + "\n"


@FUZZ
@given(text=yaml_mutations())
def test_mutated_criteria_give_criteria_or_one_error(text: str) -> None:
    try:
        result = parse_criteria(text.encode("utf-8"), "fuzz.yaml")
    except ChulucError as error:
        assert str(error).startswith("fuzz.yaml:"), str(error)
        assert "\n" not in str(error)
        return
    assert isinstance(result, Criteria)


TOKENS = [*"abx_01.+-*/()<>=!, '\"[]{}:;\\", "and", "or", "not", "if", "else", "lambda",
          "__import__", "revenue", "max(", "years(", "**", "1e999", "present("]  # fmt: skip


@FUZZ
@given(expression=st.lists(st.sampled_from(TOKENS), max_size=20).map("".join))
def test_random_formulas_give_criteria_or_one_error(expression: str) -> None:
    quoted = expression.replace("\\", "\\\\").replace('"', '\\"')
    text = CRITERIA_TEXT.replace('formula: "export_share / 10"', f'formula: "{quoted}"')
    try:
        parse_criteria(text.encode("utf-8"), "fuzz.yaml")
    except ChulucError as error:
        assert str(error).startswith("fuzz.yaml:") and "\n" not in str(error), str(error)


@FUZZ
@given(raw=st.binary(max_size=300))
def test_random_bytes_as_criteria_give_one_error(raw: bytes) -> None:
    with pytest.raises(ChulucError) as error:
        parse_criteria(raw, "fuzz.yaml")
    assert "\n" not in str(error.value)
