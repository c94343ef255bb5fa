"""Reporting verbs and their subjects: which verb of a unit reports it, and the token that names its speaker,
found also where the parser misreads it (an incise, an apposition, a name hung on the word before it)."""
from __future__ import annotations

from spacy.tokens import Token

from claimatlas.claims.scenes import in_dateline
from claimatlas.negation import NEGATION_DETERMINERS, SUBJECT_DEPS

# Entity labels of people (English OntoNotes "PERSON", French WikiNER "PER") and of bodies that speak:
# organisations, nationalities, countries and cities (French WikiNER tags countries "LOC").
PERSON_LABELS = frozenset({"PERSON", "PER"})
BODY_LABELS = frozenset({"ORG", "NORP", "GPE", "LOC"})
NAME_TYPES = PERSON_LABELS | BODY_LABELS
# What stands before a reporting clause set after the words it reports: a comma or a closing quote.
CLOSING_QUOTES = frozenset({"»", "”", '"'})
INCISE_OPENERS = CLOSING_QUOTES | {","}
# Subject pronouns joined to an inverted verb ("a-t-il déclaré", "a-t-elle ajouté").
SUBJECT_CLITICS = frozenset({"il", "elle", "ils", "elles", "on"})
# Clauses that modify a noun (English and Universal Dependencies labels).
NOUN_MODIFIER_DEPS = frozenset({"acl", "relcl", "acl:relcl", "amod"})
# English finite verb tags other than the participles: such a verb never modifies a noun.
FINITE_PAST_AND_PRESENT = ("VBD", "VBZ", "VBP")


def _has_auxiliary(verb: Token) -> bool:
    return any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def reports_the_unit(verb: Token) -> bool:
    """Whether a reporting verb gives the unit a speaker: not when it only describes a noun ("the
    attack, claimed by the group, ...", "the army, which said ...", an English past participle with no
    auxiliary wherever the parser hangs it: "an attack, claimed on 30 January by the Islamic State") or is
    negated ("no group has claimed it", "did not say"), where what the unit asserts is still the writer's."""
    if verb.dep_ in NOUN_MODIFIER_DEPS and verb.tag_ not in ("VBG", *FINITE_PAST_AND_PRESENT):
        return False  # "recounted the scene saying" does report, and so does a finite verb misread as a modifier
    participle = verb.tag_ == "VBN" or any(c.dep_ == "agent" for c in verb.children)  # "claimed by", tagged either way
    if participle and not _has_auxiliary(verb) and not (verb.dep_ == "conj" and _has_auxiliary(verb.head)):
        return False
    return not any(c.dep_ == "neg" or c.dep_ == "nsubj" and any(g.lower_ in NEGATION_DETERMINERS for g in c.children)
                   for c in verb.children)


def innermost_first(reporters: list[tuple[Token, Token]]) -> list[tuple[Token, Token]]:
    """A unit's reporting verbs (with their subjects) in the order their speakers are tried: from the main clause's
    (the verb nearest the root; text order among equals) down the chain of reporting verbs each one's clausal
    complement holds, innermost first ("Reuters reported that the army said ...": the army; "Yet, Haque said,
    military leaders insisted that ...": the leaders, the incise hanging lower than the verb it interrupts); then
    the others in text order."""
    if not reporters:
        return []
    def depth(token: Token) -> int:
        return sum(1 for _ in token.ancestors)
    chain = [min(reporters, key=lambda pair: (depth(pair[0]), pair[0].i))]
    while True:
        inner = [pair for pair in reporters if pair[0].dep_ == "ccomp" and pair[0].head == chain[-1][0]]
        if not inner:
            break
        chain.append(inner[0])
    return chain[::-1] + [pair for pair in reporters if pair not in chain]

def reporting_subject(verb: Token) -> Token | None:
    """The speaker token of a reporting verb: its active subject (not a dateline's place the parser made one),
    its passive agent, or for a participle ("..., saying that") or a clause of purpose ("visited the camp to warn") the
    subject of the verb it hangs on."""
    nodes = [verb]
    purpose = verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if (verb.tag_ == "VBG" or purpose) and verb.dep_ in ("advcl", "xcomp", "conj", "acl"):
        # "recounted the scene saying", "visited the camp to warn against divisive tactics"
        head = verb.head
        while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i and len(nodes) < 3:
            head = head.head
        nodes.append(head)
    for node in nodes:
        for child in node.children:
            if child.dep_ == "nsubj" and not in_dateline(child, child.sent):
                # An incise follows the reported words and puts its subject after the verb ("..., a indiqué un
                # journaliste"): a subject the parser finds before it is in the reported words.
                incise = node is verb and child.i < verb.i and (
                    verb.dep_ != "ROOT" and verb.head.i < verb.i
                    or any(t.text in CLOSING_QUOTES for t in verb.doc[child.i:verb.i]))  # "« ... », se lamente X"
                return (_apposition_after_quote(child, verb) or _inverted_subject(verb) or child) if incise else child
            if child.dep_ == "agent":
                return next((g for g in child.children if g.dep_ == "pobj"), None)
            if child.dep_ == "obl:agent":  # French passive: "annoncé par l'armée"
                return child
            if (child.dep_ == "expl:subj" and child.lower_ in SUBJECT_CLITICS and child.i < node.i
                    and not any(c.dep_ == "aux:pass" for c in node.children)):
                return child  # "Il souligne que ...": a reporting verb's "il" is someone, never impersonal
    return (_participle_subject(verb) or _inverted_subject(verb) or _trailing_apposition(verb)
            or _modifier_subject(verb) or _stranded_name(verb) or _modified_noun(verb))


def _modified_noun(verb: Token) -> Token | None:
    """The subject the parser took for the noun a finite verb modifies ("a resident from Kayes remarked on the
    panic", with "remarked" a clause on "resident"): a finite past or present tense never modifies a noun."""
    if verb.dep_ == "acl" and verb.tag_ in FINITE_PAST_AND_PRESENT and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    return None


def _apposition_after_quote(subject: Token, verb: Token) -> Token | None:
    """The speaker the parser made an apposition to a noun of the quote before the verb ('"I transport fuel ...,"
    a Malian fuel importer, who spoke on condition of anonymity, told the AP'): the apposition standing after the
    quote's closing mark."""
    closing = max((t.i for t in verb.doc[subject.i:verb.i] if t.text in CLOSING_QUOTES), default=None)
    if closing is None:
        return None
    return next((c for c in subject.children if c.dep_ == "appos" and closing < c.i < verb.i), None)


def _stranded_name(verb: Token) -> Token | None:
    """The subject the parser hung on a word before it ("Lors des discussions, Ibrahim Traoré a affirmé", with
    "Ibrahim" an apposition to "discussions"): the name that ends right before a finite verb with no subject (or
    before its first auxiliary), when it is a person's or a body's name the parser made an apposition or a
    conjunct."""
    if any(c.dep_ in SUBJECT_DEPS or c.dep_ == "expl:subj" for c in verb.children):
        return None
    first = min((verb, *(c for c in verb.children if c.dep_.startswith("aux") and c.i < verb.i)), key=lambda t: t.i)
    if first.i == 0 or "Fin" not in first.morph.get("VerbForm"):
        return None
    name = verb.doc[first.i - 1]
    while name.dep_ in ("flat:name", "flat", "compound") and name.head.i < name.i:
        name = name.head  # "Traoré" of "Ibrahim Traoré"
    if (name.pos_ != "PROPN" or name.ent_type_ not in NAME_TYPES or name.dep_ not in ("appos", "conj")
            or any(c.dep_ in ("case", "prep") for c in name.children)):
        return None
    return name


def _modifier_subject(verb: Token) -> Token | None:
    """The subject the parser took for a modifier of a finite verb it read as a noun ("The Malian military claims
    to have ...", with "military" an adjective on "claims"): a noun or adjective right before the verb."""
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    if (verb.tag_ in ("VBZ", "VBD", "VBP") and before is not None and before.head == verb
            and before.dep_ in ("amod", "compound", "nmod") and before.pos_ in ("ADJ", "NOUN", "PROPN")):
        return before
    return None


def _participle_subject(verb: Token) -> Token | None:
    """The subject the parser hung on a participle set between a verb's subject and the verb ("Le GSIM, lié
    à al-Qaïda, a revendiqué l'attaque", parsed with "GSIM" the subject of "lié"): that participle's subject,
    when it stands before the participle. A participle with an auxiliary is a clause of its own, such as the
    words an incise reports ("Les jihadistes ont attaqué l'école, a indiqué l'armée")."""
    for child in verb.children:
        if (child.dep_ == "advcl" and child.i < verb.i and "Part" in child.morph.get("VerbForm")
                and not any(c.dep_.startswith("aux") for c in child.children)):  # a bare participle, not a clause
            subject = next((c for c in child.children if c.dep_ in ("nsubj", "nsubj:pass") and c.i < child.i), None)
            if subject is not None:
                return subject
    return None


def _trailing_apposition(verb: Token) -> Token | None:
    """The speaker of a reporting verb set after what it reports, with its subject between commas and the
    parser reading that subject as an apposition to the reported words' last noun ("Russia seeks to replace
    Wagner in Mali, Ulf Laessing, head of the Sahel programme at a foundation, said"): the outermost apposition
    (or person the parser joined to it) of the chain that ends at the comma before the verb, when it is a
    name (a noun there may be a place's apposition: "Jihadists attacked Kayes, a town near the border, ...") and
    the verb is finite."""
    if (verb.i < 2 or verb.doc[verb.i - 1].text != "," or verb.head.i > verb.i
            or "Fin" not in verb.morph.get("VerbForm")):  # "..., raising alarms" is no reporting clause
        return None
    token, outermost = verb.doc[verb.i - 2], None
    while token.head.i != token.i and token.i > verb.head.i:
        if token.dep_ == "appos" or token.dep_ == "conj" and token.ent_type_ in PERSON_LABELS:
            outermost = token
        elif outermost is not None:
            break
        token = token.head
    return outermost if outermost is not None and outermost.pos_ == "PROPN" else None


def _inverted_subject(verb: Token) -> Token | None:
    """The speaker of a reporting clause set after what it reports, with its subject after the verb (the
    French incise: "», a déclaré le ministre", "a affirmé un habitant", "a-t-il déclaré"), which the
    parser labels object, modifier or expletive: a clitic pronoun ("-il") or the first noun after the
    verb that no preposition introduces ("dans un communiqué" is not a speaker) and that is no bare modifier of
    time ("vendredi")."""
    first = min((verb, *(c for c in verb.children if c.dep_.startswith(("aux", "expl")) and c.i < verb.i)),
                key=lambda t: t.i)  # "», a déclaré", "», se lamente"
    if first.i == 0 or verb.doc[first.i - 1].text not in INCISE_OPENERS:
        return None
    if not any("Fin" in t.morph.get("VerbForm") for t in (verb, *verb.children) if t.i <= verb.i):
        return None  # "..., claiming heavy casualties": a participle, no incise
    for child in verb.children:
        if child.text.startswith("-") and child.lower_.lstrip("-") in SUBJECT_CLITICS:
            return child
    for child in verb.children:
        if (child.i > verb.i and child.pos_ in ("NOUN", "PROPN") and (child.dep_ != "obl:mod" or _determined(child))
                and not any(c.dep_ in ("case", "prep") for c in child.children)):
            return child
    return None


def _determined(noun: Token) -> bool:
    """Whether a noun has a determiner ("un habitant", which the parser may label a modifier like "vendredi")."""
    return any(c.dep_ == "det" for c in noun.children)
