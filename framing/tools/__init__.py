"""Linguist tools that ask the annotator: coverage, examples, evaluation, exchange formats."""
