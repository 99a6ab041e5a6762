"""The pure centre: extract one article; a batch survives its bad articles."""
from __future__ import annotations

from datetime import date

import pytest

import marsad.pipeline as pipeline
from marsad.model import Article, Document, Failure
from marsad.pipeline import extract, extract_many, resolve_dates

GOOD = Article(id="good", text="قصفت طائرات النظام أمس مدينة إدلب ما أدى إلى مقتل خمسة مدنيين.", published=date(2018, 3, 21))


def test_pipeline_extract_is_pure_and_repeatable():
    assert extract(GOOD) == extract(GOOD)


def test_pipeline_text_without_any_event_word_gives_no_event():
    doc = extract(Article(id="q", text="افتتح وزير الثقافة معرضا للكتاب في دمشق وسط حضور كبير من الزوار."))
    assert doc.events == ()


def test_pipeline_non_arabic_text_is_a_failure_not_a_crash():
    english = Article(id="en", text="The army said on Monday that it had taken the town after heavy fighting. " * 5)
    results = list(extract_many([english, GOOD]))
    assert isinstance(results[0], Failure) and results[0].reason.startswith("not Arabic")
    assert isinstance(results[1], Document)


def test_pipeline_an_unexpected_error_fails_one_article_only(monkeypatch):
    real = pipeline.recognise

    def flaky(article, *args, **kwargs):
        if article.id == "bad":
            raise RuntimeError("boom")
        return real(article, *args, **kwargs)

    monkeypatch.setattr(pipeline, "recognise", flaky)
    bad = Article(id="bad", text=GOOD.text, published=GOOD.published)
    results = list(extract_many([bad, GOOD, Failure("gone", "read", "empty input")]))
    assert [type(r).__name__ for r in results] == ["Failure", "Document", "Failure"]
    assert results[0].reason == "RuntimeError: boom"


@pytest.mark.parametrize(
    ("text", "published", "reference"),
    [
        ("قصف أمس", date(2018, 3, 21), date(2018, 3, 21)),
        ("نشر في 19 آذار 2018. وقصفت الطائرات أمس", None, date(2018, 3, 19)),
        ("قصفت الطائرات أمس", None, None),
        # The only full date is history the report recalls: a year named long after it says so.
        ("منذ حرب 5 حزيران 1967 لم تشهد المنطقة مثل ما جرى عام 2012 حين قصفت الطائرات أمس", None, None),
        ("في 5 حزيران 2011 وخلال عام 2012 قصفت الطائرات أمس", None, date(2011, 6, 5)),
    ],
)
def test_pipeline_reference_date_is_publication_else_the_texts_latest_full_date(text, published, reference):
    got, dates = resolve_dates(Article(id="d", text=text, published=published))
    assert got == reference
    relative = [d for d in dates if d.text == "أمس"]
    if reference is None:
        assert relative[0].value.start is None  # never guessed
    else:
        assert relative[0].value.start is not None


def test_pipeline_a_year_named_as_a_horizon_does_not_make_the_reference_history():
    text = "في 2 حزيران 2015 أعلنت الحكومة خطة تمتد إلى عام 2025، وقصفت الطائرات أمس"
    reference, _ = resolve_dates(Article(id="h", text=text))
    assert reference == date(2015, 6, 2)
