"""Framing: codebook, per-sentence frames, shares, divergence, log-odds, bundled corpus."""
from __future__ import annotations

import builtins
import math
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import pytest
import yaml

from claimatlas.framing.analyse import frame_counts, frame_sentences, frame_shares
from claimatlas.framing.codebook import DEFAULT_CODEBOOK, CodebookError, load_codebook
from claimatlas.framing.compare import (
    compare_outlets,
    divergence_matrix,
    js_divergence,
    log_odds_dirichlet,
    outlet_framing,
)
from claimatlas.model import Document, FramedSentence, Framing, OutletFraming, Tone
from claimatlas.store.filters import outlet_key

GENERIC = {"conflict": "CO", "human_interest": "HI", "economic": "EC", "morality": "MO", "responsibility": "RE"}
ISSUE = ["imminent_collapse", "reassurance_denial", "geopolitics", "military_operations", "humanitarian",
         "terrorism_ideology", "economy_resources", "travel_evacuation"]


@pytest.fixture(scope="module")
def codebook():
    return load_codebook()


def frames_of(nlp, codebook, text):
    rows = frame_sentences(nlp(text), codebook)
    assert len(rows) == 1, rows
    return rows[0]


def test_codebook_has_every_frame_with_definition_cues_and_examples(codebook):
    assert list(codebook.frames) == list(GENERIC) + ISSUE
    for name, frame in codebook.frames.items():
        assert frame.definition and frame.examples and len(frame.cues) >= 10, name
    assert {f.benchmark: n for n, f in codebook.frames.items() if f.benchmark} == {v: k for k, v in GENERIC.items()}
    assert set(codebook.labels) >= {"jihadists", "terrorists", "militants", "insurgents", "armed groups"}


SENTENCES = [
    # sentence, frames that must be present, frames that must be absent
    ("Al Qaeda militants are on the verge of seizing control of Bamako.", {"imminent_collapse"}, {"reassurance_denial"}),
    ("Bamako could fall within days.", {"imminent_collapse"}, set()),
    ("The U.S. efforts will likely fall short of what was hoped.", set(), {"imminent_collapse"}),
    ("Diop insisted that JNIM posed no serious threat to the country.", {"reassurance_denial"}, {"imminent_collapse"}),
    ("The minister rejected claims that jihadists could soon capture the capital.", {"reassurance_denial"},
     {"imminent_collapse"}),
    ("The city did not fall.", {"reassurance_denial"}, {"imminent_collapse"}),
    ("The military assured the public that the situation is now under control.", {"reassurance_denial"}, set()),
    ("Russian Wagner mercenaries replaced the French troops.", {"geopolitics", "military_operations"}, set()),
    ("The State Department told citizens to depart immediately and avoid travel to Mali.", {"travel_evacuation"}, set()),
    ("Fighters blocked fuel tankers, and the price of petrol doubled.", {"economy_resources", "economic"}, set()),
    ("JNIM wants a Mali governed by its strict interpretation of Sharia law.", {"terrorism_ideology"}, set()),
    ("Thousands of civilians were displaced and dozens were killed.", {"humanitarian"}, {"economic"}),
    ("Soldiers repelled an assault on the army base.", {"military_operations"}, {"humanitarian"}),
    ("The opposition accused the government of lying.", {"conflict"}, set()),
    ("The mother of three lost her home in the flood.", {"human_interest"}, set()),
    ("The plan will cost taxpayers billions of dollars.", {"economic"}, set()),
    ("It is our moral duty to protect God's creation.", {"morality"}, set()),
    ("Lawmakers must pass legislation to cut emissions.", {"responsibility"}, set()),
    ("The weather was pleasant on Tuesday.", set(), set(load_codebook().frames)),
]


@pytest.mark.parametrize(("sentence", "present", "absent"), SENTENCES)
def test_sentence_frames(nlp, codebook, sentence, present, absent):
    row = frames_of(nlp, codebook, sentence)
    assert present <= set(row.frames), row
    assert not absent & set(row.frames), row
    for name in row.frames:
        assert row.evidence[name], name
        for cue in row.evidence[name]:
            assert cue.removeprefix("not: ") in sentence


def test_inflected_forms_match_base_form_cues(nlp, codebook):
    row = frames_of(nlp, codebook, "Gunmen seized control of the town after they had encircled it.")
    assert "seized control" in row.evidence["imminent_collapse"]
    assert "encircled" in row.evidence["imminent_collapse"]


def test_one_evidence_entry_per_stretch_of_text(nlp, codebook):
    row = frames_of(nlp, codebook, "Dozens were killed.")
    assert row.evidence["humanitarian"] == ["killed"]


def test_hedges_and_labels_are_found(nlp, codebook):
    row = frames_of(nlp, codebook, "Jihadists and armed groups reportedly attacked rebels.")
    assert sorted(row.labels) == ["armed groups", "jihadists", "rebels"]
    assert row.hedges == ["reportedly"]


def edited_codebook(tmp_path: Path, edit) -> Path:
    data = yaml.safe_load(DEFAULT_CODEBOOK.read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / "frames.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(("first_line", "furniture"), [
    ("What happened", True),  # a section heading is page furniture: no sentence of the text's
    ("ISTANBUL", True),
    ("Militants attacked a convoy near Kayes on Sunday.", False),
    ("“Times are tough.”", False),  # a short sentence in quotes ends with its punctuation inside them
])
def test_tone_and_sentence_count_leave_page_furniture_out(nlp, codebook, first_line, furniture):
    from claimatlas.framing.analyse import document_framing

    body = "Militants attacked a fuel convoy near Kayes.\nThe army said the attack was repelled."
    alone = document_framing(nlp(body), codebook)
    framing = document_framing(nlp(first_line + "\n" + body), codebook)
    assert framing.n_sentences == alone.n_sentences + (0 if furniture else 1)
    assert (framing.tone.mean == pytest.approx(alone.tone.mean)) is furniture


def test_edited_codebook_changes_results(nlp, tmp_path):
    sentence = "The weather was pleasant on Tuesday."
    path = edited_codebook(tmp_path, lambda d: d["frames"]["human_interest"]["cues"].append("weather"))
    row = frames_of(nlp, load_codebook(path), sentence)
    assert row.frames == ["human_interest"]
    assert row.evidence == {"human_interest": ["weather"]}


def test_pipeline_uses_the_codebook_named_by_the_environment(nlp, resources, tmp_path, monkeypatch):
    import claimatlas.nlp
    from claimatlas.build import open_store
    from claimatlas.pipeline import analyse_documents, default_resources
    from claimatlas.report.contract import build_report
    from claimatlas.settings import load_settings

    def drop_geopolitics(data):
        del data["frames"]["geopolitics"]

    document = Document(id="x", path="x.txt", text="Russian mercenaries replaced the French troops.", outlet="o")
    before = analyse_documents([document], resources)[0]
    assert before.frames["geopolitics"] > 0
    settings = load_settings({"CLAIMATLAS_FRAMES": str(edited_codebook(tmp_path, drop_geopolitics))})
    monkeypatch.setattr(claimatlas.nlp, "load_nlp", lambda: nlp)  # the codebook is what is under test
    edited = default_resources(settings)
    after = analyse_documents([document], edited)
    assert "geopolitics" not in after[0].frames and after[0].frames["military_operations"] == 1.0
    store = open_store(":memory:")
    store.ingest(after)
    report = build_report(store, edited.codebook)
    assert "geopolitics" not in report.outlets[0].frames
    assert "geopolitics" not in report.framing["frames"]


@pytest.mark.parametrize(("edit", "message"), [
    (lambda d: d.pop("frames"), "frames"),
    (lambda d: d["frames"]["conflict"].update(cues=[]), "no cues"),
    (lambda d: d["frames"]["conflict"].update(cues="clash"), "list of cues"),
    (lambda d: d["frames"]["imminent_collapse"].update(when_negated="nowhere"), "unknown frame"),
])
def test_bad_codebook_names_file_and_problem(tmp_path, edit, message):
    path = edited_codebook(tmp_path, edit)
    with pytest.raises(CodebookError, match=message) as error:
        load_codebook(path)
    assert str(path) in str(error.value)


@pytest.mark.parametrize(("counts", "expected"), [
    ({"a": 1, "b": 3}, {"a": 0.25, "b": 0.75}),
    ({"a": 0, "b": 0}, {"a": 0.0, "b": 0.0}),
    ({"a": 2}, {"a": 1.0, "b": 0.0}),
])
def test_frame_shares(counts, expected):
    assert frame_shares(counts, ["a", "b"]) == expected


def sentence_row(index: int, frames: list[str]) -> FramedSentence:
    return FramedSentence(sentence_index=index, sentence=f"Sentence {index}.", start=0, end=0, frames=frames,
                          evidence={name: ["cue"] for name in frames}, negated={}, hedges=[], labels=[])


def test_frame_shares_from_sentence_rows():
    rows = [sentence_row(0, ["a", "b"]), sentence_row(1, ["a"]), sentence_row(2, [])]
    assert frame_counts(rows) == {"a": 2, "b": 1}
    assert frame_shares(frame_counts(rows)) == {"a": 2 / 3, "b": 1 / 3}


DISTRIBUTIONS = [
    ([1, 0, 0], [0, 1, 0]),
    ([0.5, 0.5, 0], [0.1, 0.2, 0.7]),
    ([3, 1, 1], [1, 1, 3]),
    ([0.2, 0.3, 0.5], [0.2, 0.3, 0.5]),
]


@pytest.mark.parametrize(("p", "q"), DISTRIBUTIONS)
def test_js_divergence_properties(p, q):
    d = js_divergence(p, q)
    assert 0.0 <= d <= 1.0
    assert d == pytest.approx(js_divergence(q, p))
    assert js_divergence(p, p) == pytest.approx(0.0, abs=1e-12)


def test_js_divergence_of_disjoint_distributions_is_one():
    assert js_divergence([1, 0], [0, 1]) == pytest.approx(1.0)


@pytest.mark.parametrize(("p", "q"), DISTRIBUTIONS)
def test_js_divergence_numpy_fallback_agrees_with_scipy(monkeypatch, p, q):
    expected = js_divergence(p, q)
    real_import = builtins.__import__

    def no_scipy(name, *args, **kwargs):
        if name.startswith("scipy"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_scipy)
    assert js_divergence(p, q) == pytest.approx(expected, abs=1e-9)


def test_divergence_matrix_is_symmetric_with_zero_diagonal_and_none_for_empty():
    matrix = divergence_matrix({"x": {"a": 1.0}, "y": {"a": 0.5, "b": 0.5}, "z": {"a": 0.0}})
    assert matrix["x"]["x"] == 0.0 and matrix["x"]["y"] == matrix["y"]["x"] > 0
    assert matrix["z"]["x"] is None and matrix["z"]["z"] is None


def test_log_odds_finds_each_groups_own_words():
    counts = {
        "left": {"apple": 30, "shared": 20, "pear": 2},
        "right": {"banana": 25, "shared": 20, "pear": 2},
    }
    result = log_odds_dirichlet(counts, top=5)
    assert result["left"][0]["term"] == "apple" and result["right"][0]["term"] == "banana"
    assert all(item["term"] != "shared" or item["z"] < 0.5 for group in result.values() for item in group)
    assert "banana" not in {item["term"] for item in result["left"]}


def test_log_odds_z_grows_with_evidence():
    small = log_odds_dirichlet({"a": {"w": 2, "x": 1}, "b": {"w": 1, "x": 2}})["a"][0]
    large = log_odds_dirichlet({"a": {"w": 200, "x": 100}, "b": {"w": 100, "x": 200}})["a"][0]
    assert small["term"] == large["term"] == "w"
    assert large["z"] > 5 * small["z"] > 0


def document_framing_record(codebook, sentence_counts: dict[str, int], n_sentences: int, hedged: int,
                            tone_sum: float, negative: int, labels: dict[str, int],
                            lemmas: dict[str, int] | None = None) -> Framing:
    shares = frame_shares(sentence_counts, codebook.frames)
    return Framing(shares=shares, top=None, sentence_counts=sentence_counts, n_sentences=n_sentences,
                   cue_counts=dict(sentence_counts), carries=[], tone=Tone(mean=None, sum=tone_sum,
                                                                          negative_sentences=negative),
                   hedged_sentences=hedged, labels=labels, lemma_counts=lemmas or {}, sentences=[],
                   codebook=codebook.path)


def outlet_totals(outlet: str, framings: Iterable[Framing], speaker_types: Iterable[str] = ()) -> OutletFraming:
    """One outlet's counts summed over its documents' Framing records (what the store sums in SQL)."""
    framings = list(framings)
    sentence_counts, labels, lemmas = Counter(), Counter(), Counter()
    for f in framings:
        sentence_counts.update(f.sentence_counts)
        labels.update(f.labels)
        lemmas.update(f.lemma_counts)
    return OutletFraming(
        outlet=outlet, documents=len(framings), n_sentences=sum(f.n_sentences for f in framings),
        hedged_sentences=sum(f.hedged_sentences for f in framings), tone_sum=sum(f.tone.sum for f in framings),
        negative_sentences=sum(f.tone.negative_sentences for f in framings),
        sentence_counts=dict(sentence_counts), labels=dict(labels), lemma_counts=dict(lemmas),
        speaker_mix=dict(Counter(speaker_types).most_common()))


def test_outlet_framing_speaker_mix_and_empty_claims(codebook):
    record = document_framing_record(codebook, {"conflict": 2}, n_sentences=4, hedged=1, tone_sum=-1.0, negative=2,
                                     labels={"militants": 3})
    totals = outlet_totals("o", [record, record], ["official", "official", "expert", "unknown"])
    stats = outlet_framing(totals, codebook)
    assert stats["documents"] == 2 and stats["sentences"] == 8
    assert stats["speaker_mix"] == {"official": 2, "expert": 1, "unknown": 1}
    assert stats["hedging_rate"] == 0.25 and stats["tone"] == -0.25 and stats["labels"]["militants"] == 6
    assert stats["negative_share"] == 0.5
    assert stats["frames"]["conflict"] == 1.0 and stats["top"] == "conflict"
    assert list(stats["frames"]) == list(codebook.frames) and list(stats["labels"]) == list(codebook.labels)
    empty = outlet_framing(outlet_totals("e", [document_framing_record(codebook, {}, 0, 0, 0.0, 0, {})]), codebook)
    assert empty["speaker_mix"] == {} and empty["tone"] is None and empty["top"] is None
    assert empty["hedging_rate"] is None and empty["negative_share"] is None


def test_bundled_outlet_totals_sum_the_document_records(bundled_store, bundled_report):
    """The store's per-outlet totals are the document Framing records and body claims summed per outlet."""
    by_outlet: dict[str, list] = {}
    for record in bundled_report.documents:
        by_outlet.setdefault(outlet_key(record.outlet, record.id), []).append(record)
    totals = {t.outlet: t for t in bundled_store.framing_totals()}
    assert set(totals) == set(by_outlet)
    for outlet, records in by_outlet.items():
        expected = outlet_totals(outlet, [r.framing for r in records],
                                 [c.speaker_type or "unknown" for r in records for c in r.claims])
        got = totals[outlet]
        assert (got.documents, got.n_sentences, got.hedged_sentences, got.negative_sentences) == \
            (expected.documents, expected.n_sentences, expected.hedged_sentences, expected.negative_sentences)
        assert got.tone_sum == pytest.approx(expected.tone_sum)
        for kind in ("sentence_counts", "labels", "lemma_counts"):
            assert {k: v for k, v in getattr(got, kind).items() if v} == \
                {k: v for k, v in getattr(expected, kind).items() if v}, (outlet, kind)
        assert got.speaker_mix == expected.speaker_mix, outlet
        assert list(got.speaker_mix.values()) == sorted(got.speaker_mix.values(), reverse=True), outlet


def test_bundled_top_frames(report_by_id):
    assert report_by_id["002_f7359456ba5a3bcf"].framing.top == "reassurance_denial"
    assert report_by_id["000_455dcc7ecbe35265"].framing.top == "imminent_collapse"
    shares = report_by_id["002_f7359456ba5a3bcf"].frames
    assert max(shares, key=shares.get) == "reassurance_denial"


def test_bundled_evidence_traces_to_document_text(report_by_id):
    for record in report_by_id.values():
        framing_record = record.framing
        assert math.isclose(sum(record.frames.values()), 1.0) or not any(record.frames.values())
        for row in framing_record.sentences:
            assert record.text[row.start:row.end].strip() == row.sentence
            assert set(row.frames) == set(row.evidence)


def test_bundled_report_framing_block(bundled_report):
    block = bundled_report.framing
    assert set(block) >= {"divergence", "distinctive_words", "distinctive_frames", "labels", "outlet_stats"}
    outlets = {o.outlet: o for o in bundled_report.outlets}
    assert set(block["divergence"]) == set(outlets)
    assert block["distinctive_frames"]["anewz.tv"][0]["term"] == "reassurance_denial"
    assert block["distinctive_frames"]["demstate.com"][0]["term"] == "imminent_collapse"
    assert block["outlet_stats"]["demstate.com"]["labels"]["militants"] >= 5
    assert block["outlet_stats"]["anewz.tv"]["labels"]["jihadists"] >= 2
    for outlet, summary in outlets.items():
        assert summary.frames == block["outlet_stats"][outlet]["frames"]
        assert 0 <= block["outlet_stats"][outlet]["hedging_rate"] <= 1
    assert block["divergence"]["anewz.tv"]["demstate.com"] > block["divergence"]["Al Jazeera"]["a47news.ai"]


def test_compare_outlets_on_records_without_framing_is_empty_but_valid(codebook):
    nothing = document_framing_record(codebook, {}, 0, 0, 0.0, 0, {})
    block = compare_outlets([outlet_totals("unknown", [nothing]), outlet_totals("a", [nothing])], codebook)
    assert block["divergence"] == {"a": {"a": None, "unknown": None}, "unknown": {"a": None, "unknown": None}}
    assert block["distinctive_words"] == {"a": [], "unknown": []}
    assert block["distinctive_frames"] == {"a": [], "unknown": []}
    assert list(block["outlet_stats"]) == ["a", "unknown"]


def test_documents_without_outlet_are_compared_one_by_one(resources):
    from claimatlas.build import open_store
    from claimatlas.pipeline import analyse_documents
    from claimatlas.report.contract import build_report

    documents = [Document(id="a", path="a.txt", text="Russian mercenaries replaced the French troops.", outlet="a"),
                 Document(id="b", path="b.txt", text="Thousands of civilians were displaced.", outlet=None)]
    store = open_store(":memory:")
    store.ingest(analyse_documents(documents, resources))
    assert sorted(t.outlet for t in store.framing_totals()) == ["a", "unknown outlet (b)"]
    report = build_report(store, resources.codebook)
    assert [o.outlet for o in report.outlets] == ["a", "unknown outlet (b)"]
    assert set(report.framing["outlet_stats"]) == set(report.framing["divergence"]) == {"a", "unknown outlet (b)"}
    assert report.framing["outlet_stats"]["unknown outlet (b)"]["top"] == "humanitarian"
