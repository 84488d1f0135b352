"""Errors the user can act on.

Every failure a user can cause (a bad file, a missing model) is raised as a
``FramingError`` whose message is one sentence naming the file and the place;
the CLI prints that line and exits non-zero instead of showing a traceback.
"""

from __future__ import annotations


class FramingError(Exception):
    """Base class for errors reported to the user as one clear line."""


class InputError(FramingError):
    """An input file or record is unreadable or invalid."""


class ModelError(FramingError):
    """A parsing model is missing, corrupt or cannot be obtained."""
