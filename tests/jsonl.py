"""Writing test reports as a JSON Lines input file (shared by the store, API and browser tests)."""
from __future__ import annotations

import json
from pathlib import Path


def write_jsonl(path: Path, records: list[dict]) -> Path:
    """One record per line, Arabic unescaped; returns ``path``."""
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path
