"""The colours of the mention categories, shared by the report charts and the viewer."""

from __future__ import annotations

CATEGORY_COLOURS: dict[str, str] = {
    "actor_label": "#4e79a7",
    "event_label": "#f28e2b",
    "intervention_label": "#59a14f",
    "evaluative": "#e15759",
    "reporting_verb": "#76b7b2",
    "hedge": "#edc948",
    "agentless_passive": "#b07aa1",
}
"""One colour per mention category, shared by the report charts and the viewer."""
