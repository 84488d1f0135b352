"""File formats shared by the stages: decoded text, YAML with lines, CoNLL-U, annotations.jsonl."""
