"""Plain text: the decoded content is the article."""

from __future__ import annotations

from collections.abc import Iterator

from sitrep.errors import InputError
from sitrep.options import Options
from sitrep.readers.base import RawInput
from sitrep.readers.content import Content
from sitrep.records import Metadata


def read_text(content: Content, options: Options) -> Iterator[RawInput | InputError]:
    """One article; the text is kept as is (the cleaner decides what each line is)."""
    meta = Metadata(source=content.source, input_format="text")
    yield RawInput(source=content.source, text=content.text, meta=meta)
