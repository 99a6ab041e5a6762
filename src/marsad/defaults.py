"""Every default marsad uses, in one place, each with why it is what it is."""
from __future__ import annotations

# Reading ---------------------------------------------------------------------
# A news page's text is rarely over 200 KB; 5 MB of input leaves room for
# heavy HTML while refusing dumps that would stall a batch (a 20 MB "page"
# is a crawl accident, not a report).
MAX_INPUT_BYTES = 5 * 1024 * 1024
# Share of letters that must be Arabic script for a text to count as Arabic.
# Arabic pages quote English names and URLs; 0.5 keeps those and rejects
# English or French pages (checked on the corpus: Arabic pages sit above 0.8).
MIN_ARABIC_LETTER_SHARE = 0.5
# Fewer Arabic letters than this is no report (a counter, a stub, an error page).
MIN_ARABIC_LETTERS = 40

# Output ----------------------------------------------------------------------
JSON_ENSURE_ASCII = False  # Arabic is written as Arabic, never \uXXXX
