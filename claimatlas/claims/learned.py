"""The learned claim layer: the level of a claim unit from rule readings and word classes in their roles.

The rules (cues on the dependency parse, ``severity.py``) give a first reading. This layer looks at
the same unit through general features: the rules' level, certainty and cue kinds, and for each word
class of the language's word-class file (``LanguageBooks.classes_file``; English and French both read
``data/claim_classes.yaml``: siege, attack, collapse, reassurance, denial, history, ...)
whether a member occurs and in which role: the unit's main verb, negated, governed by a denial verb
("dismissed fears of a takeover"), inside a concessive or conditional clause, in the past or under a
modal; and the unit's content lemmas. A multinomial logistic regression (scikit-learn) over these features, trained on hand-labelled
real coverage, gives the level. A second regression over the same features (claim or none), trained on
every labelled unit, drops furniture the rules took for claims and adds claims the rules missed (no cue,
nothing their count finds checkable: "Le carburant ne passe plus."). The weights ship as JSON
(``data/claim_level_model.json``, ...) and load without scikit-learn; ``python -m claimatlas train
claims`` retrains them.
"""
from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Span, Token

from claimatlas.claims.control import ARMED_CONTROL_KIND
from claimatlas.claims.cues import PRECAUTION_KIND, CueBook, WordClasses
from claimatlas.claims.dating import BACKGROUND_YEARS, YEAR, latest_year
from claimatlas.claims.units import entities_in
from claimatlas.model import CueMatch
from claimatlas.negation import NEGATION_ADVERBS, NEGATION_DETERMINERS
from claimatlas.vocab import CLAIM_MODEL_FILE, LEVEL_MODEL_FILE, SPEAKER_MODEL_FILE

ROLE_DEPTH = 8
# The feature of the rules' armed-control cue (``severity.armed_control``).
ARMED_CONTROL = f"cue={ARMED_CONTROL_KIND}"
# The cue kinds (or kind prefixes) that are evidence for level 0: "reassurance", "negated violence", ...
ZERO_EVIDENCE = frozenset({"reassurance", "denial", "negated", "contained", "unlikely"})
# The feature of a unit the rules do not take for a claim.
RULES_REJECTED = "rule_no_claim"

Features = dict[str, float]


def _forms(token: Token) -> tuple[str, str]:
    return token.lower_, token.lemma_.lower()


def _class_hits(unit: Span, classes: WordClasses) -> list[tuple[str, Token]]:
    hits = []
    tokens = [t for t in unit if not t.is_space]
    for i, token in enumerate(tokens):
        for form in dict.fromkeys(_forms(token)):
            hits += [(name, token) for name in classes.single.get(form, ())]
        for phrase, names in classes.phrases.items():
            window = tokens[i:i + len(phrase)]
            if len(window) == len(phrase) and all(w in _forms(t) for w, t in zip(phrase, window)):
                hits += [(name, window[-1]) for name in names]
    return hits


def _ancestors(token: Token) -> list[Token]:
    """The token's heads, nearest first, at most ROLE_DEPTH of them (long lists parse as deep chains)."""
    found, node = [], token
    while len(found) < ROLE_DEPTH and node.head.i != node.i:
        node = node.head
        found.append(node)
    return found


def _governing_verb(token: Token) -> Token:
    return next((node for node in (token, *_ancestors(token)) if node.pos_ in ("VERB", "AUX")), token)


def _negates(child: Token) -> bool:
    """Whether a child negates its head: "not", "no threat", French "(ne) ... pas", "aucune menace"."""
    return (child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ in NEGATION_DETERMINERS)
            or (child.dep_ == "advmod" and child.lower_ in NEGATION_ADVERBS))


def _is_modal(verb: Token, book: CueBook) -> bool:
    """Whether a modal ("may", "could"; French "pourrait attaquer") or the conditional mood governs the verb."""
    auxiliaries = [c for c in verb.children if c.tag_ == "MD" or c.dep_.startswith("aux")]
    return (any(c.tag_ == "MD" or c.lemma_.lower() in book.hedge_modals for c in auxiliaries)
            or any("Cnd" in node.morph.get("Mood") for node in (verb, *auxiliaries))
            or (verb.dep_ == "xcomp" and verb.head.lemma_.lower() in book.hedge_modals))


@lru_cache(maxsize=8)
def _concessive_words(marks: frozenset[str], prepositions: frozenset[str]) -> frozenset[str]:
    """The first words of a cue book's concessive conjunctions ("bien" of "bien que"), and its concessive
    prepositions ("despite", "malgré")."""
    return frozenset(mark.split()[0] for mark in marks) | prepositions


def _roles(token: Token, denial: frozenset[str], book: CueBook) -> list[str]:
    """The roles a class member plays: main verb, negated, denied, conceded, conditional, past, modal
    (the conjunctions and modals of the unit's language come from its cue book)."""
    roles = ["verb" if token.pos_ in ("VERB", "AUX") else "noun"]
    if token.dep_ == "ROOT":
        roles.append("root")
    verb = _governing_verb(token)
    scope = (token, verb, token.head)
    if any(_negates(c) for node in scope for c in node.children):
        roles.append("negated")
    ancestors = _ancestors(token)
    if any(a.lemma_.lower() in denial for a in ancestors):
        roles.append("denied")
    concessive = _concessive_words(book.concessive_marks, book.concessive_prepositions)
    for node in (token, *ancestors):
        marks = {c.lower_ for c in node.children if c.dep_ in ("mark", "prep", "case")}
        if node.dep_ in ("advcl", "prep", "obl", "obl:mod") and marks & concessive or node.lower_ in concessive:
            roles.append("conceded")
        if node.dep_ == "advcl" and marks & book.conditional_marks:
            roles.append("conditional")
    modal = _is_modal(verb, book)
    if (verb.tag_ in ("VBD", "VBN") or set(verb.morph.get("Tense")) & {"Past", "Imp"}) and not modal:
        roles.append("past")
    if modal:
        roles.append("modal")
    return roles


def unit_features(unit: Span, level: int, certainty: str, evidence: Sequence[CueMatch], speaker_type: str,
                  quoted: bool, book: CueBook, rule_claim: bool = True) -> Features:
    """The features of one claim unit: rule readings (``rule_claim``: whether the rules take it for a
    claim), word classes (of the unit's language) in their roles, tense and form."""
    classes = book.classes
    features: Features = {f"rule_level={level}": 1.0, f"rule_certainty={certainty}": 1.0,
                          f"speaker={speaker_type}": 1.0, "bias": 1.0}
    if not rule_claim:
        features[RULES_REJECTED] = 1.0
    for cue in evidence:
        features[f"cue={cue.kind}"] = 1.0
    denial = frozenset(w for w, names in classes.single.items() if "denial" in names)
    present = set()
    for name, token in _class_hits(unit, classes):
        present.add(name)
        features[f"class={name}"] = 1.0
        for role in _roles(token, denial, book):
            features[f"class={name}:{role}"] = 1.0
    for a, b in (("siege", "capital"), ("attack", "capital"), ("collapse", "capital"), ("collapse", "state"),
                 ("advance", "capital"), ("advisory", "state"), ("attack", "casualty"), ("denial", "fear"),
                 ("reassurance", "capital"), ("history", "attack"), ("group", "claim_of_responsibility")):
        if a in present and b in present:
            features[f"with={a}+{b}"] = 1.0
    for token in unit:
        if token.is_alpha and not token.is_stop:
            features[f"lemma={token.lemma_.lower()}"] = 1.0
    features[f"root_tag={unit.root.tag_}"] = 1.0
    latest = latest_year(unit.doc)
    if latest is not None and any(YEAR.match(t.text) and latest - int(t.text) >= BACKGROUND_YEARS for t in unit):
        features["old_year"] = 1.0
    if any(e.label_ == "CARDINAL" for e in entities_in(unit)):
        features["number"] = 1.0
    if quoted:
        features["quoted"] = 1.0
    text = unit.text.strip()
    if text and text[-1] not in ".!?\"”'’":
        features["no_final_stop"] = 1.0
    features["long"] = 1.0 if len(unit) > 30 else 0.0
    return features


def speaker_features(unit: Span, speaker_name: str, speaker_type: str, quoted: bool,
                     document_types: Sequence[str], previous: str | None = None) -> Features:
    """Features for the speaker type of a claim unit: the rules' speaker, its words, the unit's lemmas, the
    types of the speakers the document names elsewhere and the rules' speaker type of the unit before
    (attribution across sentences)."""
    features: Features = {f"rule_speaker={speaker_type}": 1.0, "bias": 1.0}
    if previous is not None:
        features[f"previous_speaker={previous}"] = 1.0
    for word in re.findall(r"[a-z]+", speaker_name.lower()):
        features[f"speaker_word={word}"] = 1.0
    for token in unit:
        if token.is_alpha and not token.is_stop:
            features[f"lemma={token.lemma_.lower()}"] = 1.0
    for kind in document_types:
        features[f"document_has={kind}"] = 1.0
    if quoted:
        features["quoted"] = 1.0
    return features


@dataclass(frozen=True)
class LinearModel:
    """A multinomial logistic regression over named features: weights per label and feature."""

    levels: tuple[int | str, ...]
    weights: dict[str, tuple[float, ...]]
    intercepts: tuple[float, ...]

    def probabilities(self, features: Features) -> list[float]:
        """The probability of each label (in ``levels`` order)."""
        scores = list(self.intercepts)
        for name, value in features.items():
            for k, weight in enumerate(self.weights.get(name, ())):
                scores[k] += weight * value
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]

    def predict(self, features: Features) -> int | str:
        """The most probable label."""
        probabilities = self.probabilities(features)
        return self.levels[probabilities.index(max(probabilities))]

    def to_json(self) -> dict:
        """JSON data of the model."""
        return {"levels": list(self.levels), "intercepts": list(self.intercepts),
                "weights": {k: list(v) for k, v in sorted(self.weights.items())}}


@lru_cache(maxsize=16)
def load_linear_model(path: Path) -> LinearModel | None:
    """A shipped linear model (JSON weights), or None when the file is absent (the rules decide then)."""
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return LinearModel(tuple(data["levels"]), {k: tuple(v) for k, v in data["weights"].items()},
                       tuple(data["intercepts"]))


def load_level_model(path: Path = LEVEL_MODEL_FILE) -> LinearModel | None:
    """The shipped claim-level model, or None when the file is absent."""
    return load_linear_model(path)


def load_speaker_model(path: Path = SPEAKER_MODEL_FILE) -> LinearModel | None:
    """The shipped speaker-type model, or None when the file is absent."""
    return load_linear_model(path)


def load_claim_model(path: Path = CLAIM_MODEL_FILE) -> LinearModel | None:
    """The shipped claim-or-not model (labels "claim" and "none"), or None when the file is absent."""
    return load_linear_model(path)


# A unit the rules took for a claim is dropped only when the claim-or-not model is this sure it is
# none (a byline, a caption, a menu line): cross-validated, this keeps every labelled claim the rules found.
NOT_A_CLAIM_PROBABILITY = 0.8


# The feature of a precaution cue: a security alert's advice ("Keep a low profile") is a claim about the threat
# environment, which the claim-or-not model, reading a bare imperative as page furniture ("Post a Comment"), drops.
PRECAUTION = f"cue={PRECAUTION_KIND}"


def not_a_claim(model: LinearModel | None, features: Features) -> bool:
    """Whether the claim-or-not model reads the unit as no claim, with at least NOT_A_CLAIM_PROBABILITY; never a
    unit the rules read precautions in."""
    if model is None or PRECAUTION in features:
        return False
    return model.probabilities(features)[model.levels.index("none")] > NOT_A_CLAIM_PROBABILITY


# A unit the rules did not take for a claim (no cue, nothing checkable by their count) is added when the
# claim-or-not model reads it as a claim with at least this probability.
A_CLAIM_PROBABILITY = 0.5


def is_a_claim(model: LinearModel | None, features: Features) -> bool:
    """Whether the claim-or-not model reads the unit as a claim, with at least A_CLAIM_PROBABILITY."""
    if model is None:
        return False
    return model.probabilities(features)[model.levels.index("claim")] >= A_CLAIM_PROBABILITY


def train_linear_model(rows: Sequence[tuple[Features, int | str]], c: float = 1.0,
                      balanced: bool = True) -> LinearModel:
    """Fit the logistic regression on (features, gold label) rows (scikit-learn, a few seconds on CPU)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform([f for f, _ in rows])
    fitted = LogisticRegression(C=c, max_iter=2000, class_weight="balanced" if balanced else None).fit(matrix, [y for _, y in rows])
    names = vectorizer.get_feature_names_out()
    coefficients, intercepts = fitted.coef_, fitted.intercept_
    if len(fitted.classes_) == 2:  # one row of weights for the second class: softmax over (0, z) is the sigmoid
        coefficients, intercepts = [[0.0] * len(names), coefficients[0]], [0.0, intercepts[0]]
    weights = {name: tuple(round(float(coefficients[k][j]), 5) for k in range(len(fitted.classes_)))
               for j, name in enumerate(names)}
    labels = tuple(c.item() if hasattr(c, "item") else c for c in fitted.classes_)
    return LinearModel(labels, weights, tuple(round(float(b), 5) for b in intercepts))


def retype_speaker(rule_type: str, predicted: str, document_types: Sequence[str], country: bool = False) -> str:
    """The speaker type to keep: the model's, unless it would give a named speaker the outlet's voice,
    give an unattributed unit a type no speaker of the document has, or retype a country or city the
    rules read as a government ("France said", "Washington warned"); then the rules' type stays."""
    if predicted == rule_type or predicted == "outlet" or country:
        return rule_type
    if rule_type == "outlet" and predicted not in document_types:
        return rule_type
    return predicted


def combine_level(rule_level: int, certainty: str, predicted: int, features: Features | None = None) -> tuple[int, str]:
    """The level to keep and its certainty: an explicit denial or reassurance the rules found (level 0)
    stands, and so does ground they found an armed group holding (``features`` has the armed-control cue),
    which the model, reading "control" as reassurance, would turn to level 0; so does an escalation the rules
    found (level 3 or 4) that the model would turn to level 0 with no evidence of reassurance, denial,
    negation, containment or improbability among the rules' cues (``ZERO_EVIDENCE``); so does the context level
    of a security alert's precautions (``PRECAUTION``, "Keep a low profile"); otherwise the model's
    level, which drops the rules' "denied" when it reads a threat."""
    if rule_level == 0:
        return 0, certainty
    if features and PRECAUTION in features:  # advice to take care is context, whatever else the words suggest
        return rule_level, certainty
    if predicted == 0 and features and ARMED_CONTROL in features:
        return rule_level, certainty
    if predicted == 0 and rule_level >= 3 and features is not None and not any(
            name.startswith("cue=") and name.split("=", 1)[1].split()[0] in ZERO_EVIDENCE for name in features):
        return rule_level, certainty
    return predicted, "asserted" if predicted > 0 and certainty == "denied" else certainty
