"""`marsad batch`: the extract over a corpus, on a process pool or a Dask cluster.

Registered in ``cli.py``; also runnable as ``python -m marsad.batch``.
"""
from __future__ import annotations

import json
import sys

import click

from marsad.batch.run import ENGINES, run_batch
from marsad.batch.shards import DEFAULT_SHARD_SIZE


@click.command("batch")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--out", "out", required=True, type=click.Path(file_okay=False),
              help="Output directory (Parquet: events/, reports/, failures/). Rerun with the same "
                   "inputs to resume a killed batch.")
@click.option("--engine", type=click.Choice(ENGINES), default="local", show_default=True,
              help="serial: this process; local: a process pool; dask: a Dask LocalCluster or --scheduler.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="A running Dask scheduler (tcp://host:8786); implies --engine dask.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes for local/dask (default: the number of CPUs).")
@click.option("--shard-size", type=click.IntRange(min=1), default=DEFAULT_SHARD_SIZE, show_default=True,
              help="Reports (lines, rows, WARC records) per shard.")
def batch(inputs, out, engine, scheduler, workers, shard_size):
    """Extract the events of JSON Lines (.gz), Parquet and WARC inputs into Parquet files.

    Exit codes: 0 every report coded; 1 some reports failed (see failures/); 2 usage error.
    """
    import os

    if scheduler:
        engine = "dask"
    workers = workers or os.cpu_count() or 1
    try:
        summary = run_batch(inputs, out, engine=engine, workers=workers, scheduler=scheduler,
                            shard_size=shard_size, progress=sys.stderr)
    except (FileNotFoundError, ValueError) as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo("marsad batch: done " + json.dumps(summary.to_json()), err=True)
    sys.exit(1 if summary.failures else 0)
