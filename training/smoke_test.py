"""Check that the embedded model loads offline and parses French.

Loads ``framing/embedded/fr`` with the exact ``stanza.Pipeline`` call that
the project uses (no download, CPU only) and prints the parse of a sentence
with contractions (du, aux), an elided article (d'État) and French quotes,
the cases a French pipeline most often gets wrong.  Exits non-zero if the
contractions are not expanded.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SENTENCE = (
    "Le ministre du Travail a répondu aux syndicats : « Le coup d'État n'aura pas lieu », "
    "a-t-il déclaré mardi devant les députés."
)


def main() -> int:
    """Load, parse, print; return 1 when ``du``/``aux`` are not split."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model-dir", type=Path, default=REPO_ROOT / "framing" / "embedded" / "fr")
    parser.add_argument("--text", default=SENTENCE)
    args = parser.parse_args()

    import stanza

    d = args.model_dir
    meta = json.loads((d / "model.json").read_text(encoding="utf-8"))
    kwargs = {f"{proc}_model_path": str(d / name) for proc, name in meta["processors"].items()}
    if meta.get("pretrain"):
        kwargs["pos_pretrain_path"] = str(d / meta["pretrain"])
        kwargs["depparse_pretrain_path"] = str(d / meta["pretrain"])
    # Stanza 1.15 reads a resources.json from `dir` even with download_method=None
    # and no hub access; an empty one is enough when every model path is given.
    resources_dir = Path(tempfile.mkdtemp(prefix="stanza_res_"))
    (resources_dir / "resources.json").write_text("{}", encoding="utf-8")
    kwargs["dir"] = str(resources_dir)
    nlp = stanza.Pipeline(
        lang="fr",
        processors="tokenize,mwt,pos,lemma,depparse",
        download_method=None,
        use_gpu=False,
        **kwargs,
    )
    doc = nlp(args.text)
    print(f"{doc:C}")
    expanded = {
        tok.text.lower(): [w.text.lower() for w in tok.words]
        for sent in doc.sentences
        for tok in sent.tokens
    }
    ok = expanded.get("du") == ["de", "le"] and expanded.get("aux") == ["à", "les"]
    print("contractions expanded:", ok)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
