"""Topics: text to tokens, stories of near-duplicates, the topic model, labels and lineage."""
