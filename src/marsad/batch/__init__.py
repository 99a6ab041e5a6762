"""Batch extraction over large corpora: shards, engines (serial, process pool, Dask), Parquet out."""
from __future__ import annotations

from marsad.batch.run import ENGINES, Summary, do_shard, process_shard, run_batch
from marsad.batch.shards import DEFAULT_SHARD_SIZE, Shard, plan_shards, read_shard

__all__ = ["DEFAULT_SHARD_SIZE", "ENGINES", "Shard", "Summary", "do_shard", "plan_shards",
           "process_shard", "read_shard", "run_batch"]
