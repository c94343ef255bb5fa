"""Level and certainty of one claim unit, read from its cues on the dependency parse; claim or not."""
from __future__ import annotations

from spacy.tokens import Span, Token

from claimatlas.claims.control import ARMED_CONTROL_KIND, ARMED_CONTROL_LEVEL, armed_control
from claimatlas.claims.cues import PRECAUTION_KIND, REASSURANCE_KIND, Cue, CueBook, match_cues
from claimatlas.claims.dating import (
    BACKGROUND_LEVEL,
    CLAUSE_STEPS,
    DATED_BACKGROUND_KIND,
    case_marked,
    in_since_phrase,
    is_dated_background,
    is_past_dated,
    past_dated_events,
    spans_years,
)
from claimatlas.claims.scenes import PlaceFacts, mentions_capital, spans_the_country
from claimatlas.claims.speakers import GOVERNMENT_KIND, names_role
from claimatlas.claims.spoils import met_by_state_forces, spoils_taken
from claimatlas.model import CueMatch
from claimatlas.negation import (
    NEGATION_ADVERBS,
    NEGATION_WORDS,
    SUBJECT_DEPS,
    has_negative_subject,
    is_attempted,
    is_contained,
    is_done_deed,
    is_improbable,
    is_incapable,
    is_infinitive,
    is_negated,
    is_one_of,
    negated_or_denied,
    with_fixed,
    withheld_information,
)

# How a reassurance cue hangs on the verb whose subject it reassures about: "under control" of "was"
# (object of a preposition, the preposition), "calm" of "remained" (predicate adjective or noun), at most
# PREDICATE_DEPTH steps; "a return to calm" hangs on a noun and reassures about nothing else.
PREDICATE_DEPS = frozenset({"pobj", "prep", "acomp", "attr", "advmod", "obl", "case", "xcomp"})
PREDICATE_DEPTH = 3
# The rubric's lowest level of a threat asserted (incident / pressure).
INCIDENT_LEVEL = 2




# Cue kinds an incident in or around the capital raises to the capital level: an attack inside it, an
# encirclement of it.
SIEGE_KIND = "siege"
# Cue kinds that one town or one site around which they happen keeps at the incident level.
TAKEOVER_KIND = "takeover_threat"
LOCAL_KINDS = frozenset({SIEGE_KIND, TAKEOVER_KIND})
VIOLENCE_KIND = "violence"
# A reassurance negated is pressure: the threat not contained ("the situation is not under control").
NEGATED_REASSURANCE_KIND = "negated reassurance"
CAPITAL_RAISED_KINDS = frozenset({VIOLENCE_KIND, SIEGE_KIND})


def _anchor(tokens: list[Token]) -> Token:
    """The matched token highest in the dependency tree."""
    return min(tokens, key=lambda t: len(list(t.ancestors)))


def _governing_chain(token: Token) -> list[Token]:
    """The token and the words it depends on, up to and including its clause's verb."""
    chain = [token]
    while chain[-1].pos_ not in ("VERB", "AUX") and chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    verb = chain[-1]
    while verb.dep_ in ("xcomp", "conj") and verb.head.i != verb.i:
        verb = verb.head
        chain.append(verb)
    return chain


def _in_clause(token: Token, marks: frozenset[str]) -> bool:
    """Whether the token lies inside a subordinate clause opened by one of ``marks``, read with the words fixed to
    the mark ("bien que", which the French parser writes "bien" with "que" fixed to it), whatever relation the
    parser gives the clause (it may read "Bien que la situation soit sous contrôle" as a modifier, or as the root
    with the main clause joined to it)."""
    for node in (token, *token.ancestors):
        mark = next((c for c in node.children if c.dep_ == "mark" and with_fixed(c) in marks), None)
        if mark is not None and node.dep_ != "ROOT":
            return True
        if mark is not None:  # the parser made the opening concession the root: it runs to the first comma
            comma = next((t.i for t in token.doc[mark.i:token.sent.end] if t.text == ","), token.sent.end)
            return token.i < comma
    return False


def _in_concessive_phrase(token: Token, prepositions: frozenset[str]) -> bool:
    """Whether the token lies in the object of a concessive preposition of its clause ("despite these threats", "in
    spite of the attacks", "malgré les attaques"), up to CLAUSE_STEPS heads up."""
    node = token
    for _ in range(CLAUSE_STEPS):
        if node.lower_ in prepositions or case_marked(node, prepositions):
            return True
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            return False
        node = node.head
    return False


def _concessions_opened(unit: Span, openers: tuple[tuple[str, ...], ...]) -> list[range]:
    """The token positions of the concessions that an opener (a verb's lemma and the words after it: "avoir beau")
    opens in the unit, each running to the next comma of its sentence."""
    found = []
    for token in unit:
        for words in openers:
            end = token.i + len(words)
            if end <= unit.end and token.lemma_.lower() == words[0] and all(
                    t.lower_ == w for t, w in zip(unit.doc[token.i + 1:end], words[1:])):
                comma = next((t.i for t in unit.doc[end:token.sent.end] if t.text == ","), token.sent.end)
                found.append(range(end, comma))
    return found


def _conditional_clause(token: Token, book: CueBook) -> bool:
    for node in (token, *token.ancestors):
        if node.dep_ == "advcl" or node.dep_ == "ROOT":
            for child in node.children:
                if child.dep_ == "mark" and child.lower_ in book.conditional_marks:
                    return True
                if child.dep_ == "aux" and child.lower_ in book.inverted_aux and any(
                        s.dep_.startswith("nsubj") and s.i > child.i for s in node.children):
                    return True
        if node.dep_ == "advcl":
            break
    return False


def certainty_of(tokens: list[Token], unit: Span, book: CueBook) -> str:
    """Certainty of the claim carried by ``tokens``: conditional, hedged or asserted. A modal that is one of
    the cue's own words does not hedge it ("cannot offer services" asserts an inability)."""
    anchor = _anchor(tokens)
    chain = _governing_chain(anchor)
    own = {t.i for t in tokens}
    if _conditional_clause(anchor, book):
        return "conditional"
    for token in chain:
        if token.lemma_.lower() in book.hedge_verbs:
            return "hedged"
        for child in token.children:
            word = child.lower_
            if child.tag_ == "MD" and word in book.hedge_modals and child.i not in own:
                return "hedged"
            if child.dep_ == "advmod" and word in book.hedge_adverbs:
                return "hedged"
            if child.dep_ == "amod" and word in book.hedge_adjectives:
                return "hedged"
    if any(c.tag_ == "MD" and c.lower_ in book.hypothetical_aux for t in chain for c in t.children):
        return "conditional"
    if any(t.lower_ in book.hedge_adverbs or t.lemma_.lower() in book.hedge_verbs for t in unit):
        return "hedged"
    return "asserted"


DEPARTURE_ADVICE = "departure advice"
DEPARTURE_KIND = "evacuation"
# How a departure verb hangs on the verb that advises it: its complement ("urged Americans to leave"), or, in the
# French parse, a clause on the advised noun ("appelé ses ressortissants à quitter").
ADVISED_DEPS = frozenset({"xcomp", "ccomp", "acl"})


def departure_advice(unit: Span, book: CueBook) -> list[tuple[Cue, list[Token]]]:
    """Advice or an order to leave, as cue matches of the kind "evacuation": a departure verb (the book's
    ``departure_advice``) under a verb of advice ("urged Americans to leave Mali", "advising their citizens to
    avoid or leave") or with a modal of advice ("should depart"); not a departure only reported ("after the
    mercenaries leave")."""
    cue = Cue(DEPARTURE_ADVICE, (), book.departure_level, DEPARTURE_KIND)
    found = []
    for token in unit:
        if token.pos_ != "VERB" or token.lemma_.lower() not in book.departure_verbs:
            continue
        node = token
        while node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
        adviser = node.head if node.dep_ in ADVISED_DEPS else None
        if adviser is not None and adviser.pos_ in ("NOUN", "PROPN") and node.dep_ == "acl":
            adviser = adviser.head
        advised = adviser is not None and adviser.lemma_.lower() in book.departure_advisers
        if advised or any(c.dep_ == "aux" and c.lower_ in book.departure_modals for c in node.children):
            found.append((cue, [token]))
    return found


CASUALTY_KIND = "casualty"
# Cue kinds of acts, which happen at a time (``negation.is_contained``): an attack, a killing.
ACT_KINDS = frozenset({VIOLENCE_KIND, CASUALTY_KIND})
# Dependencies that take the one who bears a verb's harm ("killing 20 assailants", "militants were killed"),
# that name it beside a casualty noun ("enemy losses", "the assailants' losses", "losses among the
# militants", "pertes dans les rangs des terroristes"), and that name the one harm is inflicted on
# ("inflicted losses on the armed groups", "infligé des pertes aux groupes armés").
VICTIM_DEPS = frozenset({"dobj", "obj", "nsubjpass", "nsubj:pass"})
NAME_DEPS = frozenset({"compound", "amod", "nmod", "poss"})
INFLICTED_ON_DEPS = frozenset({"prep", "obl:arg", "iobj", "dative"})
PARTICIPLE_DEPS = frozenset({"acl", "amod"})
NOUN_OBJECT_DEPS = frozenset({"prep", "nmod"})


def _names(node: Token) -> str:
    """The words that name what a noun refers to: itself, its compounds, adjectives and possessors, and the
    object of its "of" ("the ranks of the militants")."""
    words = [node, *(c for c in node.children if c.dep_ in NAME_DEPS)]
    words += [g for c in node.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    return " ".join(t.lower_ for t in sorted(words, key=lambda t: t.i))


def _objects(verb: Token, deps: frozenset[str]) -> list[Token]:
    """The verb's children of ``deps``, with an English preposition taken by its object."""
    found = []
    for child in verb.children:
        if child.dep_ in deps:
            found += [g for g in child.children if g.dep_ == "pobj"] if child.dep_ == "prep" else [child]
    return found


def _name_hostile_forces(nodes: list[Token], book: CueBook) -> bool:
    """Whether one of the nouns names the armed side of the fight (the book's ``hostile_forces``)."""
    return any(names_role(_names(node), phrase) for node in nodes for phrase in book.hostile_forces)


def borne_by_hostile_forces(token: Token, book: CueBook) -> bool:
    """Whether the casualties a cue word names are borne by the armed side of the fight (the book's
    ``hostile_forces``): "the enemy suffered significant losses", "killing 20 assailants", "inflicted heavy
    losses on the armed groups", "13 terroristes tués"; not "militants killed 20 soldiers"."""
    bearers = [token]
    if token.pos_ in ("VERB", "AUX"):
        bearers += [c for c in token.children if c.dep_ in VICTIM_DEPS]
        if token.dep_ in PARTICIPLE_DEPS:
            bearers.append(token.head)
    else:
        bearers += _objects(token, NOUN_OBJECT_DEPS)
        verb = token.head
        if token.dep_ in VICTIM_DEPS and verb.lemma_.lower() in book.bearing_verbs:
            bearers += [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        if token.dep_ in VICTIM_DEPS and verb.lemma_.lower() in book.inflicting_verbs:
            bearers += _objects(verb, INFLICTED_ON_DEPS)
    return _name_hostile_forces(bearers, book)


CONTAINED_FORCES = "armed side contained"


def contained_forces(unit: Span, book: CueBook) -> list[tuple[Cue, list[Token]]]:
    """Containment verbs stating a deed done against the armed side, as reassurance cue matches (level 0, the
    rubric's "contained"): "after successfully repelling the gunmen", "all the terrorists were neutralized",
    "13 terroristes neutralisés"; not an aim ("vowed to repel the gunmen")."""
    cue = Cue(CONTAINED_FORCES, (), 0, REASSURANCE_KIND)
    return [(cue, [token]) for token in unit if is_one_of(token, book.containment_verbs)
            and is_done_deed(token, unit) and borne_by_hostile_forces(token, book)]


def _weaker_side_hostile(token: Token, book: CueBook) -> bool:
    """Whether the side an "outmatched" cue calls weaker is the armed one: the subject of the verb the cue's noun
    completes ("the insurgents are no match for ..."), or the noun's possessor ("insurgents' no match")."""
    node = token if token.pos_ in ("NOUN", "PROPN") else next((t for t in token.subtree if t.pos_ == "NOUN"), token)
    sides = [c for c in node.children if c.dep_ == "poss"] + [c for c in node.head.children if c.dep_ in SUBJECT_DEPS]
    return _name_hostile_forces(sides, book)


SIEGED_DEPS = frozenset({"prep", "nmod", "dobj", "obj", "obl", "obl:arg", "obl:mod"})
PLACE_LABELS = frozenset({"GPE", "LOC"})
# A town's name the tagger missed or took for a person's, a product's, a building's or a work's ("Djibo" a person,
# "Kayes" a product).
NAME_LABELS = frozenset({"", "PERSON", "PER", "PRODUCT", "FAC", "WORK_OF_ART", "MISC"})


def _entity_text(token: Token) -> str:
    """The text of the named entity the token belongs to."""
    start, end = token.i, token.i + 1
    while start > 0 and token.doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(token.doc) and token.doc[end].ent_iob_ == "I":
        end += 1
    return token.doc[start:end].text


def _besieges_town(token: Token, book: CueBook, gazetteer: PlaceFacts | None) -> bool:
    """Whether a siege cue's object is a name (a place, or a proper noun the tagger took for a person) that is
    neither the capital nor a country ("the blockade of Kayes", "blockaded Djibo"; not "a blockade on Mali");
    unknown without the gazetteer."""
    if gazetteer is None:
        return False
    names = [t for t in _objects(token, SIEGED_DEPS) if t.lower_ not in book.capital_terms
             and (t.ent_type_ in PLACE_LABELS or t.pos_ == "PROPN" and t.ent_type_ in NAME_LABELS)]
    # the word alone too: the tagger's entity may run past the name ("Seize Mali" taken for a person)
    return any(gazetteer.nation(_entity_text(name)) is None and gazetteer.nation(name.text) is None for name in names)


def _holds_home_country(verb: Token, book: CueBook, gazetteer: PlaceFacts | None) -> bool:
    """Whether a verb of holding ground takes one of the crisis's states as its object ("could seize Niger"):
    the state itself under threat, as its capital would be."""
    return gazetteer is not None and any(gazetteer.nation(_entity_text(name)) in book.home_countries
                                         for name in _objects(verb, SIEGED_DEPS))


AGENT_PREPOSITION = "by"


def _ruled_by_the_state(by: Token, book: CueBook) -> bool:
    """Whether the agent of a cue ending in "by" ("rule by") is the state's own rulers, or a duration, rather than
    an armed group: "ruled by a military junta", "extended its rule by five years"; not "ruled by jihadists"."""
    rulers = [phrase for phrase, kind in book.roles if kind == GOVERNMENT_KIND]
    return any(agent.lemma_.lower() in book.long_durations or any(names_role(_names(agent), r) for r in rulers)
               for agent in by.children if agent.dep_ == "pobj")


def _aims_at(token: Token) -> bool:
    """Whether a verb takes an infinitive as its complement, so that it states an aim rather than an act ("une
    campagne visant à éviter la panique", "visant à étrangler l'économie"; not "les localités visées")."""
    return token.pos_ in ("VERB", "AUX") and any(child.dep_ == "xcomp" and is_infinitive(child) for child in token.children)


def _in_aftermath(token: Token, book: CueBook) -> bool:
    """Whether a violence word only names the known event of an aftermath: the complement of an aftermath word of
    the cue book, directly or through its preposition ("les auteurs de l'attaque", "the perpetrators of the
    attack", "involved in the attack", "arrested over the attack", "in connection with the attack")."""
    head = token.head.head if token.dep_ == "pobj" else token.head
    return token.dep_ in ("pobj", "nmod", "obl", "obl:arg") and head.lemma_.lower() in book.aftermath_words


def _carries_negation(cue: Cue) -> bool:
    """Whether the cue's own words negate ("no threat", "without concern", "aucun service"): no other negation
    reads it."""
    return bool((NEGATION_WORDS | NEGATION_ADVERBS) & set(cue.words))


def _unreassuring(cue: Cue, tokens: list[Token]) -> Cue:
    """The cue, or, for a reassurance the parse shows negated, pressure: "the situation is not under control",
    "the army has not repelled the attackers", "la situation n'est pas sous contrôle". A reassurance that
    carries its own negation ("without concern") stays one."""
    if cue.kind != REASSURANCE_KIND or _carries_negation(cue) or not is_negated(_anchor(tokens)):
        return cue
    return Cue(cue.phrase, cue.words, INCIDENT_LEVEL, NEGATED_REASSURANCE_KIND)


def _reassured_subjects(matches: list[tuple[Cue, list[Token]]]) -> set[int]:
    """The subjects of the clauses a reassurance cue predicates: "the attack" of "the attack was under
    control", which is then a contained threat, not an incident."""
    subjects = set()
    for cue, tokens in matches:
        if cue.kind != REASSURANCE_KIND:
            continue
        node = _anchor(tokens)
        for _ in range(PREDICATE_DEPTH):
            if node.pos_ in ("VERB", "AUX") or node.dep_ not in PREDICATE_DEPS:
                break
            node = node.head
        if node.pos_ in ("VERB", "AUX"):
            subjects.update(c.i for c in node.children if c.dep_ in SUBJECT_DEPS)
    return subjects


# How far up from a cue a negated cue is sought that governs it ("not on the verge of seizing Bamako").
NEGATION_SCOPE_STEPS = 6


def _under(token: Token, anchors: set[int]) -> bool:
    """Whether one of the tokens at ``anchors`` governs the token, within NEGATION_SCOPE_STEPS heads up."""
    node = token
    for _ in range(NEGATION_SCOPE_STEPS):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.i in anchors:
            return True
    return False


def severity_of(unit: Span, book: CueBook, matches: list[tuple[Cue, list[Token]]] | None = None,
                held: list[Token] | None = None,
                gazetteer: PlaceFacts | None = None) -> tuple[int, str, list[CueMatch]]:
    """Level, certainty and the evidence cues of one unit (``matches``: its ``match_cues``, and ``held``: its
    ``armed_control`` verbs, when known; ``gazetteer``: to tell a town from a country, and to find capitals
    the cue book does not name)."""
    if matches is None:
        matches = match_cues(unit, book)
    matches = [*matches, *departure_advice(unit, book), *contained_forces(unit, book), *spoils_taken(unit, book)]
    matches = [(cue, tokens) for cue, tokens in matches if not withheld_information(_anchor(tokens))]
    if any(cue.kind != PRECAUTION_KIND for cue, _ in matches):  # advice to take care adds nothing to a stated threat
        matches = [(cue, tokens) for cue, tokens in matches if cue.kind != PRECAUTION_KIND]
    held = armed_control(unit, book) if held is None else held
    held_words = {t.i for t in held}
    # Control an armed group holds reassures no one: "roads under the control of JNIM" is ground held.
    matches = [(cue, tokens) for cue, tokens in matches
               if not (cue.kind == REASSURANCE_KIND and held_words & {t.i for t in tokens})]
    if not held and not any(cue.level >= INCIDENT_LEVEL and cue.phrase not in book.imminence for cue, _ in matches):
        matches = [m for m in matches if m[0].phrase not in book.imminence]  # how close, with no threat to be close
    matches = [(cue, tokens) for cue, tokens in matches
               if (cue.phrase not in book.outmatched or _weaker_side_hostile(_anchor(tokens), book))
               and not (cue.kind == VIOLENCE_KIND and (_aims_at(_anchor(tokens)) or _in_aftermath(_anchor(tokens),
                                                                                                    book)))
               and not (cue.kind == REASSURANCE_KIND and is_attempted(_anchor(tokens)))
               and not (cue.words[-1:] == (AGENT_PREPOSITION,) and _ruled_by_the_state(tokens[-1], book))]
    in_capital = mentions_capital(unit, book, gazetteer,
                                  bool(held) or any(cue.kind in CAPITAL_RAISED_KINDS for cue, _ in matches))
    names_locality = any(cue.kind in LOCAL_KINDS for cue, _ in matches) and any(
        t.lemma_.lower() in book.local_scopes and "Plur" not in t.morph.get("Number")
        or t.lemma_.lower() in book.local_sites for t in unit)  # one town (not "many regions") or sites
    opened = _concessions_opened(unit, book.concessive_openers)
    conceded = [_in_clause(_anchor(tokens), book.concessive_marks) or any(_anchor(tokens).i in r for r in opened)
                or _in_concessive_phrase(_anchor(tokens), book.concessive_prepositions) for _, tokens in matches]
    if not all(conceded):
        matches = [m for m, c in zip(matches, conceded) if not c]
        conceded = [False] * len(matches)
    elif any(cue.kind == REASSURANCE_KIND for cue, _ in matches):
        # A reassurance conceded is what the main clause contrasts with, and does not reassure: "While the threat is
        # largely contained in the north, it is spreading in the south", "Bien que la situation soit sous
        # contrôle, des opérations de ratissage continuent".
        matches, conceded = [], []
    matches = [(_unreassuring(cue, tokens), tokens) for cue, tokens in matches]
    unreassured = {_anchor(tokens).i for cue, tokens in matches if cue.kind == NEGATED_REASSURANCE_KIND}
    reassured = _reassured_subjects(matches)
    # A threat cue that does not carry its own negation ("no threat", "not able to provide", "aucun service")
    # may be negated, here or by a cue over it; not by the negation of a reassurance it is the subject of ("the
    # threat is not contained").
    negatable = [cue.level >= INCIDENT_LEVEL and cue.kind != NEGATED_REASSURANCE_KIND and not _carries_negation(cue)
                 for cue, _ in matches]
    negated_here = [can and negated_or_denied(_anchor(tokens), book.denial_verbs)
                    and _anchor(tokens).head.i not in unreassured for can, (_, tokens) in zip(negatable, matches)]
    # A negation reaches the cues a negated cue governs ("not on the verge of seizing Bamako"); a subject that is
    # nobody negates only its verb ("no soldier was killed in the attack": the attack stands).
    negated_anchors = {_anchor(tokens).i for (_, tokens), here in zip(matches, negated_here)
                       if here and not has_negative_subject(_anchor(tokens))}
    negated_all = [here or can and _under(_anchor(tokens), negated_anchors)
                   for (_, tokens), can, here in zip(matches, negatable, negated_here)]
    contained_all = [cue.level >= INCIDENT_LEVEL and cue.kind != NEGATED_REASSURANCE_KIND and not negated and (_anchor(tokens).i in reassured or is_contained(
        _anchor(tokens), book.containment_verbs, unit, act=cue.kind in ACT_KINDS) or is_incapable(_anchor(tokens), book.incapacity_words, unit)
        or cue.kind == CASUALTY_KIND and borne_by_hostile_forces(_anchor(tokens), book))
        for (cue, tokens), negated in zip(matches, negated_all)]
    # An attempt beside a threat contained, or a reassurance, is the act contained: "des jihadistes avaient tenté
    # d'attaquer des positions, mais l'assaut avait été repoussé", "cette attaque maîtrisée ..., tentant de s'infiltrer".
    containment = any(contained_all) or any(cue.kind == REASSURANCE_KIND for cue, _ in matches)
    # A fight the state's forces met whose only losses named are the armed side's is the defence's success:
    # "Niger's forces responded to the assault, killing 20 of the attackers", "the assailants suffered losses wherever
    # they clashed with the army".
    losses_borne = [contained for (cue, _), contained in zip(matches, contained_all) if cue.kind == CASUALTY_KIND]
    armed_side_lost = (any(losses_borne) or any(cue.phrase == CONTAINED_FORCES for cue, _ in matches)) and all(losses_borne)
    dated = past_dated_events(unit)
    evidence, best = [], None
    denial, denied_whole, improbable = None, False, False
    for (cue, tokens), in_concession, negated, contained in zip(matches, conceded, negated_all, contained_all):
        level = cue.level
        if cue.kind in CAPITAL_RAISED_KINDS and (in_capital or spans_the_country(_anchor(tokens), book, gazetteer)):
            level = max(level, book.capital_violence_level)
        elif cue.kind in LOCAL_KINDS and not in_capital and (
                names_locality or _besieges_town(_anchor(tokens), book, gazetteer)):
            level = min(level, INCIDENT_LEVEL)  # a town or a camp besieged or taken, not the capital or the state
        if in_concession and (cue.kind == "denial" or negated):
            continue  # "While the army did not confirm casualties, it said ...": the concession denies nothing asserted
        contained = contained or (containment and not negated and cue.kind == VIOLENCE_KIND
                                  and (is_attempted(_anchor(tokens)) or armed_side_lost and level <= INCIDENT_LEVEL
                                       and met_by_state_forces(_anchor(tokens), book)))
        unlikely = level >= 2 and not negated and not contained and is_improbable(_anchor(tokens),
                                                                                  book.improbability_words)
        since = level > BACKGROUND_LEVEL and cue.kind != "denial" and in_since_phrase(_anchor(tokens), unit)
        past = level > BACKGROUND_LEVEL and cue.kind != "denial" and not since and is_past_dated(_anchor(tokens), dated)
        if since or past:
            level = BACKGROUND_LEVEL
        elif cue.kind == "denial" or negated:
            denial = denial or (cue, tokens)
            denied_whole = denied_whole or cue.kind == "denial"
            level = 0
        elif contained or unlikely:
            level = 0
            improbable = improbable or unlikely
        kind = ("since " if since else "dated " if past else "negated " if negated else "contained " if contained
                else "unlikely " if unlikely else "") + cue.kind
        evidence.append(CueMatch(cue.phrase, level, kind, unit.doc[tokens[0].i:tokens[-1].i + 1].text))
        if best is None or level > best[0]:
            best = (level, tokens)
    for verb in held:
        since = in_since_phrase(verb, unit)
        level = BACKGROUND_LEVEL if since else book.capital_violence_level if in_capital or _holds_home_country(
            verb, book, gazetteer) else ARMED_CONTROL_LEVEL
        evidence.append(CueMatch(ARMED_CONTROL_KIND, level, ("since " if since else "") + ARMED_CONTROL_KIND, verb.text))
        if best is None or level > best[0]:
            best = (level, [verb])
    # A denial cue denies the whole unit; a negation only what it governs, so that an incident asserted beside it
    # stands ("Aucun mort n'a été signalé, toutefois deux soldats ont été blessés").
    if denial is not None and (denied_whole or best is None or best[0] < INCIDENT_LEVEL):
        return 0, "denied", evidence
    if improbable and best is not None and best[0] == 0:
        return 0, "hedged", evidence
    if best is not None and best[0] > BACKGROUND_LEVEL and (is_dated_background(unit) or spans_years(unit, book)):
        evidence.append(CueMatch(DATED_BACKGROUND_KIND, BACKGROUND_LEVEL, DATED_BACKGROUND_KIND, ""))
        best = (BACKGROUND_LEVEL, best[1])
    if any(t.lemma_.lower() in book.disputes or t.lower_ in book.disputes for t in unit):
        level = best[0] if best else 1
        return level, "disputed", evidence
    if best is None:
        return 1, certainty_of([unit.root], unit, book), evidence
    return best[0], certainty_of(best[1], unit, book), evidence
