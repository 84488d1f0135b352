"""Grouping the names of one source (framing.annotation.source_names), on invented names."""

from __future__ import annotations

from framing.annotation.source_names import assign_sources, group_sources, source_key
from framing.types import Mention, TextSpan


def test_name_variants_are_one_source_called_by_the_full_name():
    names = group_sources(
        ["M. Vasquez", "Vasquez", "Elena Vasquez", "la ministre des Transports Elena Vasquez"]
    )
    assert set(names.values()) == {"Elena Vasquez"}


def test_description_and_its_tail_are_one_source():
    names = group_sources(["le ministère tchèque des Affaires sociales", "des affaires sociales"])
    assert names["des affaires sociales"] == "le ministère tchèque des Affaires sociales"


def test_a_complement_is_not_a_name():
    # "de l'Intérieur" complements "ministre": minister and ministry stay apart
    names = group_sources(["le ministre de l'Intérieur", "le ministère de l'Intérieur"])
    assert names["le ministre de l'Intérieur"] != names["le ministère de l'Intérieur"]


def test_different_people_stay_apart():
    names = group_sources(["Elena Vasquez", "Tomas Berg", "il"])
    assert len(set(names.values())) == 3


def test_name_after_a_comma_is_the_name_of_the_description():
    assert source_key("la rapporteure spéciale de l'ONU, Ana Lind") == "lind"


def test_assign_sources_sets_every_speaker():
    def mention(start: int, speaker: str) -> Mention:
        return Mention(
            start=start,
            end=start + 1,
            text="x",
            sentence=0,
            category="reporting_verb",
            frame="f",
            valence="neutral",
            entry="e",
            speaker=TextSpan(speaker, 0, len(speaker)),
        )

    mentions = [mention(0, "Elena  Vasquez"), mention(5, "Mme Vasquez"), mention(9, "le maire")]
    assign_sources(mentions)
    assert [m.speaker_source for m in mentions] == ["Elena Vasquez", "Elena Vasquez", "le maire"]
    record = mentions[1].to_json()
    assert record["speaker"]["source"] == "Elena Vasquez"
    assert Mention.from_json(record).speaker_source == "Elena Vasquez"
