"""Importing word lists into our YAML lexicons, and exporting ours to other tools.

Three exchange formats:

* ``quanteda-yaml``: a quanteda dictionary in YAML. Nested keys are joined
  with ``.`` into one source category (``protest.negative``); values are
  glob patterns, possibly multiword (``forces de maintien*``).
* ``liwc-dic``: a LIWC ``.dic`` file: a header between two ``%`` lines maps
  numbers to category names, then one ``word<TAB>id id ...`` line per entry,
  with ``*`` wildcards and multiword entries.
* ``csv``: our own spreadsheet form, one row per entry with the columns of
  ``CSV_COLUMNS``; it is lossless except for ``sources`` and ``case``.

A glob pattern of quanteda or LIWC is already a phrase string in our match
syntax (``abus*``, ``forces de maintien*``), so it is kept as it is. What the
other tools cannot say (our frames, valences, referents) comes from the
*category mapping*: ``SOURCE=category[:frame[:valence[:detail]]]``, where the
detail is the referent (label categories), stance (``reporting_verb``) or
hedge type (``hedge``). A source category written in our own terms, e.g.
``actor_label.security_threat.delegitimizing.armed_groups``, maps itself; that
is the form ``export`` writes, so an export re-imports without any mapping.

Examples are tests in our lexicons (``examples.match`` is required), and a word
list has none. The importer never invents a placeholder: an entry gets
examples from the CSV ``example`` column, or from ``example_template`` (a
sentence with ``{match}``, filled with the pattern's words when they are plain
enough to be text), and otherwise none. Such entries are still written, so the
linguist can complete them in place, and the import command lists them and
exits 1; ``framing lexicon validate`` reports them until they have examples.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from framing.annotation.lexicon import (
    LABEL_CATEGORIES,
    REFERENCE_CATEGORY,
    Inventory,
    read_lexicon,
)
from framing.annotation.patterns import PatternError, compile_match
from framing.errors import InputError
from framing.io.yamlfile import load_yaml

FORMATS = ("quanteda-yaml", "liwc-dic", "csv")
CSV_COLUMNS = (
    "id",
    "category",
    "frame",
    "valence",
    "referent",
    "stance",
    "hedge_type",
    "match",
    "example",
    "no_match",
    "notes",
)
DETAIL_FIELDS: dict[str, str] = {
    **dict.fromkeys((*LABEL_CATEGORIES, REFERENCE_CATEGORY), "referent"),
    "reporting_verb": "stance",
    "hedge": "hedge_type",
}
ID_PREFIXES = {
    "actor_label": "actor",
    "event_label": "event",
    "intervention_label": "intervention",
    "evaluative": "eval",
    "reporting_verb": "verb",
    "hedge": "hedge",
    "agentless_passive": "passive",
    REFERENCE_CATEGORY: "actor",
}
ENTRY_FIELDS = ("category", "frame", "valence", "referent", "stance", "hedge_type")
_ID = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
_GAP = re.compile(r"^<(\d+)(?:-(\d+))?>$")
_SKIP = ("-", "skip")

Warn = Callable[[str], None]


# -- category mapping -------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """Where a source category goes: our category and, optionally, frame, valence, detail."""

    category: str | None = None
    frame: str | None = None
    valence: str | None = None
    detail: str | None = None
    skip: bool = False

    def values(self) -> dict[str, str]:
        """The entry fields this target sets (the detail under its category's field name)."""
        out = {
            k: v
            for k, v in (
                ("category", self.category),
                ("frame", self.frame),
                ("valence", self.valence),
            )
            if v
        }
        if self.detail and self.category in DETAIL_FIELDS:
            out[DETAIL_FIELDS[self.category]] = self.detail
        return out


def _vocab(inventory: Inventory, field_name: str) -> frozenset[str]:
    return {
        "category": inventory.categories,
        "frame": inventory.frames,
        "valence": inventory.valences,
        "referent": inventory.referents,
        "stance": inventory.stances,
        "hedge_type": inventory.hedge_types,
    }[field_name]


def _check_target(target: Target, inventory: Inventory) -> str | None:
    """The first value of a target that is not in the inventory, described; else None."""
    if target.skip:
        return None
    if target.category not in inventory.categories:
        return f"unknown category {target.category!r}"
    for name, value in target.values().items():
        if value not in _vocab(inventory, name):
            return f"unknown {name} {value!r}"
    if target.detail and target.category not in DETAIL_FIELDS:
        return f"{target.category} entries take no referent, stance or hedge type"
    return None


def parse_map(specs: Iterable[str], inventory: Inventory | None = None) -> dict[str, Target]:
    """Parse ``--map SOURCE=category[:frame[:valence[:detail]]]`` options (``SOURCE=-`` skips)."""
    inventory = inventory or Inventory.load()
    mapping: dict[str, Target] = {}
    for spec in specs:
        source, sep, target_text = spec.rpartition("=")
        if not sep or not source.strip() or not target_text.strip():
            raise InputError(
                f"--map {spec!r}: write SOURCE=category[:frame[:valence[:detail]]] or SOURCE=-"
            )
        source = source.strip()
        if target_text.strip() in _SKIP:
            mapping[source] = Target(skip=True)
            continue
        parts = [p.strip() or None for p in target_text.split(":")]
        if len(parts) > 4:
            raise InputError(f"--map {spec!r}: at most category:frame:valence:detail")
        target = Target(*parts, *([None] * (4 - len(parts))))  # type: ignore[arg-type]
        problem = _check_target(target, inventory)
        if problem:
            raise InputError(f"--map {spec!r}: {problem}")
        mapping[source] = target
    return mapping


def parse_defaults(specs: Iterable[str], inventory: Inventory | None = None) -> dict[str, str]:
    """Parse ``--default FIELD=VALUE`` options (frame, valence, referent, stance, hedge_type)."""
    inventory = inventory or Inventory.load()
    defaults: dict[str, str] = {}
    for spec in specs:
        name, sep, value = (x.strip() for x in spec.partition("="))
        if not sep or name not in ENTRY_FIELDS[1:] or not value:
            raise InputError(
                f"--default {spec!r}: write FIELD=VALUE with FIELD one of "
                + ", ".join(ENTRY_FIELDS[1:])
            )
        if value not in _vocab(inventory, name):
            raise InputError(f"--default {spec!r}: unknown {name} {value!r}")
        defaults[name] = value
    return defaults


def _path_target(source: str, inventory: Inventory) -> Target | None:
    """A source category already in our terms: ``category[.frame[.valence[.detail]]]``."""
    parts = source.split(".")
    if not 1 <= len(parts) <= 4:
        return None
    target = Target(*parts, *([None] * (4 - len(parts))))  # type: ignore[arg-type]
    if target.category not in inventory.categories:
        return None
    if len(parts) == 4 and target.category not in DETAIL_FIELDS:
        return None
    return target if _check_target(target, inventory) is None else None


def _resolve(source: str, mapping: Mapping[str, Target], inventory: Inventory) -> Target | None:
    """Explicit mapping (exact, then the longest ``.``-prefix), then our own category path."""
    if source in mapping:
        return mapping[source]
    parts = source.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        prefix = ".".join(parts[:cut])
        if prefix in mapping:
            return mapping[prefix]
    return _path_target(source, inventory)


# -- reading the source formats ----------------------------------------------


@dataclass
class SourceTerm:
    """One pattern of the source file, with its source category and line."""

    match: Any
    category: str
    line: int
    cells: dict[str, str] = field(default_factory=dict)  # CSV only


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid UTF-8 (byte {exc.start}); save it as UTF-8") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from exc


def read_quanteda(path: Path) -> list[SourceTerm]:
    """Patterns of a quanteda YAML dictionary, nested keys joined with ``.``.

    The YAML is composed rather than loaded so that every pattern keeps its own
    line and stays a string: a word such as ``no`` or ``on`` must not turn into
    a boolean.
    """
    text = _read_text(path)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise InputError(f"{path}:{line}: YAML syntax error: {exc.problem or exc.context}") from exc
    if not isinstance(root, yaml.MappingNode):
        line = root.start_mark.line + 1 if root is not None else 1
        raise InputError(f"{path}:{line}: a quanteda dictionary maps category names to patterns")
    terms: list[SourceTerm] = []

    def walk(node: yaml.Node, category: str) -> None:
        line = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if not isinstance(key, yaml.ScalarNode) or not str(key.value).strip():
                    raise InputError(f"{path}:{key.start_mark.line + 1}: bad category name")
                name = str(key.value).strip()
                walk(value, f"{category}.{name}" if category else name)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                if isinstance(item, yaml.MappingNode):
                    walk(item, category)
                elif isinstance(item, yaml.ScalarNode) and str(item.value).strip():
                    terms.append(
                        SourceTerm(str(item.value).strip(), category, item.start_mark.line + 1)
                    )
                else:
                    raise InputError(
                        f"{path}:{item.start_mark.line + 1}: a pattern must be a non-empty string"
                    )
        elif isinstance(node, yaml.ScalarNode):
            if node.tag == "tag:yaml.org,2002:null" or not str(node.value).strip():
                return  # an empty category
            terms.append(SourceTerm(str(node.value).strip(), category, line))

    walk(root, "")
    return terms


def read_liwc(path: Path) -> list[SourceTerm]:
    """Patterns of a LIWC ``.dic`` file, one per (word, category) pair."""
    lines = _read_text(path).splitlines()
    categories: dict[int, str] = {}
    terms: list[SourceTerm] = []
    state = "start"
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        if state == "start":
            if line != "%":
                raise InputError(f"{path}:{number}: a LIWC .dic file starts with a '%' line")
            state = "header"
        elif state == "header":
            if line == "%":
                if not categories:
                    raise InputError(f"{path}:{number}: the header declares no category")
                state = "words"
                continue
            found = re.match(r"^(\d+)\s+(\S[^\t]*?)\s*(?:\t.*)?$", line)
            if not found:
                raise InputError(
                    f"{path}:{number}: malformed header line {line!r} (want NUMBER<TAB>name)"
                )
            cat_id = int(found.group(1))
            if cat_id in categories:
                raise InputError(f"{path}:{number}: category number {cat_id} declared twice")
            categories[cat_id] = found.group(2).strip()
        else:
            if "\t" in raw:
                word, _, rest = raw.strip(" \r\n").partition("\t")
                ids = rest.split()
            else:
                pieces = line.split()
                cut = len(pieces)
                while cut > 1 and pieces[cut - 1].isdigit():
                    cut -= 1
                word, ids = " ".join(pieces[:cut]), pieces[cut:]
            word = " ".join(word.split())
            if not word or not ids or not all(i.isdigit() for i in ids):
                hint = (
                    "; conditional categories '(..)' are not supported"
                    if "(" in " ".join(ids) or "(" in word
                    else ""
                )
                raise InputError(
                    f"{path}:{number}: malformed .dic line {line!r} "
                    f"(want word<TAB>category numbers{hint})"
                )
            for cat_id in dict.fromkeys(int(i) for i in ids):
                if cat_id not in categories:
                    raise InputError(
                        f"{path}:{number}: category {cat_id} is not declared in the header"
                    )
                terms.append(SourceTerm(word, categories[cat_id], number))
    if state != "words":
        raise InputError(f"{path}:{len(lines) or 1}: the '%' header block is not closed")
    return terms


def _csv_match(cell: str, path: Path, line: int) -> Any:
    """A match cell: a phrase string, or a YAML flow mapping/list for token specs."""
    value = cell.strip()
    if value.startswith(("{", "[")):
        try:
            return yaml.safe_load(value)
        except yaml.YAMLError as exc:
            raise InputError(
                f"{path}:{line}: match {value!r} is not a valid YAML flow value"
            ) from exc
    return value


def read_csv_rows(path: Path) -> list[SourceTerm]:
    """Rows of our CSV form; ``example`` and ``no_match`` hold one sentence per line."""
    text = _read_text(path)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = [c.strip() for c in reader.fieldnames or []]
    unknown = [c for c in columns if c not in CSV_COLUMNS]
    if unknown or "match" not in columns or "category" not in columns:
        raise InputError(
            f"{path}:1: columns must include category and match and be among "
            f"{', '.join(CSV_COLUMNS)}" + (f" (unknown: {', '.join(unknown)})" if unknown else "")
        )
    terms: list[SourceTerm] = []
    start = 2
    for row in reader:
        line, start = start, reader.line_num + 1
        cells = {(k or "").strip(): (v or "").strip() for k, v in row.items() if isinstance(v, str)}
        if not any(cells.values()):
            continue
        if None in row:
            raise InputError(f"{path}:{line}: more cells than columns")
        if not cells.get("match"):
            raise InputError(f"{path}:{line}: empty match")
        if not cells.get("category"):
            raise InputError(f"{path}:{line}: empty category")
        terms.append(
            SourceTerm(_csv_match(cells["match"], path, line), cells["category"], line, cells)
        )
    return terms


def _sentences(cell: str) -> list[str]:
    return [s.strip() for s in cell.splitlines() if s.strip()]


# -- building our lexicon ------------------------------------------------------


def slug(text: str) -> str:
    """ASCII lower_snake_case of a pattern, for generated ids (``forces de maintien*``)."""
    plain = re.sub(r"/[A-Z|]+(?=\s|$)", "", text)
    plain = unicodedata.normalize("NFKD", plain)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^a-z0-9]+", "_", plain).strip("_")


def example_words(match: Any) -> str | None:
    """The pattern's words as plain text (trailing ``*`` dropped), or None when not plain."""
    if not isinstance(match, str):
        return None
    words = []
    for piece in match.split():
        if _GAP.match(piece):
            return None
        if "/" in piece and piece.rsplit("/", 1)[1].isupper():
            piece = piece.rsplit("/", 1)[0]
        piece = piece.rstrip("*")
        if not piece or any(c in piece for c in "*?[]"):
            return None
        words.append(piece)
    return " ".join(words) or None


def import_lexicon(
    path: str | Path,
    format: str,
    category_map: Mapping[str, Target] | None = None,
    defaults: Mapping[str, str] | None = None,
    *,
    lexicon_name: str | None = None,
    language: str = "fr",
    example_template: str | None = None,
    inventory: Inventory | None = None,
    warn: Warn | None = None,
) -> dict[str, Any]:
    """Read a word list and return a lexicon-file dict (``schemas/lexicon.schema.json``).

    Every value is checked against the inventory and every pattern compiled, so
    the result validates except, by design, for entries that have no example
    (see the module docstring). Raises ``InputError`` (``file:line: ...``) for a
    malformed file, a pattern we cannot compile, source categories without a
    mapping, or mappings that leave a required field unset.
    """
    path = Path(path)
    inventory = inventory or Inventory.load()
    warn = warn or (lambda _message: None)
    if format not in FORMATS:
        raise InputError(f"unknown format {format!r} (one of {', '.join(FORMATS)})")
    if example_template is not None and "{match}" not in example_template:
        raise InputError("--example-template must contain {match}")
    reader = {"quanteda-yaml": read_quanteda, "liwc-dic": read_liwc, "csv": read_csv_rows}[format]
    terms = reader(path)
    if not terms:
        raise InputError(f"{path}:1: no entries found")
    resolved = _resolve_terms(
        terms, path, dict(category_map or {}), dict(defaults or {}), inventory
    )
    name = _lexicon_name(lexicon_name, path)
    source = None if format == "csv" else (f"{name}_source", format)
    builder = _EntryBuilder(path, source, example_template, warn)
    entries = [entry for term, values in resolved if (entry := builder.entry(term, values))]
    lexicon: dict[str, Any] = {
        "lexicon": name,
        "language": language,
        "description": f"Imported from {path.name} ({format}) by framing lexicon import; "
        "review every entry.",
    }
    if source is not None:
        lexicon["sources"] = [
            {"id": source[0], "name": f"{path.name} ({format})", "path": str(path)}
        ]
    lexicon["entries"] = entries
    return lexicon


def _resolve_terms(
    terms: Sequence[SourceTerm],
    path: Path,
    mapping: Mapping[str, Target],
    defaults: Mapping[str, str],
    inventory: Inventory,
) -> list[tuple[SourceTerm, dict[str, str]]]:
    """Each term with its entry fields, from the row, the mapping and the defaults;
    raises when a source category has no mapping or a mapping leaves a field unset."""
    unmapped: dict[str, int] = {}
    incomplete: dict[str, str] = {}
    resolved: list[tuple[SourceTerm, dict[str, str]]] = []
    for term in terms:
        target = _resolve(term.category, mapping, inventory)
        if target is None:
            unmapped.setdefault(term.category, term.line)
            continue
        if target.skip:
            continue
        category = str(target.category)
        needed = ["frame", "valence"] + (
            [DETAIL_FIELDS[category]] if category in DETAIL_FIELDS else []
        )
        # precedence: the row's own cells (CSV), then the mapping, then --default
        values = {k: v for k, v in defaults.items() if k in needed}
        values.update(target.values())
        for name in ENTRY_FIELDS[1:]:
            if term.cells.get(name):
                values[name] = term.cells[name]
        for name, value in values.items():
            if value not in _vocab(inventory, name):
                raise InputError(f"{path}:{term.line}: unknown {name} {value!r}")
        missing = [n for n in needed if n not in values]
        if missing:
            incomplete.setdefault(
                term.category, f"{term.category!r} -> {category}: no {', '.join(missing)}"
            )
            continue
        resolved.append((term, {k: values[k] for k in ENTRY_FIELDS if k in values}))
    if unmapped:
        listed = ", ".join(f"{name!r} (line {line})" for name, line in unmapped.items())
        raise InputError(
            f"{path}: no mapping for source categories {listed}; "
            "add --map SOURCE=category[:frame[:valence[:detail]]] (or SOURCE=- to skip)"
        )
    if incomplete:
        raise InputError(
            f"{path}: mappings leave fields unset: {'; '.join(incomplete.values())}; "
            "complete the --map or give --default FIELD=VALUE"
        )
    return resolved


def _lexicon_name(lexicon_name: str | None, path: Path) -> str:
    """The imported lexicon's name: given, or from the file name, lower_snake_case."""
    name = lexicon_name or slug(path.stem) or "imported"
    if not re.match(r"^[a-z]", name):
        name = f"imported_{name}"
    if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
        raise InputError(f"lexicon name {name!r} must be lower_snake_case")
    return name


class _EntryBuilder:
    """Turns resolved terms into lexicon entries: compiled, deduplicated, with ids.

    ``source`` is (source id, format) for word lists, None for CSV (whose rows
    carry their own notes and no source).
    """

    def __init__(
        self,
        path: Path,
        source: tuple[str, str] | None,
        example_template: str | None,
        warn: Warn,
    ) -> None:
        self.path = path
        self.source = source
        self.example_template = example_template
        self.warn = warn
        self.ids: set[str] = set()
        self.seen: dict[tuple[str, str], tuple[int, str]] = {}

    def entry(self, term: SourceTerm, values: dict[str, str]) -> dict[str, Any] | None:
        """The entry for one term, or None when an earlier term has the same match."""
        path = self.path
        try:
            pattern = compile_match(term.match)
        except PatternError as exc:
            raise InputError(
                f"{path}:{term.line}: cannot use pattern {term.match!r}: {exc}"
            ) from exc
        key = (values["category"], pattern.describe())
        if key in self.seen:
            first_line, first_category = self.seen[key]
            self.warn(
                f"{path}:{term.line}: {term.match!r} ({term.category}) is already an "
                f"{values['category']} entry from line {first_line} ({first_category}); kept that one"
            )
            return None
        self.seen[key] = (term.line, term.category)
        entry_id = self._id(term, values)
        entry: dict[str, Any] = {"id": entry_id, **values, "match": term.match}
        self._add_examples(entry, term)
        if term.cells.get("notes"):
            entry["notes"] = term.cells["notes"]
        elif self.source is not None:
            entry["notes"] = f"Imported from {self.source[1]} category {term.category!r}."
        if self.source is not None:
            entry["sources"] = [self.source[0]]
        return entry

    def _id(self, term: SourceTerm, values: Mapping[str, str]) -> str:
        """The row's own id (checked), else one made from the category and the match."""
        entry_id = term.cells.get("id") or ""
        if entry_id:
            if not _ID.match(entry_id):
                raise InputError(
                    f"{self.path}:{term.line}: id {entry_id!r} is not prefix.lower_snake"
                )
            if entry_id in self.ids:
                raise InputError(f"{self.path}:{term.line}: id {entry_id!r} appears twice")
        else:
            base = f"{ID_PREFIXES[values['category']]}.{slug(str(term.match)) or 'entry'}"
            entry_id, n = base, 1
            while entry_id in self.ids:
                n += 1
                entry_id = f"{base}_{n}"
        self.ids.add(entry_id)
        return entry_id

    def _add_examples(self, entry: dict[str, Any], term: SourceTerm) -> None:
        """The row's examples, else one from the template; no_match only beside them."""
        examples = _sentences(term.cells.get("example", ""))
        no_match = _sentences(term.cells.get("no_match", ""))
        if not examples and self.example_template is not None:
            words = example_words(term.match)
            if words:
                examples = [self.example_template.replace("{match}", words)]
        if examples:
            entry["examples"] = {"match": examples}
            if no_match:
                entry["examples"]["no_match"] = no_match
        elif no_match:
            self.warn(
                f"{self.path}:{term.line}: {entry['id']}: no_match sentences kept only with examples"
            )


def entries_without_examples(lexicon: Mapping[str, Any]) -> list[str]:
    """Ids of entries that still need ``examples.match`` before the lexicon validates."""
    return [e["id"] for e in lexicon["entries"] if not (e.get("examples") or {}).get("match")]


def dump_lexicon(lexicon: Mapping[str, Any]) -> str:
    """YAML text of a lexicon dict, in the layout of the bundled files."""
    return yaml.safe_dump(
        dict(lexicon), allow_unicode=True, sort_keys=False, width=100, default_flow_style=False
    )


# -- export ----------------------------------------------------------------------


@dataclass
class _RawEntry:
    id: str
    fields: dict[str, Any]  # merged with the file's defaults
    file: str
    line: int


def _is_lexicon_file(path: Path) -> bool:
    try:
        data = load_yaml(path)
    except InputError:
        return True  # read_lexicon reports the syntax error with its line
    return not (isinstance(data, dict) and ("rules" in data or "patterns" in data))


def _raw_entries(paths: Sequence[str | Path] | None, language: str) -> list[_RawEntry]:
    """Entries of valid lexicons, as written (match unparsed), in lexicon order."""
    path_list: list[str | Path] | None = None
    if paths:
        path_list = [p for p in map(Path, paths) if p.is_dir() or _is_lexicon_file(p)]
    lexicon, problems = read_lexicon(path_list or None, language)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise InputError(
            f"the lexicon has {len(errors)} error(s), fix them first "
            f"(framing lexicon validate); the first: {errors[0]}"
        )
    raw: dict[str, _RawEntry] = {}
    for file in lexicon.files:
        data = load_yaml(Path(file))
        defaults = dict(data.get("defaults") or {})
        for item in data.get("entries") or []:
            merged = {**defaults, **item}
            raw.setdefault(merged["id"], _RawEntry(merged["id"], merged, file, item.line))
    return [raw[e.id] for e in lexicon.entries]


def _spec_word(spec: Mapping[str, Any], losses: list[str]) -> str:
    if spec.get("form") is not None:
        word = str(spec["form"])
    elif spec.get("lemma") is None:
        word = "*"
        losses.append("a word constrained only by UPOS or features becomes '*'")
    else:
        word = str(spec["lemma"])
        losses.append(f"lemma {word!r} becomes a word form (its inflected forms will not match)")
    if spec.get("upos"):
        upos = spec["upos"]
        losses.append(f"UPOS {'|'.join(upos) if isinstance(upos, list) else upos} dropped")
    if spec.get("feats"):
        losses.append(
            "features " + ",".join(f"{k}={v}" for k, v in spec["feats"].items()) + " dropped"
        )
    if spec.get("case") == "sensitive":
        losses.append("case sensitivity dropped")
    return word


def to_globs(match: Any, case: str | None = None) -> tuple[list[str], list[str]]:
    """Our ``match`` as quanteda/LIWC glob patterns, and what was lost on the way.

    A gap ``<0-2>`` becomes one pattern per width, each skipped word a ``*``
    (quanteda matches a ``*`` element to any one token); an optional word gives
    patterns with and without it. UPOS tags, features, lemmas and case
    sensitivity have no equivalent and are reported as losses.
    """
    variants: list[list[str]] = [[]]
    losses: list[str] = []

    def add(choices: list[list[str]]) -> None:
        nonlocal variants
        variants = [v + c for v in variants for c in choices]

    if isinstance(match, str):
        for piece in match.split():
            gap = _GAP.match(piece)
            if gap:
                low = int(gap.group(1))
                high = int(gap.group(2)) if gap.group(2) is not None else low
                add([["*"] * n for n in range(low, high + 1)])
                losses.append(f"gap {piece} expanded into {high - low + 1} patterns with '*' words")
                continue
            if "/" in piece and piece.rsplit("/", 1)[1].isupper():
                piece, tag = piece.rsplit("/", 1)
                losses.append(f"UPOS {tag} dropped")
            add([[piece]])
    else:
        for item in match if isinstance(match, list) else [match]:
            if "gap" in item:
                text = str(item["gap"])
                low, _, high = text.partition("-")
                lo, hi = int(low), int(high or low)
                add([["*"] * n for n in range(lo, hi + 1)])
                losses.append(f"gap <{text}> expanded into {hi - lo + 1} patterns with '*' words")
            elif item.get("optional"):
                word = _spec_word(item, losses)
                add([[word], []])
                losses.append(f"optional {word!r} expanded into patterns with and without it")
            else:
                add([[_spec_word(item, losses)]])
    if case == "sensitive":
        losses.append("case sensitivity dropped")
    patterns = list(dict.fromkeys(" ".join(v) for v in variants if v))
    return patterns, list(dict.fromkeys(losses))


def _liwc_unsafe(word: str) -> bool:
    """LIWC knows only a trailing ``*``: no ``?``, no brackets, no bare ``*`` word."""
    return word == "*" or bool(re.search(r"[?\[\]]", word)) or "*" in word[:-1]


def _plain(value: Any) -> Any:
    """Plain dicts and lists (the YAML loader's line-aware ones do not serialise)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _category_path(fields: Mapping[str, Any]) -> str:
    category = fields["category"]
    parts = [category, fields["frame"], fields["valence"]]
    detail = DETAIL_FIELDS.get(category)
    if detail and fields.get(detail):
        parts.append(fields[detail])
    return ".".join(parts)


def _csv_cell_match(match: Any) -> str:
    if isinstance(match, str):
        return match
    return yaml.safe_dump(
        _plain(match), default_flow_style=True, allow_unicode=True, width=1_000_000, sort_keys=False
    ).strip()


def export_lexicon(
    lexicon_paths: Sequence[str | Path] | None,
    format: str,
    warn: Warn | None = None,
    language: str = "fr",
) -> str:
    """Our lexicon entries in another format, as text; ``warn`` hears about every loss.

    quanteda and LIWC get one category per ``category.frame.valence[.detail]``
    (so the file re-imports without a mapping) and glob patterns (``to_globs``);
    ids, examples, notes and sources do not travel. CSV keeps every field but
    ``sources`` and ``case``. Nothing is dropped silently: ``warn`` is called
    once per entry that loses something, plus once for what no entry keeps.
    """
    warn = warn or (lambda _message: None)
    if format not in FORMATS:
        raise InputError(f"unknown format {format!r} (one of {', '.join(FORMATS)})")
    entries = _raw_entries(lexicon_paths, language)
    if format == "csv":
        return _export_csv(entries, warn)
    warn(
        f"{format} keeps categories and patterns only: ids, examples, notes and sources "
        "are not exported, and re-importing generates ids from the patterns"
    )
    tree: dict[str, list[str]] = {}
    for entry in entries:
        patterns, losses = to_globs(entry.fields["match"], entry.fields.get("case"))
        if format == "liwc-dic":
            odd = [p for p in patterns if any(_liwc_unsafe(w) for w in p.split())]
            if odd:
                losses.append("LIWC supports '*' only at the end of a word: " + ", ".join(odd))
        if losses:
            warn(f"{entry.file}:{entry.line}: {entry.id}: " + "; ".join(losses))
        leaf = tree.setdefault(_category_path(entry.fields), [])
        leaf.extend(p for p in patterns if p not in leaf)
    if format == "quanteda-yaml":
        nested: dict[str, Any] = {}
        for path in sorted(tree):
            *parents, last = path.split(".")
            node = nested
            for part in parents:
                node = node.setdefault(part, {})
            node[last] = tree[path]
        header = "# quanteda dictionary exported by framing lexicon export\n"
        return header + yaml.safe_dump(
            nested, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1_000_000
        )
    numbers = {path: n for n, path in enumerate(sorted(tree), start=1)}
    words: dict[str, list[int]] = {}
    for path in sorted(tree):
        for pattern in tree[path]:
            words.setdefault(pattern, []).append(numbers[path])
    lines = ["%", *(f"{n}\t{path}" for path, n in numbers.items()), "%"]
    lines += [f"{word}\t" + " ".join(map(str, ids)) for word, ids in words.items()]
    return "\n".join(lines) + "\n"


def _export_csv(entries: list[_RawEntry], warn: Warn) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    with_sources = 0
    for entry in entries:
        f = entry.fields
        if f.get("case") == "sensitive":
            warn(f"{entry.file}:{entry.line}: {entry.id}: case: sensitive is not kept in CSV")
        with_sources += bool(f.get("sources"))
        examples = f.get("examples") or {}
        row = {name: f.get(name) or "" for name in ENTRY_FIELDS}
        row.update(
            id=entry.id,
            match=_csv_cell_match(f["match"]),
            example="\n".join(examples.get("match") or []),
            no_match="\n".join(examples.get("no_match") or []),
            notes=" ".join(str(f.get("notes") or "").split()),
        )
        writer.writerow(row)
    if with_sources:
        warn(f"{with_sources} entries cite sources; CSV does not keep them")
    return buffer.getvalue()
