"""``python -m framing.cli``: the same entry point as the ``framing`` command."""

from framing.cli.main import main

main()
