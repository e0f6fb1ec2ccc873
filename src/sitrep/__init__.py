"""sitrep: turn news articles into structured, sourced, queryable facts."""

__version__ = "0.1.0"
