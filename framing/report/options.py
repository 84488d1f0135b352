"""The report's options and their defaults, defined once.

``framing report``, ``framing run`` and study files all start from these
defaults (the seed makes every report reproducible; see docs/report.md); the
module is light, so the command line can show them without loading numpy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

DEFAULT_SEED = 20220107
DEFAULT_PRIOR_SCALE = 100.0


@dataclass(frozen=True)
class ReportOptions:
    """Everything that changes a report's numbers; recorded in its provenance."""

    evidence_limit: int = 3
    bootstrap_replicates: int = 1000
    seed: int = DEFAULT_SEED
    prior_scale: float = DEFAULT_PRIOR_SCALE
    top_terms: int = 15
    context_chars: int = 60
    title: str = "Framing report"

    def as_dict(self) -> dict[str, Any]:
        return {
            "evidence_limit": self.evidence_limit,
            "bootstrap_replicates": self.bootstrap_replicates,
            "seed": self.seed,
            "prior_scale": self.prior_scale,
            "top_terms": self.top_terms,
            "context_chars": self.context_chars,
            "title": self.title,
        }

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any], title: str | None = None) -> ReportOptions:
        """Options from a study file's ``[report]`` table (keys ``evidence``, ``bootstrap``,
        ``seed``, ``prior_scale``, ``title``); what it leaves out keeps its default."""
        defaults = cls()
        return cls(
            title=str(settings.get("title", title or defaults.title)),
            evidence_limit=int(settings.get("evidence", defaults.evidence_limit)),
            bootstrap_replicates=int(settings.get("bootstrap", defaults.bootstrap_replicates)),
            seed=int(settings.get("seed", defaults.seed)),
            prior_scale=float(settings.get("prior_scale", defaults.prior_scale)),
        )


REPORT_DEFAULTS = ReportOptions()
"""The defaults, for help texts and option declarations."""
