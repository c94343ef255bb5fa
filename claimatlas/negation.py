"""Negation and denial scope: one reading of "is this word negated or denied?" for claims and framing.

A word is negated when "not"/"no"/"never" (French "pas", "jamais", "aucun") attaches to it or to the verb it is subject or object of
("did not attack", "no threat"), or when it is a verb whose subject is nobody ("no soldier was killed"), and denied when a denial verb governs it ("dismissed fears of a
takeover", "rejected claims that jihadists could capture the capital") or an earlier denial word's
subtree holds it (headlines the parser misreads). Claim levels (a denied threat is level 0) and frame
shares (a denied alarm counts as reassurance) both read it from here, so they cannot disagree.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

NEGATION_WORDS = frozenset({"not", "no", "never", "n't", "without", "nobody", "nothing", "none",
                            "aucun", "aucune", "nul", "nulle", "sans", "rien", "personne"})
# French negation adverbs ("n'a pas attaqué", "ne sont jamais"): advmod children of the verb.
NEGATION_ADVERBS = frozenset({"pas", "jamais", "nullement", "guère"})
# Determiners that negate their noun: "no threat", "aucune menace".
NEGATION_DETERMINERS = frozenset({"no", "aucun", "aucune"})
# Pronouns that, as a verb's subject, negate it: "nobody was hurt", "personne n'a été blessé".
NEGATIVE_PRONOUNS = frozenset({"nobody", "nothing", "none", "personne", "rien", "nul", "nulle"})
# Verbs whose negation affirms their complement: "did not hesitate to attack", "n'a pas cessé de frapper",
# or adds to it: "ne se contentent pas de bloquer" (they block, and more), "not content to besiege".
NEGATIVE_IMPLICATIVE_VERBS = frozenset({"hesitate", "cease", "stop", "fail", "refrain", "neglect", "content", "limit",
                                        "hésiter", "cesser", "arrêter", "manquer", "omettre", "contenter", "limiter"})
# Verbs that end or confine a thing, whose negation affirms their subject or object: "the attacks have not
# stopped", "the violence is not confined to the north", "l'insécurité n'est pas circonscrite au nord".
ENDING_OR_CONFINING_VERBS = frozenset({"cease", "stop", "end", "limit", "confine", "restrict",
                                       "cesser", "arrêter", "limiter", "circonscrire", "cantonner", "restreindre"})
# Verbs that attribute or confirm an event without asserting it: their negation leaves the event they
# name as it was ("has not claimed the attack", "did not comment on the attack", "n'a pas revendiqué
# l'attaque").
ATTRIBUTION_VERBS = frozenset({"claim", "confirm", "comment", "acknowledge", "report", "say", "disclose",
                               "revendiquer", "confirmer", "commenter", "reconnaître", "préciser"})
# Verbs whose infinitive complement is a deed done: "managed to repel the attack", "a permis de neutraliser".
ACHIEVEMENT_VERBS = frozenset({"manage", "succeed", "permettre", "réussir", "parvenir"})
# Verbs whose infinitive complement is only tried: "has struggled to maintain control", "peine à rétablir le calme".
ATTEMPT_VERBS = frozenset({"struggle", "try", "attempt", "seek", "fail", "strive", "tenter", "essayer", "chercher",
                           "peiner", "échouer"})
# Determiners of a given thing (English possessives are their own dependency, "poss").
DEFINITE_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "le", "la", "les", "l'", "l’", "ce", "cet",
                                  "cette", "ces", "son", "sa", "ses", "leur", "leurs"})
# Nouns of intention or means whose negation negates what they take as complement, and the dependencies
# that lead from the complement to them ("no intention of attacking": pcomp, prep).
INTENTION_NOUNS = frozenset({"intention", "intent", "plan", "desire", "ambition", "capacity", "ability", "means",
                             "volonté", "projet", "capacité", "moyen", "désir"})
COMPLEMENT_DEPS = frozenset({"acl", "pcomp", "prep", "xcomp", "advcl", "nmod"})
OBJECT_DEPS = frozenset({"dobj", "obj", "nsubj", "nsubjpass", "nsubj:pass", "attr", "acomp", "oprd", "pobj"})
# Subject dependency labels (English ClearNLP-style and Universal Dependencies), and the predicates
# (adjectives, nouns after the copula) a clause says of its subject.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "nsubj:pass"})
PREDICATE_DEPS = frozenset({"acomp", "attr", "oprd"})
# How many heads up a denial or containment verb may stand and still govern a word.
GOVERNOR_DEPTH = 4
# Verbs whose prepositional predicate a negation reaches ("is not under threat", "ne sont pas sur le point de").
PREDICATE_PHRASE_DEPS = frozenset({"prep", "obl", "obl:arg", "obl:mod"})
COPULAS = frozenset({"be", "remain", "stay", "seem", "appear", "être", "rester", "demeurer", "sembler"})
# How far back (tokens) a denial word may stand and still deny a word whose head it is not.
DENIAL_WINDOW = 30


def hyphen_compound(token: Token) -> str | None:
    """The hyphenated compound the token ends, in lower case ("far-fetched", which the tokenizer splits into
    "far", "-", "fetched"), or None."""
    doc, i = token.doc, token.i
    if i >= 2 and doc[i - 1].text == "-" and not doc[i - 2].whitespace_ and not doc[i - 1].whitespace_:
        return f"{doc[i - 2].lower_}-{token.lower_}"
    return None


def is_one_of(token: Token, words: frozenset[str]) -> bool:
    """Whether the token's lemma (lower case), the hyphenated compound it ends, or its form without a plural
    or feminine ending is one of the words: "infondées" and "invraisemblables" find "infondé" and
    "invraisemblable" where the lemmatizer misses them."""
    form = token.lower_
    if token.lemma_.lower() in words or form in words or hyphen_compound(token) in words:
        return True
    for ending in ("s", "e"):  # "invraisemblables" -> "invraisemblable", "infondées" -> "infondée" -> "infondé"
        if form.endswith(ending) and len(form) > 4:
            form = form[:-1]
            if form in words:
                return True
    return False


def _negation_child(token: Token) -> bool:
    for child in token.children:
        following = child.doc[child.i + 1].lower_ if child.i + 1 < len(child.doc) else ""
        if child.dep_ == "neg" and following != "only":
            return True
        if child.dep_ == "advmod" and child.lower_ in NEGATION_ADVERBS:
            return True
        if child.dep_ == "det" and child.lower_ in NEGATION_WORDS:
            return True
    return False


def is_negated(token: Token) -> bool:
    """Whether "not", "no" or "never" negates the word, the verb it is subject or object of (unless that
    verb only attributes or confirms it: "has not claimed the attack", or ends or confines it: "the attacks
    have not stopped"), or the verb whose complement it is
    ("does not intend to seize the capital", "n'a pas l'intention de"), unless that verb's negation affirms
    its complement ("did not hesitate to attack")."""
    scope = [token]
    if token.pos_ not in ("VERB", "AUX") and token.dep_ in OBJECT_DEPS and not _attributed_event(token):
        if token.head.lemma_.lower() not in ENDING_OR_CONFINING_VERBS:
            scope.append(token.head)
    elif token.dep_ == "xcomp" and token.head.lemma_.lower() not in NEGATIVE_IMPLICATIVE_VERBS:
        scope.append(token.head)
    elif token.dep_ in PREDICATE_PHRASE_DEPS and token.head.lemma_.lower() in COPULAS:
        scope.append(token.head)  # a predicate phrase: "is not under threat", "is not on the verge of"
    return any(_negation_child(node) for node in scope) or _negated_intention(token)


def has_negative_subject(verb: Token) -> bool:
    """Whether the verb's subject is nobody or nothing: "no soldier was killed", "nobody was hurt", "aucun soldat
    n'a été tué", "personne n'a été blessé" (the pronoun, without a determiner: not "une personne")."""
    return verb.pos_ in ("VERB", "AUX") and any(
        subject.dep_ in SUBJECT_DEPS and (
            any(c.dep_ == "det" and c.lower_ in NEGATION_DETERMINERS for c in subject.children)
            or subject.lower_ in NEGATIVE_PRONOUNS and not any(c.dep_ == "det" for c in subject.children))
        for subject in verb.children)


def _attributed_event(token: Token) -> bool:
    """Whether the word names a given event (a definite noun: "the attack", "l'attaque") that the verb it
    is object of only attributes or confirms: its negation leaves the event standing ("has not claimed the
    attack"), while "did not confirm any casualties" still negates the casualties."""
    return token.head.lemma_.lower() in ATTRIBUTION_VERBS and any(
        c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS for c in token.children)


# Nouns of information, and the prepositions that give their topic: information withheld about a thing asserts
# nothing of it ("did not provide information regarding its own casualties", "n'a donné aucun détail sur les victimes").
INFORMATION_NOUNS = frozenset({"information", "detail", "figure", "word", "comment", "précision", "détail", "chiffre"})
TOPIC_PREPOSITIONS = frozenset({"about", "on", "regarding", "concerning", "over", "sur", "concernant"})


def withheld_information(token: Token) -> bool:
    """Whether the word is only the topic of information withheld, which says nothing of it: a noun of information
    the object of a negated verb or under a negative determiner ("did not provide information regarding its own
    casualties", "no details on casualties", "aucun détail sur les victimes")."""
    head = token.head
    if head.lower_ in TOPIC_PREPOSITIONS and token.dep_ in ("pobj", "dobj"):  # "regarding" may be a participle
        noun = head.head
    elif any(c.dep_ == "case" and c.lower_ in TOPIC_PREPOSITIONS for c in token.children):
        noun = head
    else:
        return False
    if noun.pos_ in ("VERB", "AUX"):  # the topic hung on the verb: "did not provide information regarding ..."
        verb, nouns = noun, [c for c in noun.children if c.dep_ in ("dobj", "obj")]
    else:
        verb, nouns = (noun.head if noun.dep_ in OBJECT_DEPS else None), [noun]
    return any(n.lemma_.lower() in INFORMATION_NOUNS and (
        any(c.dep_ == "det" and c.lower_ in NEGATION_DETERMINERS for c in n.children)
        or verb is not None and _negation_child(verb)) for n in nouns)


def _negated_intention(token: Token) -> bool:
    """Whether the word is the complement of a negated noun of intention or means: "has no intention of
    attacking", "no plan to seize the capital", "n'a pas l'intention de prendre Bamako"."""
    node = token
    for _ in range(3):
        if node.dep_ not in COMPLEMENT_DEPS or node.head is node:
            return False
        node = node.head
        if node.pos_ == "NOUN" and node.lemma_.lower() in INTENTION_NOUNS:
            return is_negated(node)
    return False


def is_denied(token: Token, denial_lemmas: frozenset[str]) -> bool:
    """Whether a denial verb governs the word (up to GOVERNOR_DEPTH heads up), a denial adjective is the
    predicate of the clause whose subject holds it ("rumours of an assault on Bamako are false"), or a
    denial word up to DENIAL_WINDOW tokens earlier has it in its subtree (or its head's, for misparsed
    headlines: "false reports of an attack")."""
    if governor(token, denial_lemmas) is not None or _denied_by_predicate(token, denial_lemmas):
        return True
    doc = token.doc
    for earlier in doc[max(token.sent.start, token.i - DENIAL_WINDOW):token.i]:
        if is_one_of(earlier, denial_lemmas) and any(
                node.left_edge.i <= token.i <= node.right_edge.i for node in (earlier, earlier.head)):
            return True
    return False


def _denied_by_predicate(token: Token, denial_lemmas: frozenset[str]) -> bool:
    """Whether the word lies in the subject of a clause whose predicate (an adjective or noun after the
    copula) is a denial word: "reports that JNIM had surrounded the capital are baseless". Where the
    predicate heads its clause, as in French ("les rumeurs d'une attaque sont infondées"), the denial
    word governs the subject and ``governor`` finds it."""
    node = token
    for _ in range(GOVERNOR_DEPTH):
        if node.head is node:
            return False
        if node.dep_ in SUBJECT_DEPS:
            return any(c.dep_ in PREDICATE_DEPS and is_one_of(c, denial_lemmas) for c in node.head.children)
        node = node.head
    return False


def is_incapable(token: Token, incapacity_lemmas: frozenset[str], within: Span) -> bool:
    """Whether a word of incapacity in ``within`` takes the word's action as its complement, with no other
    verb between them: "JNIM lacks the capacity to capture the capital", "unable to seize Bamako"; not
    "the army lacks the means to stop the attacks", where what fails is the defence."""
    word = governor(token, incapacity_lemmas, through_verbs=False)
    return word is not None and within.start <= word.i < within.end


def governor(token: Token, lemmas: frozenset[str], through_verbs: bool = True) -> Token | None:
    """The word of ``lemmas`` that governs the token (up to GOVERNOR_DEPTH heads up), else None:
    "repelled" in "repelled the attacks"; with ``through_verbs`` False, only one with no other verb
    between them."""
    node = token
    for _ in range(GOVERNOR_DEPTH):
        if node.head is node or node.dep_ == "conj" and node.pos_ in ("VERB", "AUX"):
            return None  # a clause coordinated with another is not governed by its verb ("..., but militants killed")
        node = node.head
        if is_one_of(node, lemmas):
            return node
        if not through_verbs and node.pos_ in ("VERB", "AUX"):
            return None
    return None


# Words that date an event before another: "after", "following", "après", "suite à".
SEQUENCE_WORDS = frozenset({"after", "following", "before", "après", "avant", "suite à"})
# Dependencies of a participle that modifies its noun: "the foiled attack", "cette attaque maîtrisée",
# "13 terroristes neutralisés".
PARTICIPLE_MODIFIER_DEPS = frozenset({"amod", "acl"})


def is_infinitive(verb: Token) -> bool:
    """Whether a verb is an infinitive ("to repel", "neutraliser")."""
    return verb.tag_ == "VB" or "Inf" in verb.morph.get("VerbForm")


def _completed_by(verb: Token, lemmas: frozenset[str]) -> bool:
    """Whether the verb hangs on one of ``lemmas``, as their complement ("managed to repel": "repel" on "manage")."""
    return verb.head.i != verb.i and verb.head.lemma_.lower() in lemmas


def is_attempted(verb: Token) -> bool:
    """Whether a verb is an infinitive that a verb of attempt completes ("has struggled to maintain control")."""
    return is_infinitive(verb) and _completed_by(verb, ATTEMPT_VERBS)


def is_done_deed(verb: Token, within: Span) -> bool:
    """Whether a verb inside ``within`` states a deed done, not an aim ("to repel", "pour neutraliser"): a finite
    verb or participle, or an infinitive that a verb of achievement completes ("managed to repel", "a permis de
    neutraliser")."""
    if not within.start <= verb.i < within.end:
        return False
    return not is_infinitive(verb) or _completed_by(verb, ACHIEVEMENT_VERBS)


def is_contained(token: Token, containment_lemmas: frozenset[str], within: Span, act: bool = False) -> bool:
    """Whether a containment verb inside ``within`` (the claim unit) that states a done deed governs the
    word ("repelled the attacks", "claims to have thwarted an attack") or modifies it as a participle ("the
    foiled attack", "cette attaque maîtrisée"); not an aim ("efforts to neutralise any threat", "pour
    neutraliser"), nor a verb of a neighbouring sentence the parser joined to it. An ``act`` (an attack, a
    killing) dated before the deed is another act ("repelled an assault a day after a deadly attack"), while a
    state named before its end is the one ended ("reopened after a two-week closure")."""
    verb = governor(token, containment_lemmas)
    if verb is not None and not (act and before_the_deed(token, verb)) and is_done_deed(verb, within):
        return True
    return any(child.dep_ in PARTICIPLE_MODIFIER_DEPS and _is_participle_of(child, containment_lemmas)
               and is_done_deed(child, within) for child in token.children)


def before_the_deed(token: Token, verb: Token) -> bool:
    """Whether the word lies in a phrase that dates another event before the deed of ``verb`` (a containment, a
    response: "repelled an assault on Monday, a day after a deadly attack in Boulkessi", "neutralised 80 terrorists
    following coordinated attacks", "après l'attaque"): that event is not the one the verb acts on."""
    node = token
    while node.i != verb.i and node.head.i != node.i:
        if node.i != token.i and node.lower_ in SEQUENCE_WORDS or any(
                c.dep_ in ("case", "mark") and with_fixed(c) in SEQUENCE_WORDS for c in node.children):
            return True
        node = node.head
    return False


def with_fixed(word: Token) -> str:
    """A word with the words the parser fixed to it, in lower case ("bien que", "suite à")."""
    return " ".join([word.lower_, *(c.lower_ for c in word.children if c.dep_ == "fixed")])


def _is_participle_of(word: Token, lemmas: frozenset[str]) -> bool:
    """Whether the word is one of the verbs, or its past participle used as an adjective: the English model
    tags "foiled" in "the foiled attack" JJ and keeps the form as its lemma."""
    if word.lemma_.lower() in lemmas:
        return True
    form = word.lower_
    # The verb's stem and at most "-led"/"-ted" after it: "foil" -> "foiled", "repel" -> "repelled".
    return word.tag_ == "JJ" and form.endswith("ed") and any(
        form.startswith(lemma.removesuffix("e")) and len(form) - len(lemma) <= 3 for lemma in lemmas)


def is_improbable(token: Token, improbability_words: frozenset[str]) -> bool:
    """Whether a word that calls a threat unlikely holds the word as a denial word would ("a takeover of
    Bamako remains unlikely", "it is unlikely that JNIM will seize the capital"), unless a verb whose
    negation affirms its complement stands between ("unlikely to stop the attacks": the attacks go on)."""
    return is_denied(token, improbability_words) and governor(token, NEGATIVE_IMPLICATIVE_VERBS) is None


def negated_or_denied(token: Token, denial_lemmas: frozenset[str]) -> bool:
    """Whether the word's claim is negated or denied (see the module docs)."""
    return is_negated(token) or has_negative_subject(token) or is_denied(token, denial_lemmas)
