"""AppTest of every dashboard page: no exception, the outlet filter changes what is shown, URLs restore filters."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
# The app's own page list, so a new page is tested as soon as it is added to the navigation.
PAGES = re.findall(r'st\.Page\("(app_pages/\w+\.py)"', (ROOT / "dashboard.py").read_text(encoding="utf-8"))
OUTLET = "anewz.tv"


def _app(page: str | None = None, **params: str | list[str]) -> AppTest:
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180)
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    return app.switch_page(page).run() if page else app


def _param(app: AppTest, key: str) -> list[str]:
    value = app.query_params.get(key)
    return [] if value is None else [value] if isinstance(value, str) else list(value)


def _metric(app: AppTest, label: str) -> str:
    return next(m.value for m in app.metric if m.label == label)


def _texts(app: AppTest) -> str:
    return "\n".join(str(e.value) for e in list(app.markdown) + list(app.info) + list(app.caption))


def test_the_page_list_is_the_apps():
    assert len(PAGES) == len(list((ROOT / "app_pages").glob("*.py"))) >= 6


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_exception(page, bundled_report):
    app = _app(page)
    assert not app.exception, [e.value for e in app.exception]
    assert app.title, "each page has a title"
    assert app.sidebar.multiselect(key="f_outlets").options, "the sidebar lists the outlets"


@pytest.mark.parametrize("page", PAGES)
def test_every_page_survives_the_outlet_filter(page):
    app = _app(page)
    app.sidebar.multiselect(key="f_outlets").set_value([OUTLET]).run()
    assert not app.exception, [e.value for e in app.exception]
    assert _param(app, "outlet") == [OUTLET]


def test_the_map_replay_survives_an_undated_outlet_then_all_outlets():
    app = _app("app_pages/map.py")
    undated = "Al Jazeera"  # the bundled Al Jazeera article carries no date: the replay slider has no options
    app.sidebar.multiselect(key="f_outlets").set_value([undated]).run()
    app.sidebar.multiselect(key="f_outlets").set_value([]).run()
    assert not app.exception, [e.value for e in app.exception]
    assert not any("published up to" in c.value for c in app.caption), "all outlets: no replay in force"


def test_outlet_filter_changes_the_overview(bundled_report):
    app = _app()
    assert _metric(app, "Documents") == str(len(bundled_report.documents))
    app.sidebar.multiselect(key="f_outlets").set_value([OUTLET]).run()
    expected = sum(1 for d in bundled_report.documents if d.outlet == OUTLET)
    assert _metric(app, "Documents") == str(expected)
    table = app.dataframe[-1].value
    assert set(table["outlet"]) == {OUTLET}


def test_outlet_filter_changes_the_evidence_choices(bundled_report):
    app = _app("app_pages/evidence.py")
    assert len(app.selectbox(key="doc").options) == len(bundled_report.documents)
    app.sidebar.multiselect(key="f_outlets").set_value(["Al Jazeera"]).run()
    expected = [d.id for d in bundled_report.documents if d.outlet == "Al Jazeera"]
    assert len(app.selectbox(key="doc").options) == len(expected) > 0


@pytest.mark.parametrize("page, stage, notice", [
    ("app_pages/map.py", "places", "Places: not analysed yet"),
    ("app_pages/severity.py", "claims", "Claims: not analysed yet"),
    ("app_pages/framing.py", "frames", "Frames: not analysed yet"),
])
def test_stage_pages_show_data_or_an_honest_empty_state(page, stage, notice, bundled_report):
    app = _app(page)
    has_data = any(getattr(d, stage) for d in bundled_report.documents)
    assert (notice in _texts(app)) is not has_data
    if has_data:
        before = sum(len(df.value) for df in app.dataframe)
        app.sidebar.multiselect(key="f_outlets").set_value([OUTLET]).run()
        assert sum(len(df.value) for df in app.dataframe) < before


def test_query_parameters_restore_the_filters():
    app = _app("app_pages/severity.py", outlet=[OUTLET, "France 24"], min_level="2", speaker=["analyst"], comments="1")
    assert not app.exception
    assert app.sidebar.multiselect(key="f_outlets").value == [OUTLET, "France 24"]
    assert app.sidebar.select_slider(key="f_level").value == 2
    assert app.sidebar.multiselect(key="f_speakers").value == ["analyst"]
    assert app.sidebar.toggle(key="f_comments").value is True
    assert _param(app, "outlet") == [OUTLET, "France 24"]
    assert _param(app, "min_level") == ["2"]


def test_unknown_query_values_are_dropped():
    app = _app(outlet=["No Such Outlet", OUTLET], min_level="banana")
    assert app.sidebar.multiselect(key="f_outlets").value == [OUTLET]
    assert app.sidebar.select_slider(key="f_level").value == 0
    assert _param(app, "outlet") == [OUTLET]
    assert "min_level" not in app.query_params


def test_date_range_restores_and_filters(bundled_report):
    app = _app(**{"from": "2025-11-10", "to": "2025-11-30"})
    dated = [d for d in bundled_report.documents if d.published and "2025-11-10" <= d.published <= "2025-11-30"]
    assert _metric(app, "Documents") == str(len(dated))
    assert _param(app, "from") == ["2025-11-10"]


def test_share_link_carries_the_filters():
    app = _app(outlet=OUTLET)
    link = app.sidebar.text_input(key="share_link").value
    assert f"outlet={OUTLET}" in link
    app.sidebar.multiselect(key="f_outlets").set_value([]).run()
    assert "outlet=" not in app.sidebar.text_input(key="share_link").value, "the link follows the filters"


def test_pasted_article_is_analysed_in_session_and_shown_escaped():
    payload = "<script>alert('x')</script> Gunmen attacked a convoy near Kayes on Monday, officials said."
    app = _app("app_pages/add_articles.py")
    app.text_area[0].set_value(payload)
    app.text_input(key="add_outlet").set_value("Test Wire")
    app.button[0].click().run()
    assert not app.exception, [e.value for e in app.exception]
    assert any("Added in this session" in s.value for s in app.subheader)
    assert "Test Wire" in app.sidebar.multiselect(key="f_outlets").options
    app.switch_page("app_pages/evidence.py").run()
    app.sidebar.multiselect(key="f_outlets").set_value(["Test Wire"]).run()
    body = "\n".join(h.proto.body for h in app.get("html"))
    assert "&lt;script&gt;alert" in body and "<script>" not in body, "the article text is escaped"
    # the only HTML-enabled Markdown on the page is the app's own sidebar title, never an article's text
    assert [m.value for m in app.markdown if m.proto.allow_html] == ["## Claim Atlas"]


def test_a_french_article_is_analysed_and_filtered_by_language():
    french = ("Selon une source sécuritaire, les jihadistes du JNIM ont attaqué l'école de gendarmerie de Faladié "
              "à Bamako, mardi matin. Le porte-parole du gouvernement a démenti toute menace sur la capitale.")
    app = _app("app_pages/add_articles.py")
    app.text_area[0].set_value(french)
    app.text_input(key="add_outlet").set_value("Journal du Sahel")
    app.button[0].click().run()
    assert not app.exception, [e.value for e in app.exception]
    app.switch_page("app_pages/overview.py").run()
    languages = app.sidebar.multiselect(key="f_languages")
    assert set(languages.options) >= {"English (en)", "French (fr)"}
    languages.set_value(["fr"]).run()
    assert not app.exception, [e.value for e in app.exception]
    assert _metric(app, "Documents") == "1"
    assert _param(app, "lang") == ["fr"]
    assert int(_metric(app, "Claims")) >= 2


def test_a_private_web_address_is_refused_plainly():
    app = _app("app_pages/add_articles.py")
    app.text_input(key="add_url").set_value("http://127.0.0.1:9/article")
    app.button[0].click().run()
    assert not app.exception, [e.value for e in app.exception]
    assert any("local or private address" in e.value for e in app.error)
    assert not any("Added in this session" in s.value for s in app.subheader)


def test_the_stories_page_opens_the_story_in_the_link(bundled_report):
    story = max(bundled_report.stories, key=lambda s: len(s.documents))
    app = _app("app_pages/stories.py", story=story.id)
    assert not app.exception, [e.value for e in app.exception]
    assert app.selectbox(key="story_pick").value == story.id
    assert _param(app, "story") == [story.id]
    assert _metric(app, "Documents") == str(len(story.documents))


def test_evidence_opens_the_documents_story(bundled_report):
    document = next(d for d in bundled_report.documents if d.lineage)
    app = _app("app_pages/evidence.py", doc=document.id)
    assert any(c.value.startswith("Lineage") and "rewrite of" in c.value for c in app.caption)
    next(b for b in app.button if "story" in b.label).click().run()
    assert not app.exception, [e.value for e in app.exception]
    assert app.selectbox(key="story_pick").value == document.story


def test_counting_each_story_once_drops_an_outlets_copies(bundled_report):
    """The aggregator's items are one story: counted once per outlet, they count as one document."""
    stories = {d.id: d.story for d in bundled_report.documents}
    outlets = {d.id: d.outlet for d in bundled_report.documents}
    expected = len({(outlets[i], stories[i]) for i in stories})
    assert expected < len(stories)
    app = _app()
    assert _metric(app, "Documents") == str(len(stories))
    app.sidebar.toggle(key="f_once").set_value(True).run()
    assert not app.exception, [e.value for e in app.exception]
    assert _metric(app, "Documents") == str(expected)
    assert _param(app, "once") == ["1"]


def test_a_radius_around_a_place_widens_the_map_and_survives_the_link():
    narrow = _app("app_pages/map.py", place="Bamako")
    wide = _app("app_pages/map.py", place="Bamako", within="2000")
    assert not wide.exception, [e.value for e in wide.exception]
    assert _param(wide, "within") == ["2000"] and _param(wide, "place") == ["Bamako"]
    assert wide.sidebar.select_slider(key="f_radius").value == 2000
    rows = [len(df.value) for df in wide.dataframe]
    assert sum(rows) >= sum(len(df.value) for df in narrow.dataframe)
