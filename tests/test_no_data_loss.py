"""No data loss (issue #5): outputs appear whole or not at all, inputs are never touched.

Every output goes to a temporary file in the target's folder and is renamed over the
target at the end; Ctrl-C or a full disk at any moment leaves neither a partial
target nor a temporary file (exit 130, or 2 with one line). The same inputs and
options give byte-identical outputs. Read-only input folders are fine for every
command.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import xlsxwriter.workbook

from bad_input_helpers import CRITERIA, assert_no_traceback, assert_one_error, good_xlsx, invoke

FORMATS = ["xlsx", "json", "csv"]


@pytest.fixture
def source(tmp_path: Path) -> Path:
    folder = tmp_path / "dau-vao"
    folder.mkdir()
    return good_xlsx(folder / "de-cu.xlsx")


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "ket-qua"
    folder.mkdir()
    return folder


def _score(source: Path, target: Path, *extra: str) -> list[str | Path]:
    return ["score", source, "-c", CRITERIA, "-o", target, "-q", *extra]


# --- Atomic writes ----------------------------------------------------------------------
@pytest.mark.parametrize("fmt", FORMATS)
def test_output_is_renamed_from_a_temporary_file_beside_it(
    fmt: str, source: Path, out_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = out_dir / f"ketqua.{fmt}"
    renames: list[tuple[Path, Path]] = []
    real_replace = os.replace

    def spy(src: str | Path, dst: str | Path) -> None:
        renames.append((Path(src), Path(dst)))
        assert not Path(dst).exists()  # the target appears only by the rename
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    assert invoke(*_score(source, target)).exit_code == 0
    [(temp, final)] = renames
    assert final == target
    assert temp.parent == target.parent and temp.name.startswith(f".{target.name}.")
    assert sorted(p.name for p in out_dir.iterdir()) == [target.name]


@pytest.mark.parametrize("fmt", FORMATS)
def test_existing_output_is_replaced_only_with_force(fmt: str, source: Path, out_dir: Path) -> None:
    target = out_dir / f"ketqua.{fmt}"
    target.write_bytes(b"old report")
    assert_one_error(invoke(*_score(source, target)), 2, target, "--force")
    assert target.read_bytes() == b"old report"
    assert invoke(*_score(source, target, "--force")).exit_code == 0
    assert target.read_bytes() != b"old report"
    assert sorted(p.name for p in out_dir.iterdir()) == [target.name]


def test_input_is_untouched_by_every_command(source: Path, out_dir: Path) -> None:
    before = source.read_bytes(), source.stat().st_mtime_ns
    for fmt in FORMATS:
        assert invoke(*_score(source, out_dir / f"k.{fmt}")).exit_code == 0
    assert invoke("check", CRITERIA, source, "-o", out_dir / "loi.xlsx").exit_code == 0
    assert invoke("explain", source, "-c", CRITERIA, "-p", "SP01").exit_code == 0
    assert (source.read_bytes(), source.stat().st_mtime_ns) == before


# --- Interrupted and failed writes ----------------------------------------------------
def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture(params=[False, True], ids=["new-output", "replacing-with-force"])
def existing(request: pytest.FixtureRequest) -> Iterator[bool]:
    yield request.param


@pytest.mark.parametrize("fmt", FORMATS)
def test_ctrl_c_before_the_rename_leaves_nothing(
    fmt: str, existing: bool, source: Path, out_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = out_dir / f"ketqua.{fmt}"
    if existing:
        target.write_bytes(b"previous report")

    def interrupt(descriptor: int) -> None:  # the temp file is written, not yet renamed
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    result = invoke(*_score(source, target, "--force"))
    assert result.exit_code == 130
    assert result.stderr.strip() == "error: interrupted; nothing was written"
    assert _leftovers(out_dir) == ([target.name] if existing else [])
    if existing:
        assert target.read_bytes() == b"previous report"


def test_ctrl_c_inside_the_xlsx_writer_leaves_nothing(
    existing: bool, source: Path, out_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = out_dir / "ketqua.xlsx"
    if existing:
        target.write_bytes(b"previous report")

    def half_then_interrupt(self: xlsxwriter.workbook.Workbook) -> None:
        Path(self.filename).write_bytes(b"PK\x03\x04 half a workbook")
        raise KeyboardInterrupt

    monkeypatch.setattr(xlsxwriter.workbook.Workbook, "close", half_then_interrupt)
    result = invoke(*_score(source, target, "--force"))
    assert result.exit_code == 130
    assert _leftovers(out_dir) == ([target.name] if existing else [])
    if existing:
        assert target.read_bytes() == b"previous report"


def test_ctrl_c_while_writing_the_issues_workbook(
    source: Path, out_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "fsync", lambda descriptor: (_ for _ in ()).throw(KeyboardInterrupt))
    result = invoke("check", CRITERIA, source, "-o", out_dir / "loi.xlsx")
    assert result.exit_code == 130
    assert _leftovers(out_dir) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_full_disk_is_one_line_and_leaves_the_old_output(
    fmt: str, source: Path, out_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = out_dir / f"ketqua.{fmt}"
    target.write_bytes(b"previous report")

    def full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    result = invoke(*_score(source, target, "--force"))
    assert_one_error(result, 2, target, "cannot write", os.strerror(errno.ENOSPC))
    assert _leftovers(out_dir) == [target.name]
    assert target.read_bytes() == b"previous report"
    vietnamese = invoke(*_score(source, target, "--force"), lang="vi")
    assert vietnamese.exit_code == 2
    assert vietnamese.stderr.startswith("lỗi: ") and len(vietnamese.stderr.splitlines()) == 1
    assert "không ghi được tệp kết quả (ổ đĩa đã đầy)" in vietnamese.stderr


def test_unwritable_folder_is_one_line_not_an_internal_error(
    source: Path, out_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = invoke(*_score(source, out_dir / "ketqua.json"))
    assert_one_error(result, 2, out_dir / "ketqua.json", "cannot write")
    assert _leftovers(out_dir) == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_an_output_open_in_excel_says_so(
    lang: str, source: Path, out_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows refuses to replace a file Excel holds open: the line says what to do."""
    target = out_dir / "ketqua.xlsx"
    target.write_bytes(b"previous report")

    def locked(source: object, destination: object) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(os, "replace", locked)
    result = invoke(*_score(source, target, "--force"), lang=lang)
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1
    hint = "đang mở trong Excel" if lang == "vi" else "if it is open in Excel, close it"
    assert hint in result.stderr and str(target) in result.stderr
    assert _leftovers(out_dir) == [target.name]
    assert target.read_bytes() == b"previous report"


# --- Deterministic bytes --------------------------------------------------------------
@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_same_inputs_give_byte_identical_outputs(
    fmt: str, lang: str, source: Path, out_dir: Path
) -> None:
    target = out_dir / f"ketqua.{fmt}"
    assert invoke(*_score(source, target, "--lang", lang)).exit_code == 0
    first = target.read_bytes()
    assert invoke(*_score(source, target, "--lang", lang, "--force")).exit_code == 0
    assert target.read_bytes() == first


def test_json_on_stdout_is_byte_identical(source: Path) -> None:
    args = ["score", source, "-c", CRITERIA, "--format", "json", "-o", "-", "-q"]
    first, second = invoke(*args), invoke(*args)
    assert first.exit_code == second.exit_code == 0
    assert first.stdout_bytes == second.stdout_bytes


def test_issues_workbook_is_byte_identical(source: Path, out_dir: Path) -> None:
    target = out_dir / "loi.xlsx"
    assert invoke("check", CRITERIA, source, "-o", target).exit_code == 0
    first = target.read_bytes()
    assert invoke("check", CRITERIA, source, "-o", target, "--force").exit_code == 0
    assert target.read_bytes() == first


# --- Read-only inputs -----------------------------------------------------------------
@pytest.fixture
def read_only(source: Path) -> Iterator[Path]:
    """The input folder (with a copy of the criteria) made read-only for the test."""
    folder = source.parent
    (folder / "tieu-chi.yaml").write_bytes(CRITERIA.read_bytes())
    for path in [*folder.iterdir(), folder]:
        path.chmod(stat.S_IREAD | stat.S_IEXEC if path.is_dir() else stat.S_IREAD)
    yield folder
    for path in [folder, *folder.iterdir()]:
        path.chmod(stat.S_IRWXU)


def test_every_command_reads_a_read_only_folder(read_only: Path, out_dir: Path) -> None:
    source, criteria = read_only / "de-cu.xlsx", read_only / "tieu-chi.yaml"
    commands = [
        ["score", source, "-c", criteria, "-o", out_dir / "k.xlsx", "-q"],
        ["score", source, "-c", criteria, "--format", "json", "-o", "-", "-q"],
        ["explain", source, "-c", criteria, "-p", "SP02"],
        ["check", criteria, source, "-o", out_dir / "loi.xlsx"],
        ["check", criteria, "--strict"],
        ["criteria", "show", criteria],
    ]
    for args in commands:
        result = invoke(*args)
        assert_no_traceback(result)
        assert result.exit_code in (0, 1), (args, result.stderr)
    assert sorted(p.name for p in read_only.iterdir()) == ["de-cu.xlsx", "tieu-chi.yaml"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_default_output_into_a_read_only_folder_is_one_line(
    read_only: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(read_only)
    result = invoke("score", "de-cu.xlsx", "-c", "tieu-chi.yaml", "-q")
    assert_one_error(result, 2, "de-cu.chuluc.xlsx", "cannot write")
