"""Find criteria files: a path the user gave, or a ruleset shipped with chuluc by name.

Shipped rulesets live in the repository's ``criteria/`` folder; a wheel installs
them as ``chuluc_cli/rulesets``. A source checkout (including an editable
install) reads them from ``criteria/`` directly, so there is one copy.
"""

from __future__ import annotations

from pathlib import Path

from chuluc_cli.errors import CriteriaError
from chuluc_cli.i18n import Message, msg

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def shipped_dir() -> Path:
    """The folder holding the shipped rulesets (installed wheel or source checkout)."""
    installed = _PACKAGE_DIR / "rulesets"
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent.parent / "criteria"


def shipped_rulesets() -> dict[str, Path]:
    """Every shipped ruleset by name (file name without .yaml), sorted."""
    folder = shipped_dir()
    if not folder.is_dir():
        return {}
    return {path.stem: path for path in sorted(folder.glob("*.yaml"))}


def resolve_criteria(name_or_path: str | Path) -> Path:
    """The file for a path or a shipped ruleset name; CriteriaError if neither exists."""
    candidate = Path(name_or_path)
    if candidate.is_file():
        return candidate
    shipped = shipped_rulesets()
    if str(name_or_path) in shipped:
        return shipped[str(name_or_path)]
    if candidate.exists():
        raise CriteriaError(msg("errors.criteria.not_a_file", path=candidate))
    names: str | Message = ", ".join(shipped) or msg("errors.criteria.none")
    raise CriteriaError(
        msg("errors.criteria.not_found", name=name_or_path),
        hint=msg("errors.criteria.shipped", names=names),
    )
