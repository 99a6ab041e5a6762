"""Every default marsad uses, in one place, each with why it is what it is."""
from __future__ import annotations

# Reading ---------------------------------------------------------------------
# A news page's text is rarely over 200 KB; 5 MB of input leaves room for
# heavy HTML while refusing dumps that would stall a batch (a 20 MB "page"
# is a crawl accident, not a report).
MAX_INPUT_BYTES = 5 * 1024 * 1024
# Share of letters that must be Arabic script for a text to count as Arabic.
# Arabic pages quote English names and URLs; 0.5 keeps those and rejects
# English or French pages. On the corpus two Arabic pages (Latin menus, photo
# credits) fall to 0.46-0.49: text/language.detect_language still calls a page
# Arabic at half this share when its Latin part is not English or French prose.
MIN_ARABIC_LETTER_SHARE = 0.5
# Fewer Arabic letters than this is no report (a counter, a stub, an error page).
MIN_ARABIC_LETTERS = 40

# Output ----------------------------------------------------------------------
JSON_ENSURE_ASCII = False  # Arabic is written as Arabic, never \uXXXX

# Store -------------------------------------------------------------------------
DB_PATH = "marsad.db"  # `marsad ingest/events/incidents` default: one SQLite file here
# Seconds a writer waits for another process's transaction (one report each,
# milliseconds long) before giving up: generous, so parallel ingests queue.
DB_BUSY_TIMEOUT = 60.0

# Incidents (marsad.dedup) --------------------------------------------------------
# Two events of different reports that name one place (the same gazetteer
# entry or name, or a neighbourhood or site and its town) are one incident
# within this distance when both are precise (precision 1). 10 km is the codebook's
# own matching radius (section 9). Different towns never link, however close:
# on the unlabeled corpus a pure distance rule chained the Ghouta towns and
# Damascus (1-7 km apart) into incidents of up to 16 events from 10 reports.
INCIDENT_KM_PRECISE = 10.0
# ... and within this one when one is only "near"/"outskirts of" a town
# (precision 2, coordinates of the town): an outskirt can be a town away.
INCIDENT_KM_NEAR = 25.0
# Whether an event placed only in a governorate (precision 3), or dated only
# to a week or a span of days, joins precise events. Off: on the unlabeled
# corpus, with it on, 11 incidents joined precise places more than 25 km apart
# (a vague event bridging distinct strikes of one day), 0 with it off. Vague events still
# join each other (same admin1; overlapping weeks).
INCIDENT_VAGUE_LINKS_PRECISE = False
# The widest date window that still links: a week-level date (7 days).
INCIDENT_MAX_WINDOW_DAYS = 7

# Near-duplicate reports (syndicated copies) --------------------------------------
SKETCH_SIZE = 64  # bottom-k MinHash size: Jaccard to about +-0.06
SKETCH_INDEXED = 16  # smallest hashes of each sketch kept in the lookup index
# Estimated Jaccard of word 3-grams at or above which two reports are copies
# of one text. Tuned on the unlabeled corpus: copies of one wire story on two
# sites score 0.8-1.0 once their page furniture differs, different stories
# under one site's heavy furniture score up to 0.95 too, so reports that both
# have events must also share one (same type, place and day) to count.
NEAR_DUPLICATE_SIMILARITY = 0.8

# HTTP API (marsad serve) -----------------------------------------------------------
# Loopback by default: reading needs no token, so the data is published only
# when the user names another interface.
API_HOST = "127.0.0.1"
API_PORT = 8000
# POST bodies (/api/extract, reviews). A news page's text is rarely over 200 KB;
# 2 MB of JSON leaves room for a heavy HTML page and refuses dumps that would
# hold a worker for seconds.
API_MAX_BODY = 2 * 1024 * 1024
# The whole query string (a URL over 4 KB is no filter a person wrote) and one
# parameter's value (a name, a date, a bbox or a few search words).
API_MAX_QUERY = 4096
API_MAX_PARAM = 500
# Rows of one page of events or incidents: enough for a table, small enough that
# one request cannot ask for the whole database.
API_DEFAULT_LIMIT = 100
API_MAX_LIMIT = 1000
# Map markers: a map shows a few thousand points before it is unreadable; the
# ceiling keeps one GeoJSON response under ~10 MB.
API_GEOJSON_DEFAULT_LIMIT = 5000
API_GEOJSON_MAX_LIMIT = 20000
# SQLite integers are 64-bit and a deep OFFSET still walks every row before it:
# past ten million rows a client should filter, not page.
API_MAX_OFFSET = 10_000_000
# An analyst's note on a review: a paragraph, not a document.
REVIEW_MAX_NOTE = 4000
