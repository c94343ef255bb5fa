"""Demonyms that modify a name or a noun where the model saw no nationality: "the Nigerian Army", "British
Airways", "an All-American guard", "8,000 Egyptian pounds", and countries' names qualifying a currency ("15.4
billion US dollars"). Like any demonym they are associations with their country (evidence, not pins)."""
from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from geo.gazetteer import Gazetteer
from geo.named_things import first_names

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# A modifier's dependency on the word it qualifies, to its right.
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
# Entities whose demonyms are no association: a language ("in French"), or already a nationality (kept by the
# model pass).
_SKIPPED_LABELS = frozenset({"LANGUAGE", "NORP"})


def demonym_modifiers(doc: Doc, gazetteer: Gazetteer) -> Iterator[tuple[int, int, str]]:
    """(start, end, target) of each capitalised, singular demonym of one or two words ("North American") that
    qualifies a word after it, outside language and nationality entities and not after a first name."""
    skipped = {t.i for ent in doc.ents if ent.label_ in _SKIPPED_LABELS for t in ent}
    i = 0
    while i < len(doc):
        for width in (2, 1):
            words = doc[i:i + width]
            if len(words) < width or words[0].pos_ == "DET" or any(t.i in skipped or not t.text[:1].isupper()
                                                                    for t in words):
                continue
            found = gazetteer.demonym(words.text)
            if found is not None and not found.plural and _qualifies(words[-1]) and not _surname(words[0]):
                yield words.start_char, words.end_char, found.target
                i += width - 1
                break
        i += 1


def currency_countries(doc: Doc, gazetteer: Gazetteer) -> Iterator[tuple[int, int, str]]:
    """(start, end, country) of each one-word country's name qualifying a currency in a sum of money ("15.4 billion
    US dollars", "300 Singapore dollars"): the country's currency, an association like a demonym."""
    for ent in doc.ents:
        if ent.label_ != "MONEY":
            continue
        for token in ent:
            country = gazetteer.nation(token.text) if token.text[:1].isupper() else None
            if country and gazetteer.demonym(token.text) is None and _qualifies(token):
                yield token.idx, token.idx + len(token.text), country


def _surname(token: Token) -> bool:
    """Whether the token follows a capitalised first name, as a surname does ("Percy French", "Dawn French")."""
    before = token.nbor(-1) if token.i > 0 else None
    return before is not None and before.text[:1].isupper() and before.text.upper() in first_names()


def _qualifies(token: Token) -> bool:
    """Whether the token modifies a word to its right ("Egyptian pounds", "Nigerian Army")."""
    return token.dep_ in _MODIFIER_DEPS and token.head.i > token.i
