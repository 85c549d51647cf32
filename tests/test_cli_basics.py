"""The CLI's contract that does not depend on nominations: help, version, errors, docs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from chuluc_cli import __version__, render
from chuluc_cli.cli import app

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


def _commands() -> list[list[str]]:
    group = typer.main.get_command(app)
    found = []
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        sub = getattr(command, "commands", None)
        if sub:
            found.extend([name, child] for child in sub)
        else:
            found.append([name])
    return found


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"chuluc {__version__}"


@pytest.mark.parametrize("command", _commands(), ids=" ".join)
def test_every_command_has_help_with_an_example(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Example: chuluc" in result.stdout


@pytest.mark.parametrize("command", _commands(), ids=" ".join)
def test_every_command_is_documented_in_the_readme(command: list[str]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"chuluc {' '.join(command)}" in readme


def test_readme_test_command_is_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = re.search(r"^(pip install -e '\.\[test\]'.*)$", readme, re.MULTILINE)
    assert command is not None
    assert command.group(1) in ci.splitlines()


def test_unknown_criteria_name_is_one_line_exit_2() -> None:
    result = runner.invoke(app, ["check", "no-such-ruleset", "--lang", "en"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: no-such-ruleset: no such criteria file or shipped ruleset")
    assert "hanoi-spcncl" in lines[0]
    assert "Traceback" not in result.output


def test_broken_criteria_reports_yaml_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("schema: chuluc/criteria-v1\nid: x\nversion: '1'\ntitle: [\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(path), "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr.strip().startswith(f"error: {path}:5:1: YAML syntax:")
    assert len(result.stderr.strip().splitlines()) == 1


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("schema: nope\n", encoding="utf-8")
    result = runner.invoke(app, ["--debug", "check", str(path)])
    assert result.exit_code != 0
    assert result.exception is not None
    assert "schema: expected 'chuluc/criteria-v1'" in str(result.exception)


def test_shipped_rulesets_are_listed() -> None:
    result = runner.invoke(app, ["criteria", "list", "--format", "json"])
    assert result.exit_code == 0
    assert '"name": "hanoi-spcncl"' in result.stdout
    assert '"name": "ocop-2023"' in result.stdout
    assert '"name": "cnnt-2014"' in result.stdout


def test_ruleset_list_is_in_the_chosen_language() -> None:
    vietnamese = runner.invoke(app, ["criteria", "list"])
    assert vietnamese.exit_code == 0
    assert "Điểm chuẩn" in vietnamese.stdout and "Đánh giá, phân hạng sản" in vietnamese.stdout
    english = runner.invoke(app, ["criteria", "list", "--lang", "en"])
    assert english.exit_code == 0
    assert "Pass mark" in english.stdout and "OCOP product rating" in english.stdout


def test_ruleset_list_shows_a_fractional_pass_mark_with_the_language_mark(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (ROOT / "criteria" / "ocop-2023.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("pass_mark:"))
    lines[at] = lines[at].split("pass_mark:")[0] + "pass_mark: 52.5"
    path = tmp_path / "half.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    render.ruleset_list({"half": path}, as_json=False, lang="vi")
    assert "52,5" in capsys.readouterr().out
    render.ruleset_list({"half": path}, as_json=False, lang="en")
    assert "52.5" in capsys.readouterr().out


def test_check_lints_every_shipped_ruleset_at_once() -> None:
    files = sorted(str(path) for path in (ROOT / "criteria").glob("*.yaml"))
    assert len(files) == 3
    result = runner.invoke(app, ["check", *files, "--strict"])
    assert result.exit_code == 0, result.output
    assert result.stdout.count("✓") == 3


def test_check_several_criteria_as_json_is_a_list() -> None:
    files = sorted(str(path) for path in (ROOT / "criteria").glob("*.yaml"))
    result = runner.invoke(app, ["check", *files, "--format", "json"])
    import json

    documents = json.loads(result.stdout)
    assert [doc["criteria"]["id"] for doc in documents] == [
        "cnnt-2014",
        "hanoi-spcncl",
        "ocop-2023",
    ]


def test_nominations_need_exactly_one_criteria_file() -> None:
    files = [
        str(ROOT / "criteria" / "hanoi-spcncl.yaml"),
        str(ROOT / "criteria" / "ocop-2023.yaml"),
    ]
    nominations = str(ROOT / "sample_data" / "hanoi-2025.xlsx")
    result = runner.invoke(app, ["check", *files, nominations, "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: give one criteria file when checking nominations")


def test_lint_warning_exits_1_only_with_strict(tmp_path: Path) -> None:
    text = (ROOT / "tests" / "data" / "criteria" / "issue-example.yaml").read_text("utf-8")
    path = tmp_path / "round.yaml"
    path.write_text(text, encoding="utf-8")  # declares 'founded' and never uses it
    assert runner.invoke(app, ["check", str(path)]).exit_code == 0
    strict = runner.invoke(app, ["check", str(path), "--strict"])
    assert strict.exit_code == 1
    assert "founded" in strict.stdout


def test_readme_library_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"## Using as a library.*?```python\n(.*?)```", readme, re.DOTALL)
    assert match is not None
    monkeypatch.chdir(ROOT)
    code = match.group(1).replace('Path("ketqua.xlsx")', f'Path(r"{tmp_path / "k.xlsx"}")')
    exec(compile(code, "README.md", "exec"), {})  # our own README, not user input
    assert (tmp_path / "k.xlsx").is_file()


def test_criteria_show_writes_fractional_maxima_in_the_languages_way(tmp_path: Path) -> None:
    path = tmp_path / "half.yaml"
    text = (Path(__file__).parent / "data" / "criteria" / "issue-example.yaml").read_text("utf-8")
    text = text.replace("        max: 5\n        when:", "        max: 2.5\n        when:")
    path.write_text(text.replace("pass_mark: 30", "pass_mark: 30.5"), encoding="utf-8")
    for lang, shown_max, shown_mark in (("vi", "2,5", "30,5"), ("en", "2.5", "30.5")):
        shown = runner.invoke(app, ["criteria", "show", str(path), "--lang", lang])
        assert shown.exit_code == 0, shown.output
        assert f"│ {shown_max} " in shown.stdout and shown_mark in shown.stdout, lang
