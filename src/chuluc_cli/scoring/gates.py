"""Eligibility gates: whether a product may be selected at all, and why not.

A gate that is met costs one evaluation and keeps no message
(:class:`GateRule`); its explanation is written only when a report asks for it.
A gate that fails, lacks data or cannot be computed gets its full result at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from chuluc_cli.criteria.expressions import EvaluationError
from chuluc_cli.criteria.model import Criteria, Gate
from chuluc_cli.criteria.references import compiled
from chuluc_cli.i18n import Localized, msg
from chuluc_cli.results import GateResult
from chuluc_cli.scoring.explain import NamedValues, Shown
from chuluc_cli.scoring.points import finite
from chuluc_cli.scoring.rules import bare_name, names_in, truthy

if TYPE_CHECKING:
    from chuluc_cli.scoring.card import Scored
    from chuluc_cli.scoring.plan import Product


def _gate(product: Product, gate: Gate) -> GateResult:
    names = product.names_in(gate.require)
    read = product.evaluate(gate.require)
    params: dict[str, Any] = {"id": gate.id, "title": Localized(gate.title, gate.title_en)}
    values = product.values_text(names)
    passed = False
    if read.error is not None:
        key, params["detail"] = "scoring.gate.not_computable", read.error
    elif read.missing:
        key, params["names"] = "scoring.gate.no_data", product.missing_text(read.missing)
    elif (truth := truthy(read.value)) is None:
        key, params["result"], params["values"] = "scoring.gate.not_yes_no", str(read.value), values
    else:
        passed = truth
        key = "scoring.gate.passed" if passed else "scoring.gate.failed"
        params.update(values=values, condition=gate.require)
    return GateResult(gate.id, passed, product.values(names), read.missing, msg(key, **params))


class GateRule:
    """One gate compiled: a passed gate costs one evaluation and keeps no message."""

    def __init__(self, criteria: Criteria, gate: Gate) -> None:
        self.criteria, self.gate = criteria, gate
        self.expression = compiled(gate.require)
        self.names = list(names_in(gate.require))
        self.name = bare_name(self.expression)

    def check(self, product: Product) -> Literal[True] | GateResult:
        """True when the gate is met, else its full result (with the message saying why)."""
        if self.name is not None:  # "require: in_hanoi": the value itself, no evaluation
            value = product.env.get(self.name)
        else:
            try:
                value = self.expression.evaluate(product.env)
            except EvaluationError:
                return _gate(product, self.gate)
        # A blank or Missing value is not truthy: _gate says why the gate is not met.
        if value is True or (finite(value) and truthy(value) is True):
            return True
        return _gate(product, self.gate)

    def passed(self, lazy: Scored) -> GateResult:
        """The result of a met gate, as :func:`_gate` gives it."""
        fields, gate = self.criteria.fields, self.gate
        values = NamedValues(tuple((n, Shown(lazy.get(n), fields.get(n))) for n in self.names))
        message = msg(
            "scoring.gate.passed",
            id=gate.id,
            title=Localized(gate.title, gate.title_en),
            values=values,
            condition=gate.require,
        )
        return GateResult(gate.id, True, {n: lazy.get(n) for n in self.names}, (), message)
