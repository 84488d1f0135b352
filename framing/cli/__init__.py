"""The ``framing`` command line: the only package that imports click."""

from framing.cli.main import cli, main

__all__ = ["cli", "main"]
