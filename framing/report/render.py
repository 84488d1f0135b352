"""report.json -> report.md and report.html (self-contained, escaped) and CSV tables.

Renderers read only the report dictionary, so what people see is exactly what
report.json says. The HTML embeds its CSS and inline SVG charts and fetches
nothing; every piece of article text goes through ``html.escape``.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import pandas as pd

from framing.report.palette import CATEGORY_COLOURS
from framing.types import AnnotatedDocument


def _fmt(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:.0f}"
    return str(value)


def _md_cell(value: Any) -> str:
    return _fmt(value).replace("|", "\\|").replace("\n", " ")


def _md_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    return lines


def _kwic_md(line: dict[str, Any]) -> str:
    left = line["left"].replace("`", "'")
    right = line["right"].replace("`", "'")
    speaker = f" — {line['speaker']}" if line.get("speaker") else ""
    return f"- `{line['document']}:{line['start']}` …{left}**{line['text']}**{right}… ({line['voice']}{speaker})"


def render_markdown(report: dict[str, Any]) -> str:
    out = [f"# {report['title']}", ""]
    for message in report["messages"]:
        out += [f"> {message}", ""]
    out += ["## Corpus", ""]
    rows = [
        [
            r["outlet"],
            r["articles"],
            r["words"],
            r["date_min"],
            r["date_max"],
            r["mentions_total"],
            r["mentions_per_1000_words"],
            r["boilerplate_words"],
        ]
        for r in report["corpus"]["outlets"]
    ]
    out += _md_table(
        [
            "outlet",
            "articles",
            "words",
            "from",
            "to",
            "mentions",
            "per 1,000 words",
            "boilerplate words",
        ],
        rows,
    )
    out += ["", "### Mentions by category", ""]
    categories = list(CATEGORY_COLOURS)
    out += _md_table(
        ["outlet", *categories],
        [
            [r["outlet"], *[r["mentions"][c] for c in categories]]
            for r in report["corpus"]["outlets"]
        ],
    )
    out += ["", "## Naming choices", ""]
    for finding in report["naming"]:
        out += [f"### {finding['referent']} ({finding['category']})", ""]
        rows = []
        for outlet in finding["outlets"]:
            labels = (
                ", ".join(
                    f"{'/'.join(lab['forms'][:2])} ×{lab['count']}" for lab in outlet["labels"]
                )
                or "–"
            )
            rows.append(
                [
                    outlet["outlet"],
                    outlet["mentions"],
                    outlet["per_1000_words"],
                    outlet["authorial"],
                    outlet["quoted_or_reported"],
                    outlet["scare_quoted"],
                    labels,
                ]
            )
        out += _md_table(
            [
                "outlet",
                "mentions",
                "per 1,000 words",
                "authorial",
                "quoted/reported",
                "scare quotes",
                "labels",
            ],
            rows,
        )
        out.append("")
        for outlet in finding["outlets"]:
            for label in outlet["labels"]:
                for line in label["evidence"]:
                    out.append(f"{_kwic_md(line)} [{outlet['outlet']}]")
        out.append("")
    out += ["## Distinctive wording", ""]
    distinctive = report["distinctive"]
    out.append(
        f"{distinctive['statistic']}; prior scale {_fmt(distinctive['prior_scale'])}; "
        f"95% bootstrap intervals over articles ({distinctive['bootstrap']['replicates']} replicates, "
        f"seed {distinctive['bootstrap']['seed']})."
    )
    out.append("")
    if distinctive.get("note"):
        out += [f"> Not computed: {distinctive['note']}.", ""]
    for outlet in distinctive["outlets"]:
        out += [f"### {outlet['outlet']}", ""]
        out += _md_table(
            ["term", "entry", "category", "count", "others", "log-odds", "z", "95% CI"],
            [
                [
                    t["label"],
                    t["entry"],
                    t["category"],
                    t["count"],
                    t["count_rest"],
                    t["delta"],
                    t["z"],
                    f"[{_fmt(t['ci_low'])}, {_fmt(t['ci_high'])}]",
                ]
                for t in outlet["terms"]
            ],
        )
        out.append("")
        for term in outlet["terms"][:5]:
            for line in term["evidence"][:1]:
                out.append(_kwic_md(line))
        out.append("")
    out += ["## Voice: whose words are the loaded ones", ""]
    out += _md_table(
        [
            "outlet",
            "loaded mentions",
            "authorial",
            "share authorial",
            "95% CI",
            "direct quote",
            "indirect speech",
            "scare quote",
        ],
        [
            [
                v["outlet"],
                v["loaded_mentions"],
                v["authorial"],
                v["share_authorial"],
                f"[{_fmt(v['ci_low'])}, {_fmt(v['ci_high'])}]",
                v["by_voice"]["direct_quote"],
                v["by_voice"]["indirect_speech"],
                v["by_voice"]["scare_quote"],
            ]
            for v in report["voice"]
        ],
    )
    out += ["", "## Sources", ""]
    for outlet in report["sources"]:
        out += [f"### {outlet['outlet']}", ""]
        out += _md_table(
            ["speaker", "reporting verbs", "voiced mentions", "stances", "verbs"],
            [
                [
                    s["speaker"],
                    s["reporting_verbs"],
                    s["voiced_mentions"],
                    ", ".join(f"{k} {v}" for k, v in s["stances"].items()) or "–",
                    ", ".join(f"{k} {v}" for k, v in s["verbs"].items()) or "–",
                ]
                for s in outlet["speakers"][:15]
            ],
        )
        out.append("")
    out += ["## Provenance", "", "```json"]
    import json

    out += [
        json.dumps(report["provenance"], ensure_ascii=False, sort_keys=True, indent=2),
        "```",
        "",
    ]
    return "\n".join(out)


# -- HTML -----------------------------------------------------------------------

_CSS = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1rem}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}.kwic{font-family:ui-monospace,monospace;font-size:.85rem;margin:.1rem 0}
mark{background:#ffe08a;padding:0 .1rem}.note{background:#fff4d6;border-left:4px solid #e0a800;padding:.5rem 1rem}
svg text{font-size:11px;font-family:system-ui,sans-serif}.muted{color:#666}
"""


def _e(value: Any) -> str:
    return html.escape(_fmt(value), quote=True)


def _html_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _kwic_html(line: dict[str, Any], outlet: str | None = None) -> str:
    speaker = f" — {html.escape(line['speaker'])}" if line.get("speaker") else ""
    where = f" [{html.escape(outlet)}]" if outlet else ""
    return (
        f'<p class="kwic"><span class="muted">{html.escape(line["document"])}:{line["start"]}</span> '
        f"…{html.escape(line['left'])}<mark>{html.escape(line['text'])}</mark>{html.escape(line['right'])}… "
        f'<span class="muted">({html.escape(line["voice"])}{speaker}){where}</span></p>'
    )


def _stacked_bars(
    rows: list[tuple[str, dict[str, int]]], keys: list[str], colours: dict[str, str], title: str
) -> str:
    """A horizontal stacked bar chart as inline SVG."""
    width, bar, gap, label_w = 640, 18, 8, 170
    total_max = max([sum(v.values()) for _, v in rows] + [1])
    height = len(rows) * (bar + gap) + 40
    parts = [
        f'<svg role="img" aria-label="{html.escape(title)}" width="{width + label_w + 90}" height="{height}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, (label, values) in enumerate(rows):
        y = 10 + i * (bar + gap)
        parts.append(f'<text x="0" y="{y + 13}">{html.escape(label[:28])}</text>')
        x = float(label_w)
        for key in keys:
            value = values.get(key, 0)
            if not value:
                continue
            w = width * value / total_max
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar}" fill="{colours[key]}">'
                f"<title>{html.escape(key)}: {value}</title></rect>"
            )
            x += w
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 13}">{sum(values.values())}</text>')
    legend_y = height - 12
    x = float(label_w)
    for key in keys:
        parts.append(
            f'<rect x="{x:.1f}" y="{legend_y - 9}" width="10" height="10" fill="{colours[key]}"/>'
        )
        parts.append(f'<text x="{x + 13:.1f}" y="{legend_y}">{html.escape(key)}</text>')
        x += 14 + 7 * len(key)
    parts.append("</svg>")
    return "".join(parts)


def render_html(report: dict[str, Any]) -> str:
    import json

    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{html.escape(report['title'])}</title>",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{html.escape(report['title'])}</h1>",
    ]
    out += [f'<p class="note">{html.escape(m)}</p>' for m in report["messages"]]
    corpus = report["corpus"]["outlets"]
    out.append("<h2>Corpus</h2>")
    out.append(
        _html_table(
            [
                "outlet",
                "articles",
                "words",
                "from",
                "to",
                "mentions",
                "per 1,000 words",
                "boilerplate words",
            ],
            [
                [
                    _e(r["outlet"]),
                    _e(r["articles"]),
                    _e(r["words"]),
                    _e(r["date_min"]),
                    _e(r["date_max"]),
                    _e(r["mentions_total"]),
                    _e(r["mentions_per_1000_words"]),
                    _e(r["boilerplate_words"]),
                ]
                for r in corpus
            ],
        )
    )
    out.append("<h3>Mentions by category and outlet</h3>")
    out.append(
        _stacked_bars(
            [(r["outlet"], r["mentions"]) for r in corpus],
            list(CATEGORY_COLOURS),
            CATEGORY_COLOURS,
            "Mentions by category and outlet",
        )
    )
    out.append("<h2>Naming choices</h2>")
    for finding in report["naming"]:
        out.append(
            f'<h3>{html.escape(finding["referent"])} <span class="muted">({html.escape(finding["category"])})</span></h3>'
        )
        rows = []
        for outlet in finding["outlets"]:
            labels = (
                ", ".join(
                    f'{html.escape("/".join(lab["forms"][:2]))} ×{lab["count"]} <span class="muted">{html.escape(lab["valence"])}</span>'
                    for lab in outlet["labels"]
                )
                or "–"
            )
            rows.append(
                [
                    _e(outlet["outlet"]),
                    _e(outlet["mentions"]),
                    _e(outlet["per_1000_words"]),
                    _e(outlet["authorial"]),
                    _e(outlet["quoted_or_reported"]),
                    _e(outlet["scare_quoted"]),
                    labels,
                ]
            )
        out.append(
            _html_table(
                [
                    "outlet",
                    "mentions",
                    "per 1,000 words",
                    "authorial",
                    "quoted/reported",
                    "scare quotes",
                    "labels",
                ],
                rows,
            )
        )
        for outlet in finding["outlets"]:
            for label in outlet["labels"]:
                out += [_kwic_html(line, outlet["outlet"]) for line in label["evidence"]]
    distinctive = report["distinctive"]
    out.append("<h2>Distinctive wording</h2>")
    out.append(
        f"<p>{html.escape(distinctive['statistic'])}; prior scale {_e(distinctive['prior_scale'])}; 95% bootstrap "
        f"intervals over articles ({_e(distinctive['bootstrap']['replicates'])} replicates, seed {_e(distinctive['bootstrap']['seed'])}).</p>"
    )
    if distinctive.get("note"):
        out.append(f'<p class="note">Not computed: {html.escape(distinctive["note"])}.</p>')
    for outlet in distinctive["outlets"]:
        out.append(f"<h3>{html.escape(outlet['outlet'])}</h3>")
        out.append(_z_chart(outlet["terms"][:10], outlet["outlet"]))
        out.append(
            _html_table(
                ["term", "entry", "category", "count", "others", "log-odds", "z", "95% CI"],
                [
                    [
                        _e(t["label"]),
                        _e(t["entry"]),
                        _e(t["category"]),
                        _e(t["count"]),
                        _e(t["count_rest"]),
                        _e(t["delta"]),
                        _e(t["z"]),
                        f"[{_e(t['ci_low'])}, {_e(t['ci_high'])}]",
                    ]
                    for t in outlet["terms"]
                ],
            )
        )
        for term in outlet["terms"][:5]:
            out += [_kwic_html(line) for line in term["evidence"][:1]]
    out.append("<h2>Voice: whose words are the loaded ones</h2>")
    voice_colours = {
        "authorial": "#4e79a7",
        "direct_quote": "#f28e2b",
        "indirect_speech": "#59a14f",
        "scare_quote": "#e15759",
    }
    out.append(
        _stacked_bars(
            [(v["outlet"], v["by_voice"]) for v in report["voice"]],
            list(voice_colours),
            voice_colours,
            "Loaded mentions by voice and outlet",
        )
    )
    out.append(
        _html_table(
            ["outlet", "loaded mentions", "authorial", "share authorial", "95% CI"],
            [
                [
                    _e(v["outlet"]),
                    _e(v["loaded_mentions"]),
                    _e(v["authorial"]),
                    _e(v["share_authorial"]),
                    f"[{_e(v['ci_low'])}, {_e(v['ci_high'])}]",
                ]
                for v in report["voice"]
            ],
        )
    )
    out.append("<h2>Sources</h2>")
    for outlet in report["sources"]:
        out.append(f"<h3>{html.escape(outlet['outlet'])}</h3>")
        out.append(
            _html_table(
                ["speaker", "reporting verbs", "voiced mentions", "stances", "verbs"],
                [
                    [
                        _e(s["speaker"]),
                        _e(s["reporting_verbs"]),
                        _e(s["voiced_mentions"]),
                        html.escape(", ".join(f"{k} {v}" for k, v in s["stances"].items()) or "–"),
                        html.escape(", ".join(f"{k} {v}" for k, v in s["verbs"].items()) or "–"),
                    ]
                    for s in outlet["speakers"][:15]
                ],
            )
        )
        for speaker in outlet["speakers"][:5]:
            out += [_kwic_html(line) for line in speaker["evidence"][:1]]
    if report.get("viewer_index"):
        out.append(f'<p><a href="{html.escape(report["viewer_index"])}">Annotated articles</a></p>')
    out.append("<h2>Provenance</h2>")
    out.append(
        f"<pre>{html.escape(json.dumps(report['provenance'], ensure_ascii=False, sort_keys=True, indent=2))}</pre>"
    )
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _z_chart(terms: list[dict[str, Any]], outlet: str) -> str:
    if not terms:
        return '<p class="muted">No terms.</p>'
    width, bar, gap, label_w = 420, 14, 5, 220
    top = max(abs(t["z"]) for t in terms) or 1.0
    height = len(terms) * (bar + gap) + 10
    parts = [
        f'<svg role="img" aria-label="Distinctive terms of {html.escape(outlet)}" width="{width + label_w + 40}" height="{height}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, term in enumerate(terms):
        y = 5 + i * (bar + gap)
        w = width * abs(term["z"]) / top
        colour = "#4e79a7" if term["z"] >= 0 else "#e15759"
        parts.append(f'<text x="0" y="{y + 11}">{html.escape(term["label"][:32])}</text>')
        parts.append(
            f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar}" fill="{colour}"><title>z = {term["z"]}</title></rect>'
        )
        parts.append(f'<text x="{label_w + w + 4:.1f}" y="{y + 11}">{_e(term["z"])}</text>')
    parts.append("</svg>")
    return "".join(parts)


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


def outlets_table(report: dict[str, Any]) -> pd.DataFrame:
    rows = []
    voice = {v["outlet"]: v for v in report["voice"]}
    for row in report["corpus"]["outlets"]:
        flat = {k: v for k, v in row.items() if k != "mentions"}
        flat.update({f"mentions_{k}": v for k, v in row["mentions"].items()})
        v = voice.get(row["outlet"], {})
        flat.update(
            {
                "loaded_mentions": v.get("loaded_mentions"),
                "share_authorial": v.get("share_authorial"),
                "share_authorial_ci_low": v.get("ci_low"),
                "share_authorial_ci_high": v.get("ci_high"),
            }
        )
        rows.append(flat)
    return pd.DataFrame(rows)


def naming_table(report: dict[str, Any]) -> pd.DataFrame:
    rows = []
    for finding in report["naming"]:
        for outlet in finding["outlets"]:
            for label in outlet["labels"]:
                rows.append(
                    {
                        "referent": finding["referent"],
                        "category": finding["category"],
                        "outlet": outlet["outlet"],
                        "entry": label["entry"],
                        "forms": "|".join(label["forms"]),
                        "valence": label["valence"],
                        "frame": label["frame"],
                        "count": label["count"],
                        "per_1000_words": label["per_1000_words"],
                        **{f"voice_{k}": v for k, v in label["by_voice"].items()},
                    }
                )
    return pd.DataFrame(rows)


def distinctive_table(report: dict[str, Any]) -> pd.DataFrame:
    rows = []
    for outlet in report["distinctive"]["outlets"]:
        for term in outlet["terms"]:
            rows.append(
                {"outlet": outlet["outlet"], **{k: v for k, v in term.items() if k != "evidence"}}
            )
    return pd.DataFrame(rows)


def table_csv(frame: pd.DataFrame) -> str:
    return frame.to_csv(index=False, lineterminator="\n", float_format="%.4f")
