"""Annotate stage: parsed ``Document`` -> ``AnnotatedDocument`` (lexicons, rules, voice)."""
