"""The report's content as typed dataclasses: what report.json says, in one typed place.

``build_report`` writes a plain dictionary because that is what report.json stores and
what its schema validates. The renderers (HTML, Markdown, CSV tables) read this model
instead, so each renderer names fields that exist, with their types, and the dictionary
is interpreted once, in :meth:`Report.from_dict`. Numbers keep their original Python
type (an ``int`` stays an ``int``), because the renderers format ints and floats
differently and report files must stay byte-identical.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass, fields
from typing import Any, TypeVar

from framing.types import Category, LabelCategory, Voice

Number = int | float

T = TypeVar("T")


def _read(cls: type[T], data: Mapping[str, Any], **convert: Callable[[Any], Any]) -> T:
    """Each field from the key of the same name, as it is (an ``int`` stays an ``int``).

    ``convert`` turns nested records into their types; a field with a default may be
    absent. A missing required key raises ``KeyError``, as the schema would have refused
    the report.
    """
    values = {}
    for item in fields(cls):  # type: ignore[arg-type]
        if item.name not in data and item.default is not MISSING:
            continue
        raw = data[item.name]
        values[item.name] = convert[item.name](raw) if item.name in convert else raw
    return cls(**values)


def _many(cls: type[T], **convert: Callable[[Any], Any]) -> Callable[[Any], tuple[T, ...]]:
    """A converter for a list of records of ``cls``."""
    return lambda rows: tuple(_read(cls, row, **convert) for row in rows)


@dataclass(frozen=True)
class KwicLine:
    """One evidence line: a mention with the text around it."""

    document: str
    start: int
    end: int
    text: str
    left: str
    right: str
    voice: Voice
    speaker: str | None = None


_EVIDENCE = _many(KwicLine)


@dataclass(frozen=True)
class CorpusOutlet:
    """One outlet's size and mention counts."""

    outlet: str
    articles: int
    words: int
    boilerplate_words: int
    date_min: str | None
    date_max: str | None
    mentions_total: int
    mentions_per_1000_words: Number
    mentions: dict[Category, int]
    boilerplate_mentions_excluded: int


@dataclass(frozen=True)
class Corpus:
    outlets: tuple[CorpusOutlet, ...]
    articles: int
    words: int
    mentions: int


@dataclass(frozen=True)
class NamingLabel:
    """One lexicon entry an outlet uses for a referent, with its surface forms."""

    entry: str
    forms: tuple[str, ...]
    frame: str
    valence: str
    count: int
    per_1000_words: Number
    by_voice: dict[Voice, int]
    evidence: tuple[KwicLine, ...]


@dataclass(frozen=True)
class NamingOutlet:
    """How one outlet names one referent."""

    outlet: str
    mentions: int
    per_1000_words: Number
    authorial: int
    quoted_or_reported: int
    scare_quoted: int
    labels: tuple[NamingLabel, ...]


@dataclass(frozen=True)
class NamingFinding:
    referent: str
    category: LabelCategory
    outlets: tuple[NamingOutlet, ...]


@dataclass(frozen=True)
class DistinctiveTerm:
    """One lexicon entry's log-odds score for an outlet against the others."""

    entry: str
    label: str
    category: Category
    valence: str
    count: int
    count_rest: int
    delta: Number
    z: Number
    ci_low: Number | None
    ci_high: Number | None
    evidence: tuple[KwicLine, ...]


@dataclass(frozen=True)
class DistinctiveOutlet:
    outlet: str
    mentions: int
    terms: tuple[DistinctiveTerm, ...]


@dataclass(frozen=True)
class Bootstrap:
    replicates: int
    seed: int
    level: float


@dataclass(frozen=True)
class Distinctive:
    """The distinctive-wording section; ``note`` says why it is empty, when it is."""

    statistic: str
    prior_scale: Number
    bootstrap: Bootstrap
    outlets: tuple[DistinctiveOutlet, ...]
    unit: str = ""
    note: str | None = None


@dataclass(frozen=True)
class VoiceRow:
    """How much of one outlet's loaded wording is its own."""

    outlet: str
    loaded_mentions: int
    authorial: int
    share_authorial: Number | None
    ci_low: Number | None
    ci_high: Number | None
    by_voice: dict[Voice, int]
    evidence: tuple[KwicLine, ...]


@dataclass(frozen=True)
class Speaker:
    """One source an outlet quotes or reports, with its reporting verbs and stances."""

    speaker: str
    reporting_verbs: int
    voiced_mentions: int
    stances: dict[str, int]
    verbs: dict[str, int]
    evidence: tuple[KwicLine, ...]


@dataclass(frozen=True)
class SourcesOutlet:
    outlet: str
    stances: dict[str, int]
    speakers: tuple[Speaker, ...]


@dataclass(frozen=True)
class Report:
    """Everything report.json holds. ``provenance`` and ``options`` stay open records:
    they describe the run (paths, versions, study settings), not findings."""

    schema_version: str
    title: str
    outlets: tuple[str, ...]
    messages: tuple[str, ...]
    corpus: Corpus
    naming: tuple[NamingFinding, ...]
    distinctive: Distinctive
    voice: tuple[VoiceRow, ...]
    sources: tuple[SourcesOutlet, ...]
    options: dict[str, Any]
    provenance: dict[str, Any]
    viewer_index: str | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Report:
        """The one place that reads the report dictionary (as built or as loaded)."""
        label = _many(NamingLabel, forms=tuple, evidence=_EVIDENCE)
        return _read(
            cls,
            data,
            outlets=tuple,
            messages=tuple,
            corpus=lambda c: _read(Corpus, c, outlets=_many(CorpusOutlet)),
            naming=_many(NamingFinding, outlets=_many(NamingOutlet, labels=label)),
            distinctive=lambda d: _read(
                Distinctive,
                d,
                bootstrap=lambda b: _read(Bootstrap, b),
                outlets=_many(DistinctiveOutlet, terms=_many(DistinctiveTerm, evidence=_EVIDENCE)),
            ),
            voice=_many(VoiceRow, evidence=_EVIDENCE),
            sources=_many(SourcesOutlet, speakers=_many(Speaker, evidence=_EVIDENCE)),
        )
