"""Parse stage: text -> parsed ``Document`` (Stanza, feature repairs, cache, workers)."""
