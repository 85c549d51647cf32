"""Points as exact decimals: the one rounding rule and the number tests every rule shares.

Kept apart so that "how is 2.675 rounded?" has one short answer: points are
``Decimal`` values rounded half away from zero on their decimal text, exactly
once per criterion (see :func:`round_points`).
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

ZERO = Decimal(0)
ONE = Decimal(1)
_QUANTA = {digits: ONE.scaleb(-digits) for digits in range(10)}  # 1, 0.1, 0.01...


def round_points(value: Decimal | float | int, digits: int) -> Decimal:
    """Round half away from zero on the decimal text of ``value``: 2.675 -> 2.68, never -0."""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    quantum = _QUANTA.get(digits) or ONE.scaleb(-digits)
    rounded = number.quantize(quantum, rounding=ROUND_HALF_UP)
    return rounded if rounded else abs(rounded)  # abs() turns -0.00 into 0.00


def finite(value: Any) -> bool:
    return not isinstance(value, float) or math.isfinite(value)


def is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def decimal(value: Any) -> Decimal:
    """A number as the Decimal of its shortest text (0.1 -> 0.1, not 0.1000000000000000055)."""
    return value if isinstance(value, Decimal) else Decimal(str(value))
