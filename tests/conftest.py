"""The one conftest: shared fixtures, each named for what it gives."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest

# A developer's own gazetteer (marsad gazetteer add) must not change anybody's tests:
# every test run, and every process it starts, gets an empty marsad home of its own.
os.environ["MARSAD_HOME"] = tempfile.mkdtemp(prefix="marsad-test-home-")

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "seed"
# ../shared beside the repository: gold, corpus. Tests that need it skip without it.
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def seed_inputs() -> list[dict]:
    return [json.loads(line) for line in (SEED / "seed.input.jsonl").read_text("utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def seed_gold() -> list[dict]:
    return [json.loads(line) for line in (SEED / "seed.gold.jsonl").read_text("utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def seed_page() -> Path:
    return SEED / "000_28f75ed6b0d49b5e.txt"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "gold" / "dev.jsonl").exists():
        pytest.skip("../shared is not beside the repository")
    return SHARED
