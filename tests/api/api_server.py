"""A real marsad server on loopback for the API tests, and a database filled by a real ingest.

    with running(create_app(db)) as base:          # loopback.running: uvicorn in a thread
        httpx.get(base + "/api/health")

The reports are short Arabic sentences written for these tests, plus the seed
page from tests/fixtures/seed; one report carries markup (``<script>``) that
must come back as plain JSON text.
"""
from __future__ import annotations

import atexit
import shutil
import tempfile
from datetime import date
from functools import cache
from pathlib import Path

from jsonl import write_jsonl
from loopback import running  # noqa: F401  (the API tests import it from here)
from marsad.cli_store import run_ingest
from marsad.store import Store

SEED_PAGE = Path(__file__).resolve().parents[1] / "fixtures" / "seed" / "000_28f75ed6b0d49b5e.txt"
SEED = SEED_PAGE.stem  # a text file's report id is its name
SCRIPT = "<script>alert('x')</script> <b>عاجل</b>"
REPORTS = [
    # One Russian air strike on Saraqib told by two outlets: one incident of two events.
    {"id": "api-1", "outlet": "شبكة شام", "url": "https://sham.example/api/1", "published": "2018-03-21",
     "title": "غارات على سراقب",
     "text": "قصفت طائرات حربية روسية أمس مدينة سراقب في ريف إدلب ما أدى إلى مقتل 7 مدنيين بينهم طفلان."},
    {"id": "api-2", "outlet": "عنب بلدي", "url": "https://enab.example/api/2", "published": "2018-03-21",
     "text": "قتل 9 مدنيين على الأقل في غارات جوية روسية استهدفت مدينة سراقب يوم أمس، بحسب الدفاع المدني."},
    # A clash in Hama governorate.
    {"id": "api-3", "outlet": "سمارت", "url": "https://smart.example/api/3", "published": "2018-03-10",
     "text": "اندلعت اشتباكات عنيفة أمس بين قوات النظام وفصائل المعارضة في محيط بلدة اللطامنة بريف حماة "
             "أسفرت عن مقتل 4 عناصر."},
    # An IED in Aleppo governorate, in a text with markup in it.
    {"id": "api-4", "outlet": "أورينت", "url": "https://orient.example/api/4", "published": "2017-11-05",
     "text": f"انفجرت عبوة ناسفة أمس في مدينة الباب بريف حلب ما أدى إلى مقتل 3 مدنيين. {SCRIPT}"},
    # No event at all.
    {"id": "api-5", "outlet": "الوطن", "url": "https://watan.example/api/5", "published": "2018-01-02",
     "text": "عقد مجلس المحافظة اجتماعه الدوري أمس لمناقشة واقع الخدمات والمياه في المدينة وسبل تحسينها "
             "خلال الشتاء."},
]


def fill(db: Path) -> None:
    """Ingest the test reports and the seed page into ``db`` through the real store."""
    source = write_jsonl(db.parent / "reports.jsonl", REPORTS)
    assert run_ingest([str(source)], str(db)).failed == 0
    assert run_ingest([str(SEED_PAGE)], str(db), published=date(2018, 3, 21), outlet="Orient News").failed == 0
    with Store(db) as store:
        store.checkpoint()  # everything in the main file: a copy of it is the whole database


@cache
def _template() -> Path:
    directory = tempfile.mkdtemp(prefix="marsad-api-test-")
    atexit.register(shutil.rmtree, directory, True)
    path = Path(directory) / "template.db"
    fill(path)
    return path


def filled_db(directory: Path) -> Path:
    """A fresh copy of the filled test database in ``directory`` (filled once per test process)."""
    path = directory / "marsad.db"
    shutil.copyfile(_template(), path)
    return path
