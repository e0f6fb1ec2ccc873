"""The arithmetic every scorer shares: ratios that survive empty sets, and F1."""

from __future__ import annotations


def ratio(part: int, whole: int, *, empty: float = 0.0) -> float:
    """``part / whole``, or ``empty`` when there is nothing to divide by.

    Scorers differ on an empty side: no prediction at all is precision 1.0 for the samples
    scorer (nothing wrong was said) and 0.0 for the benchmark scorers (as their papers count).
    """
    return part / whole if whole else empty


def f1(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall; 0.0 when both are 0."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
