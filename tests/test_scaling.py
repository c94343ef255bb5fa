"""The analysis grows about linearly on adversarial shapes (a ratio of times, never an absolute time)."""
from __future__ import annotations

import time

import pytest

from claimatlas.claims.units import quote_spans
from claimatlas.model import Document
from claimatlas.pipeline import fit_budget
from claimatlas.scaling import SHAPES, analysis_seconds, growth_exponent

# Four times the input may cost at most about six times the time (linear with noise, not quadratic).
MAX_RATIO = 6.0


@pytest.mark.parametrize("shape", ["comma_list", "many_people"])
def test_four_times_the_input_costs_at_most_six_times_the_time(resources, shape):
    analysis_seconds("A warm-up sentence about Gao.", resources)
    # The best of three runs of each size, so that a pause of the machine does not read as growth.
    small = min(analysis_seconds(SHAPES[shape](300), resources) for _ in range(3))
    large = min(analysis_seconds(SHAPES[shape](1200), resources) for _ in range(3))
    assert large / small < MAX_RATIO, (shape, small, large)


QUOTE_SHAPES = {
    "one long run of paragraph breaks": lambda n: "“An open quote" + "\n" * n + "“and the next paragraph”",
    "paragraphs that each go on with the quote": lambda n: "“An open quote" + "\n\n“word" * (n // 8),
}


@pytest.mark.parametrize("shape", sorted(QUOTE_SHAPES))
def test_quotes_are_found_in_linear_time(shape):
    def seconds(n: int) -> float:
        text = QUOTE_SHAPES[shape](n)
        start = time.perf_counter()
        quote_spans(text)
        return time.perf_counter() - start
    small = min(seconds(50_000) for _ in range(3))
    large = min(seconds(200_000) for _ in range(3))
    assert large / small < MAX_RATIO, (shape, small, large)


@pytest.mark.parametrize("sizes, seconds, exponent", [
    ([1, 2, 4], [1.0, 2.0, 4.0], 1.0),
    ([1, 2, 4], [1.0, 4.0, 16.0], 2.0),
])
def test_growth_exponent(sizes, seconds, exponent):
    assert growth_exponent(sizes, seconds) == pytest.approx(exponent)


def test_budget_cuts_long_documents_and_long_words_with_a_warning():
    document = Document(id="d", path="big.txt", text="Gao. " * 100 + "(" * 1000)
    fitted = fit_budget(document, 300)
    assert len(fitted.text) == 300 and document.text.startswith(fitted.text)
    assert any("big.txt" in w and "300" in w for w in fitted.warnings)
    split = fit_budget(document, 10_000)
    assert max(len(word) for word in split.text.split()) <= 200
    assert any("split" in w for w in split.warnings)
    assert document.warnings == [] and fit_budget(Document("e", "e.txt", "Short."), 300).text == "Short."


@pytest.mark.parametrize(("language", "line"), [
    ("fr", "Les jihadistes ont attaqué le poste numéro {i} près de Kayes, selon l'armée."),
    ("en", "Jihadist Fighters Attack Army Post Number {i} Near Bamako\n"),
])
def test_sentence_and_headline_components_grow_linearly(resources, language, line):
    """Sentence starts are written in one pass (token by token, spaCy checks the whole document at each
    write); French sentences at punctuation, English title-case headlines."""
    import time

    nlp = resources.pack(language).nlp

    def seconds(n: int) -> float:
        text = " ".join(line.format(i=i) for i in range(n))
        start = time.perf_counter()
        nlp(text)
        return time.perf_counter() - start

    seconds(20)
    small = min(seconds(250) for _ in range(2))
    large = min(seconds(1000) for _ in range(2))
    assert large / small < MAX_RATIO, (language, small, large)
