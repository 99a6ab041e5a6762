"""Frames' helpers: mentions inside a span, the sentences worth reading."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.coder.frames import Sorted, event_places, sentences_holding, within
from marsad.coder.triggers import Trigger, TriggerHit
from marsad.model import Mention, Span

# Out of order on purpose, with two starting together and one running past 20.
_MENTIONS = [Mention("place", s, e, "") for s, e in [(12, 15), (3, 8), (3, 5), (18, 24), (20, 22), (0, 2)]]


def _inside(items, span):
    return [m for m in sorted(items, key=lambda m: m.start) if span.start <= m.start and m.end <= span.end]


@pytest.mark.parametrize(("start", "end"), [(0, 30), (3, 8), (3, 7), (4, 20), (18, 24), (19, 23), (9, 11), (30, 40)])
def test_frames_sorted_within_is_the_mentions_inside(start, end):
    span = Span(start, end, "")
    mentions = Sorted(_MENTIONS)
    assert mentions.within(span) == within(mentions, span) == _inside(_MENTIONS, span)
    assert within(sorted(_MENTIONS, key=lambda m: m.start), span) == _inside(_MENTIONS, span)


def test_frames_sentences_holding_only_those_a_mention_starts_in():
    sentences = [Span(0, 10, ""), Span(12, 20, ""), Span(21, 30, ""), Span(31, 40, "")]
    mentions = [Mention("quantity", 11, 12, ""), Mention("quantity", 14, 16, ""), Mention("quantity", 15, 17, "")]
    triggers = [TriggerHit(28, 33, "", None)]  # starts in the third sentence, runs into the fourth
    assert sentences_holding(sentences, Sorted(triggers), Sorted(mentions)) == [sentences[1], sentences[2]]
    assert sentences_holding(sentences) == []
    assert sentences_holding([], mentions) == []


@st.composite
def _sentences_and_starts(draw):
    cuts = sorted(draw(st.sets(st.integers(0, 200), max_size=20)))
    # Every other stretch between cuts is a sentence: sentences in order, gaps between some.
    sentences = [Span(a, b, "") for a, b in zip(cuts[::2], cuts[1::2])]
    starts = draw(st.lists(st.integers(0, 210), max_size=15))
    return sentences, starts


@settings(max_examples=200, deadline=None)
@given(_sentences_and_starts())
def test_frames_sentences_holding_is_any_start_inside(case):
    sentences, starts = case
    mentions = [Mention("date", s, s + 1, "") for s in starts]
    expected = [s for s in sentences if any(s.start <= m.start < s.end for m in mentions)]
    assert sentences_holding(sentences, mentions) == expected


_SHELLING = Trigger("Explosions/Remote violence", "Shelling/artillery/missile attack", True, ())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("في حلب قصفت الطائرات بلدة عربين", True),
        ("في حلب قصفت الطائرات رتلا متجها باتجاه عربين", False),  # where they went, not where it was
        ("في حلب قصفت طائرات انطلقت من قاعدة عربين", False),  # where they came from
    ],
)
def test_frames_event_places_skip_destinations_and_launch_sites(text, expected):
    def mention(word):
        start = text.index(word)
        return Mention("place", start, start + len(word), word)
    hit = TriggerHit(text.index("قصفت"), text.index("قصفت") + 4, "قصفت", _SHELLING)
    places = [mention("حلب"), mention("عربين")]
    assert (places[1] in event_places(text, places, hit)) is expected
    # Asked again (another trigger of the same sentence), the answer is the same.
    assert (places[1] in event_places(text, places, hit)) is expected
