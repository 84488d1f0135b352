"""``framing evaluate``: score predicted mentions against hand-annotated gold.

The scoring itself lives in ``framing.tools.evaluate`` (and, for the gold-dev
rule, ``framing.tools.golddev_rule``); this module only reads the files,
picks the rule and prints or writes the result.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from framing.cli.common import friendly_errors
from framing.errors import InputError
from framing.tools.evaluate import (
    DEFAULT_THRESHOLDS,
    GOLDDEV_RULE,
    RULES,
    THRESHOLDS_RULE,
    evaluate,
    format_table,
    read_gold,
)


def _choose_rule(rule: str | None, gold_path: Path, thresholds: tuple[float, ...]) -> str:
    """The rule asked for, else gold-dev for a gold-dev folder and thresholds otherwise."""
    from framing.io.golddev import is_gold_folder

    if rule is None:
        rule = GOLDDEV_RULE if is_gold_folder(gold_path) else THRESHOLDS_RULE
    if rule == GOLDDEV_RULE and thresholds:
        raise InputError("--threshold applies to --rule thresholds only (gold-dev fixes 0.5)")
    return rule


@click.command("evaluate")
@click.option(
    "--gold",
    "gold_path",
    required=True,
    type=click.Path(exists=True, path_type=Path),
    help="Hand-annotated gold: a folder of gold-dev <id>.json files, or an "
    "annotations.jsonl (or a folder holding one).",
)
@click.option(
    "--pred",
    "pred_path",
    required=True,
    type=click.Path(exists=True, path_type=Path),
    help="annotations.jsonl written by framing annotate (or its folder).",
)
@click.option(
    "--rule",
    type=click.Choice(RULES),
    default=None,
    help="Scoring rule. Default: gold-dev for a folder of <id>.json files, else thresholds.",
)
@click.option(
    "--json",
    "json_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write every score, miss and false alarm to this JSON file.",
)
@click.option(
    "--threshold",
    "thresholds",
    multiple=True,
    type=click.FloatRange(0.0, 1.0, min_open=True),
    help="Overlap threshold of the thresholds rule (repeatable). Default: 0.3 and 0.8.",
)
@click.option(
    "--show",
    default=10,
    show_default=True,
    type=click.IntRange(0),
    help="Errors printed per kind (misses, false alarms...).",
)
@friendly_errors
def evaluate_command(
    gold_path: Path,
    pred_path: Path,
    rule: str | None,
    json_path: Path | None,
    thresholds: tuple[float, ...],
    show: int,
) -> None:
    """Score predicted mentions against gold: P/R/F1 per category, voice/speaker/cue accuracy."""
    from framing.io.annotations import read_annotations
    from framing.io.golddev import check_texts

    rule = _choose_rule(rule, gold_path, thresholds)
    gold = read_gold(gold_path)
    pred = list(read_annotations(pred_path))
    check_texts(gold, pred)
    result = evaluate(gold, pred, thresholds or DEFAULT_THRESHOLDS, rule)
    click.echo(format_table(result, show))
    if json_path is not None:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(
            json.dumps(result, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
            encoding="utf-8",
        )
        click.echo(f"wrote {json_path}", err=True)
