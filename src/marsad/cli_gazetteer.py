"""``marsad gazetteer``: add a GeoNames country dump, say what is loaded.

Registered on the main group by cli.py (``main.add_command(gazetteer)``).
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

# Country groups for ``info``: the Arab League, the neighbours whose border areas the package covers, the rest.
ARAB_LEAGUE = frozenset(["DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "PS", "QA", "SA", "SO", "SD", "SY", "TN", "AE", "YE"])
BORDER = frozenset(["TR", "IR", "TD", "SS", "IL"])


@click.group()
def gazetteer() -> None:
    """The places marsad knows: add your own GeoNames dump, or see what is loaded.

    \b
    Village-level coverage for a country:
      1. download SY.zip from https://download.geonames.org/export/dump/
         (and alternatenames/SY.zip for all Arabic spellings)
      2. marsad gazetteer add SY.zip --alternate-names alternatenames/SY.zip
    """


@gazetteer.command()
@click.argument("dump", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--alternate-names", "alternate_names", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="GeoNames alternateNames file (zip or txt: alternatenames/XX.zip or alternateNamesV2.zip) "
                   "for the dump's Arabic spellings; read from the dump's zip when it holds one.")
def add(dump: Path, alternate_names: Path | None) -> None:
    """Merge DUMP (a GeoNames country dump, XX.zip or XX.txt) into your gazetteer.

    Populated places, admin1/admin2 units, airports, bases, dams, border posts
    and refugee camps are kept with their Arabic and alternate names. Adding a
    country again replaces its earlier import. The places are stored in the
    data directory ($MARSAD_HOME, default ~/.local/share/marsad).
    """
    from .knowledge.geonames import DumpError
    from .knowledge.user_gazetteer import add_dump

    try:
        report = add_dump(dump, alternate_names)
    except DumpError as exc:
        raise click.ClickException(str(exc)) from None
    except UnicodeDecodeError:
        raise click.ClickException(f"not a GeoNames dump: {dump.name} is not UTF-8 text") from None
    if not report.countries:
        raise click.ClickException(f"{dump.name}: no populated places or admin units in it")
    click.echo(report.summary())


@gazetteer.command()
def info() -> None:
    """Say what the gazetteer holds: entries by source and by country, and the data directory."""
    from .knowledge.gazetteer import PLACE_FILES, load_gazetteer, read_tsv
    from .knowledge.user_gazetteer import data_dir, imports, store_path

    g = load_gazetteer()
    click.echo(f"data directory: {data_dir()}")
    store = store_path()
    done = imports(store)
    if done:
        click.echo(f"user gazetteer: {store}")
    else:
        click.echo("user gazetteer: none (add a GeoNames country dump: marsad gazetteer add XX.zip)")
    click.echo(f"\n{len(g):,} places")
    click.echo("\nby source:")
    for name in PLACE_FILES:
        click.echo(f"  {name:<22} {sum(1 for _ in read_tsv(name)):>7,}")
    for i in done:
        click.echo(f"  user: {i['file']:<16} {i['places']:>7,}  ({i['countries']}, added {i['added']}, "
                   f"{i['arabic']:,} with Arabic names)")
    by_feature = Counter(e.feature for e in g.entries)
    click.echo("\nby kind:   " + ", ".join(f"{k} {n:,}" for k, n in by_feature.most_common()))
    places = [e for e in g.entries if e.feature != "country"]
    groups = Counter("Arab League" if e.country in ARAB_LEAGUE else "neighbours (TR IR TD SS IL)"
                     if e.country in BORDER else "elsewhere" for e in places)
    click.echo("by region: " + ", ".join(f"{k} {n:,}" for k, n in groups.most_common()))
    by_country = Counter(e.country for e in places)
    click.echo("by country: " + ", ".join(f"{c} {n:,}" for c, n in by_country.most_common(25))
               + (f" … ({len(by_country)} countries)" if len(by_country) > 25 else ""))
