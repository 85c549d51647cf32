"""Atomic, non-destructive output: refused targets, failures leave nothing behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from chuluc_cli.errors import OutputError
from chuluc_cli.io.atomic import check_target, write_atomic, write_text_atomic


def _writer(content: bytes):
    def write(path: Path) -> None:
        path.write_bytes(content)

    return write


def _failing(path: Path) -> None:
    path.write_bytes(b"half a report")
    raise RuntimeError("disk full")


def test_writes_the_content(tmp_path: Path) -> None:
    target = tmp_path / "report.xlsx"
    write_atomic(target, _writer(b"report"))
    assert target.read_bytes() == b"report"
    assert os.listdir(tmp_path) == ["report.xlsx"]


def test_new_file_gets_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    old = os.umask(0o022)
    try:
        write_text_atomic(target, "{}\n")
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o644  # not mkstemp's 0600


def test_text_keeps_newlines_and_encoding(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    write_text_atomic(target, "Mã\r\nP01\n", encoding="utf-8-sig")
    assert target.read_bytes() == "\ufeffMã\r\nP01\n".encode()


def test_existing_target_needs_force(tmp_path: Path) -> None:
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(OutputError) as error:
        write_atomic(target, _writer(b"new"))
    assert str(error.value) == f"{target}: exists; use --force to replace it"
    assert target.read_bytes() == b"old"
    write_atomic(target, _writer(b"new"), force=True)
    assert target.read_bytes() == b"new"


def test_message_exists_in_vietnamese_and_str_is_english(tmp_path: Path) -> None:
    """Like every ChulucError: str() is the English line, render() any language."""
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(OutputError) as error:
        write_atomic(target, _writer(b"new"))
    assert error.value.render("vi") == f"{target}: tệp đã tồn tại; dùng --force để ghi đè"
    assert str(error.value) == error.value.render("en")


def test_an_input_is_never_replaced_even_with_force(tmp_path: Path) -> None:
    source = tmp_path / "ho-so.xlsx"
    source.write_bytes(b"nominations")
    with pytest.raises(OutputError, match=r"ho-so\.xlsx: this is one of the input files"):
        write_atomic(source, _writer(b"x"), inputs=[source], force=True)
    relative = Path(os.path.relpath(source))
    with pytest.raises(OutputError):
        write_atomic(relative, _writer(b"x"), inputs=[str(source)], force=True)
    assert source.read_bytes() == b"nominations"


def test_an_input_reached_through_a_symlink_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "ho-so.xlsx"
    source.write_bytes(b"nominations")
    link = tmp_path / "link.xlsx"
    link.symlink_to(source)
    with pytest.raises(OutputError):
        write_atomic(link, _writer(b"x"), inputs=[source], force=True)
    with pytest.raises(OutputError):  # and the other way round
        write_atomic(source, _writer(b"x"), inputs=[link], force=True)
    assert source.read_bytes() == b"nominations"


def test_a_hard_link_to_an_input_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "ho-so.xlsx"
    source.write_bytes(b"nominations")
    other = tmp_path / "copy.xlsx"
    os.link(source, other)
    with pytest.raises(OutputError):
        write_atomic(other, _writer(b"x"), inputs=[source], force=True)
    assert source.read_bytes() == b"nominations"


def test_missing_folder_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "report.xlsx"
    with pytest.raises(OutputError, match=r"the folder .*missing does not exist"):
        write_atomic(target, _writer(b"x"))


def test_folder_and_stdout_are_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a folder"):
        write_atomic(tmp_path, _writer(b"x"), force=True)
    with pytest.raises(OutputError, match="standard output"):
        check_target(Path("-"))


@pytest.mark.parametrize("error", [RuntimeError("disk full"), KeyboardInterrupt()])
def test_failure_mid_write_leaves_nothing(tmp_path: Path, error: BaseException) -> None:
    target = tmp_path / "report.xlsx"

    def write(path: Path) -> None:
        assert path.parent == tmp_path and path.name.startswith(".report.xlsx.")
        path.write_bytes(b"half a report")
        raise error

    with pytest.raises(type(error)):
        write_atomic(target, write)
    assert os.listdir(tmp_path) == []


def test_failure_keeps_the_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"previous")
    with pytest.raises(RuntimeError):
        write_atomic(target, _failing, force=True)
    assert target.read_bytes() == b"previous"
    assert os.listdir(tmp_path) == ["report.xlsx"]


def test_failure_in_the_rename_removes_the_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(source: str, target: str) -> None:
        raise PermissionError("locked by Excel")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OutputError, match=r"report\.xlsx: cannot write the output") as error:
        write_atomic(tmp_path / "report.xlsx", _writer(b"x"))
    assert isinstance(error.value.__cause__, PermissionError)  # an OS error is no bug: exit 2
    assert os.listdir(tmp_path) == []
