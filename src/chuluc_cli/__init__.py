"""chuluc: reproducible, auditable selection rounds for nominated products.

The package is a library first; the ``chuluc`` command is a thin layer on top.
The public API is re-exported lazily so that ``chuluc --help`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_LAZY = {
    "load_criteria": "chuluc_cli.criteria.loader",
    "Criteria": "chuluc_cli.criteria.model",
    "load_nominations": "chuluc_cli.io.nominations",
    "Nominations": "chuluc_cli.nominations",
    "score_all": "chuluc_cli.scoring",
    "select": "chuluc_cli.selection",
    "run_round": "chuluc_cli.round",
    "write_report": "chuluc_cli.io.report_xlsx",
    "ChulucError": "chuluc_cli.errors",
}

__all__ = [
    "ChulucError",
    "Criteria",
    "Nominations",
    "__version__",
    "load_criteria",
    "load_nominations",
    "run_round",
    "score_all",
    "select",
    "write_report",
]

if TYPE_CHECKING:  # pragma: no cover
    from chuluc_cli.criteria.loader import load_criteria
    from chuluc_cli.criteria.model import Criteria
    from chuluc_cli.errors import ChulucError
    from chuluc_cli.io.nominations import load_nominations
    from chuluc_cli.io.report_xlsx import write_report
    from chuluc_cli.nominations import Nominations
    from chuluc_cli.round import run_round
    from chuluc_cli.scoring import score_all
    from chuluc_cli.selection import select


def __getattr__(name: str) -> Any:
    """Import public names on first use (PEP 562) to keep start-up cheap."""
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'chuluc_cli' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module_name), name)
