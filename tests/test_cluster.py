"""Extraction on a real Dask distributed cluster (in this process, so it starts in a second)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sitrep.api import Sitrep
from sitrep.errors import ClusterError
from test_api import CORE, batch, summary_of

distributed = pytest.importorskip("distributed")
from sitrep.cluster import client_for  # noqa: E402 (needs distributed)


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


def test_cluster_gives_the_same_results_in_order(scheduler: str) -> None:
    expected = summary_of(list(Sitrep(CORE.with_changes(workers=1)).extract_inputs(batch())))
    on_cluster = Sitrep(CORE.with_changes(scheduler=scheduler))
    assert summary_of(list(on_cluster.extract_inputs(batch()))) == expected
    assert expected[6] == "EmptyInputError empty.txt: empty"


def test_articles_from_the_cluster_have_no_parse(scheduler: str) -> None:
    on_cluster = Sitrep(CORE.with_changes(scheduler=scheduler))
    article = next(item for item in on_cluster.extract_inputs(batch()) if hasattr(item, "doc"))
    assert article.doc is None and article.sentences


def test_unreachable_scheduler_is_a_clear_error() -> None:
    with pytest.raises(
        ClusterError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9"
    ):
        client_for("tcp://127.0.0.1:9", timeout="2s")
