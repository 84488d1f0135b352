"""Annotated documents -> the report's findings (the content of report.json).

Only non-boilerplate mentions count. Every number is computed from the
annotated documents alone, in a fixed order, with rounded floats and a seeded
bootstrap, so the same inputs always give the same report.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from framing.annotation.source_names import canonical_name, source_key
from framing.errors import InputError
from framing.kwic import context
from framing.report.options import ReportOptions
from framing.report.stats import (
    LogOdds,
    bootstrap_log_odds,
    bootstrap_share,
    log_odds_dirichlet,
)
from framing.types import (
    AUTHORIAL,
    CATEGORIES,
    DIRECT_QUOTE,
    INDIRECT_SPEECH,
    LABEL_CATEGORIES,
    SCARE_QUOTE,
    VOICES,
    AnnotatedDocument,
    Mention,
)

LABELS = LABEL_CATEGORIES
REPORT_SCHEMA_VERSION = "1.0"
NO_OUTLET = "(no outlet)"


def _r(value: float) -> float:
    """Round for stable output (and -0.0 -> 0.0)."""
    rounded = round(float(value), 4)
    return 0.0 if rounded == 0 else rounded


def _outlet(document: AnnotatedDocument) -> str:
    return document.outlet or NO_OUTLET


def _normalize(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


def _counted(document: AnnotatedDocument) -> list[Mention]:
    """Mentions the report counts: not boilerplate, and in the spec's seven categories
    (an ``actor_reference`` mention, written on request, is no framing choice)."""
    return [m for m in document.mentions if not m.boilerplate and m.category in CATEGORIES]


class _Evidence:
    """KWIC lines for findings: the first N mentions in document order."""

    def __init__(self, documents: dict[str, AnnotatedDocument], options: ReportOptions) -> None:
        self.documents = documents
        self.options = options

    def lines(self, mentions: Iterable[tuple[str, Mention]]) -> list[dict[str, Any]]:
        out = []
        for doc_id, mention in mentions:
            if len(out) >= self.options.evidence_limit:
                break
            out.append(self.line(doc_id, mention))
        return out

    def line(self, doc_id: str, mention: Mention) -> dict[str, Any]:
        text = self.documents[doc_id].text or ""
        around = context(text, mention.start, mention.end, self.options.context_chars)
        return {
            "document": doc_id,
            "start": mention.start,
            "end": mention.end,
            "text": mention.text,
            "left": around.left,
            "right": around.right,
            "voice": mention.voice,
            "speaker": mention.speaker.text if mention.speaker else None,
        }


def build_report(
    documents: Sequence[AnnotatedDocument],
    options: ReportOptions | None = None,
    provenance: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Compute every finding of the report from annotated documents."""
    options = options or ReportOptions()
    if not documents:
        raise InputError("the corpus is empty: no annotated documents to report on")
    ids = [d.id for d in documents]
    duplicates = sorted(k for k, n in Counter(ids).items() if n > 1)
    if duplicates:
        raise InputError(
            f"document ids appear more than once across inputs: {', '.join(duplicates[:5])}"
        )
    ordered = sorted(documents, key=lambda d: (_outlet(d), d.date or "", d.id))
    by_id = {d.id: d for d in ordered}
    outlets = sorted({_outlet(d) for d in ordered})
    evidence = _Evidence(by_id, options)
    messages: list[str] = []
    if len(outlets) == 1:
        messages.append(
            f"Only one outlet ({outlets[0]}): cross-outlet comparisons (distinctive wording) "
            "need at least two."
        )
    corpus = _corpus_summary(ordered, outlets)
    for row in corpus["outlets"]:
        if row["mentions_total"] == 0:
            messages.append(f"Outlet {row['outlet']} has no framing mentions in its articles.")
    report = {
        "schema_version": REPORT_SCHEMA_VERSION,
        "title": options.title,
        "outlets": outlets,
        "messages": messages,
        "corpus": corpus,
        "naming": _naming(ordered, outlets, corpus, evidence),
        "distinctive": _distinctive(ordered, outlets, options, evidence),
        "voice": _voice(ordered, outlets, options, evidence),
        "sources": _sources(ordered, outlets, evidence),
        "options": options.as_dict(),
        "provenance": provenance or {},
    }
    return report


def _corpus_summary(documents: Sequence[AnnotatedDocument], outlets: list[str]) -> dict[str, Any]:
    rows = []
    for outlet in outlets:
        docs = [d for d in documents if _outlet(d) == outlet]
        dates = sorted(d.date for d in docs if d.date)
        counted = [m for d in docs for m in _counted(d)]
        by_category = Counter(m.category for m in counted)
        words = sum(d.words - d.boilerplate_words for d in docs)
        rows.append(
            {
                "outlet": outlet,
                "articles": len(docs),
                "words": words,
                "boilerplate_words": sum(d.boilerplate_words for d in docs),
                "date_min": dates[0] if dates else None,
                "date_max": dates[-1] if dates else None,
                "mentions_total": len(counted),
                "mentions_per_1000_words": _r(1000 * len(counted) / words) if words else 0.0,
                "mentions": {c: by_category.get(c, 0) for c in CATEGORIES},
                "boilerplate_mentions_excluded": sum(
                    1 for d in docs for m in d.mentions if m.boilerplate
                ),
            }
        )
    return {
        "outlets": rows,
        "articles": sum(r["articles"] for r in rows),
        "words": sum(r["words"] for r in rows),
        "mentions": sum(r["mentions_total"] for r in rows),
    }


def _naming(
    documents: Sequence[AnnotatedDocument],
    outlets: list[str],
    corpus: dict[str, Any],
    evidence: _Evidence,
) -> list[dict[str, Any]]:
    """For each referent and label category: which labels each outlet uses."""
    words = {row["outlet"]: row["words"] for row in corpus["outlets"]}
    grouped: dict[tuple[str, str], dict[str, list[tuple[str, Mention]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for document in documents:
        for mention in _counted(document):
            if mention.category in LABELS:
                key = (mention.referent or "(unspecified)", mention.category)
                grouped[key][_outlet(document)].append((document.id, mention))
    findings = []
    for (referent, category), per_outlet in sorted(grouped.items()):
        outlet_rows = []
        for outlet in outlets:
            items = per_outlet.get(outlet, [])
            labels = _labels(items, words[outlet], evidence)
            voices_all = Counter(m.voice for _, m in items)
            outlet_rows.append(
                {
                    "outlet": outlet,
                    "mentions": len(items),
                    "per_1000_words": _r(1000 * len(items) / words[outlet])
                    if words[outlet]
                    else 0.0,
                    "authorial": voices_all.get(AUTHORIAL, 0),
                    "quoted_or_reported": voices_all.get(DIRECT_QUOTE, 0)
                    + voices_all.get(INDIRECT_SPEECH, 0),
                    "scare_quoted": voices_all.get(SCARE_QUOTE, 0),
                    "labels": labels,
                }
            )
        findings.append({"referent": referent, "category": category, "outlets": outlet_rows})
    return findings


def _labels(
    items: list[tuple[str, Mention]], words: int, evidence: _Evidence
) -> list[dict[str, Any]]:
    """One outlet's labels for one referent: per entry, its forms, voices and evidence,
    most used first."""
    by_entry: dict[str, list[tuple[str, Mention]]] = defaultdict(list)
    for doc_id, mention in items:
        by_entry[mention.entry].append((doc_id, mention))
    labels = []
    for entry, entry_items in sorted(by_entry.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        forms = Counter(_normalize(m.text).casefold() for _, m in entry_items)
        voices = Counter(m.voice for _, m in entry_items)
        first = entry_items[0][1]
        labels.append(
            {
                "entry": entry,
                "forms": [f for f, _ in sorted(forms.items(), key=lambda kv: (-kv[1], kv[0]))],
                "frame": first.frame,
                "valence": first.valence,
                "count": len(entry_items),
                "per_1000_words": _r(1000 * len(entry_items) / words) if words else 0.0,
                "by_voice": {v: voices.get(v, 0) for v in VOICES},
                "evidence": evidence.lines(entry_items),
            }
        )
    return labels


def _distinctive(
    documents: Sequence[AnnotatedDocument],
    outlets: list[str],
    options: ReportOptions,
    evidence: _Evidence,
) -> dict[str, Any]:
    """Each outlet's framing vocabulary (lexicon entries) against all other outlets."""
    result: dict[str, Any] = {
        "statistic": "log-odds ratio with informative Dirichlet prior (Monroe et al. 2008)",
        "unit": "framing mentions, counted by lexicon entry",
        "prior_scale": options.prior_scale,
        "bootstrap": {
            "replicates": options.bootstrap_replicates,
            "seed": options.seed,
            "level": 0.95,
        },
        "outlets": [],
    }
    if len(outlets) < 2:
        result["note"] = "needs at least two outlets"
        return result
    per_article, examples, info = _entry_counts(documents)
    vocabulary = sorted(info)
    for position, outlet in enumerate(outlets):
        mine = per_article[outlet]
        rest = [c for other in outlets if other != outlet for c in per_article[other]]
        counts_i = sum(mine, Counter())
        counts_j = sum(rest, Counter())
        scores = log_odds_dirichlet(counts_i, counts_j, options.prior_scale, vocabulary)
        intervals = bootstrap_log_odds(
            mine,
            rest,
            vocabulary,
            options.bootstrap_replicates,
            options.seed + position,
            options.prior_scale,
        )
        terms = [
            _term(
                term,
                score,
                intervals,
                info[term],
                (counts_i, counts_j),
                examples[(outlet, term)],
                evidence,
            )
            for term, score in scores.items()
            if counts_i.get(term, 0)
        ]
        terms.sort(key=lambda t: (-t["z"], t["entry"]))
        result["outlets"].append(
            {
                "outlet": outlet,
                "mentions": sum(counts_i.values()),
                "terms": terms[: options.top_terms],
            }
        )
    return result


_Examples = dict[tuple[str, str], list[tuple[str, Mention]]]


def _entry_counts(
    documents: Sequence[AnnotatedDocument],
) -> tuple[dict[str, list[Counter[str]]], _Examples, dict[str, Mention]]:
    """Per outlet, each article's mentions counted by entry; the mentions of each
    (outlet, entry); and a first mention of each entry (for its category and valence)."""
    per_article: dict[str, list[Counter[str]]] = defaultdict(list)
    examples: _Examples = defaultdict(list)
    info: dict[str, Mention] = {}
    for document in documents:
        counts: Counter[str] = Counter()
        for mention in _counted(document):
            counts[mention.entry] += 1
            examples[(_outlet(document), mention.entry)].append((document.id, mention))
            info.setdefault(mention.entry, mention)
        per_article[_outlet(document)].append(counts)
    return per_article, examples, info


def _term(
    term: str,
    score: LogOdds,
    intervals: Mapping[str, tuple[float, float]],
    mention: Mention,
    counts: tuple[Counter[str], Counter[str]],
    examples: list[tuple[str, Mention]],
    evidence: _Evidence,
) -> dict[str, Any]:
    """One distinctive entry of an outlet: its commonest form, counts here and in the
    other outlets, log-odds with its interval, and evidence."""
    counts_i, counts_j = counts
    low, high = intervals.get(term, (None, None))
    forms = Counter(_normalize(m.text).casefold() for _, m in examples)
    return {
        "entry": term,
        "label": sorted(forms.items(), key=lambda kv: (-kv[1], kv[0]))[0][0],
        "category": mention.category,
        "valence": mention.valence,
        "count": counts_i.get(term, 0),
        "count_rest": counts_j.get(term, 0),
        "delta": _r(score.delta),
        "z": _r(score.z),
        "ci_low": _r(low) if low is not None else None,
        "ci_high": _r(high) if high is not None else None,
        "evidence": evidence.lines(examples),
    }


def _is_loaded(mention: Mention) -> bool:
    return mention.category in (*LABELS, "evaluative") and mention.valence != "neutral"


def _voice(
    documents: Sequence[AnnotatedDocument],
    outlets: list[str],
    options: ReportOptions,
    evidence: _Evidence,
) -> list[dict[str, Any]]:
    """Per outlet: how much of the loaded wording is the outlet's own."""
    rows = []
    for position, outlet in enumerate(outlets):
        docs = [d for d in documents if _outlet(d) == outlet]
        per_article = []
        loaded_items: list[tuple[str, Mention]] = []
        for document in docs:
            loaded = [m for m in _counted(document) if _is_loaded(m)]
            per_article.append((sum(1 for m in loaded if m.voice == AUTHORIAL), len(loaded)))
            loaded_items.extend((document.id, m) for m in loaded)
        total = sum(b for _, b in per_article)
        authorial = sum(a for a, _ in per_article)
        voices = Counter(m.voice for _, m in loaded_items)
        interval = bootstrap_share(
            per_article, options.bootstrap_replicates, options.seed + 1000 + position
        )
        rows.append(
            {
                "outlet": outlet,
                "loaded_mentions": total,
                "authorial": authorial,
                "share_authorial": _r(authorial / total) if total else None,
                "ci_low": _r(interval[0]) if interval else None,
                "ci_high": _r(interval[1]) if interval else None,
                "by_voice": {v: voices.get(v, 0) for v in VOICES},
                "evidence": evidence.lines((d, m) for d, m in loaded_items if m.voice == AUTHORIAL),
            }
        )
    return rows


def _sources(
    documents: Sequence[AnnotatedDocument], outlets: list[str], evidence: _Evidence
) -> list[dict[str, Any]]:
    """Per outlet: who is quoted or reported, how often, with which reporting stance."""
    rows = []
    for outlet in outlets:
        speakers: dict[str, dict[str, Any]] = {}
        items: dict[str, list[tuple[str, Mention]]] = defaultdict(list)
        for document in (d for d in documents if _outlet(d) == outlet):
            for mention in _counted(document):
                if mention.speaker is None:
                    continue
                written = _normalize(mention.speaker_source or mention.speaker.text)
                # one row per source across the outlet's articles ("Aïgerim T." in
                # one article, "Aïgerim T., porte-parole de ..." in another)
                name = source_key(written) or written.casefold()
                slot = speakers.setdefault(
                    name,
                    {
                        "variants": set(),
                        "reporting_verbs": 0,
                        "voiced_mentions": 0,
                        "stances": Counter(),
                        "verbs": Counter(),
                    },
                )
                slot["variants"].add(written)
                if mention.category == "reporting_verb":
                    slot["reporting_verbs"] += 1
                    slot["stances"][mention.stance or "unknown"] += 1
                    slot["verbs"][_normalize(mention.text).casefold()] += 1
                    items[name].append((document.id, mention))
                else:
                    slot["voiced_mentions"] += 1
        speaker_rows = []
        for name, slot in speakers.items():
            speaker_rows.append(
                {
                    "speaker": canonical_name(sorted(slot["variants"])),
                    "reporting_verbs": slot["reporting_verbs"],
                    "voiced_mentions": slot["voiced_mentions"],
                    "stances": dict(sorted(slot["stances"].items())),
                    "verbs": dict(sorted(slot["verbs"].items())),
                    "evidence": evidence.lines(items[name]),
                }
            )
        speaker_rows.sort(
            key=lambda r: (-(r["reporting_verbs"] + r["voiced_mentions"]), r["speaker"])
        )
        stance_totals = Counter()
        for row in speaker_rows:
            stance_totals.update(row["stances"])
        rows.append(
            {
                "outlet": outlet,
                "stances": dict(sorted(stance_totals.items())),
                "speakers": speaker_rows,
            }
        )
    return rows
