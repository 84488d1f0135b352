"""report.json -> report.md and report.html (self-contained, escaped) and CSV tables.

Renderers read the typed :class:`~framing.report.model.Report`, built from report.json's
dictionary, so what people see is exactly what report.json says. The HTML embeds its CSS
and inline SVG charts and fetches nothing. Both documents come from Jinja2 templates in
``framing/report/templates/``, whose environments escape every value by default
(see :mod:`framing.report.templating`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from framing.report.charts import stacked_chart, z_chart
from framing.report.model import NamingOutlet, Report
from framing.report.palette import CATEGORY_COLOURS
from framing.report.templating import (
    content_security_policy,
    environment,
    fmt,
    markdown_json,
    markdown_value,
    report_html,
)
from framing.types import AnnotatedDocument

if TYPE_CHECKING:  # pandas (0.6 s to import) only when a table is written, not at CLI start-up
    import pandas as pd

_CSS = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1rem}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}.kwic{font-family:ui-monospace,monospace;font-size:.85rem;margin:.1rem 0}
mark{background:#ffe08a;padding:0 .1rem}.note{background:#fff4d6;border-left:4px solid #e0a800;padding:.5rem 1rem}
svg text{font-size:11px;font-family:system-ui,sans-serif}.muted{color:#666}
"""

VOICE_COLOURS: dict[str, str] = {
    "authorial": "#4e79a7",
    "direct_quote": "#f28e2b",
    "indirect_speech": "#59a14f",
    "scare_quote": "#e15759",
}
"""One colour per voice in the report's voice chart."""

_HTML = environment(report_html)
_MARKDOWN = environment(markdown_value)


def _counts_text(mapping: Mapping[str, int]) -> str:
    return ", ".join(f"{key} {value}" for key, value in mapping.items()) or "–"


def _label_summary(outlet: NamingOutlet) -> str:
    labels = (f"{'/'.join(label.forms[:2])} ×{label.count}" for label in outlet.labels)
    return ", ".join(labels) or "–"


def _interval(low: Any, high: Any) -> str:
    return f"[{fmt(low)}, {fmt(high)}]"


def _provenance(report: Report) -> str:
    """The provenance record for report.html's ``<pre>`` (escaped there like any value)."""
    return json.dumps(report.provenance, ensure_ascii=False, sort_keys=True, indent=2)


def render_markdown(report: Report) -> str:
    """report.md: tables and evidence lines, every value escaped for Markdown."""
    template = _MARKDOWN.get_template("report.md.j2")
    return template.render(
        report=report,
        categories=list(CATEGORY_COLOURS),
        pick=lambda mapping, keys: [mapping[key] for key in keys],
        label_summary=_label_summary,
        counts_text=_counts_text,
        interval=_interval,
        provenance=markdown_json(report.provenance),
    )


def render_html(report: Report) -> str:
    """report.html: one page with inline SVG charts, every value escaped for HTML."""
    corpus = report.corpus.outlets
    corpus_chart = stacked_chart(
        [(r.outlet, r.mentions) for r in corpus],
        list(CATEGORY_COLOURS),
        CATEGORY_COLOURS,
        "Mentions by category and outlet",
    )
    voice_chart = stacked_chart(
        [(v.outlet, v.by_voice) for v in report.voice],
        list(VOICE_COLOURS),
        VOICE_COLOURS,
        "Loaded mentions by voice and outlet",
    )
    return _HTML.get_template("report.html.j2").render(
        report=report,
        css=Markup(_CSS),
        csp=content_security_policy(_CSS, None),
        corpus_chart=corpus_chart,
        voice_chart=voice_chart,
        z_chart=z_chart,
        provenance=_provenance(report),
    )


# -- tables -----------------------------------------------------------------------


def mentions_table(documents: Sequence[AnnotatedDocument]) -> pd.DataFrame:
    """One row per mention (boilerplate included, flagged), in a stable order."""
    rows = []
    for document in sorted(documents, key=lambda d: (d.outlet or "", d.date or "", d.id)):
        for mention in document.mentions:
            rows.append(
                {
                    "document": document.id,
                    "outlet": document.outlet,
                    "date": document.date,
                    "start": mention.start,
                    "end": mention.end,
                    "text": mention.text,
                    "sentence": mention.sentence,
                    "category": mention.category,
                    "entry": mention.entry,
                    "referent": mention.referent,
                    "frame": mention.frame,
                    "valence": mention.valence,
                    "stance": mention.stance,
                    "voice": mention.voice,
                    "speaker": mention.speaker.text if mention.speaker else None,
                    "cue": mention.cue.text if mention.cue else None,
                    "target": mention.target.text if mention.target else None,
                    "negated": mention.negated,
                    "hedged": mention.hedged,
                    "boilerplate": mention.boilerplate,
                    "rules": ";".join(mention.rules),
                }
            )
    import pandas as pd

    return pd.DataFrame(
        rows,
        columns=[
            "document",
            "outlet",
            "date",
            "start",
            "end",
            "text",
            "sentence",
            "category",
            "entry",
            "referent",
            "frame",
            "valence",
            "stance",
            "voice",
            "speaker",
            "cue",
            "target",
            "negated",
            "hedged",
            "boilerplate",
            "rules",
        ],
    )


def outlets_table(report: Report) -> pd.DataFrame:
    """One row per outlet: corpus figures, counts by category, the voice share."""
    voice = {v.outlet: v for v in report.voice}
    rows = []
    for row in report.corpus.outlets:
        v = voice.get(row.outlet)
        rows.append(
            {
                "outlet": row.outlet,
                "articles": row.articles,
                "words": row.words,
                "boilerplate_words": row.boilerplate_words,
                "date_min": row.date_min,
                "date_max": row.date_max,
                "mentions_total": row.mentions_total,
                "mentions_per_1000_words": row.mentions_per_1000_words,
                "boilerplate_mentions_excluded": row.boilerplate_mentions_excluded,
                **{f"mentions_{k}": n for k, n in row.mentions.items()},
                "loaded_mentions": v.loaded_mentions if v else None,
                "share_authorial": v.share_authorial if v else None,
                "share_authorial_ci_low": v.ci_low if v else None,
                "share_authorial_ci_high": v.ci_high if v else None,
            }
        )
    import pandas as pd

    return pd.DataFrame(rows)


def naming_table(report: Report) -> pd.DataFrame:
    """One row per referent, outlet and label entry."""
    rows = []
    for finding in report.naming:
        for outlet in finding.outlets:
            for label in outlet.labels:
                rows.append(
                    {
                        "referent": finding.referent,
                        "category": finding.category,
                        "outlet": outlet.outlet,
                        "entry": label.entry,
                        "forms": "|".join(label.forms),
                        "valence": label.valence,
                        "frame": label.frame,
                        "count": label.count,
                        "per_1000_words": label.per_1000_words,
                        **{f"voice_{k}": n for k, n in label.by_voice.items()},
                    }
                )
    import pandas as pd

    return pd.DataFrame(rows)


def distinctive_table(report: Report) -> pd.DataFrame:
    """One row per outlet and distinctive term (evidence lines left out)."""
    rows = []
    for outlet in report.distinctive.outlets:
        for t in outlet.terms:
            rows.append(
                {
                    "outlet": outlet.outlet,
                    "entry": t.entry,
                    "label": t.label,
                    "category": t.category,
                    "valence": t.valence,
                    "count": t.count,
                    "count_rest": t.count_rest,
                    "delta": t.delta,
                    "z": t.z,
                    "ci_low": t.ci_low,
                    "ci_high": t.ci_high,
                }
            )
    import pandas as pd

    return pd.DataFrame(rows)


def table_csv(frame: pd.DataFrame) -> str:
    return frame.to_csv(index=False, lineterminator="\n", float_format="%.4f")
