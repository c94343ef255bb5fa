"""Recognition filters, one table each, on the real spaCy model and the real gazetteer.

Each row parses a sentence, finds the proposal named ``name`` from ``source`` ("ner" or "gazetteer")
among the recogniser's decisions, and calls that filter alone on it: ``keep`` is what the filter
must answer. ``tag`` forces an entity label first, as the model would give it on another day.
"""
from __future__ import annotations

import pytest
from spacy.tokens import Span

from geo.filters import DEFAULT_FILTERS, FILTER_NAMES
from geo.toponyms import explain, recognise, recognise_all

FILTERS = {f.name: f for f in DEFAULT_FILTERS}
OUTLETS = "France 24 and Al Jazeera reported fighting in Mali."
SURROUNDED = "Fighters surrounded Bamako, the capital of Mali."
GENDARMERIE = "Gunmen attacked the Faladie gendarmerie school in Bamako."
UNKNOWN_TOWN = "Fighting spread from Mali to Qqzzyville Heights overnight."
ACRONYMS = "The FAO and the US sent aid. HIV rates fell in the UK."

# filter name -> rows of (text, name, source, keep, forced label or None)
TABLES = {
    "not_place": [
        (OUTLETS, "France", "gazetteer", False, None),
        (OUTLETS, "Al Jazeera", "ner", False, None),
        (OUTLETS, "Mali", "ner", True, None),
        ("Forecasters said a strong El Niño would warm the Pacific.", "El Niño", "gazetteer", False, None),
        ("Attacks on the FAMa convoy near Kayes were repelled.", "FAMa", "ner", False, "ORG"),  # Mali's army
    ],
    "disease_name": [
        ("The Marburg virus outbreak spread.", "Marburg", "gazetteer", False, None),
        ("Salmonella Litchfield was found in the samples.", "Litchfield", "gazetteer", False, None),
        ("Marburg kills more slowly than Ebola. The Marburg virus outbreak spread.", "Marburg", "ner", True, None),
        (SURROUNDED, "Bamako", "gazetteer", True, None),
    ],
    "disease_in_document": [
        ("Marburg kills more slowly than Ebola. The Marburg virus outbreak spread.", "Marburg", "ner", False, None),
        (SURROUNDED, "Mali", "ner", True, None),
    ],
    "place_label": [
        (GENDARMERIE, "Bamako", "ner", False, None),  # tagged ORG
        (SURROUNDED, "Mali", "ner", True, None),
    ],
    "token_boundary": [
        ("Moscow, SANA- Russian Foreign Ministry spoke on Tuesday.", "SANA", "gazetteer", False, None),
        ("Sen. Ben Sasse spoke in Washington.", "Sen", "gazetteer", False, None),
        ("Sen. Ben Sasse spoke in Washington.", "Washington", "gazetteer", True, None),
    ],
    "other_entity": [
        ("The storms occur between mid-August and mid-October.", "August", "gazetteer", False, None),  # DATE
        ("Ships sailed from the Arab Spring ports.", "Arab", "gazetteer", False, None),  # NORP
        (SURROUNDED, "Bamako", "gazetteer", True, None),
        # a region's own name the model took for a group is the region
        ("The Punjab government imposed a curfew in Lahore and Faisalabad after clashes.", "Punjab", "gazetteer",
         True, None),
    ],
    "demonym": [
        ("Officials said the Malian army had left.", "Malian", "ner", False, "GPE"),
        ("Ships sailed from the Arab Spring ports.", "Arab", "gazetteer", False, None),
        (SURROUNDED, "Mali", "ner", True, None),
    ],
    "organisation": [
        ("Fighters of the Africa Corps arrived in Bamako.", "Africa", "gazetteer", False, None),  # in an ORG entity
        ("Kentucky State Police said the driver died.", "Kentucky", "gazetteer", False, None),
        ("Delta Airlines cut flights to Lagos.", "Delta", "gazetteer", False, None),  # a company
        ("Police reached Kentucky at dawn.", "Kentucky", "gazetteer", True, None),
        (SURROUNDED, "Bamako", "gazetteer", True, None),
    ],
    "titled_person": [
        ("Mr Gao said the talks would continue in Bamako.", "Gao", "gazetteer", False, None),
        ("President Sall met officials in Dakar.", "Sall", "ner", False, "GPE"),
        ("Mr Gao said the talks would continue in Bamako.", "Bamako", "gazetteer", True, None),
        ("President Mali visited nobody; Mali was quiet.", "Mali", "gazetteer", True, None),  # a country
    ],
    "language_name": [
        ("The video shows militants speaking Kanuri, officials in Niamey said.", "Kanuri", "ner", False, "GPE"),
        ("Kanuri, a language of the Lake Chad basin, is spoken in Diffa.", "Kanuri", "ner", False, "GPE"),
        ("Radio hosts broadcast in the Bambara language in Mali.", "Bambara", "ner", False, "GPE"),
        ("English will remain an official EU language.", "EU", "gazetteer", True, None),  # a place that has it
        ("Militants speaking Kanuri reached Diffa on Monday.", "Diffa", "gazetteer", True, None),
    ],
    "unknown_without_place_cue": [
        ("The second game saw perennial power Qqconn claw back, officials in Hartford said.", "Qqconn", "ner", False,
         "GPE"),
        ("Renowned street artist Qqbanksy painted the wall in London.", "Qqbanksy", "ner", False, "GPE"),
        ("There are 26 applicants in Qqportroe with 24 in Nenagh.", "Qqportroe", "ner", True, "GPE"),
        ("Gunmen attacked Qqyonde on Monday, officials in Djibo said.", "Qqyonde", "ner", True, "GPE"),
        ("Les assaillants ont pris d’assaut les localités de Nioro du Sahel, Qqgogui et Sandaré.", "Qqgogui", "ner",
         True, "GPE"),
        ("Un convoi a été attaqué près de Qqaguelhoc.", "Qqaguelhoc", "ner", True, "GPE"),
        ("Il réside dans le quartier Qqkoulouba, à Bamako.", "Qqkoulouba", "ner", True, "GPE"),
        ("Crews were called to Qqassiniboine Avenue on Friday.", "Qqassiniboine Avenue", "ner", True, "FAC"),
        ("Fireworks lit up Lake Qqmanassas on Sunday.", "Lake Qqmanassas", "ner", True, "LOC"),
        ("Fighting reached Qqsakoira, Niger, on Monday.", "Qqsakoira", "ner", True, "GPE"),
        ("The towns of Nioro, Qqsandare and Gogui had been targeted.", "Qqsandare", "ner", True, "GPE"),
        ("Fighters overran Qqdioura, a town in central Mali, on Monday.", "Qqdioura", "ner", True, "GPE"),
        ("The attack on Qqsolle left ten dead, residents said.", "Qqsolle", "ner", True, "GPE"),
        ("Qqngorkou was attacked on Sunday, residents said.", "Qqngorkou", "ner", True, "GPE"),
        ("Qqngorkou a été attaquée dimanche, selon des habitants.", "Qqngorkou", "ner", True, "GPE"),
    ],
    "function_words_only": [
        ("À la mi-journée, les habitants de Bamako ont fui.", "À la", "gazetteer", False, None),
        ("Protesters gathered in La Paz on Monday.", "La Paz", "gazetteer", True, None),
    ],
    "abbreviation_case": [
        ("For more, please Contact Us.", "Us", "gazetteer", False, None),
        ("Troops from the US arrived in Niamey.", "US", "gazetteer", True, None),
        ("Troops from the U.S. arrived in Niamey.", "U.S.", "gazetteer", True, None),
    ],
    "saint_possessive": [
        ("Crowds gathered at St Patrick's for the service.", "St Patrick", "gazetteer", False, None),
        ("Pupils of St. Mary’s sang.", "St. Mary", "ner", False, "GPE"),
        ("He flew to St. Kitts and Nevis on Monday.", "St. Kitts and Nevis", "ner", True, "GPE"),
    ],
    "speaking_subject": [
        ("Toyota said it would build a plant.", "Toyota", "gazetteer", False, None),
        ("Lincoln announced a plan for Omaha.", "Lincoln", "ner", False, "GPE"),
        ("Washington said the strike was lawful.", "Washington", "gazetteer", True, None),
        ("Farmers in Lincoln said prices fell.", "Lincoln", "gazetteer", True, None),
        ("Qqzz Wwyy told reporters the road was closed.", "Qqzz Wwyy", "ner", False, "GPE"),
        ("Fort Worth announced a new budget.", "Fort Worth", "gazetteer", True, None),
    ],
    "first_name_opening": [
        ("The rule was backed by Scott Qqzzkin in a vote.", "Scott Qqzzkin", "ner", False, "GPE"),
        ("Relief reached Linda Mae Qqzz on Monday.", "Linda Mae Qqzz", "ner", False, "GPE"),
        ("Relief reached Warren Qqzz Park on Monday.", "Warren Qqzz Park", "ner", True, "GPE"),  # a place's word
        (UNKNOWN_TOWN, "Qqzzyville Heights", "ner", True, "GPE"),
        ("Troops reached Qqzz Wwyy on Monday.", "Qqzz Wwyy", "ner", True, "GPE"),  # no first name
    ],
    "relative_name": [
        ("He is survived by his wife, Georgia, and his sons Austin and Dallas.", "Georgia", "ner", False, "GPE"),
        ("He is survived by his wife, Georgia, and his sons Austin and Dallas.", "Dallas", "ner", False, "GPE"),
        ("She flew with her daughter from Chicago to Denver.", "Chicago", "ner", True, None),  # not a list of names
        ("Her son moved to Denver, officials in Chicago said.", "Chicago", "ner", True, None),
    ],
    "storm_name": [
        ("Hurricane Florence flooded towns in North Carolina.", "Florence", "gazetteer", False, None),
        ("Three hurricanes struck the coast that year: Harvey, Irma and Maria.", "Irma", "ner", False, "GPE"),
        ("The storm flooded Florence and Pisa.", "Florence", "gazetteer", True, None),  # a verb comes between
        ("Typhoon Rai slammed into Cebu and Bohol.", "Typhoon Rai", "ner", False, "GPE"),
        ("Farmers in Storm Lake, Iowa, said prices fell.", "Storm Lake", "ner", True, "GPE"),  # a town
    ],
    "occasion_name": [
        ("Thousands attended the Easter Vigil at the cathedral.", "Easter Vigil", "ner", False, "FAC"),
        ("Prayers for Tabaski Day were held in Bamako.", "Tabaski Day", "ner", False, "FAC"),
        ("Ships called at Christmas Island on Monday.", "Christmas Island", "gazetteer", True, None),  # a place
    ],
    "person_of_a_country": [
        ("Kenya's Ruto met Tanzania's Hassan in Arusha on Monday.", "Hassan", "gazetteer", False, None),
        ("Fighters attacked Mali's Gao on Monday.", "Gao", "gazetteer", True, None),  # a town of that country
        ("France's Corsica voted on Sunday.", "Corsica", "gazetteer", True, None),
        ("Officials in Hassan said on Monday that the roads were closed.", "Hassan", "gazetteer", True, None),
    ],
    "central_government": [
        ("The state wrote to the Centre to seek funds for Chennai.", "Centre", "ner", False, "GPE"),
        ("Fighting spread to the Centre region of Burkina Faso.", "Centre", "ner", True, "GPE"),
        ("Officials in Centre-Nord said the road was cut.", "Centre-Nord", "ner", True, "GPE"),
    ],
    "maker_before_its_product": [
        ("Workers at a Toyota plant in Georgetown, Ky., said the line would restart.", "Toyota", "gazetteer", False,
         None),
        ("A Texas plant of the company closed, officials in Austin said.", "Texas", "gazetteer", True, None),
        ("Toyota said sales rose in Kentucky.", "Toyota", "gazetteer", True, None),  # no product noun after it
    ],
    "unknown_contains_organisation": [
        ("Al Qaeda claimed the attack. Fighters gathered at the Brink of Al Qaeda camp.", "Brink of Al Qaeda", "ner",
         False, "GPE"),
        (UNKNOWN_TOWN, "Qqzzyville Heights", "ner", True, "GPE"),
    ],
    "unknown_multi_line": [
        ("Police reached Qqzz\nVille at dawn.", "Qqzz\nVille", "ner", False, "GPE"),
        (UNKNOWN_TOWN, "Qqzzyville Heights", "ner", True, "GPE"),
    ],
    "unknown_common_word": [
        ("Nobody knew what happened yesterday in Meanwhile.", "Meanwhile", "ner", False, "GPE"),
        ("Nobody knew what happened yesterday at the Follow-Up.", "Follow-Up", "ner", False, "GPE"),  # hyphenated
        (UNKNOWN_TOWN, "Qqzzyville Heights", "ner", True, "GPE"),
    ],
    "unknown_lower_case": [
        ("Fighting spread to qqzzyville overnight.", "qqzzyville", "ner", False, "GPE"),
        ("Fighting spread to Qqzz roads overnight.", "Qqzz roads", "ner", False, "GPE"),
        ("Fighting spread to Qqzz de Qqzzam overnight.", "Qqzz de Qqzzam", "ner", True, "GPE"),  # a particle
        (UNKNOWN_TOWN, "Qqzzyville Heights", "ner", True, "GPE"),
    ],
    "unknown_person_word": [
        ("Troops reached Kuzzam at dawn, said Ahmed Kuzzam, the mayor.", "Kuzzam", "ner", False, None),
        ("Troops reached Kuzzam at dawn, the mayor said.", "Kuzzam", "ner", True, None),
    ],
    "weak_common_word": [
        ("Rebels held Commerce overnight.", "Commerce", "ner", False, "GPE"),  # only small US towns
        ("Rebels held Turkey's border overnight.", "Turkey", "ner", True, "GPE"),  # a country
        (SURROUNDED, "Mali", "ner", True, None),
    ],
    "unknown_heading": [
        ("Qqzz Report\n\nFighting spread to Mali.", "Qqzz Report", "ner", False, "GPE"),
        (UNKNOWN_TOWN, "Qqzzyville Heights", "ner", True, "GPE"),
    ],
    "unknown_contains_strong_name": [
        ("Troops entered Greater Bamako Qqzz on Monday.", "Greater Bamako Qqzz", "ner", False, "GPE"),
        (UNKNOWN_TOWN, "Qqzzyville Heights", "ner", True, "GPE"),
    ],
    "model_overlap": [
        (OUTLETS, "Mali", "gazetteer", False, None),  # the model's own span
        ("Voters in Trinidad and Tobago went to the polls.", "Trinidad and Tobago", "gazetteer", True, None),
        (GENDARMERIE, "Bamako", "gazetteer", True, None),  # the model's span is an ORG, not a mention
    ],
    "inside_person": [
        ("Sen. Ben Sasse spoke in Washington.", "Ben", "gazetteer", False, None),
        ("They met on Victoria Day in the park.", "Victoria", "gazetteer", False, None),  # EVENT
        ("Qqzz Report\n\nFighting spread to Mali.", "Mali", "gazetteer", True, None),  # a country tagged PERSON
    ],
    "inside_organisation": [
        ("Readers borrowed books from the Carnegie Library in Bamako.", "Carnegie", "gazetteer", False, None),
        (GENDARMERIE, "Bamako", "gazetteer", True, None),  # the whole ORG span
        ("Reporters from Xinhua News Agency visited Bamako.", "Bamako", "gazetteer", True, None),
    ],
    "one_word_proper_noun": [
        ("Police reached the village at dawn.", "Police", "gazetteer", False, None),
        ("Lennox said the talks would continue.", "Lennox", "gazetteer", True, None),
        (SURROUNDED, "Bamako", "gazetteer", True, None),
    ],
    "one_word_common_word": [
        ("A tornado hit Moore, Okla., on Monday.", "Moore", "gazetteer", True, None),  # named with its state
        ("He met officials at the Centre yesterday.", "Centre", "gazetteer", False, None),
        ("Ships sailed from the Arab Spring ports.", "Spring", "gazetteer", False, None),
        (SURROUNDED, "Bamako", "gazetteer", True, None),
    ],
    "one_word_alternate_name": [
        ("Douma is near Damascus.", "Douma", "gazetteer", True, None),
        # a city of 100,000+ is known by its alternate name, whatever tag the model gave it (a speaker named
        # so is dropped by speaking_subject: "Douma said")
        ("Fighting in Tigray spread to Amhara, and aid reached Mekelle by road.", "Mekelle", "gazetteer", True,
         "PERSON"),
        ("Douma said the rebels would leave. Douma is near Damascus.", "Douma", "gazetteer", True, "PERSON"),
        ("Rep. Mario Diaz-Mekelle spoke on Monday.", "Mekelle", "gazetteer", False, "PERSON"),  # a hyphenated name
    ],
    "one_word_person_name": [
        ("Winterton said the talks would continue.", "Winterton", "gazetteer", False, "PERSON"),
        ("Paris said the talks would continue.", "Paris", "gazetteer", True, "PERSON"),  # a strong name
        ("Lennox left Mali on Monday.", "Lennox", "gazetteer", True, None),
    ],
    "acronym": [
        (ACRONYMS, "FAO", "gazetteer", False, None),
        ("JOHANNESBURG (Reuters) - Prices rose in South Africa.", "JOHANNESBURG", "gazetteer", True, None),
        (ACRONYMS, "US", "gazetteer", True, None),
        (ACRONYMS, "UK", "gazetteer", True, None),
    ],
    "qualifier_opening_a_name": [
        ("FLOODS HIT EASTERN KENTUCKY TOWNS", "EASTERN", "gazetteer", False, None),
        ("Talks on the Eastern Province budget resumed. Officials in the Eastern said little.", "Eastern",
         "gazetteer", True, None),
    ],
}
ROWS = [pytest.param(name, *row, id=f"{name}-{row[1]!r}-{'keep' if row[3] else 'drop'}")
        for name, rows in TABLES.items() for row in rows]


def _tagged(doc, name: str, label: str):
    start = doc.text.index(name)
    span = doc.char_span(start, start + len(name))
    doc.ents = [e for e in doc.ents if e.end <= span.start or e.start >= span.end] + [
        Span(doc, span.start, span.end, label=label)]
    return doc


def _parse(nlp, text: str, name: str, tag: str | None):
    doc = nlp(text)
    return _tagged(doc, name, tag) if tag else doc


def test_every_filter_has_a_table_with_keep_and_drop_rows():
    assert set(TABLES) == FILTER_NAMES and len(FILTER_NAMES) == len(DEFAULT_FILTERS)
    for name, rows in TABLES.items():
        assert {row[3] for row in rows} == {True, False}, name


@pytest.mark.parametrize("filter_name, text, name, source, keep, tag", ROWS)
def test_filter_table(nlp, gazetteer, filter_name, text, name, source, keep, tag):
    explanation = explain(_parse(nlp, text, name, tag), gazetteer)
    proposal = next(d.proposal for d in explanation.decisions
                    if d.proposal.text == name and d.proposal.source == source)
    f = FILTERS[filter_name]
    assert source in f.sources
    assert f.keep(proposal, explanation.context) == keep


@pytest.mark.parametrize("filter_name, text, name, source, tag", [
    ("not_place", OUTLETS, "France", "gazetteer", None),
    ("unknown_heading", "Qqzz Report\n\nFighting spread to Mali.", "Qqzz Report", "ner", "GPE"),
    ("acronym", ACRONYMS, "FAO", "gazetteer", None),
    ("model_overlap", OUTLETS, "Mali", "gazetteer", None),
])
def test_a_disabled_filter_is_skipped(nlp, gazetteer, filter_name, text, name, source, tag):
    doc = _parse(nlp, text, name, tag)

    def dropped_by(disabled):
        return next(d.dropped_by for d in explain(doc, gazetteer, disabled).decisions
                    if d.proposal.text == name and d.proposal.source == source)

    assert dropped_by(()) == filter_name
    assert dropped_by({filter_name}) != filter_name


def test_switching_a_filter_off_changes_the_mentions(nlp, gazetteer):
    doc = nlp(OUTLETS)
    names = {m.text for m in recognise(doc, gazetteer)[0]}
    assert "France" not in names and "Mali" in names
    assert "France" in {m.text for m in recognise(doc, gazetteer, disabled={"not_place"})[0]}


def test_demonyms_dropped_by_the_demonym_filter_become_associations(nlp, gazetteer):
    doc = _tagged(nlp("Officials said the Malian army had left."), "Malian", "GPE")
    mentions, associations = recognise(doc, gazetteer)
    assert not mentions and [(a.text, a.target) for a in associations] == [("Malian", "ML")]
    mentions, associations = recognise(doc, gazetteer, disabled={"demonym"})
    assert [m.text for m in mentions] == ["Malian"] and not associations


def test_a_longer_prominent_name_supersedes_the_model_spans(nlp, gazetteer):
    mentions, _ = recognise(nlp("Voters in Trinidad and Tobago went to the polls."), gazetteer)
    assert [(m.text, m.source) for m in mentions] == [("Trinidad and Tobago", "gazetteer")]


def test_a_town_named_with_its_region_supersedes_the_model_spans(resources):
    nlp = resources.pack("fr").nlp
    for text in ("Le convoi a quitté Nioro du Sahel dimanche.",
                 "Des camions ont été attaqués dans le secteur de Kayes-Nioro du Sahel."):
        names = [(m.text, m.source) for m in recognise(nlp(text), resources.gazetteer)[0]]
        assert ("Nioro du Sahel", "gazetteer") in names and ("Sahel", "ner") not in names, names


def test_a_place_inside_a_french_bodys_name_is_no_pin(resources):
    nlp = resources.pack("fr").nlp
    text = "Les assaillants ont visé le Groupement Mobile de Sécurité (GMS) à Kayes, au Mali."
    mentions, _, organisations = recognise_all(nlp(text), resources.gazetteer)
    assert "Mobile" not in [m.text for m in mentions] and "Kayes" in [m.text for m in mentions]
    assert [(o.text, o.organisation) for o in organisations] == [("Mobile", "Groupement Mobile de Sécurité")]


def test_leading_punctuation_is_trimmed_from_a_name(nlp, gazetteer):
    doc = _tagged(nlp("Fighting spread – Bamako was quiet."), "– Bamako", "GPE")
    assert [m.text for m in recognise(doc, gazetteer)[0]] == ["Bamako"]


def test_unknown_filter_names_are_refused(nlp, gazetteer):
    with pytest.raises(ValueError, match="no_such_filter"):
        recognise(nlp("Bamako"), gazetteer, disabled={"no_such_filter"})


def test_the_region_read_before_the_models_places_is_read_again_after_them(nlp, gazetteer):
    from geo.proposals import Context
    from geo.toponyms import _Recogniser

    doc = nlp("Flooding hit Charleston overnight, and roads were closed.")
    recogniser = _Recogniser(doc, gazetteer, ())
    assert recogniser.context.region == frozenset()  # a filter of the model's pass may read it this early
    recogniser._model_pass()
    fresh = Context.of(doc, gazetteer)
    fresh.model_mentions = recogniser.context.model_mentions
    assert recogniser.context.region == fresh.region and "US" in fresh.region
