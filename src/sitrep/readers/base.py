"""What every reader yields: the text of one article and its metadata."""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.records import Metadata


@dataclass(frozen=True)
class RawInput:
    """One article as read: plain text (HTML already extracted) and metadata.

    ``source`` names where it came from: a path, ``path#3`` for the third entry of a feed,
    JSONL file or WARC, or ``-`` for standard input.
    """

    source: str
    text: str
    meta: Metadata
