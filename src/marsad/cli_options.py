"""What the command-line modules share: option parsers."""
from __future__ import annotations

from datetime import date

import click


def parse_day(ctx, param, value):
    """A click callback: YYYY-MM-DD to a date, with an error that shows the form."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2018-03-21")
