"""Extraction past one machine, on a Dask distributed cluster (``--scheduler ADDRESS``).

Dask does the distribution; sitrep adds two small pieces: a worker plugin that builds the
pipeline once on every worker (from the same :class:`Options`), and a task that extracts one
input there. Results come back in input order, with a bounded number of inputs in flight, and
the one SQLite writer stays with the caller. Every worker needs sitrep installed (and any data
folders of ``Options.data_dirs`` at the same paths).

Needs ``pip install 'sitrep[dask]'``; only imported when a scheduler is given.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from distributed import Client, WorkerPlugin, get_worker

from sitrep.errors import ClusterError, PipelineError
from sitrep.options import Options
from sitrep.parallel import Item, Result, extract_one, in_order, without_parse
from sitrep.pipeline import Pipeline

PLUGIN_NAME = "sitrep-pipeline"
# Inputs in flight per worker thread: enough to keep every worker busy, memory bounded.
IN_FLIGHT_PER_THREAD = 4


def client_for(scheduler: str, *, timeout: str = "20s") -> Client:
    """A Dask client connected to ``scheduler`` (an address such as tcp://host:8786)."""
    try:
        return Client(scheduler, timeout=timeout)
    except (OSError, TimeoutError) as error:
        raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None


class PipelinePlugin(WorkerPlugin):
    """Builds sitrep's pipeline once on each Dask worker."""

    name = PLUGIN_NAME

    def __init__(self, options: Options) -> None:
        self.options = options
        self.pipeline: Pipeline | None = None

    def setup(self, worker: Any) -> None:
        self.pipeline = Pipeline(self.options)

    def teardown(self, worker: Any) -> None:
        self.pipeline = None


def extract_on_worker(item: Item) -> Result:
    """The Dask task: one input through the pipeline of the worker it runs on."""
    plugin = get_worker().plugins.get(PLUGIN_NAME)
    if not isinstance(plugin, PipelinePlugin) or plugin.pipeline is None:
        raise PipelineError("this Dask worker has no sitrep pipeline (plugin not set up)")
    return without_parse(extract_one(plugin.pipeline, item))


def extract_on_cluster(options: Options, items: Iterable[Item], client: Client) -> Iterator[Result]:
    """Each item extracted on the cluster behind ``client``, in order."""
    client.register_plugin(PipelinePlugin(options), name=PLUGIN_NAME)
    threads = max(1, sum(client.nthreads().values()))
    submitted = (client.submit(extract_on_worker, item, pure=False) for item in items)
    yield from in_order(submitted, threads * IN_FLIGHT_PER_THREAD)
