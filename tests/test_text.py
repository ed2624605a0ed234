from sitrep.extract.text import numbers_in, parse_amount, parse_count, parse_number, split_sentences
from sitrep.model import Span


def test_sentences_keep_offsets_into_the_text():
    text = "  Kyiv was hit overnight. Two people died.\nThe U.S. said more.\n\n- A bullet line"
    sents = split_sentences(text)
    assert [s.text for s in sents] == ["Kyiv was hit overnight.", "Two people died.", "The U.S. said more.",
                                       "- A bullet line"]
    for s in sents:
        assert text[s.start:s.end] == s.text


def test_sentences_skip_boilerplate_spans():
    text = "Odesa was struck. Join us on Telegram for updates."
    skip = (Span(text.index("Join"), len(text)),)
    assert [s.text for s in split_sentences(text, skip)] == ["Odesa was struck."]


def test_abbreviations_and_initials_do_not_end_sentences():
    text = "Gen. Syrskyi met Mr. Smith and Donald J. Trump. Then they left."
    assert len(split_sentences(text)) == 2


def test_numbers_in_words_and_digits():
    assert parse_number("twenty-one") == 21
    assert parse_number("1,085") == 1085
    assert parse_number("a dozen") == 12
    assert parse_number("dozens") is None
    assert parse_count("6.5") is None
    assert parse_amount("£150 million") == 150_000_000
    assert parse_amount("$1.5bn") == 1_500_000_000


def test_numbers_in_reads_scales_and_words():
    found = numbers_in("intercepted six out of seven, and pledged $186.6 million")
    assert {6, 7, 186_600_000} <= found
    assert 8 not in found


def test_boilerplate_sharing_a_line_with_the_lead_is_cut_not_the_sentence():
    text = " date 2024-09-14 Ukrainian forces shot down 72 drones overnight. More follows."
    skip = (Span(0, len(" date 2024-09-14")),)
    first = split_sentences(text, skip)[0]
    assert first.text == "Ukrainian forces shot down 72 drones overnight."
    assert text[first.start:first.end] == first.text
