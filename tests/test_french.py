"""French: language routing, the French books in every stage, the language filter, and the French labels."""
from __future__ import annotations

import pytest

from claimatlas.framing.codebook import CodebookError, load_codebook
from claimatlas.ingest.corpus import documents_from_bytes
from claimatlas.ingest.metadata import infer_published
from claimatlas.languages import LANGUAGES
from claimatlas.model import Document
from claimatlas.store.filters import read_query_params

from .conftest import ROOT

REAL_CORPUS = ROOT.parent / "shared" / "corpus-real"


@pytest.mark.parametrize(("lines", "date"), [
    (["Bamako, mardi 17 septembre 2024 – Le GSIM a revendiqué l'attaque."], "2024-09-17"),
    (["Titre", "Publié le 1er juillet 2025 à 10h"], "2025-07-01"),
    (["Mis à jour le 3 Novembre 2025"], "2025-11-03"),
    (["le 31 février 2025"], None),
    (["Aucune date ici."], None),
])
def test_french_dates(lines, date):
    assert infer_published(lines) == date


def test_french_page_furniture_is_dropped_and_its_date_kept():
    text = ("Mali : attaque contre l'école de gendarmerie de Faladié\nPublié le 17 septembre 2024 à 10h\n"
            "Lire aussi : Mali, le JNIM frappe Kayes\nLe Groupe de soutien à l'islam et aux musulmans (GSIM) a "
            "revendiqué l'attaque contre l'école de gendarmerie de Faladié à Bamako, mardi matin.\n"
            "Abonnez-vous à notre newsletter")
    [document] = documents_from_bytes(text.encode("utf-8"), "faladie.txt")
    assert document.language == "fr" and document.published == "2024-09-17"
    assert "Lire aussi" not in document.text and "Abonnez-vous" not in document.text and "Publié" not in document.text
    assert not any("not analysed" in w for w in document.warnings)


def test_every_language_has_the_english_frames_levels_and_speaker_types():
    english = load_codebook(LANGUAGES["en"].frames_file)
    for code, books in LANGUAGES.items():
        codebook = load_codebook(books.frames_file, code)
        assert list(codebook.frames) == list(english.frames), code
        assert all(frame.cues for frame in codebook.frames.values())
        assert codebook.frames["imminent_collapse"].label == english.frames["imminent_collapse"].label


def test_a_codebook_missing_a_frame_of_its_base_is_refused(tmp_path):
    (tmp_path / "frames.yaml").write_text((ROOT / "claimatlas" / "data" / "frames.yaml").read_text(encoding="utf-8"),
                                          encoding="utf-8")
    (tmp_path / "fr.yaml").write_text("base: frames.yaml\nframes:\n  conflict: {cues: [conflit]}\n", encoding="utf-8")
    with pytest.raises(CodebookError, match="missing"):
        load_codebook(tmp_path / "fr.yaml", "fr")


FRENCH = ("Selon une source sécuritaire, les jihadistes du JNIM ont attaqué l'école de gendarmerie de Faladié à Bamako. "
          "Des combattants ont aussi frappé près de Tombouctou. "
          "Le porte-parole du gouvernement a démenti toute menace sur la capitale. "
          "Les terroristes n'ont pas attaqué la ville de Ségou. "
          "Les jihadistes sont aux portes de Bamako, selon un analyste. "
          "Les pirogues descendent le fleuve Niger jusqu'à Gao.")


@pytest.fixture(scope="module")
def mixed(resources):
    from claimatlas.pipeline import analyse_documents

    documents = [Document(id="fr", path="fr.txt", text=FRENCH, language="fr"),
                 Document(id="de", path="de.txt", text="Die Armee hat den Angriff auf Gao zurückgeschlagen.", language="de"),
                 Document(id="en", path="en.txt", text="Militants attacked Gao on Monday, the army said.", language="en")]
    return {r.id: r for r in analyse_documents(documents, resources)}


def _claim(record, start: str):
    return next(c for c in record.claims if c.sentence.startswith(start))


def test_a_mixed_corpus_is_one_run_routed_by_language(mixed):
    assert list(mixed) == ["fr", "de", "en"]
    assert mixed["en"].claims and mixed["fr"].claims
    german = mixed["de"]
    assert german.claims == [] and german.places == [] and german.frames == {} and german.severity.score is None
    assert any("not analysed" in w and "de.txt" in w for w in german.warnings)


def test_french_places_use_french_exonyms(mixed):
    places = {p.name: p for p in mixed["fr"].places}
    assert {"Faladié", "Bamako", "Ségou", "Gao"} <= set(places)
    assert any(p.geonameid == 2449067 for p in places.values()), "Tombouctou is Timbuktu"


@pytest.mark.parametrize(("start", "level", "speaker_type", "certainty"), [
    ("Selon une source", 3, "unnamed_source", "asserted"),  # an attack in the capital
    ("Le porte-parole", 0, "government_or_military", "denied"),
    ("Les terroristes n'ont pas", 0, "outlet", "denied"),
    pytest.param("Les jihadistes sont aux portes", 3, "analyst", "asserted", marks=pytest.mark.xfail(
        strict=True, reason="known error: the learned speaker layer, refitted on French sentences split at "
                            "punctuation, retypes an unnamed 'analyste' as an unnamed source (the rules read analyst)")),
])
def test_french_claims(mixed, start, level, speaker_type, certainty):
    claim = _claim(mixed["fr"], start)
    assert (claim.level, claim.speaker_type, claim.certainty) == (level, speaker_type, certainty)


def test_french_speaker_names_keep_their_modifiers(mixed):
    assert _claim(mixed["fr"], "Le porte-parole").speaker == "porte-parole du gouvernement"
    assert _claim(mixed["fr"], "Selon une source").speaker == "source sécuritaire"


def test_french_frames_use_the_shared_frame_ids(mixed):
    shares = mixed["fr"].frames
    assert set(shares) == set(mixed["en"].frames)
    assert shares["reassurance_denial"] > 0 and shares["terrorism_ideology"] > 0


@pytest.mark.parametrize(("query", "languages", "noticed"), [
    ({"lang": ["fr", "en"]}, ("fr", "en"), False),
    ({"lang": ["<script>", "fr"]}, ("fr",), True),
    ({}, (), False),
])
def test_the_language_filter_travels_in_the_link(query, languages, noticed):
    filters, notices = read_query_params(query)
    assert filters.languages == languages
    assert bool(notices) == noticed


def test_the_language_filter_narrows_the_store(tmp_path, resources):
    from claimatlas.build import build_files, local_analyser, open_store
    from claimatlas.store import Filters

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "fr.txt").write_text(FRENCH, encoding="utf-8")
    (folder / "en.txt").write_text("Militants attacked a fuel convoy near Kayes on Sunday, the Malian army said in a "
                                   "statement. The attackers set fire to several tanker trucks.", encoding="utf-8")
    store = open_store(":memory:")
    build_files(store, [folder], local_analyser(resources))
    assert sorted(store.languages()) == ["en", "fr"]
    assert list(store.documents(Filters(languages=("fr",)))["id"]) == ["fr"]
    assert set(store.claims(Filters(languages=("en",)))["document"]) == {"en"}


# The targets for French claim levels (exact .70, within one level .90) on the balanced folds by story; speaker
# type has no target and a floor below its measured .773.
FRENCH_FLOORS = {"level_exact": 0.70, "level_within_one": 0.90, "speaker_type": 0.74}


def test_french_labels_cross_validated_by_story(resources):
    from claimatlas.evaluate.claims import evaluate

    if not REAL_CORPUS.exists():
        pytest.skip("../shared/corpus-real is not present")
    figures = evaluate(resources, 5, language="fr")
    held_out, rules = figures["real_cross_validated"], figures["real_rules_only"]
    assert held_out["claims"] + held_out["non_claims"] >= 250
    for name, floor in FRENCH_FLOORS.items():
        assert held_out[name] >= floor, (name, held_out[name])
    assert rules["claims_detected"] >= 0.85, "French sentences get claim units"


def _record_with(places):
    from claimatlas.framing.codebook import load_codebook
    from claimatlas.model import Place, PlaceSpan
    from claimatlas.pipeline import not_analysed_record

    record = not_analysed_record(Document(id="d", path="d.txt", text="x", language="fr"), load_codebook())
    record.places = [Place(name=name, lat=0.0, lon=0.0, country=country, geonameid=None, feature=feature,
                           confidence=1.0, mentions=1, alternatives=[], spans=[PlaceSpan(0, 0, 1, text)])
                     for name, country, feature, text in places]
    return record


@pytest.mark.parametrize(("gold", "pins", "found", "wrong", "missed", "extra"), [
    ([{"name": "Tombouctou", "country": "ML"}], [("Timbuktu", "ML", "P.PPL", "Tombouctou")], 1, 0, 0, 0),
    ([{"name": "Soum", "country": "BF", "kind": "region"}], [("Soum", "SN", "P.PPL", "Soum")], 0, 1, 0, 0),
    ([{"name": "fleuve Niger", "country": "ML", "kind": "river"}], [("Niger", "NE", "A.PCLI", "Niger")], 0, 0, 1, 1),
    ([{"name": "Sahel", "country": None, "kind": "region"}], [("Sahel", "ML", "L.RGN", "Sahel")], 1, 0, 0, 0),
    ([{"name": "Nioro du Sahel", "country": "ML"}], [("Nioro", "ML", "P.PPL", "Nioro")], 1, 0, 0, 0),
    ([{"name": "Diboli", "country": "ML"}], [("Dibo", "ML", "P.PPL", "Dibo")], 0, 0, 1, 1),
    ([{"name": "Kayes", "country": "ML"}], [("Kayes", "ML", "P.PPL", "Kayes"), ("Commerce", "ML", "P.PPL", "Commerce")],
     1, 0, 0, 1),
])
def test_place_labels_are_matched_by_text_and_country(gold, pins, found, wrong, missed, extra):
    from claimatlas.evaluate.places import match_places

    result = match_places(gold, _record_with(pins))
    assert (len(result["found"]), len(result["wrong_country"]), len(result["missed"]), len(result["extra"])) == (
        found, wrong, missed, extra)


# Floors under the figures measured when the French places were labelled: recall .871, pins .747.
def test_french_place_recall_on_labelled_articles(resources):
    from claimatlas.evaluate.places import evaluate

    if not REAL_CORPUS.exists():
        pytest.skip("../shared/corpus-real is not present")
    report = evaluate(resources, "fr")
    assert report["files"] >= 15 and report["gold_places"] >= 150
    assert report["recall"] >= 0.82 and report["pin_precision"] >= 0.68


@pytest.mark.parametrize(("language", "sentence", "word", "present", "absent"), [
    ("fr", "Les jihadistes n'ont pas attaqué la ville.", "attaqué", {"negated", "past"}, {"modal"}),
    ("fr", "Les jihadistes pourraient attaquer la capitale.", "attaquer", {"modal"}, {"past", "negated"}),
    ("fr", "Malgré les attaques, la situation reste calme à Bamako.", "attaques", {"conceded"}, {"negated"}),
    ("fr", "Si les terroristes encerclent Bamako, la ville tombera.", "encerclent", {"conditional"}, {"conceded"}),
    ("fr", "Aucune attaque n'a visé la capitale.", "attaque", {"negated"}, set()),
    ("en", "The jihadists did not attack the city.", "attack", {"negated"}, {"modal"}),
    ("en", "The jihadists could attack the capital.", "attack", {"modal"}, {"past", "negated"}),
    ("en", "Although the jihadists attacked the city, life goes on.", "attacked", {"conceded", "past"}, set()),
    ("en", "If the jihadists attack Bamako, the city will fall.", "attack", {"conditional"}, {"conceded"}),
])
def test_the_learned_layer_reads_roles_in_each_language(resources, language, sentence, word, present, absent):
    from claimatlas.claims.learned import _roles

    pack = resources.pack(language)
    token = next(t for t in pack.nlp(sentence) if t.text == word)
    denial = frozenset(w for w, names in pack.cues.classes.single.items() if "denial" in names)
    roles = set(_roles(token, denial, pack.cues))
    assert present <= roles and not absent & roles, roles


@pytest.mark.parametrize(("text", "speaker", "speaker_type"), [
    ("« La situation est sous contrôle à Bamako », a déclaré le ministre de la Sécurité.",
     "ministre de la Sécurité", "government_or_military"),
    ("Les jihadistes ont attaqué l'école de gendarmerie, a indiqué l'armée dans un communiqué.",
     "armée", "government_or_military"),
    ("« Nous sommes en guerre », a lancé un habitant de Kayes.", "habitant de Kayes", "unnamed_source"),
    ("Les jihadistes sont aux portes de Bamako, selon un analyste.", "analyste", "analyst"),
    # the parser gives the incise's verb a subject inside the reported words ("trois heures"): the one after it speaks
    ("Certains quartiers ne sont fournis que trois heures par jour, a indiqué un journaliste de l'AFP.",
     "journaliste de l'AFP", "outlet"),
    ("Le groupe Nusrat al-Islam wal-Muslimin a revendiqué l'attentat contre l'école de gendarmerie.",
     "groupe Nusrat al-Islam wal-Muslimin", "armed_group"),
])
def test_a_french_incise_names_the_speaker(resources, text, speaker, speaker_type):
    from claimatlas.claims.detect import detect_claims

    pack = resources.pack("fr")
    claim = detect_claims(pack.nlp(text), "Journal", book=pack.cues)[0]
    assert (claim.speaker, claim.speaker_type) == (speaker, speaker_type)


@pytest.mark.parametrize(("text", "sentences"), [
    # The French parser alone splits this one after the minister's name and again before "survenus".
    ("Le ministre de l’Éducation, Amadou Sy Savane, a annoncé à la télévision d’État que les cours seraient "
     "suspendus. Suite aux coups d’État militaires survenus ces dernières années, ces derniers ont expulsé les "
     "forces françaises.",
     ["Le ministre de l’Éducation, Amadou Sy Savane, a annoncé", "Suite aux coups d’État militaires survenus"]),
    ("« Je suis là depuis hier soir », se lamente un chauffeur. M. Diop a parlé.",
     ["« Je suis là depuis hier soir », se lamente", "M. Diop a parlé."]),
    ('Le porte-parole a déclaré : "La situation est sous contrôle." L\'armée dément.',
     ['Le porte-parole a déclaré : "La situation est sous contrôle."', "L'armée dément."]),
    ("Blocus jihadiste : un répit fragile\nLe texte suit ici et\ncontinue à la ligne.",
     ["Blocus jihadiste : un répit fragile", "Le texte suit ici et\ncontinue à la ligne."]),
])
def test_french_sentences_begin_only_after_final_punctuation_or_a_line_break(resources, text, sentences):
    found = [s.text.strip() for s in resources.pack("fr").nlp(text).sents]
    assert len(found) == len(sentences), found
    assert all(f.startswith(expected) for f, expected in zip(found, sentences, strict=True)), found


@pytest.mark.parametrize(("text", "word", "lemma"), [
    # The French model tags these verbs as adjectives, and its rules cut them to "bloqu", "vacill", "déplor".
    ("Mali : le JNIM bloque les importations de carburant.", "bloque", "bloquer"),
    ("La junte malienne vacille.", "vacille", "vaciller"),
    ("Le ministre déplore la situation.", "déplore", "déplorer"),
    # A lemma the language knows is kept, whatever the lookup table says.
    ("Les gendarmes sont arrivés.", "gendarmes", "gendarme"),
    ("Ils ont attaqué la ville.", "attaqué", "attaquer"),
])
def test_a_cut_off_french_lemma_is_repaired_from_the_lookup_table(resources, text, word, lemma):
    token = next(t for t in resources.pack("fr").nlp(text) if t.text == word)
    assert token.lemma_ == lemma


@pytest.mark.parametrize("apostrophe", ["'", "’"])
def test_a_typographic_apostrophe_parses_as_a_straight_one(resources, apostrophe):
    doc = resources.pack("fr").nlp(f"Une enquête a été ouverte pour identifier les auteurs de l{apostrophe}attaque.")
    attack = next(t for t in doc if t.text == "attaque")
    assert (attack.pos_, attack.head.text) == ("NOUN", "auteurs")
    assert doc.text.count(apostrophe) == 1  # the text is unchanged


@pytest.mark.parametrize(("text", "word"), [
    ("L’État-Major Général des Armées dit suivre la situation.", "État-Major"),
    ("Le chef d’état-major a parlé.", "état-major"),
    ("Le groupe affilié à Al-Qaïda a revendiqué l’attaque.", "Al-Qaïda"),
])
def test_the_books_hyphenated_words_are_one_token(resources, text, word):
    assert word in [t.text for t in resources.pack("fr").nlp(text)]
