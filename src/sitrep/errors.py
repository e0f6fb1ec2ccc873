"""Every error sitrep raises, in one place. Messages name the input and the reason."""

from __future__ import annotations


class SitrepError(Exception):
    """Base class: anything sitrep raises on purpose."""


class InputError(SitrepError):
    """An input that cannot be read as an article; ``source`` names it."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        # Rebuilt from both fields when it comes back from a worker process.
        return type(self), (self.source, self.reason)


class EmptyInputError(InputError):
    pass


class BinaryInputError(InputError):
    pass


class InputTooLargeError(InputError):
    pass


class NoArticleError(InputError):
    """HTML or a feed entry in which no article text was found."""


class MalformedInputError(InputError):
    """Broken structure: malformed feed XML, truncated WARC, bad JSON line."""


class UnsupportedInputError(InputError):
    pass


class DataFileError(SitrepError):
    """A lexicon or knowledge file that does not match its schema."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class PipelineError(SitrepError):
    """A pipeline that cannot be built: unknown stage, or a stage before what it needs."""


class BackendError(SitrepError):
    """A language backend that cannot be loaded."""


class ClusterError(SitrepError):
    """A Dask cluster that cannot be used: dask.distributed missing, scheduler unreachable."""


class StoreError(SitrepError):
    """A database problem: unknown article id, newer schema than this sitrep."""


class ExtractionError(InputError):
    """A stage failed on one input; the batch goes on without it."""


class ExportError(SitrepError):
    """An export that cannot be written: unknown format or table."""
