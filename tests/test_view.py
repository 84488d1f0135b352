"""The annotated-article viewer: HTML structure, escaping, and a real headless browser.

Documents are built by hand, so no parser model is needed. The browser tests drive
Debian's ``chromium`` through the Chrome DevTools Protocol with a tiny stdlib websocket
client (no extra Python dependency); they skip when chromium is not installed.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.parse
from collections import defaultdict
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.cli.view import view_command
from framing.errors import FramingError
from framing.io.annotations import write_annotations
from framing.io.filenames import safe_filename as safe_id
from framing.report.viewer import render_text, write_viewer
from framing.types import AnnotatedDocument, Mention, TextSpan

# -- hand-made documents -------------------------------------------------------------------

TEXT = (
    "Selon le ministère, les prétendus « terroristes » auraient été tués "
    "après de violentes émeutes.\n"
    "Accueil Article précédent : le prétendu missile hypersonique."
)
BOILERPLATE_LINE = "Accueil Article précédent : le prétendu missile hypersonique."


def _span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def _mention(
    text: str, needle: str, category: str, voice: str = "authorial", nth: int = 0, **extra: Any
) -> Mention:
    start, end = _span(text, needle, nth)
    return Mention(
        start=start,
        end=end,
        text=text[start:end],
        sentence=0,
        category=category,
        frame="security_threat",
        valence="delegitimizing",
        entry=extra.pop("entry", f"test.{category}"),
        voice=voice,
        rules=extra.pop("rules", [f"lexicon:test.{category}"]),
        **extra,
    )


def sample_document(doc_id: str = "seed/001 tdg", outlet: str | None = "tdg") -> AnnotatedDocument:
    """Overlapping, nested and crossing mentions, a boilerplate line and a mention in it."""
    speaker_start, speaker_end = _span(TEXT, "le ministère")
    speaker = TextSpan("le ministère", speaker_start, speaker_end)
    mentions = [
        _mention(TEXT, "Selon", "hedge"),
        _mention(TEXT, "terroristes", "actor_label", "direct_quote", speaker=speaker),
        _mention(TEXT, "prétendus", "hedge"),
        _mention(
            TEXT,
            "auraient été tués",
            "agentless_passive",
            "indirect_speech",
            speaker=speaker,
            cue=TextSpan("Selon", 0, 5),
        ),
        _mention(TEXT, "auraient", "hedge", hedged=True),  # nested in the passive
        _mention(TEXT, "violentes émeutes", "event_label"),
        _mention(
            TEXT,
            "violentes",
            "evaluative",
            target=TextSpan("émeutes", *_span(TEXT, "émeutes")),
        ),  # nested in the label
        _mention(TEXT, "tués après", "reporting_verb"),  # crosses the passive's end
        _mention(TEXT, "prétendus « terroristes", "actor_label", "scare_quote", negated=True),
        _mention(TEXT, "prétendu", "hedge", nth=1, boilerplate=True),
    ]
    bp_start, bp_end = _span(TEXT, BOILERPLATE_LINE)
    return AnnotatedDocument(
        id=doc_id,
        outlet=outlet,
        date="2022-01-07",
        title="Kazakhstan : « émeutes » à Almaty",
        language="fr",
        tokens=30,
        words=30,
        mentions=mentions,
        boilerplate=[
            {"start": bp_start, "end": bp_end, "text": BOILERPLATE_LINE, "pattern": "nav.previous"}
        ],
        text=TEXT,
    )


SCRIPT_PAYLOAD = "<script>alert(1)</script>"
IMG_PAYLOAD = '"><img onerror=alert(1) src=x>'
FLAG_PAYLOAD = "<script>window.__pwned=1;document.title='pwned'</script>"
IMG_FLAG_PAYLOAD = "'\"><img src=x onerror=\"window.__pwned=2;document.title='pwned'\">"
HOSTILE = f"{SCRIPT_PAYLOAD} {IMG_PAYLOAD} {FLAG_PAYLOAD} {IMG_FLAG_PAYLOAD}"


def hostile_document(schema_valid: bool = False) -> AnnotatedDocument:
    """Payloads in the text, title, outlet, id, speaker, entry, rules and boilerplate.

    Unless ``schema_valid``, one mention also has a hostile category and voice (which the
    schema would refuse, but ``write_viewer`` may be handed any object).
    """
    text = f"Le chef {HOSTILE} a déclaré : « {HOSTILE} terroristes ». Fin {IMG_PAYLOAD}"
    speaker = TextSpan(IMG_PAYLOAD, *_span(text, IMG_PAYLOAD))
    mentions = [
        _mention(text, SCRIPT_PAYLOAD, "evaluative", entry=SCRIPT_PAYLOAD, rules=[IMG_PAYLOAD]),
        _mention(text, IMG_FLAG_PAYLOAD, "actor_label", "direct_quote", speaker=speaker),
        _mention(text, "terroristes", "actor_label", "direct_quote", speaker=speaker),
        _mention(text, "a déclaré", "reporting_verb", speaker=speaker, cue=speaker),
        # A hostile category and voice: must stay data, never become markup or a class.
        _mention(text, "Fin", IMG_PAYLOAD, voice=SCRIPT_PAYLOAD),
    ]
    if schema_valid:
        mentions.pop()
    bp_start, bp_end = _span(text, f"Fin {IMG_PAYLOAD}")
    return AnnotatedDocument(
        id=f"hostile {IMG_PAYLOAD}",
        outlet=f"outlet {SCRIPT_PAYLOAD}",
        date=IMG_PAYLOAD,
        title=f"Title {SCRIPT_PAYLOAD} {IMG_FLAG_PAYLOAD}",
        language="fr",
        tokens=20,
        words=20,
        mentions=mentions,
        boilerplate=[
            {"start": bp_start, "end": bp_end, "text": text[bp_start:bp_end], "pattern": HOSTILE}
        ],
        text=text,
    )


# -- an HTML reader that checks nesting and collects marks ----------------------------------


class PageReader(HTMLParser):
    """Parses a page; records tags and, per mention, its fragments and covered text."""

    VOID: ClassVar[frozenset[str]] = frozenset({"meta", "input", "br", "img", "link", "hr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.errors: list[str] = []
        self.open_marks: list[dict[str, str | None]] = []
        self.fragments: dict[int, list[dict[str, str | None]]] = defaultdict(list)
        self.covered: dict[int, str] = defaultdict(str)
        self.in_article = 0
        self.article_text = ""
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")
        if tag in self.VOID:
            return
        self.stack.append(tag)
        if self.in_article:
            self.in_article += 1
        elif tag == "div" and attributes.get("class") == "article":
            self.in_article = 1
        if tag == "mark":
            self.open_marks.append(attributes)
            if attributes.get("data-mention") is not None:
                self.fragments[int(attributes["data-mention"])].append(attributes)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
            return
        self.stack.pop()
        if self.in_article:
            self.in_article -= 1
        if tag == "mark":
            self.open_marks.pop()

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data
        if self.in_article:
            self.article_text += data
        for attributes in self.open_marks:
            if attributes.get("data-mention") is not None:
                self.covered[int(attributes["data-mention"])] += data


def read_page(path: Path) -> PageReader:
    reader = PageReader()
    reader.feed(path.read_text(encoding="utf-8"))
    reader.close()
    assert not reader.errors, reader.errors
    assert not reader.stack, reader.stack
    return reader


def _article_page(out: Path, document: AnnotatedDocument) -> Path:
    return out / "articles" / f"{safe_id(document.id)}.html"


# -- unit tests ---------------------------------------------------------------------------


def test_writes_index_and_one_page_per_article(tmp_path: Path) -> None:
    docs = [
        sample_document("a/1", "tdg"),
        sample_document("b 2", "lemonde"),
        sample_document("c3", None),
    ]
    index = write_viewer(docs, tmp_path / "viewer")
    assert index == tmp_path / "viewer" / "index.html"
    pages = sorted(p.name for p in (tmp_path / "viewer" / "articles").iterdir())
    assert pages == ["a_1.html", "b_2.html", "c3.html"]
    reader = read_page(index)
    headings = re.findall(r"<h2>(.*?) <span", index.read_text(encoding="utf-8"))
    assert headings == ["(no outlet)", "lemonde", "tdg"]
    links = [a.get("href") for tag, a in reader.tags if tag == "a"]
    assert links == ["articles/c3.html", "articles/b_2.html", "articles/a_1.html"]
    text = index.read_text(encoding="utf-8")
    assert "2022-01-07" in text
    assert html.escape("Kazakhstan : « émeutes » à Almaty") in text
    # 10 mentions, one in boilerplate: 9 counted (3 hedges; the boilerplate one is not).
    first_row = text.split("<tbody>")[1].split("</tr>")[0]
    cells = re.findall(r'<td class="num">(\d+)</td>', first_row)
    assert cells == ["2", "1", "0", "1", "1", "3", "1", "9"]


def test_safe_ids_and_collisions(tmp_path: Path) -> None:
    assert safe_id("seed/001 tdg") == "seed_001_tdg"
    assert safe_id("a.b-c_D9") == "a.b-c_D9"
    assert safe_id("..") == "doc.."
    assert safe_id("") == "doc"
    long_name = safe_id("é" * 400)
    assert len(long_name) <= 150 and long_name != safe_id("é" * 401)
    docs = [sample_document("a/b"), sample_document("a_b"), sample_document("a/b")]
    write_viewer(docs, tmp_path)
    names = sorted(p.name for p in (tmp_path / "articles").iterdir())
    assert names == ["a_b-2.html", "a_b-3.html", "a_b.html"]


def test_overlapping_mentions_one_group_per_mention(tmp_path: Path) -> None:
    document = sample_document()
    write_viewer([document], tmp_path)
    reader = read_page(_article_page(tmp_path, document))
    assert reader.article_text == TEXT  # every character once, in order, nothing added
    assert sorted(reader.fragments) == list(range(len(document.mentions)))
    for index, mention in enumerate(document.mentions):
        fragments = reader.fragments[index]
        assert {f["data-category"] for f in fragments} == {mention.category}
        assert {f["data-voice"] for f in fragments} == {mention.voice}
        assert {f["data-entry"] for f in fragments} == {mention.entry}
        assert reader.covered[index] == mention.text
        # exactly one keyboard stop per mention, with a label and the details tooltip
        focusable = [f for f in fragments if f.get("tabindex") == "0"]
        assert len(focusable) == 1
        assert focusable[0]["aria-label"].startswith(f"mention {index}: «{mention.text}»")
        assert all(f["data-tip"].startswith(f"#{index} {mention.category}") for f in fragments)
    # the crossing overlap forced a split; the nested ones did not
    assert len(reader.fragments[3]) == 1  # the passive ("auraient été tués")
    assert len(reader.fragments[7]) == 2  # "tués après" crosses the passive's end
    tip = reader.fragments[3][0]["data-tip"]
    assert "speaker: le ministère" in tip and "cue: Selon" in tip
    assert "target: émeutes" in reader.fragments[6][0]["data-tip"]
    assert "flags: negated" in reader.fragments[8][0]["data-tip"]
    assert "boilerplate: not counted" in reader.fragments[9][0]["data-tip"]
    page = _article_page(tmp_path, document).read_text(encoding="utf-8")
    assert '<span class="boilerplate" title="boilerplate (nav.previous)">' in page


def test_filters_are_labelled_checkboxes_and_legend(tmp_path: Path) -> None:
    document = sample_document()
    write_viewer([document], tmp_path)
    reader = read_page(_article_page(tmp_path, document))
    boxes = [a for tag, a in reader.tags if tag == "input"]
    labels = {a.get("for") for tag, a in reader.tags if tag == "label"}
    assert [b["value"] for b in boxes if b["name"] == "category"] == [
        "actor_label",
        "event_label",
        "intervention_label",
        "evaluative",
        "reporting_verb",
        "hedge",
        "agentless_passive",
    ]
    assert [b["value"] for b in boxes if b["name"] == "voice"] == [
        "authorial",
        "direct_quote",
        "indirect_speech",
        "scare_quote",
    ]
    assert all(b["id"] in labels and b["type"] == "checkbox" for b in boxes)


def test_content_security_policy_allows_only_our_script(tmp_path: Path) -> None:
    document = sample_document()
    index = write_viewer([document], tmp_path)
    for page, scripts in ((_article_page(tmp_path, document), 1), (index, 0)):
        reader = read_page(page)
        assert len(reader.scripts) == scripts
        csp = next(a["content"] for t, a in reader.tags if a.get("http-equiv"))
        assert "default-src 'none'" in csp and "unsafe" not in csp
        if scripts:
            digest = hashlib.sha256(reader.scripts[0].encode("utf-8")).digest()
            assert f"'sha256-{base64.b64encode(digest).decode()}'" in csp
        else:
            assert "script-src 'none'" in csp
        assert "http:" not in page.read_text() and "https:" not in page.read_text()


def test_hostile_text_is_shown_as_text(tmp_path: Path) -> None:
    document = hostile_document()
    index = write_viewer([document], tmp_path)
    page = _article_page(tmp_path, document)
    for path in (page, index):
        content = path.read_text(encoding="utf-8")
        reader = read_page(path)
        assert content.count("<script") == len(reader.scripts) <= 1
        assert "<img" not in content
        for tag, attributes in reader.tags:
            assert tag != "img"
            assert not [a for a in attributes if a.startswith("on")], (tag, attributes)
    reader = read_page(page)
    assert reader.article_text == document.text
    for index_, mention in enumerate(document.mentions):
        assert reader.covered[index_] == mention.text
        assert {f["data-category"] for f in reader.fragments[index_]} == {mention.category}
    # the script is our constant one: no data inside it
    assert "alert" not in reader.scripts[0] and "pwned" not in reader.scripts[0]
    content = page.read_text(encoding="utf-8")
    assert html.escape(f"Title {SCRIPT_PAYLOAD}") in content
    assert html.escape(f"outlet {SCRIPT_PAYLOAD}") in content
    # a hostile category gets the neutral class, never its own
    assert 'class="m c-other v-other"' in content
    index_text = index.read_text(encoding="utf-8")
    assert html.escape(f"outlet {SCRIPT_PAYLOAD}") in index_text
    assert html.escape(IMG_PAYLOAD) in index_text


def test_text_missing_and_unplaceable_mentions(tmp_path: Path) -> None:
    no_text = sample_document("no-text")
    no_text.text = None
    bad = sample_document("bad")
    bad.mentions.append(_mention(TEXT, "Selon", "hedge"))
    bad.mentions[-1].start, bad.mentions[-1].end = len(TEXT) + 5, len(TEXT) + 9
    write_viewer([no_text, bad], tmp_path)
    no_text_page = (tmp_path / "articles" / "no-text.html").read_text(encoding="utf-8")
    assert "without the article text" in no_text_page and "<mark" not in no_text_page
    assert no_text_page.count("not placed") == len(no_text.mentions)
    reader = read_page(tmp_path / "articles" / "bad.html")
    assert len(reader.fragments) == len(bad.mentions) - 1
    assert "1 mention(s) have offsets outside the text" in (
        tmp_path / "articles" / "bad.html"
    ).read_text(encoding="utf-8")


def test_output_is_deterministic(tmp_path: Path) -> None:
    docs = [sample_document("x"), hostile_document()]
    write_viewer(docs, tmp_path / "one")
    write_viewer(docs, tmp_path / "two")
    for path in sorted((tmp_path / "one").rglob("*.html")):
        assert (
            path.read_bytes()
            == (tmp_path / "two" / path.relative_to(tmp_path / "one")).read_bytes()
        )


@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet="ab <>&\"'é\n", min_size=0, max_size=40).flatmap(
        lambda text: st.tuples(
            st.just(text),
            st.lists(st.tuples(st.integers(0, len(text)), st.integers(0, len(text))), max_size=8),
            st.lists(st.tuples(st.integers(0, len(text)), st.integers(0, len(text))), max_size=2),
        )
    )
)
def test_any_overlap_renders_well_formed(case: tuple[str, list, list]) -> None:
    text, pairs, bp_pairs = case
    mentions = [
        Mention(
            start=min(a, b),
            end=max(a, b),
            text=text[min(a, b) : max(a, b)],
            sentence=0,
            category="hedge",
            frame="f",
            valence="neutral",
            entry="e",
        )
        for a, b in pairs
    ]
    boilerplate = [{"start": min(a, b), "end": max(a, b), "pattern": "p"} for a, b in bp_pairs]
    body, unplaced = render_text(text, mentions, boilerplate)
    reader = PageReader()
    reader.feed(f'<div class="article">{body}</div>')
    reader.close()
    assert not reader.errors and not reader.stack
    assert reader.article_text == text
    assert unplaced == [i for i, m in enumerate(mentions) if m.start == m.end]
    for i, mention in enumerate(mentions):
        if i not in unplaced:
            assert reader.covered[i] == mention.text


def test_view_command(tmp_path: Path) -> None:
    annotations = tmp_path / "annotations.jsonl"
    write_annotations([sample_document(), hostile_document(schema_valid=True)], annotations)
    out = tmp_path / "viewer"
    result = CliRunner().invoke(view_command, [str(annotations), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output == f"{out / 'index.html'}\t2 articles\t14 mentions\n"
    assert len(list((out / "articles").glob("*.html"))) == 2
    # a folder holding annotations.jsonl works too
    result = CliRunner().invoke(view_command, [str(tmp_path), "--out", str(tmp_path / "v2")])
    assert result.exit_code == 0, result.output


def test_view_command_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(view_command, [str(tmp_path / "missing.jsonl"), "--out", "x"])
    assert result.exit_code == 1
    assert result.output.strip().startswith("error: ") and "missing.jsonl" in result.output
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    result = runner.invoke(view_command, [str(bad), "--out", str(tmp_path / "v")])
    assert result.exit_code == 1 and "malformed JSON" in result.output
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(FramingError):
        write_viewer([sample_document()], blocker)


# -- a real browser -----------------------------------------------------------------------


def _chromium() -> str:
    found = shutil.which("chromium") or (
        "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None
    )
    if found is None:
        pytest.skip("chromium is not installed (apt-get install chromium); browser test skipped")
    return found


class DevTools:
    """A minimal Chrome DevTools Protocol client over a stdlib websocket (RFC 6455).

    Only what the tests need: text frames, masking, ping/pong, and flattened sessions.
    """

    def __init__(self, url: str, timeout: float = 60.0) -> None:
        parsed = urllib.parse.urlparse(url)
        assert parsed.hostname and parsed.port
        self.sock = socket.create_connection((parsed.hostname, parsed.port), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(
            (
                f"GET {parsed.path} HTTP/1.1\r\nHost: {parsed.hostname}:{parsed.port}\r\n"
                "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
            ).encode()
        )
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("devtools closed the connection during the handshake")
            data += chunk
        head, _, self.buffer = data.partition(b"\r\n\r\n")
        assert b" 101 " in head.split(b"\r\n")[0], head
        self.next_id = 0
        self.events: list[dict[str, Any]] = []

    def _read(self, n: int) -> bytes:
        while len(self.buffer) < n:
            chunk = self.sock.recv(max(65536, n - len(self.buffer)))
            if not chunk:
                raise ConnectionError("devtools connection closed")
            self.buffer += chunk
        out, self.buffer = self.buffer[:n], self.buffer[n:]
        return out

    def _send_frame(self, opcode: int, payload: bytes) -> None:
        header = bytearray([0x80 | opcode])
        n = len(payload)
        if n < 126:
            header.append(0x80 | n)
        elif n < 65536:
            header.append(0x80 | 126)
            header += n.to_bytes(2, "big")
        else:
            header.append(0x80 | 127)
            header += n.to_bytes(8, "big")
        mask = os.urandom(4)
        header += mask
        self.sock.sendall(bytes(header) + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def _receive(self) -> dict[str, Any]:
        parts: list[bytes] = []
        while True:
            first, second = self._read(2)
            opcode, n = first & 0x0F, second & 0x7F
            if n == 126:
                n = int.from_bytes(self._read(2), "big")
            elif n == 127:
                n = int.from_bytes(self._read(8), "big")
            mask = self._read(4) if second & 0x80 else b""
            payload = self._read(n)
            if mask:
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            if opcode == 0x9:
                self._send_frame(0xA, payload)
                continue
            if opcode == 0x8:
                raise ConnectionError("devtools closed the websocket")
            if opcode in (0x0, 0x1, 0x2):
                parts.append(payload)
                if first & 0x80:
                    return json.loads(b"".join(parts).decode("utf-8"))

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        self._send_frame(0x1, json.dumps(message).encode("utf-8"))
        while True:
            reply = self._receive()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method: str, session: str, timeout: float = 60.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            for event in self.events:
                if event.get("method") == method and event.get("sessionId") == session:
                    self.events.remove(event)
                    return event
            if time.monotonic() > deadline:
                raise TimeoutError(method)
            self.events.append(self._receive())

    def close(self) -> None:
        self.sock.close()


class Page:
    """One browser tab attached through a flattened DevTools session."""

    def __init__(self, tools: DevTools, scripts: bool = True) -> None:
        self.tools = tools
        target = tools.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = tools.call("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable")
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=1100,
            height=1300,
            deviceScaleFactor=1,
            mobile=False,
        )
        if not scripts:
            self.call("Emulation.setScriptExecutionDisabled", value=True)

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        return self.tools.call(method, self.session, **params)

    def open(self, path: Path) -> None:
        self.call("Page.navigate", url=path.resolve().as_uri())
        self.tools.wait_for("Page.loadEventFired", self.session)

    def js(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise AssertionError(result["exceptionDetails"])
        return result["result"].get("value")

    def key(self, key: str, code: str, keycode: int, text: str = "") -> None:
        for kind in ("keyDown", "keyUp"):
            self.call(
                "Input.dispatchKeyEvent",
                type=kind,
                key=key,
                code=code,
                windowsVirtualKeyCode=keycode,
                **({"text": text} if text and kind == "keyDown" else {}),
            )

    def problems(self) -> list[dict[str, Any]]:
        """Script errors, CSP violations, dialogs (alert) and console errors seen so far."""

        def bad(event: dict[str, Any]) -> bool:
            method, params = event.get("method"), event.get("params", {})
            if method in ("Runtime.exceptionThrown", "Page.javascriptDialogOpening"):
                return True
            if method == "Log.entryAdded":
                return params["entry"]["level"] == "error"
            return method == "Runtime.consoleAPICalled" and params["type"] == "error"

        return [e for e in self.tools.events if e.get("sessionId") == self.session and bad(e)]


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevTools]:
    """One headless Chromium for all browser tests (it is slow to start on a busy machine)."""
    binary = _chromium()
    profile = tmp_path_factory.mktemp("chromium-profile")
    log = (profile.parent / "chromium.log").open("wb")
    proc = subprocess.Popen(
        [
            binary,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--mute-audio",
            f"--user-data-dir={profile}",
            "--remote-debugging-port=0",
            "about:blank",
        ],
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=log,
    )
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 90
        while not (port_file.is_file() and len(port_file.read_text().splitlines()) >= 2):
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(
                    f"chromium did not start (exit {proc.poll()}); see {profile.parent}/chromium.log"
                )
            time.sleep(0.2)
        port, path = port_file.read_text().splitlines()[:2]
        tools = DevTools(f"ws://127.0.0.1:{port}{path}")
        yield tools
        tools.close()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


MARKS_JS = """(() => {
  const groups = {};
  for (const m of document.querySelectorAll('mark[data-mention]')) {
    const g = groups[m.dataset.mention] ||= {categories: [], voices: [], text: '', off: []};
    g.categories.push(m.dataset.category);
    g.voices.push(m.dataset.voice);
    g.off.push(m.classList.contains('off'));
  }
  return groups;
})()"""


def test_browser_highlights_filters_and_screenshot(browser: DevTools, tmp_path: Path) -> None:
    document = sample_document()
    write_viewer([document], tmp_path / "viewer")
    page = Page(browser)
    page.open(_article_page(tmp_path / "viewer", document))

    groups = page.js(MARKS_JS)
    assert sorted(map(int, groups)) == list(range(len(document.mentions)))
    for index, mention in enumerate(document.mentions):
        assert set(groups[str(index)]["categories"]) == {mention.category}
        assert set(groups[str(index)]["voices"]) == {mention.voice}
    assert page.js("document.querySelector('.article').textContent") == TEXT
    # the script ran (the hash in the CSP is right): filters are enabled, status is set
    assert page.js("[...document.querySelectorAll('#filters input')].every(b => !b.disabled)")
    assert page.js("document.getElementById('filter-status').textContent").startswith("10 of 10")

    evaluative = [str(i) for i, m in enumerate(document.mentions) if m.category == "evaluative"]
    background = (
        "getComputedStyle(document.querySelector('mark[data-mention=\"{}\"]')).backgroundColor"
    )
    assert page.js(background.format(evaluative[0])) != "rgba(0, 0, 0, 0)"
    page.js("document.getElementById('f-category-evaluative').click()")
    groups = page.js(MARKS_JS)
    for index, group in groups.items():
        assert all(group["off"]) == (index in evaluative), index
    assert page.js(background.format(evaluative[0])) == "rgba(0, 0, 0, 0)"
    assert page.js(f"document.getElementById('row{evaluative[0]}').hidden") is True
    assert page.js("document.getElementById('filter-status').textContent").startswith("9 of 10")

    # keyboard: tab to the scare-quote voice box, Space unticks it
    page.js("document.getElementById('f-voice-scare_quote').focus()")
    page.key(" ", "Space", 32, " ")
    assert page.js("document.getElementById('f-voice-scare_quote').checked") is False
    scare = [str(i) for i, m in enumerate(document.mentions) if m.voice == "scare_quote"]
    assert all(page.js(MARKS_JS)[scare[0]]["off"])
    page.key(" ", "Space", 32, " ")
    page.js("document.getElementById('f-category-evaluative').click()")
    assert not any(any(g["off"]) for g in page.js(MARKS_JS).values())

    # Tab from the last checkbox reaches the first highlight; its tooltip shows on focus
    page.js("document.getElementById('f-voice-scare_quote').focus()")
    page.key("Tab", "Tab", 9)
    active = page.js(
        "(() => { const a = document.activeElement; return [a.tagName, a.dataset.mention,"
        " getComputedStyle(a, '::after').content, getComputedStyle(a).outlineStyle]; })()"
    )
    assert active[0] == "MARK" and active[1] == "0"
    assert active[2].startswith('"#0 hedge') and active[3] != "none"

    shot = page.call("Page.captureScreenshot", format="png")["data"]
    png = tmp_path / "article.png"
    png.write_bytes(base64.b64decode(shot))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
    assert page.problems() == []

    page.open(tmp_path / "viewer" / "index.html")
    assert page.js("document.querySelectorAll('tbody tr').length") == 1
    assert page.problems() == []


def test_browser_without_javascript_shows_all_highlights(browser: DevTools, tmp_path: Path) -> None:
    document = sample_document()
    write_viewer([document], tmp_path)
    page = Page(browser, scripts=False)
    page.open(_article_page(tmp_path, document))
    groups = page.js(MARKS_JS)
    assert len(groups) == len(document.mentions)
    assert page.js("document.getElementById('f-category-hedge').disabled") is True
    colours = page.js(
        "[...document.querySelectorAll('mark[data-first]')]"
        ".map(m => getComputedStyle(m).backgroundColor)"
    )
    assert len(colours) == len(document.mentions) and "rgba(0, 0, 0, 0)" not in colours


def test_browser_hostile_page_runs_no_injected_script(browser: DevTools, tmp_path: Path) -> None:
    document = hostile_document()
    index = write_viewer([document], tmp_path)
    page = Page(browser)
    for path in (_article_page(tmp_path, document), index):
        page.open(path)
        assert page.js("document.querySelectorAll('img').length") == 0
        assert page.js("document.querySelectorAll('script').length") == (1 if path != index else 0)
        assert page.js("typeof window.__pwned") == "undefined"
        expected = f"{document.title} — framing viewer" if path != index else None
        assert page.js("document.title") == (expected or "Annotated articles — framing viewer")
        assert page.problems() == []
    page.open(_article_page(tmp_path, document))
    assert page.js("document.querySelector('.article').textContent") == document.text
    assert page.js("document.querySelector('h1').textContent") == document.title
    groups = page.js(MARKS_JS)
    assert [groups[str(i)]["categories"][0] for i in range(len(document.mentions))] == [
        m.category for m in document.mentions
    ]

    # Defence in depth: even markup slipped into a page would be blocked by the CSP.
    tampered = tmp_path / "tampered.html"
    source = _article_page(tmp_path, document).read_text(encoding="utf-8")
    tampered.write_text(
        source.replace("<h1>", "<script>window.__pwned=3</script><img src=x onerror=alert(1)><h1>"),
        encoding="utf-8",
    )
    page.open(tampered)
    assert page.js("typeof window.__pwned") == "undefined"
    assert page.js("[...document.querySelectorAll('#filters input')].every(b => !b.disabled)")
