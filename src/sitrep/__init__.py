"""sitrep: news articles about armed conflict in, ACLED-compatible event records with evidence out."""

__version__ = "0.1.0"
