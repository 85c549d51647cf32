"""Fatal errors speak the user's language: Vietnamese by default, English with --lang en.

``str(error)`` stays English (logs, library users); the CLI renders the error in the
command's language. Each representative error is run through the CLI both ways.
"""

from __future__ import annotations

import errno
import os
import string
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from pydantic import ValidationError
from typer.testing import CliRunner

from bad_input_helpers import good_xlsx
from chuluc_cli.cli import app
from chuluc_cli.criteria.loader import parse_criteria
from chuluc_cli.criteria.model import Criteria
from chuluc_cli.errors import ChulucError, CriteriaError, InputError, LimitError, joined
from chuluc_cli.i18n import Localized, catalog, msg, os_reason
from chuluc_cli.io.formats import Limits

ROOT = Path(__file__).resolve().parent.parent
CRITERIA = ROOT / "tests" / "data" / "criteria" / "issue-example.yaml"
BROKEN = ROOT / "tests" / "data" / "criteria" / "broken"
ENCRYPTED = ROOT / "tests" / "data" / "bad" / "encrypted.xlsx"
runner = CliRunner()


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


# --- The catalogue ---------------------------------------------------------------------
ERROR_KEYS = sorted(key for key in catalog() if key.startswith("errors."))


def test_there_are_error_messages() -> None:
    assert len(ERROR_KEYS) > 80


@pytest.mark.parametrize("key", ERROR_KEYS)
def test_every_error_message_has_two_languages_with_the_same_placeholders(key: str) -> None:
    vi, en = catalog()[key]
    assert vi.strip() and en.strip()
    assert vi != en
    assert _fields(vi) == _fields(en)
    if not _fields(en):  # t() formats only with parameters: "{{" would be shown as it is
        assert "{{" not in vi + en and "}}" not in vi + en


# --- The error object ------------------------------------------------------------------
def test_str_is_english_and_render_follows_the_language() -> None:
    error = InputError(
        msg("errors.explain.no_product", id="SP9"),
        hint=msg("errors.explain.did_you_mean", suggestion="SP1"),
    )
    assert str(error) == "no product with id 'SP9' in the nominations (did you mean 'SP1'?)"
    assert error.message == "no product with id 'SP9' in the nominations"
    assert error.hint == "did you mean 'SP1'?"
    assert error.details == [error.message]
    assert error.render("vi") == (
        "không có sản phẩm mã 'SP9' trong danh sách hồ sơ (có phải là 'SP1'?)"
    )
    assert error.render("en") == str(error)


def test_plain_text_and_joined_parts_render_in_each_language() -> None:
    first = joined("rules.yaml:3:5: ", msg("errors.criteria.yaml_duplicate_key", name="id"))
    error = CriteriaError(first, details=[first, "rules.yaml:9:1: parser words"])
    assert str(error) == "rules.yaml:3:5: duplicate key 'id'"
    assert error.render_details("vi") == [
        "rules.yaml:3:5: khóa 'id' bị lặp lại",
        "rules.yaml:9:1: parser words",
    ]
    assert ChulucError("as given").render("vi") == "as given"


def test_an_error_is_english_as_text_and_renders_in_vietnamese() -> None:
    error = ChulucError(msg("errors.output.unknown_format", fmt="pdf"))
    assert error.render("vi") == "định dạng 'pdf' không được hỗ trợ (dùng xlsx, json hoặc csv)"
    assert str(error) == error.message == "unknown format 'pdf' (use xlsx, json or csv)"


def test_the_systems_usual_reasons_are_translated() -> None:
    denied = os_reason(PermissionError(errno.EACCES, os.strerror(errno.EACCES)))
    assert isinstance(denied, Localized)
    assert denied.render("vi") == "không có quyền truy cập"
    assert denied.render("en") == "Permission denied"
    error = InputError(msg("errors.input.unreadable", path="a.xlsx", reason=denied))
    assert str(error) == "a.xlsx: cannot read the file (Permission denied)"
    assert "không có quyền truy cập" in error.render("vi")
    # Any other cause keeps the system's words.
    assert os_reason(OSError(errno.ELOOP, "Too many levels of symbolic links")) == (
        "Too many levels of symbolic links"
    )
    assert os_reason(OSError("no errno")) == "no errno"


def test_every_mapped_reason_has_a_message() -> None:
    for code in (errno.EACCES, errno.ENOENT, errno.ENOSPC, errno.EROFS, errno.EISDIR):
        reason = os_reason(OSError(code, os.strerror(code)))
        assert isinstance(reason, Localized) and reason.vi != reason.en


def test_counts_are_written_the_vietnamese_way_in_vietnamese() -> None:
    with pytest.raises(LimitError) as caught:
        Limits(max_rows=3).check(Path("de-cu.xlsx"), "Danh sách", 2_000_002, 5)
    assert "'Danh sách' has 2,000,002 rows, over the limit of 3;" in str(caught.value)
    assert "'Danh sách' có 2.000.002 dòng, vượt giới hạn 3 dòng;" in caught.value.render("vi")


# --- Criteria files: pydantic's errors by type -----------------------------------------
def _example() -> dict[str, Any]:
    return yaml.safe_load(CRITERIA.read_text(encoding="utf-8"))


def _set(*path: Any, value: Any) -> Callable[[dict[str, Any]], None]:
    def edit(data: dict[str, Any]) -> None:
        here = data
        for part in path[:-1]:
            here = here[part]
        here[path[-1]] = value

    return edit


def _first_field(data: dict[str, Any]) -> str:
    return next(iter(data["fields"]))


PYDANTIC_CASES = [
    ("int_parsing", _set("rounding", value="two")),
    ("less_than_equal", _set("rounding", value=9)),
    ("greater_than_equal", _set("rounding", value=-1)),
    ("int_from_float", _set("rounding", value=1.5)),
    ("literal_error", _set("language", value="fr")),
    ("string_too_short", _set("version", value="")),
    ("string_too_long", _set("title", value="x" * 501)),
    ("string_pattern_mismatch", _set("id", value="Bad Id")),
    ("string_type", _set("title", value=["a"])),
    ("too_short", _set("groups", value=[])),
    ("list_type", _set("groups", value="abc")),
    ("dict_type", _set("fields", value="abc")),
    ("float_parsing", _set("selection", "pass_mark", value="abc")),
    ("greater_than", _set("groups", 0, "criteria", 0, "max", value=0)),
    ("model_type", _set("selection", value="abc")),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "edit"), PYDANTIC_CASES, ids=[k for k, _ in PYDANTIC_CASES])
def test_pydantic_errors_keep_pydantic_english_and_have_vietnamese(
    kind: str, edit: Callable[[dict[str, Any]], None]
) -> None:
    data = _example()
    edit(data)
    with pytest.raises(ValidationError) as validation:
        Criteria.model_validate(data)
    first = validation.value.errors()[0]
    assert first["type"] == kind
    with pytest.raises(CriteriaError) as caught:
        parse_criteria(yaml.safe_dump(data, allow_unicode=True).encode(), "rules.yaml")
    english = caught.value.render_details("en")
    vietnamese = caught.value.render_details("vi")
    assert any(line.endswith(f": {first['msg']}") for line in english), english
    assert not any(first["msg"] in line for line in vietnamese), vietnamese


def test_enum_and_choice_words_are_translated() -> None:
    data = _example()
    data["fields"][_first_field(data)]["type"] = "money"
    with pytest.raises(CriteriaError) as caught:
        parse_criteria(yaml.safe_dump(data, allow_unicode=True).encode(), "rules.yaml")
    assert "should be 'id', 'text'" in str(caught.value)
    assert " hoặc 'choice'" in caught.value.render("vi")


def test_bool_and_list_lengths_are_translated() -> None:
    data = _example()
    name = _first_field(data)
    data["fields"][name]["required"] = "maybe"
    data["fields"][name]["headers"] = []
    with pytest.raises(CriteriaError) as caught:
        parse_criteria(yaml.safe_dump(data, allow_unicode=True).encode(), "rules.yaml")
    english = " | ".join(caught.value.render_details("en"))
    vietnamese = " | ".join(caught.value.render_details("vi"))
    assert "List should have at least 1 item after validation, not 0" in english
    assert "Input should be a valid boolean, unable to interpret input" in english
    assert "danh sách phải có ít nhất 1 phần tử, hiện có 0" in vietnamese
    assert "giá trị phải là true hoặc false" in vietnamese


BROKEN_FILES = sorted(BROKEN.glob("*.yaml"))
# English words of a message that fell through to the untranslated frame.
ENGLISH_MARKERS = ("Input should", "YAML syntax", "missing key", "unknown ", "is not allowed")


@pytest.mark.parametrize("path", BROKEN_FILES, ids=[path.stem for path in BROKEN_FILES])
def test_every_broken_criteria_file_has_a_vietnamese_line(path: Path) -> None:
    with pytest.raises(CriteriaError) as caught:
        parse_criteria(path.read_bytes(), path.name)
    vietnamese = caught.value.render("vi")
    assert vietnamese != str(caught.value)
    assert vietnamese.startswith(f"{path.name}:")
    assert not any(marker in vietnamese for marker in ENGLISH_MARKERS), vietnamese


# --- Through the CLI: Vietnamese by default, English with --lang en -----------------------
def _criteria_file(tmp: Path, old: str, new: str) -> Path:
    text = CRITERIA.read_text(encoding="utf-8")
    assert old in text
    path = tmp / "tieu-chi.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _nominations(tmp: Path) -> Path:
    book = openpyxl.Workbook()
    book.active.title = "Danh sách"
    book.active.append(["Mã hồ sơ", "Tên sản phẩm"])
    path = tmp / "de-cu.xlsx"
    book.save(path)
    return path


def _missing_file(tmp: Path) -> list[str]:
    return ["score", str(tmp / "khong-co.xlsx"), "-c", str(CRITERIA), "-o", str(tmp / "o.json")]


def _unknown_sheet(tmp: Path) -> list[str]:
    path = _nominations(tmp)
    return [
        "score",
        str(path),
        "-c",
        str(CRITERIA),
        "--sheet",
        "Trang 9",
        "-o",
        str(tmp / "o.json"),
    ]


def _password(tmp: Path) -> list[str]:
    return ["score", str(ENCRYPTED), "-c", str(CRITERIA), "-o", str(tmp / "o.json")]


def _bad_yaml(tmp: Path) -> list[str]:
    path = tmp / "hong.yaml"
    path.write_text("schema: chuluc/criteria-v1\ntitle: [\n", encoding="utf-8")
    return ["check", str(path)]


def _missing_key(tmp: Path) -> list[str]:
    return ["check", str(_criteria_file(tmp, "\ntitle:", "\ntitre:"))]


def _unknown_field(tmp: Path) -> list[str]:
    return ["check", str(_criteria_file(tmp, 'require: "revenue >=', 'require: "revenu >='))]


def _missing_columns(tmp: Path) -> list[str]:
    return ["score", str(_nominations(tmp)), "-c", str(CRITERIA), "-o", str(tmp / "o.json")]


def _output_exists(tmp: Path) -> list[str]:
    target = tmp / "ket-qua.json"
    target.write_text("{}", encoding="utf-8")
    nominations = good_xlsx(tmp / "de-cu.xlsx")
    return ["score", str(nominations), "-c", str(CRITERIA), "-o", str(target)]


# builder, a fragment of the Vietnamese line, a fragment of the English line
CLI_CASES = [
    (_missing_file, "khong-co.xlsx: không tìm thấy tệp", "khong-co.xlsx: file not found"),
    (_unknown_sheet, "không có trang tính tên 'Trang 9'; các trang tính hiện có: 'Danh sách'",
     "no sheet named 'Trang 9'; sheets: 'Danh sách'"),
    (_password, "encrypted.xlsx: sổ tính được bảo vệ bằng mật khẩu",
     "encrypted.xlsx: password-protected workbook"),
    (_bad_yaml, "hong.yaml:3:1: lỗi cú pháp YAML: ", "hong.yaml:3:1: YAML syntax: "),
    (_missing_key, "khóa 'titre' không được chấp nhận", "unknown key 'titre'; did you mean"),
    (_unknown_field, "eligibility[1].require: tên 'revenu' không tồn tại",
     "eligibility[1].require: unknown name 'revenu' (not a field or derived value)"),
    (_missing_columns, "de-cu.xlsx [Danh sách]: không có cột cho trường bắt buộc 'enterprise'",
     "de-cu.xlsx [Danh sách]: no column for required field 'enterprise'"),
    (_output_exists, "ket-qua.json: tệp đã tồn tại; dùng --force để ghi đè",
     "ket-qua.json: exists; use --force to replace it"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("build", "vietnamese", "english"), CLI_CASES, ids=[case[0].__name__ for case in CLI_CASES]
)
def test_cli_errors_are_vietnamese_by_default_and_english_on_request(
    build: Callable[[Path], list[str]], vietnamese: str, english: str, tmp_path: Path
) -> None:
    args = build(tmp_path)
    for extra, fragment, absent in (
        ([], vietnamese, english),
        (["--lang", "en"], english, vietnamese),
    ):
        result = runner.invoke(app, [*args, *extra])
        assert result.exit_code == 2, result.output
        lines = result.stderr.splitlines()
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith("error: " if extra else "lỗi: "), lines[0]
        assert fragment in lines[0]
        assert absent not in lines[0]


def test_missing_key_is_named_in_both_languages(tmp_path: Path) -> None:
    args = ["check", str(_criteria_file(tmp_path, "\ntitle:", "\n# title:"))]
    assert "title: thiếu khóa 'title'" in runner.invoke(app, args).stderr
    assert "title: missing key 'title'" in runner.invoke(app, [*args, "-l", "en"]).stderr


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ([], "lỗi: lỗi nội bộ: RuntimeError: hỏng (lỗi của chuluc: hãy chạy lại với --debug"),
        (["--lang", "en"], "error: internal error: RuntimeError: hỏng (a bug in chuluc:"),
    ],
)
def test_an_internal_error_is_one_line_in_the_command_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: list[str], expected: str
) -> None:
    from chuluc_cli import runner as core

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("hỏng")

    monkeypatch.setattr(core, "score_files", broken)
    path = good_xlsx(tmp_path / "de-cu.xlsx")
    result = runner.invoke(app, ["score", str(path), "-c", str(CRITERIA), "-q", *extra])
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith(expected), result.stderr


@pytest.mark.parametrize(
    ("extra", "expected"),
    [([], "lỗi: đã dừng theo yêu cầu; chưa ghi tệp nào"),
     (["--lang", "en"], "error: interrupted; nothing was written")],
)  # fmt: skip
def test_ctrl_c_is_reported_in_the_command_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: list[str], expected: str
) -> None:
    from chuluc_cli import runner as core

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(core, "score_files", interrupted)
    path = good_xlsx(tmp_path / "de-cu.xlsx")
    result = runner.invoke(app, ["score", str(path), "-c", str(CRITERIA), "-q", *extra])
    assert result.exit_code == 130
    assert result.stderr.strip() == expected


@pytest.mark.parametrize(
    ("text", "vietnamese", "english"),
    [
        ("a: 1\na: 2\n", "khóa 'a' bị lặp lại", "duplicate key 'a'"),
        ("a:\n\tb: 1\n", "không dùng ký tự Tab", "indent with spaces, not tabs"),
        ("a: !!python/object:os.system x\n", "không được dùng thẻ YAML", "is not allowed"),
        ("a: " + "[" * 50 + "]" * 50, "sâu quá 40 cấp", "nested deeper than 40 levels"),
    ],
)
def test_yaml_problems_carry_their_message_in_both_languages(
    text: str, vietnamese: str, english: str
) -> None:
    from chuluc_cli.criteria.yaml_source import YamlProblem, parse_yaml

    with pytest.raises(YamlProblem) as problem:
        parse_yaml(text)
    assert vietnamese in problem.value.text.render("vi")
    assert english in problem.value.message == str(problem.value)
