"""Score each product: derived values, eligibility gates and criterion points, all explained.

Scoring is pure (no I/O) so that a round can be re-run and audited from its
inputs alone. Every number a report shows is decided here: points are
``Decimal`` values rounded half away from zero to the criteria's ``rounding``
exactly once, and group totals and the total are sums of those rounded points,
so the columns of a report always add up.

Every criterion result carries a :class:`~chuluc_cli.i18n.Message` saying, in
the reader's terms, which value gave which points. A blank or unusable value
scores 0 with "no data: <field>", traced back through derived values to the
field that was blank; an expression that fails at run time (a date compared
with a number) is noted as "cannot compute" for that product and never stops
the round. Rejections found here (gates, data issues, duplicate ids,
minimums) become :class:`~chuluc_cli.results.Reason` values; the pass mark,
ranking, quotas and tiers belong to :mod:`chuluc_cli.selection`.

Speed and memory (a round may hold 100,000 products): each ruleset is compiled
once into a :class:`~chuluc_cli.scoring.plan.Plan` whose rules score a product
with a few comparisons, and a card keeps only its points and a tiny note per
criterion (which band matched, ...). The explanation of a criterion is written
when a report asks for it, from pre-filled templates; the rule functions of
:mod:`~chuluc_cli.scoring.rules` remain the one reference of what an
explanation says, and a test checks that the templates give the same text.

Where things are:

- ``card``: :func:`score_product` and :func:`score_all`, a card's lazy parts.
- ``plan``: a ruleset compiled once (:func:`compiled_plan`), one product's values.
- ``rules``: the criterion rules (bands, linear, when, map, formula, judged).
- ``compiled_rules``: the same rules made fast, explanations from templates.
- ``gates``: eligibility gates. ``reasons``: data, duplicate and minimum rejections.
- ``explain``: how values and explanations are shown. ``points``: rounding.
"""

from __future__ import annotations

from chuluc_cli.scoring.card import issues_by_row, score_all, score_product
from chuluc_cli.scoring.explain import LIMIT_DIGITS as LIMIT_DIGITS
from chuluc_cli.scoring.explain import VALUE_DIGITS as VALUE_DIGITS
from chuluc_cli.scoring.explain import Explanation as _Explanation  # noqa: F401 (old name)
from chuluc_cli.scoring.explain import NamedValues, Shown, describe_value, field_label
from chuluc_cli.scoring.plan import Product as _Product  # noqa: F401 (old name)
from chuluc_cli.scoring.plan import compiled_plan as compiled_plan
from chuluc_cli.scoring.points import round_points

__all__ = [
    "NamedValues",
    "Shown",
    "describe_value",
    "field_label",
    "issues_by_row",
    "round_points",
    "score_all",
    "score_product",
]
