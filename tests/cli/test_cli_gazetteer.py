"""``marsad gazetteer add`` and ``marsad gazetteer info``."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from marsad.cli_gazetteer import gazetteer
from marsad.knowledge import load_gazetteer

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "geonames"


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("MARSAD_HOME", str(tmp_path / "home"))
    load_gazetteer.cache_clear()
    yield tmp_path / "home"
    load_gazetteer.cache_clear()


@pytest.fixture
def files(tmp_path) -> tuple[Path, Path]:
    dump, names = tmp_path / "SY.zip", tmp_path / "names" / "SY.zip"
    names.parent.mkdir()
    with zipfile.ZipFile(dump, "w") as z:
        z.write(FIXTURE / "SY.txt", "SY.txt")
    with zipfile.ZipFile(names, "w") as z:
        z.write(FIXTURE / "alternateNamesV2.txt", "SY.txt")
    return dump, names


def _run(*args: str):
    return CliRunner().invoke(gazetteer, list(args))


def test_cli_gazetteer_add_prints_what_it_added(home, files):
    dump, names = files
    result = _run("add", str(dump), "--alternate-names", str(names))
    assert result.exit_code == 0, result.output
    assert "SY.zip: 6 new places for SY" in result.output
    assert "3 town" in result.output and "1 admin2" in result.output
    assert str(home / "gazetteer.sqlite") in result.output
    assert (home / "gazetteer.sqlite").is_file()


def test_cli_gazetteer_info_without_user_gazetteer(home):
    result = _run("info")
    assert result.exit_code == 0, result.output
    assert f"data directory: {home}" in result.output
    assert "user gazetteer: none" in result.output
    for name in ("places_geonames.tsv", "admin1.tsv", "admin2.tsv", "places_curated.tsv", "countries.tsv"):
        assert name in result.output
    assert "Arab League" in result.output and "SY " in result.output


def test_cli_gazetteer_info_after_add_lists_the_import(home, files):
    dump, names = files
    _run("add", str(dump), "--alternate-names", str(names))
    result = _run("info")
    assert result.exit_code == 0, result.output
    assert "user: SY.zip" in result.output and "8 with Arabic names" in result.output


@pytest.mark.parametrize(
    "name, content, message",
    [("cities.csv", "id,name\n1,Aleppo\n", "not a GeoNames dump: expected 19 tab-separated columns"),
     ("SY.zip", "plain text", "not a zip file")],
)
def test_cli_gazetteer_add_wrong_file_is_a_clear_error(home, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = _run("add", str(path))
    assert result.exit_code == 1
    assert message in result.output
    assert not (home / "gazetteer.sqlite").exists()


def test_cli_gazetteer_add_missing_file_is_a_usage_error(home, tmp_path):
    result = _run("add", str(tmp_path / "nope.zip"))
    assert result.exit_code == 2 and "does not exist" in result.output
