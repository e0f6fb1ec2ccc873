"""The pipeline: one :class:`Article` passes through every stage in order."""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.errors import PipelineError
from sitrep.options import Options
from sitrep.records import Article
from sitrep.registrations import stage
from sitrep.registry import Context, Stage

# What an article has before any stage runs.
INITIAL_ATTRIBUTES = frozenset({"text", "meta"})


@dataclass(frozen=True)
class StageCheck:
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    missing: tuple[str, ...]


def analyze(stages: list[Stage]) -> list[StageCheck]:
    """For each stage, what it needs that no earlier stage provides (spaCy's analyze_pipes)."""
    available = set(INITIAL_ATTRIBUTES)
    checks = []
    for each in stages:
        missing = tuple(need for need in each.requires if need not in available)
        checks.append(StageCheck(each.name, each.requires, each.assigns, missing))
        available.update(each.assigns)
    return checks


class Pipeline:
    """Built once from :class:`Options`; call it on an article to run every stage."""

    def __init__(self, options: Options | None = None) -> None:
        self.options = options or Options()
        self.stages = [stage(name) for name in self.options.stages]
        problems = [check for check in analyze(self.stages) if check.missing]
        if problems:
            first = problems[0]
            raise PipelineError(
                f"stage {first.name!r} needs {', '.join(first.missing)}, "
                "which no earlier stage provides"
            )
        self.context = Context(self.options)

    def __call__(self, article: Article) -> Article:
        for each in self.stages:
            result = each.run(article, self.context)
            if not isinstance(result, Article):
                raise PipelineError(
                    f"stage {each.name!r} returned {type(result).__name__}, not an Article"
                )
            result.stages[each.name] = each.version
            article = result
        return article
