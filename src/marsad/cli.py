"""The marsad command line: thin wrappers over the library.

Data goes to stdout (JSON Lines, Arabic unescaped); progress, failures and
logs go to stderr. Exit codes: 0 all inputs coded, 1 some inputs failed,
2 usage error.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from .cli_options import parse_day
from .defaults import JSON_ENSURE_ASCII
from .model import Document, Failure


def _dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=JSON_ENSURE_ASCII)



@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="marsad")
def main() -> None:
    """marsad: Arabic conflict news in, coded events out (ACLED-style JSON).

    \b
    Code the seed page:      marsad extract page.txt --published 2018-03-21
    Code a file of reports:  marsad extract reports.jsonl -o events.jsonl
    Score against gold:      marsad eval gold.jsonl --input inputs.jsonl
    Store, then browse:      marsad ingest reports.jsonl --db marsad.db && marsad serve --db marsad.db
    A large corpus:          marsad batch crawl/*.warc.gz --out out/ --engine dask --workers 8
    """


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default="-",
              help="Where to write the JSON Lines documents (default: stdout).")
@click.option("--published", callback=parse_day, metavar="YYYY-MM-DD",
              help="Publication date of a single text or HTML input; relative dates resolve against it.")
@click.option("--outlet", help="Outlet name of a single text or HTML input (the default claimant).")
@click.option("--failures", "failures_path", type=click.Path(dir_okay=False, writable=True),
              help="Also write one JSON line per failed input to this file.")
@click.option("--progress/--no-progress", default=None,
              help="Show progress on stderr (default: on when stderr is a terminal).")
def extract(inputs, output, published, outlet, failures_path, progress) -> None:
    """Code the events in INPUTS: .txt, .html, .jsonl(.gz) files, or - for stdin.

    Every input gives one JSON document (CODEBOOK section 8) per report. An
    input that cannot be read or coded is reported on stderr with its reason
    (and in --failures), the others go on, and the exit code is 1.
    """
    from .ingest import read_inputs
    from .pipeline import extract_many

    out = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")
    fail_out = open(failures_path, "w", encoding="utf-8") if failures_path else None
    show = sys.stderr.isatty() if progress is None else progress
    n_docs = n_events = n_failed = 0
    started = time.perf_counter()
    try:
        for item in extract_many(read_inputs(inputs, published=published, outlet=outlet)):
            if isinstance(item, Failure):
                n_failed += 1
                click.echo(f"marsad: {item.id}: {item.stage} failed: {item.reason}", err=True)
                if fail_out:
                    fail_out.write(_dumps(item.to_json()) + "\n")
                continue
            n_docs += 1
            n_events += len(item.events)
            out.write(_dumps(item.to_json()) + "\n")
            if show and n_docs % 50 == 0:
                rate = n_docs / max(time.perf_counter() - started, 1e-9)
                click.echo(f"\r{n_docs} reports, {n_events} events, {n_failed} failed, {rate:.0f}/s", err=True, nl=False)
    finally:
        if out is not sys.stdout:
            out.close()
        if fail_out:
            fail_out.close()
    secs = time.perf_counter() - started
    if show:
        click.echo("", err=True)
    click.echo(f"marsad: {n_docs} reports coded, {n_events} events, {n_failed} failed in {secs:.1f}s", err=True)
    sys.exit(1 if n_failed else 0)


@main.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--input", "inputs", type=click.Path(exists=True, dir_okay=False),
              help="The reports the gold codes (JSON Lines); marsad extracts them and scores the result.")
@click.option("--predictions", type=click.Path(exists=True, dir_okay=False),
              help="Score an existing extract output instead of extracting --input.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON instead of a table.")
@click.option("--brief", is_flag=True, help="Totals and field accuracies only, no per-report detail.")
def eval_(gold, inputs, predictions, as_json, brief) -> None:
    """Score marsad against hand-coded GOLD events (CODEBOOK section 9).

    Prints event precision, recall and F1 (reported gold events), the share of
    matched events with the right sub-type, actor1, actor2, place (3 km), date
    and fatalities, and per report the missed and the false events.
    """
    from .evaluate import evaluate, format_report, read_predictions

    if not inputs and not predictions:
        raise click.UsageError("give --input INPUTS.jsonl (to extract and score) or --predictions FILE")
    gold_records = [json.loads(line) for line in Path(gold).read_text("utf-8").splitlines() if line.strip()]
    if predictions:
        predicted = read_predictions(predictions)
    else:
        from .ingest import read_inputs
        from .pipeline import extract_many

        predicted = {}
        for item in extract_many(read_inputs([inputs])):
            if isinstance(item, Document):
                predicted[item.article.id] = [e.to_json() for e in item.events]
            else:
                click.echo(f"marsad: {item.id}: {item.stage} failed: {item.reason}", err=True)
    report = evaluate(gold_records, predicted)
    if as_json:
        click.echo(_dumps(report.to_json()))
    else:
        click.echo(format_report(report, per_report=not brief))


# The gazetteer commands (add your own GeoNames, info) and the coverage report.
from .cli_gazetteer import gazetteer  # noqa: E402

main.add_command(gazetteer)

# The event database: ingest reports, query events and incidents.
from .cli_store import events, incidents, ingest  # noqa: E402

for _command in (ingest, events, incidents):
    main.add_command(_command)

# Extract over a corpus on a process pool or a Dask cluster.
from .cli_batch import batch  # noqa: E402

main.add_command(batch)

# The HTTP API and dashboard over a database.
from .cli_serve import serve  # noqa: E402

main.add_command(serve)


@gazetteer.command()
@click.argument("corpus", nargs=-1, required=True)
@click.option("--top", default=25, show_default=True, help="How many unresolved names to list.")
def coverage(corpus, top) -> None:
    """Share of the place names in CORPUS (text, HTML or JSON Lines files) that the
    gazetteer resolves, by country and by kind of failure, and the unresolved names
    met most often: what to add to the gazetteer next."""
    from .coverage import format_coverage, measure
    from .ingest import read_inputs

    click.echo(format_coverage(measure(read_inputs(corpus)), top=top))


if __name__ == "__main__":  # pragma: no cover
    main()
