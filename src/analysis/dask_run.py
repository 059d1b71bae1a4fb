"""Counting on a Dask cluster: the same counter, one partition of documents at a time.

The workers rebuild the counter from its picklable settings
(:class:`analysis.pipeline.CounterSettings`), once per worker process and
settings, so a Dask run finds exactly the hits of the other paths (tests
compare them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .pipeline import CounterSettings, FramingCounter, hits_frame

if TYPE_CHECKING:
    import pandas as pd

_dask_counters: dict[tuple, FramingCounter] = {}


def _hits_of_partition(frame: pd.DataFrame, settings: CounterSettings) -> pd.DataFrame:
    # One counter per worker process and settings: building it per partition
    # would cost more than counting a small partition.  Dask unpickles the
    # settings for every task, so they are keyed by content, not identity.
    key = settings.key()
    counter = _dask_counters.get(key)
    if counter is None:
        if len(_dask_counters) >= 4:
            _dask_counters.clear()
        counter = _dask_counters[key] = FramingCounter.from_settings(settings)
    hits = counter.count_partition(zip(frame["doc_id"], frame["text"])).hits
    return hits_frame(hits, model=settings.model is not None)


def hits_on_dask(documents, counter: FramingCounter):
    """Find hits on a Dask DataFrame of documents, one partition at a time.

    Parameters
    ----------
    documents : dask.dataframe.DataFrame
        With ``doc_id`` and ``text`` columns (e.g. ``dd.read_csv`` of a corpus,
        or ``dd.from_pandas(read_corpus(...).documents, npartitions=...)``).
    counter : FramingCounter
        Its settings (lexicons, foldings, speech threshold, the model's path
        and SHA-256) are shipped to the workers, which rebuild exactly this
        counter (a model file must be at the same path on the workers).

    Returns
    -------
    dask.dataframe.DataFrame
        The hits table (:data:`~analysis.pipeline.HIT_COLUMNS`), lazily; call
        ``.compute()`` or write it with ``.to_parquet``/``.to_csv``.

    Examples
    --------
    On a cluster (a scheduler address from your administrator)::

        from dask.distributed import Client
        client = Client("tcp://scheduler:8786")
        hits = hits_on_dask(dd.read_csv("corpus-*.csv", dtype=str), FramingCounter()).compute()
    """
    meta = hits_frame([], model=counter.settings.model is not None)
    return documents[["doc_id", "text"]].map_partitions(_hits_of_partition, counter.settings, meta=meta)
