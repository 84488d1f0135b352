"""The gold-dev scoring rule (``framing evaluate --rule gold-dev``).

This is the rule ``../shared/gold-dev/README.md`` states for the hand-annotated
real articles, and the one every quality figure of the project is quoted in:

* A predicted and a gold mention **match** when they are in the same document,
  share a ``category`` and overlap by at least half of the *shorter* span:
  ``|gold ∩ pred| / min(|gold|, |pred|) >= 0.5`` in characters. Gold spans are
  head nouns and verb groups, so a prediction that is a little longer or
  shorter still matches; the shorter span keeps a one-word prediction inside a
  long gold span from being lost. Matching is one to one, best overlap first
  (ties by position).
* Mentions flagged ``boilerplate`` are left out on both sides.
* **Voice accuracy** is over all matched pairs. **Speaker accuracy** is over the
  matched pairs whose gold voice is ``direct_quote`` or ``indirect_speech``,
  plus the matched ``reporting_verb`` pairs that have a gold speaker. Two
  speakers are the same when their character spans overlap, or when their last
  words agree after folding case, apostrophes and whitespace ("M. Blinken" and
  "Antony Blinken", or a pronoun resolved to another mention of the same
  source); two null speakers agree, a null and a non-null do not. **Cue
  accuracy** is over the matched pairs that have a gold cue: the cue texts are
  equal after the same folding ("Selon" = "selon").
* **Soft gold.** A gold mention whose ``note`` says "borderline" or "unsure" is a
  judgement call. Scores are given twice: ``all_gold`` counts every gold
  mention (the headline, and the way the issue tracker's figures are quoted),
  ``soft_excluded`` drops the soft gold mentions that were missed (a missed
  soft mention is not a miss; a matched one is still a hit). Attribute
  accuracies are the same in both, since they are over matched pairs.

Besides the scores the result lists every miss, false alarm, wrong voice,
wrong speaker and wrong cue with a keyword-in-context line, and per predicted ``entry`` its
true and false matches, so a linguist can see where precision is lost.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from typing import Any

from framing.tools.evaluate import (
    _describe,
    _group,
    _Item,
    _match,
    _scores,
    normalize_text,
)
from framing.types import AnnotatedDocument, Mention, TextSpan

RULE = "gold-dev"
MIN_OVERLAP = 0.5
OVERLAP_DEFINITION = "intersection / min(len(gold), len(pred)) >= 0.5, in characters"
SPEECH_VOICES = ("direct_quote", "indirect_speech")
SOFT_WORDS = ("borderline", "unsure")
HEADLINE = "all_gold"
ERROR_KINDS = ("misses", "false_alarms", "wrong_voice", "wrong_speaker", "wrong_cue")
_WORD = re.compile(r"\w+")


def overlap_shorter(gold: Mention, pred: Mention) -> float:
    """Character overlap of two mentions: |intersection| / min(|gold|, |pred|)."""
    inter = min(gold.end, pred.end) - max(gold.start, pred.start)
    shortest = min(gold.end - gold.start, pred.end - pred.start)
    if inter <= 0 or shortest <= 0:
        return 0.0
    return inter / shortest


def is_soft(mention: Mention) -> bool:
    """A gold mention the annotator marked as a judgement call ("borderline", "unsure")."""
    note = (mention.note or "").casefold()
    return any(word in note for word in SOFT_WORDS)


def fold(text: str | None) -> str | None:
    """Text compared case-, apostrophe-, whitespace- and Unicode-form-insensitively."""
    if text is None:
        return None
    return (normalize_text(unicodedata.normalize("NFC", text)) or "").casefold()


def last_word(text: str) -> str | None:
    """The last word of a speaker ("blinken" for "M. Blinken", "armée" for "l'armée")."""
    words = _WORD.findall(fold(text) or "")
    return words[-1] if words else None


def same_speaker(gold: TextSpan | None, pred: TextSpan | None) -> bool:
    """The rule's speaker agreement: overlapping spans or the same last word; null = null."""
    if gold is None or pred is None:
        return gold is None and pred is None
    located = gold.start >= 0 and pred.start >= 0  # a span read without offsets has -1
    if located and min(gold.end, pred.end) > max(gold.start, pred.start):
        return True
    gold_word = last_word(gold.text)
    return gold_word is not None and gold_word == last_word(pred.text)


def same_cue(gold: TextSpan | None, pred: TextSpan | None) -> bool:
    """Cue agreement: the folded texts are equal."""
    return fold(gold.text if gold else None) == fold(pred.text if pred else None)


def speaker_counts(gold: Mention) -> bool:
    """Whether a matched pair enters speaker accuracy (see the module docstring)."""
    if gold.voice in SPEECH_VOICES:
        return True
    return gold.category == "reporting_verb" and gold.speaker is not None


class _Tally:
    """Counts and itemised errors, accumulated document by document."""

    def __init__(self) -> None:
        self.gold: Counter[str] = Counter()
        self.pred: Counter[str] = Counter()
        self.tp: Counter[str] = Counter()
        self.soft: Counter[str] = Counter()
        self.soft_missed: Counter[str] = Counter()
        self.attributes = {name: [0, 0] for name in ("voice", "speaker", "cue")}
        self.confusion: dict[str, Counter[str]] = defaultdict(Counter)
        self.errors: dict[str, list[dict[str, Any]]] = {kind: [] for kind in ERROR_KINDS}
        self.entries: dict[str, dict[str, Any]] = {}

    def add_category(
        self, category: str, gold: list[_Item], pred: list[_Item], text: str | None
    ) -> None:
        pairs = _match(gold, pred, MIN_OVERLAP, overlap_shorter)
        self.gold[category] += len(gold)
        self.pred[category] += len(pred)
        self.tp[category] += len(pairs)
        self.soft[category] += sum(is_soft(g.mention) for g in gold)
        hit_gold = {g.index for g, _ in pairs}
        hit_pred = {p.index for _, p in pairs}
        for g in gold:
            if g.index not in hit_gold:
                self.soft_missed[category] += is_soft(g.mention)
                self.errors["misses"].append(_error(g, text))
        for p in pred:
            self._entry(p.mention, p.index in hit_pred)
            if p.index not in hit_pred:
                self.errors["false_alarms"].append(_error(p, text))
        for g, p in pairs:
            self._pair(g, p, text)

    def _entry(self, mention: Mention, hit: bool) -> None:
        key = mention.entry or "(no entry)"
        row = self.entries.setdefault(key, {"category": mention.category, "true": 0, "false": 0})
        row["true" if hit else "false"] += 1

    def _pair(self, g: _Item, p: _Item, text: str | None) -> None:
        gm, pm = g.mention, p.mention
        self.confusion[gm.voice][pm.voice] += 1
        checks = [("voice", True, gm.voice == pm.voice)]
        checks.append(("speaker", speaker_counts(gm), same_speaker(gm.speaker, pm.speaker)))
        checks.append(("cue", gm.cue is not None, same_cue(gm.cue, pm.cue)))
        for name, counts, right in checks:
            if not counts:
                continue
            self.attributes[name][1] += 1
            self.attributes[name][0] += right
            if not right:
                self.errors[f"wrong_{name}"].append(_pair_error(g, p, text))


def _error(item: _Item, text: str | None) -> dict[str, Any]:
    described = _describe(item, text)
    described["soft"] = is_soft(item.mention)
    return described


def _pair_error(gold: _Item, pred: _Item, text: str | None) -> dict[str, Any]:
    """A matched pair whose voice, speaker or cue is wrong: the gold mention and both answers."""
    described = _error(gold, text)
    described["pred"] = {
        "start": pred.mention.start,
        "end": pred.mention.end,
        "voice": pred.mention.voice,
        "speaker": pred.mention.speaker.text if pred.mention.speaker else None,
        "cue": pred.mention.cue.text if pred.mention.cue else None,
        "entry": pred.mention.entry,
    }
    return described


def _error_order(item: dict[str, Any]) -> tuple[Any, ...]:
    return (item["doc"], item["start"], item["end"], item["category"], item["text"])


def _blocks(tally: _Tally) -> dict[str, Any]:
    """Scores per category and overall, with all gold counted and with missed soft gold dropped."""
    categories = sorted(set(tally.gold) | set(tally.pred))
    blocks: dict[str, Any] = {}
    for name, dropped in (("all_gold", Counter()), ("soft_excluded", tally.soft_missed)):
        per = {
            c: _scores(tally.tp[c], tally.gold[c] - dropped[c], tally.pred[c]) for c in categories
        }
        overall = _scores(
            sum(tally.tp.values()),
            sum(tally.gold.values()) - sum(dropped.values()),
            sum(tally.pred.values()),
        )
        blocks[name] = {"overall": overall, "per_category": per}
    return blocks


def evaluate_golddev(
    gold: list[AnnotatedDocument], pred: list[AnnotatedDocument]
) -> dict[str, Any]:
    """Score ``pred`` against ``gold`` under the gold-dev rule (module docstring).

    Returns a JSON-ready dict: counts, ``scores`` (``all_gold`` and
    ``soft_excluded``, each ``overall`` and ``per_category``), ``attributes``,
    ``voice_confusion`` (gold voice -> predicted voice -> pairs), the itemised
    errors and ``by_entry``. Every list is sorted, so the result is
    deterministic whatever the input order.
    """
    gold_groups, gold_texts = _group(gold, "gold")
    pred_groups, pred_texts = _group(pred, "pred")
    doc_ids = sorted(gold_groups)
    tally = _Tally()
    for doc_id in doc_ids:
        text = gold_texts.get(doc_id) or pred_texts.get(doc_id)
        gold_cats, pred_cats = gold_groups[doc_id], pred_groups.get(doc_id, {})
        for category in sorted(set(gold_cats) | set(pred_cats)):
            tally.add_category(
                category, gold_cats.get(category, []), pred_cats.get(category, []), text
            )
    result: dict[str, Any] = {
        "rule": RULE,
        "overlap": OVERLAP_DEFINITION,
        "headline": HEADLINE,
        "documents": len(doc_ids),
        "documents_without_prediction": sorted(set(doc_ids) - set(pred_groups)),
        "pred_documents_not_in_gold": len(set(pred_groups) - set(gold_groups)),
        "gold_mentions": sum(tally.gold.values()),
        "soft_gold_mentions": sum(tally.soft.values()),
        "pred_mentions": sum(tally.pred.values()),
        "scores": _blocks(tally),
        "soft_per_category": {
            c: {"soft": tally.soft[c], "missed": tally.soft_missed[c]}
            for c in sorted(set(tally.gold) | set(tally.pred))
        },
        "attributes": {
            name: {"correct": right, "total": total, "accuracy": right / total if total else 0.0}
            for name, (right, total) in tally.attributes.items()
        },
        "voice_confusion": {
            g: dict(sorted(row.items())) for g, row in sorted(tally.confusion.items())
        },
        "by_entry": dict(sorted(tally.entries.items())),
    }
    for kind in ERROR_KINDS:
        result[kind] = sorted(tally.errors[kind], key=_error_order)
    return result


def format_scores(result: dict[str, Any]) -> list[str]:
    """P/R/F1 per category and overall; R and F1 again with missed soft gold dropped."""
    counted = result["scores"]["all_gold"]
    excluded = result["scores"]["soft_excluded"]
    lines = [
        f"{'category':<20} {'gold':>5} {'soft':>5} {'pred':>5} {'tp':>5} {'P':>6} {'R':>6} "
        f"{'F1':>6} | {'R-soft':>6} {'F1-soft':>7}"
    ]
    rows = [(c, s, excluded["per_category"][c]) for c, s in counted["per_category"].items()]
    rows.append(("all", counted["overall"], excluded["overall"]))
    soft = {c: row["soft"] for c, row in result["soft_per_category"].items()}
    soft["all"] = result["soft_gold_mentions"]
    for name, s, x in rows:
        lines.append(
            f"{name:<20} {s['gold']:>5} {soft[name]:>5} {s['pred']:>5} {s['tp']:>5} "
            f"{s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f} | "
            f"{x['recall']:>6.3f} {x['f1']:>7.3f}"
        )
    lines.append(
        "soft = gold mentions noted borderline/unsure; R-soft and F1-soft leave out the "
        "missed ones (headline: all gold counted)"
    )
    return lines


def format_attributes(result: dict[str, Any]) -> str:
    """Voice, speaker and cue accuracy on one line, with their counts."""
    parts = [
        f"{name} {a['accuracy']:.3f} ({a['correct']}/{a['total']})"
        for name, a in result["attributes"].items()
    ]
    return "accuracy on matched pairs: " + "  ".join(parts)


def format_confusion(result: dict[str, Any]) -> list[str]:
    """The voice confusion table: gold voice by row, predicted voice by column."""
    from framing.io.golddev import VOICES

    confusion = result["voice_confusion"]
    lines = ["voice confusion (matched pairs; rows gold, columns predicted)"]
    corner = "gold \\ pred"
    lines.append(f"{corner:<16}" + "".join(f"{v:>16}" for v in VOICES))
    for gold in VOICES:
        row = confusion.get(gold, {})
        lines.append(f"{gold:<16}" + "".join(f"{row.get(v, 0):>16}" for v in VOICES))
    return lines


def error_lines(result: dict[str, Any]) -> list[str]:
    """Every miss, false alarm, wrong voice, wrong speaker and wrong cue, one line each.

    Sorted by article, then position, then kind, so an article reads from top to
    bottom; the kind is the second tab-separated field, for grep.
    """
    rows = [
        (_error_order(item)[:3], rank, _error_line(kind, item))
        for rank, kind in enumerate(ERROR_KINDS)
        for item in result[kind]
    ]
    return [line for *_, line in sorted(rows)]


def _error_line(kind: str, item: dict[str, Any]) -> str:
    label = {"misses": "miss", "false_alarms": "false_alarm"}.get(kind, kind)
    head = f"{item['doc']}\t{label}\t{item['category']}\t{item['text']!r}"
    if item.get("soft"):
        head += " (soft)"
    if kind == "false_alarms":
        head += f" entry={item['entry']}"
    pred = item.get("pred")
    if kind == "wrong_voice" and pred:
        head += f" gold={item['voice']} pred={pred['voice']}"
    if kind == "wrong_speaker" and pred:
        head += f" gold={item['speaker']!r} pred={pred['speaker']!r} ({item['voice']})"
    if kind == "wrong_cue" and pred:
        head += f" gold={item['cue']!r} pred={pred['cue']!r} ({item['voice']})"
    return f"{head}\t{item['context'] or ''}"


def format_golddev(result: dict[str, Any], show: int = 10) -> str:
    """The terminal report of ``framing evaluate --rule gold-dev``."""
    lines = [
        f"{result['documents']} gold documents, {result['gold_mentions']} gold mentions "
        f"({result['soft_gold_mentions']} soft), {result['pred_mentions']} predicted; "
        f"match = same category, {result['overlap']}"
    ]
    if result["documents_without_prediction"]:
        lines.append(f"no prediction for: {', '.join(result['documents_without_prediction'])}")
    if result["pred_documents_not_in_gold"]:
        lines.append(f"{result['pred_documents_not_in_gold']} predicted document(s) not in gold")
    lines += ["", *format_scores(result), "", format_attributes(result), ""]
    lines += format_confusion(result)
    for kind in ERROR_KINDS:
        items = result[kind]
        lines += ["", f"{kind.replace('_', ' ')}: {len(items)}"]
        lines += [f"  {_error_line(kind, item)}" for item in items[:show]]
        if len(items) > show:
            lines.append(f"  ... and {len(items) - show} more (see --json)")
    return "\n".join(lines)
