"""The claim view (pipeline._claim_view) and the offset map it keeps as runs."""
from __future__ import annotations

import re
from bisect import bisect_left
from itertools import chain
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.pipeline import _BLANK_KEPT, _HARM, _claim_view
from marsad.text.normalise import Normalised, normalise
from marsad.text.offsets import RangeChain
from marsad.text.sentences import split_sentences

# The words of harm, one alternative each: what pipeline._HARM must find.
_HARM_PLAIN = re.compile(r"قتل|قتيل|شهيد|شهدا|ضحاي|ضحيه|جرح|جريح|مصاب|اصاب|جثث|جثه|حتف|مصرع|اسري|اسير|مفقود|اعدام|نحر")


def _reference_view(norm: Normalised, sentences: list, triggers: list) -> Normalised:
    """The plain claim view: each sentence tested on its own, the map spelt out."""
    starts = [t.start for t in triggers]
    source, nt, original = norm.source, norm.text, norm.original
    raw, folded, mapped = [], [], []
    done = done_n = 0
    for s in sentences:
        a, b = bisect_left(source, s.start), bisect_left(source, s.end)
        if not (bisect_left(starts, s.start) < bisect_left(starts, s.end) or _HARM_PLAIN.search(nt, a, b)):
            continue
        keep = min(a - done_n, _BLANK_KEPT)
        raw += [" " * (s.start - done), original[s.start:s.end]]
        folded += [" " * keep, nt[a:b]]
        mapped += [source[done_n:done_n + keep], source[a:b]]
        done, done_n = s.end, b
    raw.append(" " * (len(original) - done))
    keep = min(len(nt) - done_n, _BLANK_KEPT)
    folded.append(" " * keep)
    mapped.append(source[done_n:done_n + keep])
    return Normalised("".join(raw), "".join(folded), tuple(chain.from_iterable(mapped)))


def _view(text: str, trigger_starts=()) -> Normalised:
    triggers = [SimpleNamespace(start=p) for p in sorted(trigger_starts)]
    return _claim_view(normalise(text), split_sentences(text), triggers)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("افتتح الوزير معرضا. وقتل ثلاثة مدنيين.", ["وقتل ثلاثة مدنيين."]),
        ("سقط شهداء في القصف. الطقس معتدل.", ["سقط شهداء في القصف."]),
        ("أعلن المرصد عن مفقودين.\nالطقس معتدل.", ["أعلن المرصد عن مفقودين."]),
        ("أصاب القصف طفلا. وصل الوفد.", ["أصاب القصف طفلا."]),
        ("وأصيب طفل بجروح. وصل الوفد.", []),  # no word of the list: أصيب, جروح
        ("تم إعدام رجلين. ثم نحر آخر.", ["تم إعدام رجلين.", "ثم نحر آخر."]),
        ("الطقس معتدل. والسماء صافية.", []),
    ],
)
def test_claim_view_keeps_only_sentences_with_a_word_of_harm(text, kept):
    view = _view(text)
    assert len(view.original) == len(text)
    assert [s.text for s in split_sentences(view.original)] == kept


def test_claim_view_keeps_a_sentence_with_a_trigger():
    text = "قصفت الطائرات البلدة. الطقس معتدل."
    view = _view(text, [text.index("قصفت")])
    assert [s.text for s in split_sentences(view.original)] == ["قصفت الطائرات البلدة."]


def test_claim_view_maps_back_when_normalisation_deleted_characters():
    text = "الطقس معتدل. " * 10 + "قُتِلَ ثلاثةٌ."  # diacritics: the map is a tuple
    view = _view(text)
    assert type(view.source) is tuple
    a = view.text.index("قتل")
    start, end = view.to_original(a, a + 3)
    assert text[start:end] == "قُتِل"


def test_claim_view_map_is_runs_when_nothing_was_deleted():
    text = "الطقس معتدل جدا اليوم في المدينة. " * 5 + "قتل ثلاثة." + " الطقس معتدل." * 8 + " جرح اثنان."
    view = _view(text)
    assert isinstance(view.source, RangeChain)
    for word in ("قتل", "جرح"):
        a = view.text.index(word)
        start, end = view.to_original(a, a + 3)
        assert text[start:end] == word


_WORDS = ["قتل", "قتيل", "شهداء", "ضحايا", "جريح", "مصاب", "أصاب", "جثث", "حتفه", "مصرع", "أسرى", "مفقود", "إعدام",
          "نحر", "قَتل", "جـرح", "الطقس", "اسم", "صباح", "سوريا", "نحو", "حرب", "عداد", "مصر", "قصف", "بلدة",
          "وصل الوفد إلى المدينة صباح اليوم بعد رحلة طويلة عبر الطريق الدولي"]  # longer than a kept blank
_GAPS = [" ", " ", "\n", ". ", "، ", "؟ ", " . ", "\n\n", "ً ", "ـ"]
_TEXT = st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_GAPS)), max_size=60).map(
    lambda parts: "".join(w + g for w, g in parts)
)


@given(_TEXT)
@settings(max_examples=300, deadline=None)
def test_claim_view_harm_words_found_as_by_plain_alternatives(text):
    text = normalise(text).text
    assert [bool(_HARM.search(text, m.start(), m.end())) for m in re.finditer(r"\S+", text)] == [
        bool(_HARM_PLAIN.search(text, m.start(), m.end())) for m in re.finditer(r"\S+", text)
    ]


@given(_TEXT, st.lists(st.floats(0, 1), max_size=6))
@settings(max_examples=400, deadline=None)
def test_claim_view_agrees_with_the_plain_view(text, where):
    norm = normalise(text)
    sentences = split_sentences(text)
    triggers = [SimpleNamespace(start=int(f * len(text))) for f in sorted(where)]
    view, ref = _claim_view(norm, sentences, triggers), _reference_view(norm, sentences, triggers)
    assert (view.original, view.text) == (ref.original, ref.text)
    assert len(view.source) == len(ref.source) and tuple(view.source) == ref.source
    assert [view.source[i] for i in range(-len(ref.source), len(ref.source))] == list(ref.source * 2)


@given(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 8)), max_size=8), st.integers(-70, 70))
@settings(max_examples=300, deadline=None)
def test_offsets_range_chain_reads_as_its_tuple(pairs, i):
    runs, lo = [], 0
    for gap, width in pairs:  # increasing runs, some empty, some touching
        lo += gap
        runs.append((lo, lo + width))
        lo += width
    chained, plain = RangeChain(runs), tuple(chain.from_iterable(range(a, b) for a, b in runs))
    assert len(chained) == len(plain) and tuple(chained) == plain
    assert chained[i:] == plain[i:] and chained[::2] == plain[::2]
    if -len(plain) <= i < len(plain):
        assert chained[i] == plain[i]
    else:
        with pytest.raises(IndexError):
            chained[i]
    assert bisect_left(chained, i) == bisect_left(plain, i)
