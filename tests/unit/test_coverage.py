"""The gazetteer coverage report: what share of a corpus's place words resolves."""
from __future__ import annotations

from marsad.coverage import format_coverage, measure
from marsad.model import Article, Failure


def test_coverage_counts_resolved_and_unresolved_place_words():
    articles = [
        Article(id="a", text="قصفت الطائرات مدينة حلب وبلدة حريتان وقرية زعفرانكو في ريف حلب الشمالي."),
        Article(id="b", text="اشتباكات في حي القدم جنوب دمشق."),
        Failure(id="c", stage="read", reason="empty input"),
    ]
    report = measure(articles)
    assert report.reports == 2 and report.skipped == 1
    assert report.names["قريه زعفرانكو"] == 1
    assert sum(report.unresolved.values()) == 1
    assert sum(report.resolved.values()) >= 4
    assert 0.7 < report.share_resolved < 1.0
    text = format_coverage(report)
    assert "share resolved" in text and "قريه زعفرانكو" in text
