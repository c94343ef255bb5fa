"""Title-case headlines read as sentences.

A headline in title case ("Jihadist Takeover of Mali Is Far-Fetched, Foreign Minister Says") looks to
the model like one long proper name: every word is tagged PROPN and keeps its inflection as its lemma,
so no cue matches ("Says", "Attacks", "Reassures") and the parse has no subject or verb; and with no
final punctuation the parser often runs it into the next line. One component before the parser makes
each title-case line a sentence of its own, and so each short line of page furniture without final
punctuation (a dateline, a caption, a byline), which would otherwise open the lead's sentence and hide
its subject ("ISTANBUL" above "The US Embassy in Bamako on Tuesday urged ..."). One after the model's own
reparses each title-case sentence in sentence case (a word keeps its capital when the document writes it
with one elsewhere mid-sentence, or when it is an acronym or a named entity the document never writes in
lower case) and copies the tags, lemmas and parse back onto the original tokens; the text, and the
entities, are unchanged.
"""
from __future__ import annotations

from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from claimatlas.ingest.cleaning import ends_sentence
from claimatlas.nlp import opens_sentence, set_sentence_starts

HEADLINE_LINES = "headline_lines"
HEADLINE_CASE = "headline_case"
COPIED = [TAG, POS, MORPH, LEMMA, DEP, HEAD]
# Words a title-case headline leaves in lower case.
MINOR_WORDS = frozenset("a an the of in on at to for and or nor but as by with from into over per vs via is are was "
                        "were be".split())
MIN_HEADLINE_WORDS = 4
TITLE_SHARE = 0.8
NAMED_ENTITY_LABELS = frozenset({"GPE", "LOC", "PERSON", "ORG", "NORP", "FAC"})


def is_title_case(sentence: Span) -> bool:
    """Whether a sentence is written in title case: at least MIN_HEADLINE_WORDS words beyond the minor
    ones, TITLE_SHARE of them capitalised, and not all in capitals."""
    words = [t.text for t in sentence if t.is_alpha and t.lower_ not in MINOR_WORDS
             and not (t.i > 0 and t.doc[t.i - 1].text == "-" and not t.doc[t.i - 1].whitespace_)]
    if len(words) < MIN_HEADLINE_WORDS or all(w.isupper() for w in words):
        return False
    return sum(w[:1].isupper() for w in words) >= TITLE_SHARE * len(words)


def _lines(doc: Doc) -> list[Span]:
    """The document's lines (spans between line breaks, without the breaks)."""
    lines, start = [], 0
    for token in doc:
        if token.is_space and "\n" in token.text:
            lines.append(doc[start:token.i])
            start = token.i + 1
        elif "\n" in token.whitespace_:
            lines.append(doc[start:token.i + 1])
            start = token.i + 1
    lines.append(doc[start:len(doc)])
    return [line for line in lines if len(line)]


def is_furniture(span: Span) -> bool:
    """Whether a span reads as page furniture (a dateline, caption, byline or section heading): fewer than
    MIN_HEADLINE_WORDS words and no final punctuation ("ISTANBUL", "Image: 123RF/ZABELIN", "What happened")."""
    return (bool(span.text.strip()) and sum(t.is_alpha for t in span) < MIN_HEADLINE_WORDS
            and not ends_sentence(span.text))


def is_furniture_line(line: Span, following: Token | None) -> bool:
    """Whether a line is page furniture set on a line of its own, before a line that opens a sentence."""
    return is_furniture(line) and following is not None and opens_sentence(following.text)


@Language.component(HEADLINE_LINES)
def headline_lines(doc: Doc) -> Doc:
    """Before parsing: each title-case line, and each line of page furniture, is one sentence, and the next
    line starts another."""
    starts: dict[int, bool] = {}
    for line in _lines(doc):
        after = next((t for t in doc[line.end:line.end + 3] if not t.is_space), None)
        if is_title_case(line) or is_furniture_line(line, after):
            starts.update((token.i, token.i == line.start) for token in line)
            following = line.end
            while following < len(doc) and doc[following].is_space:
                starts[following] = False
                following += 1
            if following < len(doc):
                starts[following] = True
    if starts:
        set_sentence_starts(doc, starts)
    return doc


def _document_casing(doc: Doc, headlines: set[int]) -> tuple[set[str], set[str]]:
    """The words the document's other sentences write capitalised mid-sentence, and in lower case."""
    capitalised, lower = set(), set()
    for sentence in doc.sents:
        if sentence.start in headlines:
            continue
        for token in sentence[1:]:
            if token.is_alpha:
                (capitalised if token.text[:1].isupper() else lower).add(token.lower_)
    return capitalised, lower


def sentence_cased(sentence: Span, capitalised: set[str], lower: set[str]) -> list[str]:
    """The sentence's words in sentence case: the first word, acronyms, and names kept."""
    words = []
    for position, token in enumerate(sentence):
        keep = (position == 0 or not token.text[:1].isupper() or (token.is_upper and len(token) > 1)
                or token.lower_ in capitalised
                or (token.lower_ not in lower and token.ent_type_ in NAMED_ENTITY_LABELS))
        words.append(token.text if keep else token.text.lower())
    return words


@Language.factory(HEADLINE_CASE)
def make_headline_case(nlp: Language, name: str):
    """The component: reparses title-case sentences with the pipeline's tagging and parsing components."""

    def reparse(doc: Doc) -> Doc:
        headlines = [s for s in doc.sents if is_title_case(s)]
        if not headlines:
            return doc
        capitalised, lower = _document_casing(doc, {s.start for s in headlines})
        annotations = doc.to_array(COPIED)
        cased = [Doc(doc.vocab, words=sentence_cased(s, capitalised, lower), spaces=[bool(t.whitespace_) for t in s])
                 for s in headlines]
        for step, component in nlp.pipeline:
            if step not in (name, "ner"):
                cased = list(component.pipe(cased)) if hasattr(component, "pipe") else [component(d) for d in cased]
        for sentence, reparsed in zip(headlines, cased, strict=True):
            annotations[sentence.start:sentence.end] = reparsed.to_array(COPIED)
        doc.from_array(COPIED, annotations)
        return doc

    return reparse
