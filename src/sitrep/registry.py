"""Stages: small functions over the article that declare what they need and what they add.

Like spaCy's ``Language.factory(requires=..., assigns=...)``, each stage names the article
attributes it reads and writes; :class:`sitrep.pipeline.Pipeline` refuses an order in which a
stage runs before what it needs. Every registration lives in :mod:`sitrep.registrations`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from sitrep.options import Options

if TYPE_CHECKING:
    from sitrep.records import Article

T = TypeVar("T")


@dataclass
class Context:
    """What a pipeline's stages share: the options and resources built once per pipeline.

    Resources (compiled lexicons, the spaCy pipeline, the knowledge base) are built on first
    use and cached here, never in module globals.
    """

    options: Options
    _resources: dict[str, Any] = field(default_factory=dict)

    def resource(self, key: str, build: Callable[[], T]) -> T:
        if key not in self._resources:
            self._resources[key] = build()
        value: T = self._resources[key]
        return value


StageFunction = Callable[["Article", Context], "Article"]


@dataclass(frozen=True)
class Stage:
    """A registered stage. ``name`` and ``version`` are recorded on every article it touches."""

    name: str
    version: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    run: StageFunction
    description: str = ""
