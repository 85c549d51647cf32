"""The project's scripts loaded as modules: benchmarks/, sample_data/ and tests/data/ are not
packages (their scripts run from a checkout), so tests load them by path, once each.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def load_script(name: str, path: Path) -> ModuleType:
    """The script at ``path`` as module ``name`` (registered, so its dataclasses work)."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module


generate = load_script("generate", ROOT / "benchmarks" / "generate.py")
