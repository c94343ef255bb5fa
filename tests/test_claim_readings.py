"""Claim readings on new wording, each a table on the real model: denials, contained threats, background,
speakers across sentences, countries as speakers, ground held by armed groups, the document's own voice."""
from __future__ import annotations

import pytest

from claimatlas.claims.detect import detect_claims, read_units


@pytest.mark.parametrize("text, level, certainty", [
    # a threat under a denial verb is a denial, whatever the noun phrase holds
    ("The minister dismissed fears of a terrorist takeover of the capital.", 0, "denied"),
    ("Officials rejected claims that jihadists could soon capture Bamako.", 0, "denied"),
    # ... or in the subject of a denial adjective, or under one before it
    ("The spokesman said rumours of an imminent assault on Bamako were false.", 0, "denied"),
    ("Reports that JNIM had surrounded the capital are baseless, the minister said.", 0, "denied"),
    ("The army dismissed false reports of an attack on the airport.", 0, "denied"),
    # adjectives that call a claim implausible or overdone deny it too, hyphenated compounds included
    ("Jihadist Takeover of Mali is Far-fetched, Foreign Minister Says", 0, "denied"),
    ("Fears that the capital could fall to the insurgents are overblown, a diplomat said.", 0, "denied"),
    ("Fears of an assault on Bamako are misplaced, the army said.", 0, "denied"),
    # a negated verb of intention negates its complement, a negated noun of intention or means too ...
    ("JNIM does not intend to seize the capital.", 0, "denied"),
    ("JNIM has no intention of attacking Bamako, the analyst said.", 0, "denied"),
    ("The group has no plan to seize the capital.", 0, "denied"),
    # ... but not where the negation affirms the complement
    ("The jihadists did not hesitate to attack the capital.", 3, "asserted"),
    # ... nor where the negated verb only attributes or confirms the event
    ("The Islamic State Sahel Province has not claimed the attack on the capital.", 3, "asserted"),
    ("The army did not confirm the attack on the capital.", 3, "asserted"),
])
def test_denial_over_noun_phrases(nlp, resources, text, level, certainty):
    [rules] = detect_claims(nlp(text), "Paper", book=resources.cues)
    [learned] = detect_claims(nlp(text), "Paper", book=resources.cues, model=resources.level_model,
                              speaker_model=resources.speaker_model)
    assert (rules.level, rules.certainty) == (learned.level, learned.certainty) == (level, certainty)


@pytest.mark.parametrize("text, level", [
    # a threat under a containment verb that states a done deed is contained: level 0, asserted
    ("The army said it repelled the attacks on its positions near Kayes.", 0),
    ("Soldiers thwarted an attack on the gendarmerie school in Bamako on Tuesday.", 0),
    # ... or a containment participle modifying the threat ("foiled" is tagged JJ, its lemma kept as the form)
    ("Soldiers said the foiled attack on the capital had been planned for weeks.", 0),
    ("An attack repelled by the army near Gao on Monday lasted two hours.", 0),
    ("An attack repelled by the army left two soldiers wounded near Gao.", 2),  # the army's own casualties stand
    ("The failed attack on the capital shocked residents.", 3),  # failing is not containing
    # an aim is not a done deed
    ("The army vowed to repel any attack on Bamako.", 3),
    # a threat no containment verb governs keeps its level
    ("Militants attacked a convoy near Gao on Monday.", 2),
    # a threat that a reassurance predicates is contained; one beside a reassurance about something else is not
    ("The army chief said the attack was under control.", 0),
    ("The fighting continued until around 2:00 a.m., before a gradual return to calm.", 2),
    # a siege lifted is over; one the army failed to lift is not
    ("The blockade has been lifted and fuel trucks are arriving in the capital.", 0),
    ("The army failed to lift the blockade of Kayes.", 2),
    # an action its would-be author lacks the means for is contained; a defence lacking them is not
    ("Analysts say JNIM lacks the capacity to capture and hold the capital.", 0),
    ("JNIM is unable to seize Bamako, the analyst said.", 0),
    ("The army lacks the means to stop the attacks on the capital.", 3),
])
def test_contained_threats_are_reassurance(nlp, resources, text, level):
    [rules] = detect_claims(nlp(text), "Paper", book=resources.cues, gazetteer=resources.gazetteer)
    assert rules.level == level
    assert rules.certainty == "asserted" or level > 0


@pytest.mark.parametrize(("language", "text", "level"), [
    # a main event dated two years or more before the latest year the article names is background ...
    ("en", "In 2012, jihadists seized control of northern Mali. In 2025, JNIM blockaded the capital.", 1),
    ("fr", "En 2012, les jihadistes ont pris le contrôle du nord du Mali. En 2025, le JNIM a imposé un blocus.", 1),
    # ... but not an event of the article's own time, nor one measured "since" a year
    ("en", "JNIM seized control of three army camps in 2025. The group has grown since 2012.", 2),  # sites: 2, not 1
    ("en", "It was the deadliest assault on the capital since 2012, officials said in 2025.", 3),
    # an article naming no later year dates nothing
    ("en", "In 2012, jihadists seized control of northern Mali.", 3),
    # the event "since" names is a past starting point, background whatever it was ...
    ("en", "Violence persists since the military's takeover in 2020.", 2),  # "violence": pressure; not 4
    ("en", "The country has been unstable since the coup that toppled the president.", 1),
    ("fr", "Le pays est instable depuis l'attaque jihadiste contre la capitale.", 1),
    # ... as is the clause it opens as a conjunction of time: "depuis que" always, "since" before a perfect
    ("en", "The country has been unstable since the jihadists seized the north.", 1),
    ("fr", "Le pays est instable depuis que les jihadistes ont attaqué la capitale.", 1),
    # ... while the sentence's own event keeps its level
    ("en", "Jihadists have surrounded the capital since the attack on the airport.", 3),
    ("en", "It was the deadliest assault on the capital since 2012.", 3),
    ("en", "Since the jihadists surrounded the capital, the army is on alert.", 3),  # may mean "because"
])
def test_past_events_are_background(resources, language, text, level):
    pack = resources.pack(language)
    first = detect_claims(pack.nlp(text), "Paper", book=pack.cues)[0]
    assert first.level == level


@pytest.mark.parametrize("text, level", [
    ("Selon l’armée, cette attaque maîtrisée a été perpétrée par un groupe de terroristes.", 0),
    ("L’attaque contre le camp a été repoussée par l’armée.", 0),
    ("Des jihadistes ont attaqué un convoi près de Kayes dimanche.", 2),
    ("Les rumeurs d'une attaque imminente contre Bamako sont infondées, a déclaré le ministre.", 0),
    ("Les rumeurs d'une attaque imminente contre Bamako sont invraisemblables, selon le ministre.", 0),
    ("Les commerces ont ouvert comme d'habitude à Bamako, selon des habitants.", 0),
    ("Le blocus a été levé et les camions-citernes arrivent dans la capitale.", 0),
    ("Selon un analyste, le JNIM est incapable de prendre Bamako.", 0),
    ("Le JNIM n'a pas l'intention de prendre Bamako, selon un chercheur.", 0),
    ("Le JNIM ne cherche pas à attaquer Bamako.", 0),
    ("Les jihadistes n'ont pas hésité à attaquer la capitale.", 3),
    ("Les jihadistes ne se contentent pas de bloquer les routes.", 2),
])
def test_contained_threats_are_reassurance_in_french(resources, text, level):
    french = resources.pack("fr")
    [rules] = detect_claims(french.nlp(text), "Journal", book=french.cues)
    assert rules.level == level


@pytest.mark.parametrize("text", [
    "The minister dismissed fears of a terrorist takeover of the capital.",
    "Soldiers thwarted an attempt by the jihadists to seize the capital.",
    "Rumours of a jihadist plan to seize the capital are false, the minister said.",
    "Analysts say JNIM lacks the capacity to seize the capital.",
    "A takeover of Bamako by the jihadists remains very unlikely, the researcher said.",
    "Fears that the capital could fall to the insurgents are overblown, a diplomat said.",
])
def test_claims_and_framing_read_one_denial(nlp, resources, text):
    from claimatlas.framing.analyse import analyse_sentence

    doc = nlp(text)
    [claim] = detect_claims(doc, "Paper", book=resources.cues)
    framed = analyse_sentence(next(doc.sents), resources.codebook)
    assert claim.level == 0 and "imminent_collapse" not in framed["frames"]


@pytest.mark.parametrize("text, speaker, speaker_type", [
    # "he" points back to the last person named, even one named without a reporting verb
    ("General Oumar Diarra spoke to reporters. He emphasized that the attack was deliberate.",
     "Oumar Diarra", "government_or_military"),
    # a participle hanging on a noun ("the scene saying") reports for the subject of the verb above it
    ('A resident in Kayes recounted the scene saying, "We woke up in shock this morning."', "resident",
     "unnamed_source"),
    # a reporting verb that only describes a noun, or is negated, leaves the sentence to the writer
    ("The attack, claimed by the group JNIM, left two soldiers dead in Kayes.", "Paper", "outlet"),
    ("No group has claimed responsibility for the attack that killed two soldiers in Kayes.", "Paper", "outlet"),
    ("The army did not say how many soldiers died in the attack in Kayes.", "Paper", "outlet"),
    ("JNIM claimed the attack that killed two soldiers in Kayes.", "JNIM", "armed_group"),
])
def test_speakers_through_pronouns_and_participles(nlp, text, speaker, speaker_type):
    claim = detect_claims(nlp(text), "Paper")[-1]
    assert (claim.speaker, claim.speaker_type) == (speaker, speaker_type)


@pytest.mark.parametrize(("language", "text", "claimed"), [
    # no cue and nothing the rules count as checkable, but a claim about the crisis: the claim-or-not layer adds it
    ("fr", "Le carburant ne passe plus.", {"Le carburant ne passe plus."}),
    ("fr", "Les routiers maliens n’en peuvent plus de la situation sécuritaire dans le pays.",
     {"Les routiers maliens n’en peuvent plus de la situation sécuritaire dans le pays."}),
    # a question and page furniture are never claims, whatever the layer reads
    ("en", "What is driving attacks against Russian forces in Mali?", set()),
    ("fr", "Abonnez-vous à notre newsletter.", set()),
])
def test_the_claim_layer_adds_claims_the_rules_missed(resources, language, text, claimed):
    pack = resources.pack(language)
    doc = pack.nlp(text)
    assert not {r.unit.text for r in read_units(doc, "Outlet", pack.cues)} & claimed
    found = detect_claims(doc, "Outlet", book=pack.cues, model=pack.level_model, speaker_model=pack.speaker_model,
                          claim_model=pack.claim_model)
    assert {c.sentence for c in found} == claimed


@pytest.mark.parametrize(("language", "text", "claimed"), [
    # the precautions a security alert asks for are claims about the threat environment, bare imperatives (or French
    # infinitives) as they are
    ("en", "Keep a low profile near Gao", True),
    ("en", "Review your personal security plans", True),
    ("fr", "Éviter les rassemblements à Gao", True),
    # ... while page furniture in the imperative is none
    ("en", "Post a Comment", False),
])
def test_a_security_alerts_precautions_are_claims(resources, language, text, claimed):
    pack = resources.pack(language)
    found = detect_claims(pack.nlp(text), "Outlet", book=pack.cues, model=pack.level_model,
                          speaker_model=pack.speaker_model, claim_model=pack.claim_model)
    assert [c.level for c in found] == ([1] if claimed else [])


@pytest.mark.parametrize("text, level, certainty, speaker_type", [
    # a negation inside a concession denies nothing the sentence asserts; "it" is the army named before it
    ("While the army did not confirm casualties, it said assailants attempted to infiltrate the school.", 2,
     "asserted", "government_or_military"),
    ("Although no group has claimed the attack, gunmen killed four soldiers near Gao.", 2, "asserted", "outlet"),
    # without a concession the denial stands
    ("The army did not confirm any casualties.", 0, "denied", "outlet"),
    # losses are an incident, in English as in French ("perte")
    ("JNIM said its fighters inflicted enormous human and material losses on the army.", 2, "asserted",
     "armed_group"),
])
def test_concessions_pronouns_and_losses(nlp, resources, text, level, certainty, speaker_type):
    [rules] = detect_claims(nlp(text), "Paper", book=resources.cues)
    assert (rules.level, rules.certainty, rules.speaker_type) == (level, certainty, speaker_type)


@pytest.mark.parametrize(("language", "text", "speaker_type"), [
    # the next sentence hands the statement to its speaker ...
    ("en", "The attack on the army camp near Kati is under control. That was the assessment of the army "
           "chief of staff on Tuesday.", "government_or_military"),
    ("en", "Bamako could fall within weeks. This is the view of Ahmed Diallo, a researcher at a think tank.",
     "analyst"),
    ("fr", "L'attaque contre le camp de Kati est sous contrôle. C'est l'analyse du chef d'état-major de "
           "l'armée.", "government_or_military"),
    # ... but not across a paragraph, nor without a noun of statement
    ("en", "The attack on the army camp near Kati is under control.\n\nThat was the assessment of the army "
           "chief of staff on Tuesday.", "outlet"),
    ("en", "The attack on the army camp near Kati is under control. That was the day of the army chief of "
           "staff's visit.", "outlet"),
])
def test_the_next_sentence_hands_a_statement_to_its_speaker(resources, language, text, speaker_type):
    pack = resources.pack(language)
    first = detect_claims(pack.nlp(text), "Paper", book=pack.cues)[0]
    assert first.speaker_type == speaker_type


@pytest.mark.parametrize(("text", "speaker"), [
    # a quote paragraph right after an attributed quote goes on in its speaker's voice ...
    ("“The army has lost control of the roads near Gao,” a diplomatic source said.\n\n“The jihadists now attack "
     "convoys every week.”", "diplomatic source"),
    # ... not after a paragraph in the outlet's own voice, nor past one
    ("Jihadists attacked a convoy near Gao on Monday.\n\n“The jihadists now attack convoys every week.”", "Paper"),
    ("“The army has lost control of the roads near Gao,” a diplomatic source said.\n\nJihadists attacked a convoy "
     "near Gao on Monday.\n\n“The jihadists now attack convoys every week.”", "Paper"),
])
def test_a_quote_paragraph_goes_on_in_the_voice_of_the_quote_before(resources, text, speaker):
    pack = resources.pack("en")
    last = detect_claims(pack.nlp(text), "Paper", book=pack.cues)[-1]
    assert "every week" in last.sentence and last.speaker == speaker


@pytest.mark.parametrize(("language", "text", "speaker"), [
    # a country or city named as the speaker is its government, whatever the learned layer reads
    ("en", "The United States said the attack on the capital was alarming.", "United States"),
    ("en", "Washington warned that militants could attack Bamako.", "Washington"),
    ("fr", "La France a déclaré que des jihadistes avaient attaqué un convoi près de Kayes.", "France"),
])
def test_a_country_speaks_as_its_government(resources, language, text, speaker):
    pack = resources.pack(language)
    [claim] = detect_claims(pack.nlp(text), "Paper", book=pack.cues, model=pack.level_model,
                            speaker_model=pack.speaker_model, claim_model=pack.claim_model)
    assert (claim.speaker, claim.speaker_type) == (speaker, "foreign_government")


@pytest.mark.parametrize(("language", "text", "speaker", "speaker_type"), [
    # A country or its people named as the speaker: the crisis's own countries (home_countries in the
    # speaker book: Mali, Burkina Faso, Niger) speak as their government, any other as a foreign one,
    # whether or not a role word names it.
    ("en", "Germany said the attack on the convoy was a grave escalation.", "Germany", "foreign_government"),
    ("en", "Canadian officials said the embassy in Bamako would close.", "Canadian officials", "foreign_government"),
    ("en", "China's foreign ministry warned that the situation in Bamako was deteriorating.",
     "China's foreign ministry", "foreign_government"),
    ("en", "The UK Foreign Office told British nationals to leave Mali immediately.", "UK Foreign Office",
     "foreign_government"),
    ("en", "A Benin government spokesperson denied the allegation of an attack.", "Benin government spokesperson",
     "foreign_government"),
    ("en", "Nigerien authorities said the situation in Tillabéri was under control.", "Nigerien",
     "government_or_military"),
    ("en", "Burkina Faso's government says it has thwarted an attempted coup.", "Burkina Faso's government",
     "government_or_military"),
    ("en", "Mali's army said it had repelled the attack on Kati.", "Mali's army", "government_or_military"),
    # not a country: a city, a person, an expert, an unnamed official keep their types
    ("en", "A Malian security official said the convoy was attacked.", "Malian security official", "unnamed_source"),
    ("en", "A German analyst said JNIM could besiege the capital.", "German analyst", "analyst"),
    ("fr", "L'Algérie a déclaré que la frappe de drone près de Tinzaouaten violait son espace aérien.", "Algérie",
     "foreign_government"),
    ("fr", "Les autorités nigériennes ont affirmé que la situation était sous contrôle.", "autorités nigériennes",
     "government_or_military"),
    # French demonyms are lower case and follow their noun
    ("fr", "L'ambassade américaine a appelé ses ressortissants à quitter le pays.", "ambassade américaine",
     "foreign_government"),
    # the subject the parser hung on a participle between it and the verb ("..., lié à al-Qaïda, a revendiqué")
    ("fr", "Le Groupe de soutien à l'islam et aux musulmans (GSIM/JNIM), lié à al-Qaïda, a revendiqué l'attaque sur ses "
           "canaux de propagande.", "Groupe de soutien à l'islam", "armed_group"),
])
def test_a_country_named_as_speaker_is_its_government_home_or_foreign(resources, language, text, speaker,
                                                                     speaker_type):
    pack = resources.pack(language)
    [reading] = [r for r in read_units(pack.nlp(text), "Paper", pack.cues, gazetteer=resources.gazetteer)]
    assert (reading.speaker.name, reading.speaker.type) == (speaker, speaker_type)


def test_a_later_government_of_another_country_is_not_the_first_one(resources):
    text = ("Senegal's government said it had reinforced its border with Mali. "
            "Burkina Faso's government said it had thwarted an attempted coup.")
    readings = list(read_units(resources.nlp(text), "Paper", resources.pack("en").cues, gazetteer=resources.gazetteer))
    assert [r.speaker.name for r in readings] == ["Senegal's government", "Burkina Faso's government"]


@pytest.mark.parametrize(("language", "text", "level"), [
    # ground an armed group holds is a threat, though "control" with the army as subject reassures
    ("en", "JNIM controls the main roads around Bamako.", 3),
    ("en", "Jihadists now control most of the north.", 2),
    ("en", "According to local reports, the jihadists managed to take control of the camp.", 2),
    ("fr", "Les jihadistes ont pris le contrôle du camp militaire.", 2),
    ("en", "Government forces remain in control of Bamako.", 0),
])
def test_ground_held_by_an_armed_group(resources, language, text, level):
    pack = resources.pack(language)
    [claim] = detect_claims(pack.nlp(text), "Paper", book=pack.cues, model=pack.level_model,
                            speaker_model=pack.speaker_model, claim_model=pack.claim_model)
    assert claim.level == level


@pytest.mark.parametrize(("text", "level"), [
    ("JNIM controls the main roads around Bamako.", 3),
    ("Jihadists now control most of the north.", 2),
])
def test_a_reader_comment_reads_held_ground_as_an_article_does(resources, text, level):
    from claimatlas.claims.detect import detect_comment_claims

    [claim] = detect_comment_claims([resources.nlp(text)], book=resources.cues)
    assert (claim.level, claim.speaker_type) == (level, "reader_comment")


ALERT = "U.S. citizens currently present in Mali should depart immediately. The airport in Bamako remains open."
OPINION = "Militants' blockade of Mali capital is a test\n\nAlex Thurston\n\nJNIM could be waiting to march into the capital."
TRIBUNE = "Le Mali bientôt sous contrôle ?\npar Boubacar Haidara, chercheur\nLes djihadistes du JNIM ont attaqué Bamako."


@pytest.mark.parametrize(("language", "kind", "text", "speaker", "speaker_type"), [
    # an official document speaks as the government it names first ...
    ("en", "official", ALERT, "U.S.", "foreign_government"),
    # ... an analysis or opinion piece as the author of its byline ...
    ("en", "analysis", OPINION, "Alex Thurston", "analyst"),
    ("fr", "tribune", TRIBUNE, "Boubacar Haidara", "analyst"),
    # ... and an article, or an analysis without a byline, as the outlet
    ("en", "article", ALERT, "Paper", "outlet"),
    ("en", "article", OPINION, "Paper", "outlet"),
    ("en", "analysis", ALERT, "Paper", "outlet"),
])
def test_the_document_kind_gives_the_own_voice(resources, language, kind, text, speaker, speaker_type):
    pack = resources.pack(language)
    claims = detect_claims(pack.nlp(text), "Paper", book=pack.cues, gazetteer=resources.gazetteer, kind=kind)
    assert claims and {(c.speaker, c.speaker_type) for c in claims} == {(speaker, speaker_type)}


@pytest.mark.parametrize(("language", "text", "speaker_type"), [
    # an event that "highlights" or "signals" something is the outlet's own reading ...
    ("en", "These attacks highlight the mounting challenges facing Mali's military junta.", "outlet"),
    ("en", "This uptick in violence signals a worsening security situation in the Sahel.", "outlet"),
    ("fr", "Ces attaques soulignent la fragilité sécuritaire persistante du Mali.", "outlet"),
    # ... while a body, a role or a pronoun standing for one still speaks
    ("en", "The army indicated that the attack on the base was repelled.", "government_or_military"),
    ("en", "Analysts suggest that JNIM will keep attacking convoys.", "analyst"),
    ("fr", "L'armée a souligné que l'attaque avait été repoussée.", "government_or_military"),
    # French verbs of saying beside the English book's ("reaffirm", "express", "deplore")
    ("fr", "Le ministre a réaffirmé que la situation était sous contrôle.", "government_or_military"),
    ("fr", "Les autorités ont exprimé leur inquiétude face aux attaques contre Gao.", "government_or_military"),
    ("fr", "Le gouvernement a déploré des attaques contre des civils à Gao.", "government_or_military"),
    # a directive is its issuer's statement, and so is a video or footage released
    ("en", "The State Department directed non-emergency personnel to leave Niger.", "foreign_government"),
    ("en", "The army ordered a curfew in Gao after the attack.", "government_or_military"),
    ("en", "JNIM released a video of the attack on the camp near Boulkessi.", "armed_group"),
    ("en", "The jihadist group dubbed its operation a success.", "armed_group"),
    ("fr", "Le gouvernement a ordonné un couvre-feu à Gao.", "government_or_military"),
    ("fr", "Le JNIM a diffusé une vidéo de l'attaque contre le camp de Boulkessi.", "armed_group"),
    # a French incise after a quote names its speaker after the verb, however the parser labels the words before
    ("fr", "« Je suis là depuis hier soir », se lamente vendredi un habitant de Gao.", "unnamed_source"),
    ("fr", "« La situation est sous contrôle », a déclaré le ministre de la Défense.", "government_or_military"),
    ("fr", "« Le problème n'est pas réglé », relativisent plusieurs habitants de Gao.", "unnamed_source"),
    ("fr", "D’après des habitants, l’attaque a commencé tôt le matin à Gao.", "unnamed_source"),
    # a role phrase written singular finds the singular and the plural
    ("en", "Sidi Djiré, a taxi driver in Gao, said fuel had run out after the attacks.", "unnamed_source"),
    ("en", "Amadou Traoré, a resident of Gao, said the attackers fled towards the border.", "unnamed_source"),
    ("en", "Moussa Diallo, a trader in Gao, said prices had tripled since the blockade began.", "unnamed_source"),
    ("fr", "Moussa Diallo, chauffeur à Gao, affirme que les attaques se multiplient.", "unnamed_source"),
    # a news organisation named as the speaker, or its reporter, is the press; a state's broadcaster its government
    ("en", "According to a report by Reuters, jihadists attacked a convoy near Gao.", "outlet"),
    ("en", "Fuel prices have doubled in Gao, according to Al Jazeera's Ahmed Touré.", "outlet"),
    ("en", "State television said jihadists attacked a convoy near Gao.", "government_or_military"),
    ("fr", "Selon l'AFP, des jihadistes ont attaqué un convoi près de Gao.", "outlet"),
    ("fr", "D'après des informations recueillies par RFI, l'attaque a fait dix morts à Gao.", "outlet"),
    ("fr", "La télévision publique a annoncé que l'attaque de Gao avait été repoussée.", "government_or_military"),
    # guard: sources a news organisation reached, and anyone speaking to it anonymously, stay unnamed sources
    ("en", "“The convoy near Gao was attacked,” said an official who requested anonymity to speak to Reuters.",
     "unnamed_source"),
    ("fr", "Selon les témoignages recueillis par RFI, l'attaque a fait dix morts à Gao.", "unnamed_source"),
    ("fr", "Selon des sources locales jointes par RFI, l'attaque a fait dix morts à Gao.", "unnamed_source"),
    ("fr", "Les témoins ont décrit une attaque d'une rare brutalité à Gao.", "unnamed_source"),
    # an occupation of research names the role wherever the speaker works, a foreign country included
    ("en", "Jihadists attacked Gao, said Jane Doe, senior analyst at U.S. crisis-monitoring group ACLED.", "analyst"),
    ("en", "Pierre Martin, a researcher at a French institute, said jihadists attacked Gao.", "analyst"),
    # a reporting verb in a clause of purpose speaks for the subject of the verb it hangs on
    ("en", "The defence minister visited Gao to warn that jihadists were attacking convoys.", "government_or_military"),
    # an English participle after a comma is no incise: its speaker is the subject of the verb it hangs on, not the
    # noun after it
    ("en", "Jihadists attacked the army base in Gao, claiming heavy casualties.", "armed_group"),
    # ... while a foreign body still speaks for its government
    ("en", "The U.S. embassy said jihadists attacked Gao.", "foreign_government"),
    # ... while a subject before its verb with no quote between them stays the speaker
    ("en", "However, aid agencies, including the United Nations, have cautioned their staff to avoid Gao.",
     "foreign_government"),
    # private persons, companies and their associations speak for themselves, whatever their country
    ("en", "According to the Malian Truckers Association, dozens of trucks were burned near Kayes.", "unnamed_source"),
    ("en", "“Prices have tripled since the blockade,” a Malian fuel importer, who spoke on condition of anonymity, "
           "told the AP.", "unnamed_source"),
    ("fr", "L'Association des transporteurs maliens affirme que des camions ont été incendiés près de Kayes.",
     "unnamed_source"),
    # the United Nations' humanitarian agencies are observers of the crisis
    ("en", "The United Nations Office for the Coordination of Humanitarian Affairs (OCHA) warned that millions in "
           "Mali need food aid.", "analyst"),
    ("fr", "Le Bureau de la coordination des affaires humanitaires des Nations unies (OCHA) affirme que des millions "
           "de Maliens ont besoin d'aide.", "analyst"),
    # a finite verb the parser hung on its subject as a modifier still reports
    ("en", "Describing the chaos, a resident from Kayes remarked on the panic, noting the sound of gunfire.",
     "unnamed_source"),
    # a bare past participle describes a noun: the attack is the writer's, however the parser hangs it
    ("en", "An attack on the airport, claimed on Friday by the Islamic State, killed ten soldiers.", "outlet"),
    ("en", "The attack, claimed by JNIM and confirmed by the army, killed ten soldiers near Gao.", "outlet"),
    # a reporting verb said of a habit describes what a speaker tends to say, in the writer's voice
    ("en", "The jihadists will often announce the capture of army bases near Gao, then withdraw.", "outlet"),
    ("fr", "Les jihadistes annoncent souvent la prise de bases militaires près de Gao.", "outlet"),
    ("en", "The jihadists announced the capture of an army base near Gao.", "armed_group"),
    # ... while with its auxiliary it reports, and the Islamic State is an armed group
    ("en", "The attack on the airport was claimed by the Islamic State.", "armed_group"),
    ("en", "The Islamic State said it attacked the airport near Niamey.", "armed_group"),
])
def test_speaker_types_on_new_wording(resources, language, text, speaker_type):
    pack = resources.pack(language)
    [rules] = detect_claims(pack.nlp(text), "Paper", book=pack.cues, gazetteer=resources.gazetteer)
    assert rules.speaker_type == speaker_type


@pytest.mark.parametrize(("language", "text", "marker", "speaker", "speaker_type"), [
    # the dateline's city is never the subject
    ("en", "DAKAR, Feb 2 (Reuters) - The army said jihadists had attacked the airport in Niamey.", "airport", "army",
     "government_or_military"),
    # a speaker between commas after the reported words, which the parser reads as an apposition or a conjunct
    ("en", "Russia has been seeking to replace Wagner with the Africa Corps in Mali, Ulf Laessing, head of the Sahel "
           "programme at Germany's Konrad Adenauer Foundation, said in an interview.", "Wagner", "Ulf Laessing", "analyst"),
    ("en", "Jihadists have stepped up attacks on fuel convoys near Kayes, Jane Doe, a researcher at the Clingendael "
           "Institute, said on Monday.", "convoys", "Jane Doe", "analyst"),
    # guard: a place's apposition before the verb is no speaker
    ("en", "Jihadists attacked Kayes, a town near the border, the army said on Monday.", "Kayes", "army",
     "government_or_military"),
    ("en", "Armed groups have launched simultaneous attacks across Mali, targeting the capital Bamako and several other "
           "locations, raising alarms about the deteriorating security situation in the country.", "alarms", "Paper",
     "outlet"),
    # a subject the parser took for a modifier of the verb, read as a noun ("military" an adjective on "claims")
    ("en", "The Malian military claims to have repelled the attacks on Tuesday morning, killing over 80 militants.",
     "repelled", "Malian military", "government_or_military"),
    # guard: a noun phrase that is no verb's subject ("military claims" a plural noun) gives no speaker
    ("en", "Malian military claims of victory could not be verified in Kayes.", "Kayes", "Paper", "outlet"),
    # a French reporting verb's subject "il", which the parser reads as impersonal, is the last person named
    ("fr", "Abdoulaye Diop, le ministre de la Défense, est arrivé à Gao. Il souligne que l'attaque a été repoussée.",
     "souligne",
     "Abdoulaye Diop", "government_or_military"),
    # nested reporting: the innermost speaker is the claim's, and an incise only relays
    ("en", "Reuters reported that the army said the attack near Gao had been repelled.", "repelled", "army",
     "government_or_military"),
    ("en", "Yet, Amadou Touré said, military leaders insisted that “everything is under control” in Gao.", "control",
     "military leaders", "government_or_military"),
    # guard: a reporting verb inside a concession is not the main clause's
    ("en", "While acknowledging that some Western nations had advised their citizens to leave, Diop said Gao was safe.",
     "safe", "Diop", "analyst"),
    # an acronym in brackets after a body's name stands for that name, whose words give the type
    ("en", "The Azawad Liberation Front (FLA) attacked an army camp near Kidal. The FLA denies receiving any foreign aid "
           "for its drones.", "denies", "FLA", "armed_group"),
    ("en", "The National Movement for the Liberation of Azawad (MNLA) attacked an army camp near Kidal. The MNLA said it "
           "had seized the camp.", "seized", "MNLA", "armed_group"),
    ("fr", "Le Mouvement national de libération de l'Azawad (MNLA) a attaqué un camp de l'armée près de Kidal. Le MNLA "
           "affirme avoir pris le camp.", "affirme", "MNLA", "armed_group"),
    # advice a passive names no giver of is the advice of the government that last spoke
    ("en", "The State Department said the situation in Bamako remained unpredictable. Americans were urged to leave "
           "Mali immediately.", "urged", "State Department", "foreign_government"),
    ("fr", "L'ambassade de France a jugé la situation imprévisible. Les Français sont invités à quitter le Mali sans "
           "délai.", "invités", "ambassade de France", "foreign_government"),
    # guard: with no government before it, the advice stays the writer's report
    ("en", "Fuel ran short in Bamako. Americans were urged to leave Mali immediately.", "urged", "Paper", "outlet"),
    # a quote no closing mark ends has an uncertain extent: the incise inside it still names its speaker
    ("en", "“This blockade is a show of force meant to strangle the capital. They are sending a message, explains Awa "
           "Keita, researcher at a Dakar institute.", "strangle", "Awa Keita", "analyst"),
])
def test_datelines_appositions_and_acronyms_name_the_speaker(resources, language, text, marker, speaker, speaker_type):
    pack = resources.pack(language)
    claims = detect_claims(pack.nlp(text), "Paper", book=pack.cues, gazetteer=resources.gazetteer)
    [claim] = [c for c in claims if marker in c.sentence]
    assert (claim.speaker, claim.speaker_type) == (speaker, speaker_type)


@pytest.mark.parametrize(("language", "text", "marker", "speaker_type"), [
    # a text relaying a report: what it states between two citations of the report is the report's finding
    ("en", "Attacks in the Sahel killed 11,000 people last year, according to a new report by the Peace Observatory. "
           "Armed groups killed hundreds of civilians in Burkina Faso. The report warns that the violence is spreading "
           "south.", "hundreds of civilians", "analyst"),
    ("fr", "Les attaques ont tué 11 000 personnes au Sahel l'an dernier, selon un nouveau rapport de l'Observatoire de "
           "la paix. Des groupes armés ont tué des centaines de civils au Burkina Faso. Le rapport souligne que la "
           "violence s'étend vers le sud.", "centaines de civils", "analyst"),
    # guard: a report cited once leaves the text after it to the writer
    ("en", "Attacks in the Sahel killed 11,000 people last year, according to a new report by the Peace Observatory. "
           "Armed groups killed hundreds of civilians in Burkina Faso.", "hundreds of civilians", "outlet"),
    # guards: "reports" are hearsay, and a body cited twice is no report: the writer's sentence in between stays his
    ("en", "Reports indicate that jihadists attacked a convoy near Gao. Armed groups killed hundreds of civilians in "
           "Burkina Faso. Reports say ten soldiers died.", "hundreds of civilians", "outlet"),
    ("en", "The army said jihadists attacked a convoy near Gao. Armed groups killed hundreds of civilians in Burkina "
           "Faso. The army said ten soldiers died.", "hundreds of civilians", "outlet"),
])
def test_the_text_between_two_citations_of_a_report_is_the_reports(resources, language, text, marker, speaker_type):
    pack = resources.pack(language)
    claims = detect_claims(pack.nlp(text), "Paper", book=pack.cues, gazetteer=resources.gazetteer)
    [claim] = [c for c in claims if marker in c.sentence]
    assert claim.speaker_type == speaker_type
