"""Tests of chuluc_cli.criteria.loader: each broken file is paired with the line it must raise."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from chuluc_cli.criteria import loader, rulesets
from chuluc_cli.criteria.loader import (
    load_criteria,
    load_criteria_with_positions,
    parse_criteria,
)
from chuluc_cli.criteria.rulesets import resolve_criteria
from chuluc_cli.errors import CriteriaError

DATA = Path(__file__).parent / "data" / "criteria"
EXAMPLE = DATA / "issue-example.yaml"
BROKEN = DATA / "broken"

# file in tests/data/criteria/broken/ -> what follows "FILE:" in the message (a prefix of it)
BROKEN_FILES = [
    ("yaml-syntax", "5:1: YAML syntax: found unexpected end of stream "
                    "(while scanning a quoted scalar at line 3, column 8)"),
    ("tab-indent", "4:1: YAML syntax: found character '\\t' that cannot start any token; "
                   "indent with spaces, not tabs"),
    ("unknown-top-key", "19:1: scoring: unknown key 'scoring'; did you mean 'rounding'?"),
    ("unknown-criterion-key", "14:9: groups[0].criteria[0].maks: unknown key 'maks'; "
                              "did you mean 'max'? (and 1 more)"),
    ("missing-key", "1:1: title: missing key 'title'"),
    ("wrong-type", "14:9: groups[0].criteria[0].max: Input should be a valid number"),
    ("wrong-schema", "1:1: schema: expected 'chuluc/criteria-v1', found 'chuluc/criteria-v2'"),
    ("duplicate-yaml-key", "4:1: duplicate key 'version'"),
    ("duplicate-id", "13:10: groups[0].criteria[1].id: duplicate id 'A1' "
                     "(also used by groups[0].criteria[0].id)"),
    ("unknown-name-require", "11:14: eligibility[0].require: unknown name 'revenu' "
                             "(not a field or derived value); did you mean 'revenue'?"),
    ("unknown-name-derived", "9:15: derived.per_worker: unknown name 'employees' "
                             "(not a field or derived value)"),
    ("unknown-name-formula", "15:18: groups[0].criteria[0].formula: unknown name 'export_shares' "
                             "(not a field or derived value); did you mean 'export_share'?"),
    ("unknown-name-bands-of", "16:11: groups[0].criteria[0].bands.of: unknown name 'revenues' "
                              "(not a field or derived value); did you mean 'revenue'?"),
    ("derived-forward-reference", "9:11: derived.margin: 'profit' is defined further down in "
                                  "derived; a derived value can only use fields and derived "
                                  "values above it"),
    ("derived-cycle", "9:6: derived.a: 'b' is defined further down in derived"),
    ("map-unknown-choice", "17:31: groups[0].criteria[0].map.points.det_may: 'det_may' is not "
                           "a declared choice of 'sector' (co_khi, dien_tu)"),
    ("criterion-no-rule", "11:9: groups[0].criteria[0]: a criterion needs exactly one rule of "
                          "bands, linear, when, map, formula, judged; found none"),
    ("criterion-two-rules", "12:9: groups[0].criteria[0]: a criterion needs exactly one rule of "
                            "bands, linear, when, map, formula, judged; found when, formula"),
    ("group-max-not-sum", "9:5: groups[0]: group max 15 differs from its criteria's sum 10"),
    ("tie-break-unknown", "21:27: selection.tie_break[1]: tie_break key 'turnover' is not "
                          "total, a group, a criterion or a field"),
    ("quota-per-unknown", "22:28: selection.quotas[0].per: unknown name 'tax_code'"),
    ("python-tag", "4:8: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' "
                   "is not allowed"),
    ("alias-bomb", "1:48: more than 50,000 values (alias expansion?)"),
    ("non-finite", "20:14: non-finite number '.nan'"),
    ("not-utf8", "3:10: not UTF-8 text (byte 47); save the file as UTF-8"),
    ("empty", "1:1: the file is empty; a criteria file starts with 'schema'"),
    ("list-not-mapping", "1:1: a criteria file must be a mapping of keys (schema, id, ...)"),
    ("choice-without-choices", "8:3: fields.sector: a choice field needs 'choices'"),
    ("invalid-regex", "8:51: fields.tax_code.pattern: invalid regular expression: "
                      "unterminated character set at position 1"),
    ("bad-field-name", "5:1: fields: 'Doanh Thu' is not a valid name "
                       "(lower-case letters, digits, _)"),
    ("expression-syntax", "15:18: groups[0].criteria[0].formula: expression: "
                          "'attribute access (a.b)' is not allowed here"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "expected"), BROKEN_FILES, ids=[name for name, _ in BROKEN_FILES])
def test_broken_file_raises_one_located_line(name: str, expected: str) -> None:
    path = BROKEN / f"{name}.yaml"
    with pytest.raises(CriteriaError) as caught:
        load_criteria(path)
    message = caught.value.message
    assert message.startswith(f"{path}:{expected}")
    assert "\n" not in message
    assert str(caught.value) == message  # no hint appended to these
    assert caught.value.details[0].startswith(f"{path}:")


def test_every_broken_file_is_in_the_table() -> None:
    on_disk = {path.stem for path in BROKEN.glob("*.yaml")}
    assert on_disk == {name for name, _ in BROKEN_FILES}
    assert len(on_disk) >= 20


def test_details_list_every_problem_and_the_message_counts_them() -> None:
    path = BROKEN / "unknown-criterion-key.yaml"
    with pytest.raises(CriteriaError) as caught:
        load_criteria(path)
    assert caught.value.details == [
        f"{path}:14:9: groups[0].criteria[0].maks: unknown key 'maks'; did you mean 'max'?",
        f"{path}:12:9: groups[0].criteria[0].max: missing key 'max'",
    ]


def test_the_python_tag_is_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f'schema: !!python/object/apply:os.system ["touch {marker}"]\n'
    with pytest.raises(CriteriaError, match="is not allowed"):
        parse_criteria(text.encode(), "tagged.yaml")
    assert not marker.exists()


# ---------------------------------------------------------------- a valid file


def test_example_loads_with_source_and_sha256() -> None:
    criteria = load_criteria(EXAMPLE)
    assert criteria.id == "hanoi-spcncl"
    assert criteria.max_total == 50
    assert criteria.source_path == str(EXAMPLE)
    assert criteria.sha256 == hashlib.sha256(EXAMPLE.read_bytes()).hexdigest()


def test_sha256_changes_with_any_byte(tmp_path: Path) -> None:
    copy = tmp_path / "copy.yaml"
    copy.write_bytes(EXAMPLE.read_bytes() + b"# a comment\n")
    assert load_criteria(copy).sha256 != load_criteria(EXAMPLE).sha256


def test_a_byte_order_mark_is_accepted() -> None:
    criteria = parse_criteria(b"\xef\xbb\xbf" + EXAMPLE.read_bytes(), "bom.yaml")
    assert criteria.id == "hanoi-spcncl"


def test_positions_are_kept_for_lint() -> None:
    criteria, document = load_criteria_with_positions(EXAMPLE)
    assert criteria.id == "hanoi-spcncl"
    assert document.locate(("fields", "founded")) == (19, 3)
    assert document.locate(("selection", "pass_mark")) == (72, 3)


def test_a_file_over_the_size_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 100)
    with pytest.raises(CriteriaError, match="larger than 100 bytes; not a criteria file"):
        load_criteria(EXAMPLE)


# ---------------------------------------------------------------- shipped rulesets by name


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "rulesets"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "demo-2025.yaml")
    (folder / "notes.txt").write_text("not a ruleset")
    monkeypatch.setattr(rulesets, "shipped_dir", lambda: folder)
    monkeypatch.chdir(tmp_path)  # so "demo-2025" is not also a file in the working folder
    return folder


def test_a_shipped_name_resolves_to_its_file(shipped: Path) -> None:
    assert resolve_criteria("demo-2025") == shipped / "demo-2025.yaml"
    assert rulesets.shipped_rulesets() == {"demo-2025": shipped / "demo-2025.yaml"}


def test_load_criteria_by_shipped_name(shipped: Path) -> None:
    criteria = load_criteria("demo-2025")
    # named by file name, not install location, so reports agree across machines
    assert criteria.source_path == "demo-2025.yaml"
    assert criteria.sha256 == hashlib.sha256(EXAMPLE.read_bytes()).hexdigest()


def test_a_path_wins_over_a_shipped_name(shipped: Path, tmp_path: Path) -> None:
    local = tmp_path / "demo-2025"
    local.write_bytes(EXAMPLE.read_bytes())
    assert resolve_criteria("demo-2025") == Path("demo-2025")


def test_an_unknown_name_lists_the_shipped_rulesets(shipped: Path) -> None:
    with pytest.raises(CriteriaError) as caught:
        load_criteria("demo-2024")
    assert caught.value.message == "demo-2024: no such criteria file or shipped ruleset"
    assert caught.value.hint == "shipped rulesets: demo-2025"


def test_a_folder_is_not_a_criteria_file(shipped: Path) -> None:
    with pytest.raises(CriteriaError, match="rulesets: not a file"):
        resolve_criteria(shipped)


def test_fractional_points_in_a_message_use_each_languages_decimal_mark(tmp_path: Path) -> None:
    text = (BROKEN / "group-max-not-sum.yaml").read_text(encoding="utf-8")
    path = tmp_path / "half.yaml"
    path.write_text(text.replace("max: 15", "max: 12.5"), encoding="utf-8")
    with pytest.raises(CriteriaError) as caught:
        load_criteria(path)
    assert "group max 12.5 differs from its criteria's sum 10" in caught.value.render("en")
    assert "điểm tối đa của nhóm là 12,5, khác tổng" in caught.value.render("vi")
