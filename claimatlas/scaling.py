"""Adversarial document shapes for scaling checks: the analysis must grow about linearly with each.

Each shape is a function of a size ``n`` that returns one article's text. ``growth_exponent`` fits
time ~ n^k over several sizes; an exponent near 1 is linear. ``bench/scaling.py`` prints it for every
shape, and a test compares two sizes of two shapes.
"""
from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence

from claimatlas.model import Document
from claimatlas.pipeline import Resources, analyse_documents

TOWNS = ("Bamako", "Kayes", "Gao", "Mopti", "Segou", "Sikasso", "Timbuktu", "Kidal", "Niono", "Djenne", "Koutiala",
         "Nioro", "Diema", "Kita", "Bougouni", "Koulikoro", "Menaka", "Ansongo", "Bourem", "Tessalit")
PEOPLE = ("Amadou Traore", "Fatoumata Diallo", "Moussa Keita", "Aminata Coulibaly", "Ibrahim Toure",
          "Mariam Sangare", "Oumar Diarra", "Awa Konate")


def comma_list(n: int) -> str:
    """One sentence listing ``n`` place names separated by commas."""
    return "Fighters were seen in " + ", ".join(TOWNS[i % len(TOWNS)] for i in range(n)) + "."


def county_list(n: int) -> str:
    """One sentence listing ``n`` names before "counties"."""
    return "Schools closed in " + ", ".join(TOWNS[i % len(TOWNS)] for i in range(n)) + " and Knox counties."


def long_sentence(n: int) -> str:
    """One sentence of about ``n`` tokens without a full stop."""
    return "The convoy " + " ".join(("moved", "slowly", "towards", "the", "border", "and") * (n // 6)) + " stopped."


def one_word_lines(n: int) -> str:
    """``n`` lines of one word each."""
    return "\n".join(TOWNS[i % len(TOWNS)] for i in range(n))


def many_quotes(n: int) -> str:
    """``n`` quoted sentences, each attributed."""
    return " ".join(f'"The situation in {TOWNS[i % len(TOWNS)]} is calm," an official said.' for i in range(n))


def many_people(n: int) -> str:
    """One sentence naming ``n`` people."""
    return "The meeting brought together " + ", ".join(PEOPLE[i % len(PEOPLE)] for i in range(n)) + "."


def nested_brackets(n: int) -> str:
    """Brackets nested ``n`` deep around a claim."""
    return "(" * n + "Fighters attacked Gao" + ")" * n + "."


SHAPES: dict[str, Callable[[int], str]] = {
    "comma_list": comma_list, "county_list": county_list, "long_sentence": long_sentence, "one_word_lines": one_word_lines,
    "many_quotes": many_quotes, "many_people": many_people, "nested_brackets": nested_brackets,
}


def analysis_seconds(text: str, resources: Resources) -> float:
    """Wall time of the full analysis of a document with this text and a copy of it (model already loaded),
    the story stage included: grouping and lineage compare the two."""
    from claimatlas.stories.find import stories_of_records

    start = time.perf_counter()
    records = analyse_documents([Document(id="shape", path="shape.txt", text=text),
                                 Document(id="copy", path="copy.txt", text="Update: " + text)], resources)
    stories_of_records(records)
    return time.perf_counter() - start


def growth_exponent(sizes: Sequence[int], seconds: Sequence[float]) -> float:
    """The least-squares slope of log(time) against log(size): 1 is linear, 2 quadratic."""
    xs, ys = [math.log(s) for s in sizes], [math.log(max(t, 1e-6)) for t in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
