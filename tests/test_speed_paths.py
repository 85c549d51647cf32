"""The shortcuts that make large rounds fast give exactly what the reference paths give.

Scoring keeps compact notes and writes explanations from pre-filled templates; the
reader writes cell texts on demand; the JSON is streamed; ``criteria list`` reads
only a few keys. Each shortcut is checked here against the slow, plain way it
replaces, on realistic generated files of every shipped ruleset and on random values.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from contextlib import redirect_stdout
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from chuluc_cli import cli, entry
from chuluc_cli.criteria.loader import load_criteria, parse_criteria
from chuluc_cli.criteria.rulesets import shipped_rulesets
from chuluc_cli.errors import InputError
from chuluc_cli.io.headers import find_header
from chuluc_cli.io.nominations import (
    load_nominations,
    nominations_from_rows,
    nominations_from_sheet,
)
from chuluc_cli.io.result_json import dumps, result_to_dict, to_json, write_json
from chuluc_cli.io.values import (
    _general_literal,
    _is_ambiguous_mantissa,
    _number_literal,
    _split_literal,
    number_is_ambiguous,
)
from chuluc_cli.io.workbook import RawSheet
from chuluc_cli.render import ruleset_facts
from chuluc_cli.results import CriterionResult, criterion_cells
from chuluc_cli.round import run_round
from chuluc_cli.scoring import _Explanation, _Product, compiled_plan, score_product
from scoring_helpers import one_group, row
from script_loader import generate

ROOT = Path(__file__).resolve().parent.parent
RULESETS = ("hanoi-spcncl", "ocop-2023", "cnnt-2014")
runner = CliRunner()


@pytest.fixture(scope="module", params=RULESETS)
def generated(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """A scored round of 300 generated nominations (messy and ineligible rows included)."""
    criteria = load_criteria(request.param)
    path = tmp_path_factory.mktemp(request.param) / "ho-so.xlsx"
    generate.write_nominations(path, criteria, 300, seed=7, fmt="xlsx")
    nominations = load_nominations(path, criteria)
    return criteria, nominations, run_round(criteria, [nominations])


def test_templates_write_what_the_reference_messages_say(generated) -> None:
    _, _, result = generated
    checked = 0
    for outcome in result.outcomes:
        for item in outcome.card.criteria:
            if isinstance(item.explanation, _Explanation):
                for lang in ("vi", "en"):
                    assert item.explanation.render(lang) == item.explanation.message.render(lang)
                checked += 1
    assert checked > 1000


def test_points_and_notes_match_the_reference_rule_functions(generated) -> None:
    criteria, _, result = generated
    plan = compiled_plan(criteria)
    for outcome in result.outcomes[:120]:
        card = outcome.card
        for rule, item in zip(plan.rules, card.criteria, strict=True):
            product = _Product(criteria, card.nomination, card.criteria.unusable)  # type: ignore[attr-defined]
            points, note = rule._unusual(product)  # the reference path, for every product
            assert item.points == points
            assert item.missing == note.missing
            for lang in ("vi", "en"):
                assert item.explanation.render(lang) == note.message.render(lang)


def test_reports_read_the_same_cells_as_the_result_objects(generated) -> None:
    criteria, _, result = generated
    ids = list(criteria.criteria_by_id)
    for outcome in result.outcomes[:50]:
        card = outcome.card
        points, texts = criterion_cells(card, ids, "en")
        assert points == [card.points(cid) for cid in ids]
        assert texts == [item.explanation.render("en") for item in card.criteria]
        assert [item.id for item in card.criteria] == ids
        assert card.criteria[-1].id == ids[-1]
        assert len(card.gates) == len(criteria.eligibility)
        assert all(gate.explanation is not None for gate in card.gates)


def test_criterion_cells_of_a_card_built_by_hand() -> None:
    criteria = one_group("- {id: A1, title: T, max: 5, when: iso_9001}")
    card = score_product(criteria, row(2, iso_9001=True))
    by_hand = type(card)(card.nomination, (), tuple(card.criteria), card.groups, card.total, {}, ())
    assert criterion_cells(by_hand, ["A1", "B9"], "vi") == (
        [Decimal("5.00"), None],
        ["ISO 9001 = Có → 5/5", None],
    )
    assert criterion_cells(card, ["A1"], "vi") == ([Decimal("5.00")], ["ISO 9001 = Có → 5/5"])


def test_streamed_json_is_the_documented_document(generated) -> None:
    _, _, result = generated
    chunks: list[str] = []
    write_json(result, chunks.append, "en")
    text = "".join(chunks)
    assert len(chunks) > len(result.outcomes)  # one product at a time
    assert text == dumps(result, "en") == to_json(result_to_dict(result, "en")) + "\n"
    assert json.loads(text)["summary"]["products"] == len(result.outcomes)


@given(
    st.recursive(
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats(allow_nan=False, allow_infinity=False, min_value=-1e6, max_value=1e6)
        | st.text(max_size=8),
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
        ),
        max_leaves=12,
    )
)
def test_to_json_writes_what_json_dumps_writes(value) -> None:
    # json writes 1e-05 where chuluc writes 0.00001: compare where both agree on numbers.
    expected = json.dumps(value, ensure_ascii=False, indent=2)
    if "e-" not in expected and "e+" not in expected:
        assert to_json(value) == expected


def test_cell_texts_are_written_on_demand_like_a_dict(generated) -> None:
    _, nominations, _ = generated
    first = nominations.rows[0]
    texts = dict(first.raw)
    assert list(first.raw) == list(texts)
    assert first.raw == texts
    assert all(isinstance(text, str) for text in texts.values())


def test_quick_ruleset_facts_are_the_full_load(tmp_path: Path) -> None:
    for name, path in shipped_rulesets().items():
        loaded = load_criteria(path)
        assert ruleset_facts(name, path) == {
            "name": name,
            "version": loaded.version,
            "title": loaded.title,
            "title_en": loaded.title_en,
            "max_total": loaded.max_total,
            "pass_mark": loaded.selection.pass_mark,
        }
    odd = tmp_path / "odd.yaml"
    odd.write_text("schema: chuluc/criteria-v1\nid: x\n", encoding="utf-8")
    with pytest.raises(Exception, match=r"odd\.yaml"):  # the full load says what is wrong
        ruleset_facts("odd", odd)


LISTS = [
    ["criteria", "list"],
    ["criteria", "list", "--format", "json"],
    ["criteria", "list", "-l", "en"],
    ["criteria", "list", "--lang=en", "--format=table"],
    ["criteria", "list", "--format", "json", "--lang", "vi"],
]


@pytest.mark.parametrize("argv", LISTS)
def test_criteria_list_without_typer_prints_what_typer_prints(argv: list[str]) -> None:
    expected = runner.invoke(cli.app, argv)
    out = io.StringIO()
    with redirect_stdout(out):
        entry.main(argv)
    assert expected.exit_code == 0
    assert out.getvalue() == expected.stdout
    assert "hanoi-spcncl" in out.getvalue()


def test_only_the_list_and_its_known_options_are_answered_without_typer() -> None:
    assert entry.direct_list(["criteria", "list", "-l", "en", "--format=json"]) == (True, "en")
    assert entry.direct_list(["criteria", "list", "--lang", "en", "--lang", "vi"]) == (False, "vi")
    for argv in (
        ["criteria", "show"],
        ["criteria", "list", "--lang"],
        ["criteria", "list", "--lang", "fr"],
        ["criteria", "list", "-l=en"],
        ["criteria", "list", "--format", "xml"],
        ["criteria", "list", "--help"],
        ["criteria", "list", "extra"],
        ["list", "criteria"],
    ):
        assert entry.direct_list(argv) is None, argv


def test_any_other_command_line_goes_to_typer(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:  # typer refuses an unknown format, exit 2
        entry.main(["criteria", "list", "--format", "xml"])
    assert done.value.code == 2
    assert "xml" in capsys.readouterr().err
    with pytest.raises(SystemExit) as done:  # and an unknown language, in one line
        entry.main(["criteria", "list", "--lang", "fr"])
    assert done.value.code == 2
    assert "'fr' is not one of 'vi', 'en'" in capsys.readouterr().err


BANDS_AND_MORE = """
- id: A1
  title: Doanh thu
  max: 15
  bands: {of: revenue, steps: [{at_least: 500, points: 20}, {above: 20, points: 5}]}
- {id: A2, title: Xuất khẩu, max: 10, linear: {of: export_share, zero_at: 50, full_at: 5}}
- {id: A3, title: Ngành, max: 5, map: {of: sector, points: {co_khi: 5, dien_tu: 2.675}}}
- {id: A4, title: ISO, max: 5, when: iso_9001}
- {id: A5, title: Điều kiện, max: 5, when: "x > y or iso_9001"}
- {id: A6, title: Công thức, max: 2.675, formula: "x / y"}
- {id: A7, title: Tuổi, max: 5, formula: "years(founded, date('2025-12-31'))"}
"""
VALUES = st.one_of(
    st.none(),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9),
    st.integers(-1000, 1000),
    st.booleans(),
    st.sampled_from(["co_khi", "dien_tu", "khac", ""]),
    st.dates(dt.date(1990, 1, 1), dt.date(2030, 1, 1)),
)


@settings(max_examples=300, deadline=None)
@given(
    revenue=VALUES, export_share=VALUES, sector=VALUES, iso_9001=VALUES, x=VALUES, y=VALUES,
    founded=VALUES,
)  # fmt: skip
def test_any_values_score_and_explain_as_the_reference(**values) -> None:
    criteria = one_group(BANDS_AND_MORE)
    try:
        card = score_product(criteria, row(2, **values))
    except Exception as error:  # the reference path fails the same way (e.g. a bool formula)
        product = _Product(criteria, row(2, **values), frozenset())
        with pytest.raises(type(error)):
            for rule in compiled_plan(criteria).rules:
                rule._unusual(product)
        return
    product = _Product(criteria, card.nomination, frozenset())
    for rule, item in zip(compiled_plan(criteria).rules, card.criteria, strict=True):
        assert isinstance(item, CriterionResult)
        points, note = rule._unusual(product)
        assert (item.points, item.missing) == (points, note.missing)
        for lang in ("vi", "en"):
            assert item.explanation.render(lang) == note.message.render(lang)


def _read_both_ways(monkeypatch: pytest.MonkeyPatch, read):  # type: ignore[no-untyped-def]
    """What ``read()`` gives with the quick cell reads, and with every cell read the full way."""
    from chuluc_cli.io import nominations as reader

    quick = read()
    with monkeypatch.context() as patch:
        patch.setattr(reader, "_QUICK_READS", False)
        full = read()
    return quick, full


def _same_reading(quick, full) -> None:  # type: ignore[no-untyped-def]
    assert [row.values for row in quick.rows] == [row.values for row in full.rows]
    # Types and signs too (1 == 1.0 == True and 0.0 == -0.0 for ==).
    assert [repr(row.values) for row in quick.rows] == [repr(row.values) for row in full.rows]
    assert [dict(row.raw) for row in quick.rows] == [dict(row.raw) for row in full.rows]
    assert [row.row for row in quick.rows] == [row.row for row in full.rows]
    assert quick.issues == full.issues
    assert [issue.params for issue in quick.issues] == [issue.params for issue in full.issues]


def test_quick_cell_reads_give_what_the_full_reads_give(
    generated, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    criteria, nominations, _ = generated
    _same_reading(
        *_read_both_ways(monkeypatch, lambda: load_nominations(nominations.path, criteria))
    )


CELLS = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.sampled_from(["Có", "x", "Không", "Cơ khí", "Điện tử", "0101234567", "1.234,5", "12,5%"]),
    st.floats(allow_nan=False, allow_infinity=False),  # a workbook cannot hold inf or nan
    st.integers(-(10**20), 10**20),
    st.booleans(),
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)),
)
HEADER = ["Mã hồ sơ", "Tên sản phẩm", "Doanh nghiệp", "Mã số thuế", "Ngành",
          "Doanh thu 2024 (tỷ đồng)", "Tỷ lệ xuất khẩu (%)", "ISO 9001", "X", "Y"]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(CELLS, min_size=len(HEADER), max_size=len(HEADER)), max_size=6))
def test_quick_reads_of_any_cells_give_the_full_reads(rows) -> None:
    from chuluc_cli.io.nominations import nominations_from_rows

    criteria = one_group("- {id: A1, title: T, max: 5, when: iso_9001}")
    table = [HEADER, *(["SP", "Tên", "DN", *row[3:]] for row in rows)]
    with pytest.MonkeyPatch.context() as monkeypatch:
        quick, full = _read_both_ways(
            monkeypatch, lambda: nominations_from_rows(table, criteria, percent_cells=[(1, 6)])
        )
    _same_reading(quick, full)


# --- Reading column by column: every quick read against the full read of each cell ----
TYPED = parse_criteria(
    b"""\
schema: chuluc/criteria-v1
id: t
version: '1'
title: Thu
fields:
  product_id: {type: id, headers: ["Ma"]}
  product: {type: text, headers: ["Ten"]}
  tax_code: {type: text, headers: ["MST"], pattern: "[0-9]{10}", required: false}
  sector: {type: choice, headers: ["Nganh"], choices: {co_khi: ["Co khi"], dien_tu: ["Dien tu"]}}
  revenue: {type: number, headers: ["Doanh thu"], min: 0}
  employees: {type: integer, headers: ["Lao dong"], min: 1, max: 1000, required: false}
  share: {type: percent, headers: ["Ty le"], min: 0, max: 100, required: false}
  iso: {type: bool, headers: ["ISO"], required: false}
  ticked: {type: bool, headers: ["Dat"], required: false}
  founded: {type: date, headers: ["Ngay"], required: false}
  x: {type: number, headers: ["X"], required: false}
groups:
  - id: A
    title: A
    criteria:
      - {id: A1, title: T, max: 5, when: iso}
selection: {pass_mark: 0}
""",
    "t.yaml",
)
TYPED_HEADER = [
    "Ma",
    "Ten",
    "MST",
    "Nganh",
    "Doanh thu",
    "Lao dong",
    "Ty le",
    "ISO",
    "Dat",
    "Ngay",
    "X",
]
# A few values of each kind, so that columns repeat them (the remembered readings).
TYPED_CELLS = st.one_of(
    st.sampled_from(
        ["", " ", "\u200b", "x", "X ", "Có", "Không", "co khi", "Điện tử", "khác", "0101234567",
         "12,5", "1.234", "1,234", "12,5%", "50 %", "-3", "(1.234)", "1e3", "abc", "a\x01b",
         "15/03/2019", "31/02/2019", "2019-03-15", "Tổng cộng", "Ma", "Ten", "HS-01"]
    ),
    st.text(max_size=6),
    st.sampled_from([0, 1, -1, 12, 5000, 2**53, 10**30, True, False]),
    st.sampled_from([0.5, 0.125, -0.0, 0.0, 12.5, 1e300, 2.0**60, 43539.0, 1.0]),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e6, max_value=1e6),
    st.integers(-(10**6), 10**6),
    st.sampled_from([dt.date(2019, 3, 15), dt.datetime(2019, 3, 15, 8, 30), dt.time(8, 30)]),
)  # fmt: skip


@st.composite
def _typed_sheet(draw: st.DrawFn) -> RawSheet:
    width = len(TYPED_HEADER)
    data = draw(st.lists(st.lists(TYPED_CELLS, min_size=width - 2, max_size=width), max_size=8))
    ids = st.sampled_from(["SP1", "SP2", "SP3", "", 7])
    rows = [["Title"], TYPED_HEADER, *([draw(ids), *row[1:]] for row in data)]
    cells = [(r, c) for r in range(2, len(rows)) for c in range(len(rows[r]))]
    some = st.sets(st.sampled_from(cells), max_size=len(cells)) if cells else st.just(set())
    flagged = sorted(draw(some))[:3]
    errors = frozenset(flagged[:1])
    for r, c in errors:
        rows[r][c] = "#N/A"
    merged = ()
    if len(rows) > 3 and draw(st.booleans()):
        merged = ((2, 1, 3, 1),)  # the name of the first row over the second
    return RawSheet(
        name="S", rows=rows, percent_cells=frozenset(draw(some)),
        formula_without_value=frozenset(flagged[1:]), error_cells=errors,
        merged=merged, format="xlsx",
    )  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(_typed_sheet())
def test_quick_reads_of_every_field_type_give_the_full_reads(sheet: RawSheet) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        try:
            quick, full = _read_both_ways(
                monkeypatch, lambda: nominations_from_sheet(sheet, TYPED, path="t.xlsx")
            )
        except InputError:  # the header lost a required column (a merged cell over it)
            return
    _same_reading(quick, full)


def test_a_column_reads_its_usual_cells_at_once() -> None:
    """The quick reads are taken (not only equal): no cell of a clean column goes to _cell."""
    from chuluc_cli.io import nominations as reader

    rows = [TYPED_HEADER] + [
        [
            f"SP{i}",
            "Tên",
            "0101234567",
            "Co khi",
            12.5,
            10,
            "12,5%",
            "x",
            "",
            dt.date(2019, 3, 15),
            3,
        ]
        for i in range(50)
    ]
    calls = 0
    cell = reader._SheetReader._cell

    def counted(self, *args):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        return cell(self, *args)

    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(reader._SheetReader, "_cell", counted)
        read = nominations_from_rows(rows, TYPED, percent_cells=[(r, 4) for r in range(1, 51)])
    assert not read.issues
    assert read.rows[0].values["share"] == 12.5
    assert read.rows[0].raw["revenue"] == "1250%"  # a percent-formatted number: 12.5 as 1250%
    # Only the percent-formatted revenue cells (a number field) go the full way, and the
    # first blank of the "Dat" column (its reading is then remembered).
    assert calls == 50 + 1


@given(st.text(alphabet="0123456789.,%+-() e\u00a0", max_size=10))
def test_usual_number_texts_read_as_the_general_rules_read_them(text: str) -> None:
    for decimal in ("auto", ",", "."):
        for whole in (False, True):
            assert _number_literal(text, decimal, whole) == _general_literal(text, decimal, whole)
    parts = _split_literal(text.strip().removesuffix("%"))
    general = parts is not None and not parts.exponent and _is_ambiguous_mantissa(parts.mantissa)
    assert number_is_ambiguous(text) is general


HEADER_LIKE = st.one_of(
    st.sampled_from([*TYPED_HEADER, "ma", " Ten ", "Nganh!", "Doanh  thu", "ISO 9001", "x", ""]),
    st.text(max_size=9),
    st.integers(0, 99),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(HEADER_LIKE, max_size=len(TYPED_HEADER) + 1), min_size=1, max_size=6))
def test_repeated_header_test_is_the_plain_one(rows: list[list[object]]) -> None:
    from chuluc_cli.io import nominations as reader
    from chuluc_cli.text import fold

    sheet = RawSheet("S", [TYPED_HEADER, *rows], frozenset(), frozenset(), frozenset(), (), "csv")
    read = reader._SheetReader(sheet, find_header(sheet, TYPED.fields), TYPED.fields, "auto")
    columns = read.match.columns.values()
    for r, cells in enumerate(rows, start=1):
        needed = max(2, (len(columns) + 1) // 2)
        close = [
            c for c in columns
            if c.index < len(cells) and isinstance(cells[c.index], str)
            and abs(len(cells[c.index]) - len(c.header)) <= 3
        ]  # fmt: skip
        same = [c for c in close if fold(str(cells[c.index])) == fold(c.header)]
        plain = len(close) >= needed and len(same) >= needed
        assert read._is_repeated_header(r, cells) is plain


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(TYPED_CELLS, st.sampled_from(["x", "✓", " ✔ ", "X"])), max_size=8))
def test_check_column_test_is_the_plain_one(cells: list[object]) -> None:
    from chuluc_cli.io import nominations as reader
    from chuluc_cli.io.values import folded, is_blank

    rows = [TYPED_HEADER, *(["SP", "T", "", "Co khi", 1, 1, 1, "", cell] for cell in cells)]
    sheet = RawSheet("S", rows, frozenset(), frozenset(), frozenset(), (), "csv")
    read = reader._SheetReader(sheet, find_header(sheet, TYPED.fields), TYPED.fields, "auto")
    data_rows = list(range(1, len(rows)))
    columns = reader._Columns(rows[1:])
    filled = [cell for cell in cells if not is_blank(cell)]
    plain = bool(filled) and all(
        isinstance(v, str) and folded(v) in {"x", "✓", "✔"} for v in filled
    )
    assert read._is_check_column(TYPED.fields["ticked"], 8, data_rows, columns) is plain


def test_percent_cells_read_alike_whatever_came_before() -> None:
    """Equal cells share one reading: 0.0 and -0.0, 1 and 1.0 are equal but read apart."""
    shares = [-0.0, 0.0, 0, -0.0, 1, 1.0, 0.125, 0.125, True]
    rows = [TYPED_HEADER] + [
        [f"SP{i}", "T", "", "Co khi", 1, 1, share] for i, share in enumerate(shares)
    ]
    percent = [(r, 6) for r in range(1, len(rows))]
    with pytest.MonkeyPatch.context() as monkeypatch:
        quick, full = _read_both_ways(
            monkeypatch, lambda: nominations_from_rows(rows, TYPED, percent_cells=percent)
        )
    _same_reading(quick, full)
    values = [row.values["share"] for row in quick.rows]
    assert [repr(value) for value in values[:3]] == ["-0.0", "0.0", "0.0"]
    assert values[4:8] == [100.0, 100.0, 12.5, 12.5]
    assert values[8] is None  # TRUE is no percent


HEADER_ROWS = st.one_of(
    st.lists(HEADER_LIKE, max_size=len(TYPED_HEADER) + 1),
    st.just(TYPED_HEADER),
    st.just([h for h in TYPED_HEADER if h not in ("Lao dong", "X")]),  # the required ones only
)


@settings(max_examples=200, deadline=None)
@given(st.lists(HEADER_ROWS, min_size=1, max_size=8))
def test_header_search_stopping_at_a_full_match_finds_the_best_row(
    rows: list[list[object]],
) -> None:
    """find_header stops at a row matching every field; the first best row of all is the same."""
    from chuluc_cli.io import headers

    sheet = RawSheet("S", rows, frozenset(), frozenset(), frozenset(), (), "csv")
    lookup = headers._Lookup.of(TYPED.fields)
    best, best_score = None, (0, 0)
    for r in range(min(headers.SEARCH_ROWS, len(rows))):  # every row, the plain way
        candidate = headers._try_row(rows, r, lookup)
        if headers._score(candidate, TYPED.fields) > best_score:
            best, best_score = candidate, headers._score(candidate, TYPED.fields)
    found = find_header(sheet, TYPED.fields)
    if best is not None:
        assert found == headers._match("S", best, best_score)
