"""The dashboard in headless Chromium against the real app: markers, the incident panel
with highlighted evidence, untrusted report text shown as text, the timeline brush,
review with the token, and no request leaving 127.0.0.1.

Needs Debian's chromium at /usr/bin/chromium (installed by .ci/run) and the Python
playwright package; Playwright's own browser downloads are never used.
"""
from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("Debian's chromium is not installed at /usr/bin/chromium (.ci/run installs it)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
pytest.importorskip("uvicorn")

from jsonl import write_jsonl  # noqa: E402
from loopback import running  # noqa: E402
from marsad.api.app import create_app  # noqa: E402
from marsad.cli_store import run_ingest  # noqa: E402
from marsad.store import Store  # noqa: E402

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
TOKEN = "browser-test-token"
SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src="x" onerror="window.__pwned=2">'  # runs if ever parsed as HTML, script or not

# Short reports written for this test: one strike told by two outlets (two claims),
# a shelling 5 km away (clusters with it at country zoom), a clash, and a strike far
# east whose text carries a script and markup that must show as text.
REPORTS = [
    {"id": "t-xss", "outlet": "شبكة <i>الاختبار</i>", "url": "javascript:alert(1)", "published": "2019-06-12",
     "text": f"قصفت طائرات النظام أمس مدينة البوكمال ما أدى إلى مقتل 8 مدنيين. {SCRIPT} <b>html</b> {IMG}"},
    {"id": "t-ham-1", "outlet": "وكالة أ", "url": "https://a.example/1", "published": "2019-06-10",
     "text": "قصفت طائرات النظام أمس بلدة حمورية في الغوطة الشرقية ما أدى إلى مقتل 11 مدنيا."},
    {"id": "t-ham-2", "outlet": "وكالة ب", "url": "https://b.example/2", "published": "2019-06-10",
     "text": "قال الدفاع المدني إن 14 مدنيا قتلوا أمس في غارات لطائرات النظام على بلدة حمورية."},
    {"id": "t-duma", "outlet": "وكالة ب", "url": "https://b.example/3", "published": "2019-06-11",
     "text": "قتل 5 مدنيين أمس بقصف مدفعي لقوات النظام على مدينة دوما."},
    {"id": "t-latamneh", "outlet": "وكالة أ", "url": "https://a.example/4", "published": "2019-06-14",
     "text": "اندلعت اشتباكات عنيفة أمس بين قوات النظام وفصائل المعارضة قرب بلدة اللطامنة "
             "في ريف حماة أسفرت عن مقتل 4 عناصر."},
]


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    """The database of REPORTS, and the incident id of each report."""
    tmp = tmp_path_factory.mktemp("dashboard")
    inputs = write_jsonl(tmp / "reports.jsonl", REPORTS)
    db = tmp / "marsad.db"
    summary = run_ingest([str(inputs)], db=str(db))
    assert summary.failed == 0 and summary.events >= 4, summary.lines()
    with Store(db) as store:
        incident_of = {e["report"]["id"]: e["incident_id"] for e in store.events()}
    assert {"t-xss", "t-ham-1", "t-ham-2"} <= set(incident_of), incident_of
    assert incident_of["t-ham-1"] == incident_of["t-ham-2"]
    return db, incident_of


@pytest.fixture(scope="module")
def server(database):
    """The real app, with reviews allowed by TOKEN; its base URL."""
    with running(create_app(database[0], token=TOKEN)) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    """A fresh page, recording every request and every script error."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="en-GB")
    pg = context.new_page()
    pg.requests = []
    pg.errors = []
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    context.close()


def _only_local(urls: list[str], base: str) -> list[str]:
    """The requests that went anywhere but the app (data: and blob: URLs stay in the page)."""
    origin = urlsplit(base)
    return [u for u in urls if urlsplit(u).scheme not in ("data", "blob")
            and (urlsplit(u).hostname, urlsplit(u).port) != (origin.hostname, origin.port)]


def _open(page, server, hash_: str = ""):
    page.goto(f"{server}/{hash_}")
    page.wait_for_selector("body[data-ready='1']", timeout=20000)


def test_dashboard_shows_markers_and_the_evidence_of_a_clicked_incident(page, server, database):
    _, incident_of = database
    _open(page, server)
    page.wait_for_selector(".marsad-marker, .marsad-cluster", timeout=15000)
    assert page.locator(".marsad-marker").count() + page.locator(".marsad-cluster").count() >= 1
    assert page.locator("#timeline svg rect.bar").count() >= 1
    assert page.evaluate("document.querySelector('.leaflet-overlay-pane canvas') !== null")  # the basemap

    marker = page.locator(f".marsad-marker[data-incident-id='{incident_of['t-xss']}']")
    marker.wait_for(state="visible", timeout=10000)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard-overview.png"))
    marker.click()
    panel = page.locator("#incident-panel")
    panel.wait_for(state="visible")
    page.wait_for_selector("#incident-panel .report-text mark.evidence", timeout=10000)

    claims = panel.locator("table.claims tbody tr")
    assert claims.count() >= 1 and "8" in claims.first.inner_text()
    text = panel.locator(".report-text")
    assert text.get_attribute("dir") == "rtl" and text.get_attribute("lang") == "ar"
    shown = text.text_content()
    assert shown == REPORTS[0]["text"]
    marks = panel.locator("mark.evidence").all_text_contents()
    assert marks and all(m and m in shown for m in marks)
    assert panel.locator("mark.evidence.ev-sentence").count() >= 1
    assert panel.locator("mark.evidence.ev-claim").all_text_contents() == ["8"]

    # Untrusted text is text: the script did not run, the markup is visible, no element was made.
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert SCRIPT in text.inner_text() and "<b>html</b>" in text.inner_text()
    assert panel.locator("script, img, .report-text b, .report-text i, .outlets i").count() == 0
    assert "<i>" in panel.locator(".outlets").inner_text()
    assert panel.locator("a[href^='javascript']").count() == 0

    page.screenshot(path=str(ARTIFACTS / "dashboard-incident.png"))
    assert page.errors == []
    assert _only_local(page.requests, server) == []


def test_dashboard_cluster_click_zooms_to_its_markers(page, server, database):
    _, incident_of = database
    _open(page, server)
    cluster = page.locator(".marsad-cluster")
    cluster.first.wait_for(state="visible", timeout=15000)
    assert cluster.first.inner_text().strip().isdigit()
    cluster.first.click()
    # Hamouriyah and Duma, 5 km apart, part once zoomed in.
    for rid in ("t-ham-1", "t-duma"):
        page.locator(f".marsad-marker[data-incident-id='{incident_of[rid]}']").wait_for(state="visible", timeout=10000)
    assert _only_local(page.requests, server) == []


def test_dashboard_timeline_brush_filters_the_map(page, server):
    _open(page, server)
    page.wait_for_selector(".marsad-marker, .marsad-cluster", timeout=15000)
    before = int(page.evaluate("document.body.dataset.markers"))
    box = page.locator("#timeline .brush-overlay").bounding_box()
    # Drag over the first fifth of the dates: the strikes of 9 June only.
    page.mouse.move(box["x"] + 1, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.2, box["y"] + box["height"] / 2, steps=6)
    page.mouse.up()
    sync_api.expect(page.locator("body")).not_to_have_attribute("data-markers", str(before), timeout=10000)
    assert int(page.evaluate("document.body.dataset.markers")) < before
    assert page.input_value("#f-since") == "2019-06-09"
    assert "since=2019-06-09" in page.url
    assert page.locator("#timeline .brush-selection").get_attribute("visibility") == "visible"


def test_dashboard_review_needs_the_token_and_shows_beside_the_machine(page, server, database):
    _, incident_of = database
    incident = incident_of["t-ham-1"]
    _open(page, server, f"#incident={incident}")
    panel = page.locator("#incident-panel")
    panel.locator("table.side-by-side").wait_for(timeout=10000)
    assert panel.locator("table.claims tbody tr").count() == 2  # 11 and 14, two outlets

    panel.locator("input[name=token]").fill("wrong")
    panel.locator("button.confirm").click()
    sync_api.expect(panel.locator(".review-status")).to_contain_text("wrong", timeout=10000)

    panel.locator("input[name=token]").fill(TOKEN)
    panel.locator("input[name=analyst]").fill("tester")
    panel.locator("button.correct").click()
    panel.locator("input[name=fatalities]").fill("12")
    panel.locator("button.primary").click()
    panel.locator(".badge.review-corrected").first.wait_for(timeout=10000)
    row = panel.locator("table.side-by-side tr", has_text="Fatalities")
    assert row.locator("td").all_text_contents() == ["11", "12"]  # machine, analyst

    with urllib.request.urlopen(f"{server}/api/incidents/{incident}") as resp:
        stored = json.load(resp)
    assert stored["fatalities"]["best"] == 11  # the machine's output is kept
    assert stored["review"]["corrections"] == {"fatalities": 12}
    assert page.evaluate("sessionStorage.getItem('marsad.token')") == TOKEN
    page.wait_for_selector(f".marsad-marker.review-corrected[data-incident-id='{incident}'], .marsad-cluster",
                           timeout=10000)


def test_dashboard_without_a_token_disables_review_and_draws_configured_tiles(browser, database):
    db, incident_of = database
    # A tile URL on the app itself (the tiles 404): the page must ask only there.
    with running(create_app(db, token=None, tile_url="/tiles/{z}/{x}/{y}.png")) as base:
        context = browser.new_context(viewport={"width": 1200, "height": 800})
        pg = context.new_page()
        requests: list[str] = []
        pg.on("request", lambda r: requests.append(r.url))
        try:
            _open(pg, base, f"#incident={incident_of['t-duma']}")
            pg.locator("#incident-panel fieldset.review-controls").wait_for(timeout=10000)
            for button in ("confirm", "correct", "reject"):
                assert pg.locator(f"#incident-panel button.{button}").is_disabled()
            assert "--token" in pg.locator("#incident-panel .review-controls .hint").inner_text()
            pg.wait_for_selector(".leaflet-tile-pane img.leaflet-tile", state="attached", timeout=10000)
            assert any("/tiles/" in u for u in requests)
            assert _only_local(requests, base) == []
        finally:
            context.close()


def test_dashboard_keeps_hostile_text_inert_without_the_apps_csp(browser, server, database):
    """The app's Content-Security-Policy blocks inline scripts; the dashboard must be safe
    without it too (a proxy may drop the header): the page is loaded with CSP bypassed."""
    _, incident_of = database
    context = browser.new_context(bypass_csp=True)
    pg = context.new_page()
    try:
        _open(pg, server, f"#incident={incident_of['t-xss']}")
        pg.wait_for_selector("#incident-panel .report-text mark.evidence", timeout=10000)
        pg.locator(f".marsad-marker[data-incident-id='{incident_of['t-xss']}']").hover()  # its tooltip
        pg.wait_for_timeout(300)  # an onerror handler would have fired by now
        assert pg.evaluate("typeof window.__pwned") == "undefined"
        assert IMG in pg.locator("#incident-panel .report-text").inner_text()
        assert pg.locator("#incident-panel img, #incident-panel script").count() == 0
    finally:
        context.close()
