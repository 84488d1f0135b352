"""Scoring predicted framing mentions against a hand-annotated gold file.

Two scoring rules are offered. ``gold-dev`` (``framing.tools.golddev_rule``)
is the rule of the hand-annotated real articles in ``../shared/gold-dev``:
overlap of at least half the shorter span, soft gold, speaker agreement by
overlap or last word; it is the default when ``--gold`` is a folder of
gold-dev ``<id>.json`` files. ``thresholds``, described here, is the default
for a gold ``annotations.jsonl``.

The thresholds protocol is the one of the French quote-attribution evaluation of the
GenderGapTracker / Radar de Parité (``nlp/french/evaluation`` in
sfu-discourse-lab/GenderGapTracker): spans are matched at two character-overlap
thresholds, 0.3 (lenient) and 0.8 (strict), one-to-one, and speaker and verb
(cue) agreement are measured on the matched pairs. A predicted mention
*matches* a gold mention when both are in the same document, have the same
``category``, and

    overlap = |gold ∩ pred| / max(|gold|, |pred|)  >=  threshold

in characters. The GenderGapTracker divides by the gold span only; dividing by
the longer span is symmetric and keeps a prediction that swallows a whole
clause from matching a one-word gold mention, which matters for our short
mentions (one or two words), so our scores are slightly stricter than theirs.

Matching is greedy: within a document and category, candidate pairs are taken
by decreasing overlap (ties broken by position, so the result never depends on
file order), each mention being used at most once. From the matches we report
precision, recall and F1 per category and overall, and, on the matched pairs
only, how often the attribution is right: ``voice`` (exact), ``speaker`` and
``cue`` (their texts equal after whitespace and apostrophe normalisation, or
both null).

Mentions flagged ``boilerplate`` are left out on both sides, because no report
counts them. Only documents present in the gold file are scored: a gold file
usually covers a sample of the corpus, so predictions for other documents are
neither right nor wrong (their number is reported). Where a ratio has a zero
denominator (no prediction at all, say) it is reported as 0.0.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from framing.annotation.patterns import APOSTROPHES
from framing.errors import InputError
from framing.kwic import context
from framing.types import AnnotatedDocument, Mention, TextSpan

THRESHOLDS_RULE = "thresholds"
GOLDDEV_RULE = "gold-dev"
RULES = (THRESHOLDS_RULE, GOLDDEV_RULE)
DEFAULT_THRESHOLDS: tuple[float, ...] = (0.3, 0.8)
CONTEXT_CHARS = 40
OVERLAP_DEFINITION = "intersection / max(len(gold), len(pred)), in characters"


def overlap_ratio(gold: Mention, pred: Mention) -> float:
    """Character overlap of two mentions: |intersection| / max(|gold|, |pred|)."""
    inter = min(gold.end, pred.end) - max(gold.start, pred.start)
    longest = max(gold.end - gold.start, pred.end - pred.start)
    if inter <= 0 or longest <= 0:
        return 0.0
    return inter / longest


def normalize_text(text: str | None) -> str | None:
    """Fold apostrophes and collapse whitespace (no-break spaces included).

    Annotators copy speaker names and cues from the article by hand, so a
    typographic apostrophe or a doubled space must not count as a wrong answer.
    """
    if text is None:
        return None
    return " ".join(text.translate(APOSTROPHES).split())


def _span_text(span: TextSpan | None) -> str | None:
    return normalize_text(span.text) if span is not None else None


@dataclass(frozen=True)
class _Item:
    """A mention with what is needed to sort and report it."""

    doc: str
    index: int
    mention: Mention


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def _scores(tp: int, n_gold: int, n_pred: int) -> dict[str, Any]:
    precision = _ratio(tp, n_pred)
    recall = _ratio(tp, n_gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "gold": n_gold,
        "pred": n_pred,
        "tp": tp,
        "fp": n_pred - tp,
        "fn": n_gold - tp,
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }


def _context(text: str | None, start: int, end: int) -> str | None:
    """``…left [mention] right…`` with 40 characters either side, on one line."""
    if text is None or end > len(text):
        return None
    return context(text, start, end, CONTEXT_CHARS).line()


def _describe(item: _Item, text: str | None) -> dict[str, Any]:
    m = item.mention
    return {
        "doc": item.doc,
        "start": m.start,
        "end": m.end,
        "text": m.text,
        "category": m.category,
        "voice": m.voice,
        "speaker": m.speaker.text if m.speaker else None,
        "cue": m.cue.text if m.cue else None,
        "entry": m.entry,
        "context": _context(text, m.start, m.end),
    }


def _match(
    gold: list[_Item],
    pred: list[_Item],
    threshold: float,
    overlap: Callable[[Mention, Mention], float] = overlap_ratio,
) -> list[tuple[_Item, _Item]]:
    """Greedy one-to-one matching of one document's mentions of one category.

    ``overlap`` is the rule's measure: ``overlap_ratio`` (longer span) here,
    the shorter span under the gold-dev rule.
    """
    candidates = []
    for g in gold:
        for p in pred:
            ratio = overlap(g.mention, p.mention)
            if ratio > 0 and ratio >= threshold:
                key = (-ratio, g.mention.start, g.mention.end, p.mention.start, p.mention.end)
                candidates.append((key, g.index, p.index, g, p))
    candidates.sort(key=lambda c: (c[0], c[1], c[2]))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _key, gi, pi, g, p in candidates:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        pairs.append((g, p))
    return pairs


def _group(
    documents: Iterable[AnnotatedDocument], side: str
) -> tuple[dict[str, dict[str, list[_Item]]], dict[str, str | None]]:
    """Mentions by document and category (boilerplate left out), and texts by document."""
    groups: dict[str, dict[str, list[_Item]]] = {}
    texts: dict[str, str | None] = {}
    for document in documents:
        if document.id in groups:
            raise InputError(f"{side} file: document {document.id!r} appears twice")
        by_category: dict[str, list[_Item]] = defaultdict(list)
        kept = [m for m in document.mentions if not m.boilerplate]
        for index, mention in enumerate(kept):
            by_category[mention.category].append(_Item(document.id, index, mention))
        groups[document.id] = dict(by_category)
        texts[document.id] = document.text
    return groups, texts


def evaluate(
    gold: list[AnnotatedDocument],
    pred: list[AnnotatedDocument],
    thresholds: Sequence[float] = DEFAULT_THRESHOLDS,
    rule: str = THRESHOLDS_RULE,
) -> dict[str, Any]:
    """Score ``pred`` against ``gold`` under ``rule``.

    ``rule="thresholds"`` (the default) is the protocol of the module
    docstring. It returns a JSON-ready dict: counts, then per threshold (keyed
    ``"0.3"``...) ``overall`` and ``per_category`` scores, ``attributes``
    (voice, speaker and cue accuracy on matched pairs), ``misses`` (gold
    mentions left unmatched) and ``false_alarms`` (predictions left
    unmatched), each with its context. ``rule="gold-dev"`` is the rule of the
    hand-annotated real articles (``framing.tools.golddev_rule``); it takes no
    thresholds.
    """
    if rule == GOLDDEV_RULE:
        from framing.tools.golddev_rule import evaluate_golddev

        return evaluate_golddev(gold, pred)
    if rule != THRESHOLDS_RULE:
        raise InputError(f"unknown scoring rule {rule!r}: use {THRESHOLDS_RULE} or {GOLDDEV_RULE}")
    gold_groups, gold_texts = _group(gold, "gold")
    pred_groups, pred_texts = _group(pred, "pred")
    doc_ids = list(gold_groups)  # gold file order
    result: dict[str, Any] = {
        "rule": THRESHOLDS_RULE,
        "overlap": OVERLAP_DEFINITION,
        "documents": len(doc_ids),
        "documents_without_prediction": sorted(set(doc_ids) - set(pred_groups)),
        "pred_documents_not_in_gold": len(set(pred_groups) - set(gold_groups)),
        "gold_mentions": sum(len(v) for d in doc_ids for v in gold_groups[d].values()),
        "pred_mentions": sum(len(v) for d in doc_ids for v in pred_groups.get(d, {}).values()),
        "thresholds": {},
    }
    for threshold in thresholds:
        result["thresholds"][f"{threshold:g}"] = _threshold_block(
            threshold, doc_ids, (gold_groups, pred_groups), {**pred_texts, **_present(gold_texts)}
        )
    return result


def _present(texts: dict[str, str | None]) -> dict[str, str | None]:
    """The texts that are there (a gold text wins over the predicted one when both are)."""
    return {doc: text for doc, text in texts.items() if text}


def _threshold_block(
    threshold: float,
    doc_ids: list[str],
    groups: tuple[dict[str, dict[str, list[_Item]]], dict[str, dict[str, list[_Item]]]],
    texts: dict[str, str | None],
) -> dict[str, Any]:
    """Scores, attribute accuracies, misses and false alarms at one overlap threshold."""
    tp_by_cat: dict[str, int] = defaultdict(int)
    gold_by_cat: dict[str, int] = defaultdict(int)
    pred_by_cat: dict[str, int] = defaultdict(int)
    attributes = {name: 0 for name in ("voice", "speaker", "cue")}
    matched = 0
    misses: list[dict[str, Any]] = []
    false_alarms: list[dict[str, Any]] = []
    gold_groups, pred_groups = groups
    for doc_id in doc_ids:
        text = texts.get(doc_id)
        gold_cats = gold_groups[doc_id]
        pred_cats = pred_groups.get(doc_id, {})
        for category in sorted(set(gold_cats) | set(pred_cats)):
            g_items = gold_cats.get(category, [])
            p_items = pred_cats.get(category, [])
            gold_by_cat[category] += len(g_items)
            pred_by_cat[category] += len(p_items)
            pairs = _match(g_items, p_items, threshold)
            tp_by_cat[category] += len(pairs)
            for g, p in pairs:
                matched += 1
                gm, pm = g.mention, p.mention
                attributes["voice"] += gm.voice == pm.voice
                attributes["speaker"] += _span_text(gm.speaker) == _span_text(pm.speaker)
                attributes["cue"] += _span_text(gm.cue) == _span_text(pm.cue)
            hit_gold = {g.index for g, _ in pairs}
            hit_pred = {p.index for _, p in pairs}
            misses += [_describe(g, text) for g in g_items if g.index not in hit_gold]
            false_alarms += [_describe(p, text) for p in p_items if p.index not in hit_pred]
    order = lambda d: (doc_ids.index(d["doc"]), d["start"], d["end"], d["category"])  # noqa: E731
    categories = sorted(set(gold_by_cat) | set(pred_by_cat))
    return {
        "threshold": threshold,
        "overall": _scores(
            sum(tp_by_cat.values()), sum(gold_by_cat.values()), sum(pred_by_cat.values())
        ),
        "per_category": {
            c: _scores(tp_by_cat[c], gold_by_cat[c], pred_by_cat[c]) for c in categories
        },
        "attributes": {
            name: {"correct": correct, "total": matched, "accuracy": _ratio(correct, matched)}
            for name, correct in attributes.items()
        },
        "misses": sorted(misses, key=order),
        "false_alarms": sorted(false_alarms, key=order),
    }


def format_table(result: dict[str, Any], show: int = 10) -> str:
    """A plain-text table of ``evaluate``'s result, for the terminal."""
    if result.get("rule") == GOLDDEV_RULE:
        from framing.tools.golddev_rule import format_golddev

        return format_golddev(result, show)
    lines = [
        f"{result['documents']} gold documents, {result['gold_mentions']} gold mentions, "
        f"{result['pred_mentions']} predicted; overlap = {result['overlap']}"
    ]
    if result["documents_without_prediction"]:
        missing = ", ".join(result["documents_without_prediction"])
        lines.append(f"no prediction for: {missing}")
    if result["pred_documents_not_in_gold"]:
        lines.append(f"{result['pred_documents_not_in_gold']} predicted document(s) not in gold")
    header = f"{'category':<20} {'gold':>5} {'pred':>5} {'tp':>5} {'P':>6} {'R':>6} {'F1':>6}"
    for key, block in result["thresholds"].items():
        lines += ["", f"overlap >= {key}", header]
        rows = [*block["per_category"].items(), ("overall", block["overall"])]
        for name, s in rows:
            lines.append(
                f"{name:<20} {s['gold']:>5} {s['pred']:>5} {s['tp']:>5} "
                f"{s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f}"
            )
        attrs = "  ".join(
            f"{name} {a['accuracy']:.3f} ({a['correct']}/{a['total']})"
            for name, a in block["attributes"].items()
        )
        lines.append(f"on matched pairs: {attrs}")
        for title, items in (("misses", block["misses"]), ("false alarms", block["false_alarms"])):
            lines.append(f"{title}: {len(items)}")
            for item in items[:show]:
                where = f"{item['doc']} {item['start']}-{item['end']} {item['category']}"
                lines.append(f"  {where}: {item['context'] or repr(item['text'])}")
            if len(items) > show:
                lines.append(f"  ... and {len(items) - show} more (see --json)")
    return "\n".join(lines)


def read_gold(path: Path) -> list[AnnotatedDocument]:
    """Gold from a gold-dev folder of ``<id>.json`` files or an annotations.jsonl (or its folder)."""
    from framing.io.annotations import read_annotations
    from framing.io.golddev import is_gold_folder, read_gold_folder

    if is_gold_folder(path):
        return read_gold_folder(path)
    return list(read_annotations(path))
