"""Evaluation of sitrep against annotated samples: gold files and the scorer."""

from __future__ import annotations

from sitrep.evaluation.gold import GoldArticle, load_gold
from sitrep.evaluation.samples import (
    Difference,
    SampleResult,
    SamplesReport,
    TypeScore,
    evaluate_samples,
    score_article,
)

__all__ = [
    "Difference",
    "GoldArticle",
    "SampleResult",
    "SamplesReport",
    "TypeScore",
    "evaluate_samples",
    "load_gold",
    "score_article",
]
