"""``python -m framing``: the same entry point as the ``framing`` command, for
environments where the console script is not on PATH."""

from framing.cli.main import main

main()
