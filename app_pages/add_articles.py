"""Add articles: upload files or paste text; analysed in this session, saved to the corpus only on request."""
from __future__ import annotations

import datetime as dt

import streamlit as st

from claimatlas.ingest.corpus import documents_from_bytes
from claimatlas.ingest.fetch import FetchError, fetch_page
from claimatlas.ingest.readers import SUPPORTED_SUFFIXES, IngestError
from claimatlas.ingest.uploads import UploadError, check_upload, manifest_entry, sanitize_filename, save_article
from ui import data as ui_data

settings = ui_data.settings()
limit = settings.max_upload_bytes
most = settings.max_session_uploads

st.title("Add articles")
st.caption(f"Upload {', '.join(SUPPORTED_SUFFIXES)} files (up to {limit / 1e6:.0f} MB each, {most} articles per "
           "session), paste an article, or give a web address. Added articles are analysed in a separate worker process and kept "
           "in this session only; they are written into data/articles only when you press Save.")

added = ui_data.added_articles()
just_added = st.session_state.pop("_just_added", 0)
if just_added:
    st.success(f"Analysed {just_added} article(s): every page now includes them (in this session).")
for problem in st.session_state.pop("_add_problems", []):
    st.error(problem)

with st.form("add_form", clear_on_submit=True):
    uploads = st.file_uploader("Article files", type=[s.lstrip(".") for s in SUPPORTED_SUFFIXES],
                               accept_multiple_files=True)
    pasted = st.text_area("…or paste the article text", height=180)
    address = st.text_input("…or the article's web address (URL)", placeholder="https://…", key="add_url",
                            help="The server fetches the page (it needs internet access for that) and reads its text, "
                                 "site name, title and date from the page. Local and private addresses are refused.")
    cols = st.columns(3)
    outlet = cols[0].text_input("Outlet", placeholder="e.g. Reuters", key="add_outlet")
    published = cols[1].date_input("Published", value=None, min_value=dt.date(1990, 1, 1))
    title = cols[2].text_input("Title (pasted text)", placeholder="optional")
    submitted = st.form_submit_button("Analyse", type="primary")

if submitted:
    items = []
    problems = []
    for upload in uploads or []:
        data = upload.getvalue()
        try:
            check_upload(upload.name, len(data), limit)
            items.append({"name": sanitize_filename(upload.name), "data": data})
        except UploadError as exc:
            problems.append(str(exc))
    if address.strip():
        with st.spinner(f"Fetching {address.strip()[:80]}…"):
            try:
                page = fetch_page(address, settings.fetch_timeout_s, limit, bool(settings.allow_private_urls))
                items.append({"name": sanitize_filename(page.name), "data": page.data, "url": page.url})
            except FetchError as exc:
                problems.append(f"Not added: {exc}")
    if pasted.strip():
        stem = sanitize_filename((title or outlet or "pasted article")[:60] + ".txt")
        items.append({"name": stem, "data": pasted.encode("utf-8")})
    room = max(0, most - len(added))
    if len(items) > room:
        problems.append(f"{len(items) - room} article(s) not added: a session may add {most} articles "
                        "(save or remove some first).")
        items = items[:room]
    if not items and not problems:
        st.warning("Choose a file, paste some text or give a web address first.")
    else:
        progress = st.progress(0.0, text="Reading…")
        read = 0
        for index, item in enumerate(items, start=1):
            try:
                characters = sum(len(d.text) for d in documents_from_bytes(item["data"], item["name"]))
            except IngestError as exc:
                problems.append(f"{item['name']}: {exc}")
                continue
            added.append({"name": item["name"], "characters": characters, "outlet": outlet.strip(),
                          "published": published.isoformat() if published else "", "title": title.strip(),
                          "data": item["data"], "url": item.get("url", ""), "saved": ""})
            read += 1
            progress.progress(index / len(items) / 2, text=f"Read {item['name']}")
        progress.progress(0.5, text="Analysing (places, claims, frames)…")
        ui_data.data()
        progress.progress(1.0, text="Done.")
        st.session_state["_just_added"] = read
        st.session_state["_add_problems"] = problems
        st.rerun()

if not added:
    st.info("No article added in this session yet.")
else:
    st.subheader("Added in this session")
    problems = {e.path: e.error for e in ui_data.data().errors()}
    for index, article in enumerate(added):
        with st.container(border=True):
            cols = st.columns([4, 2, 2])
            cols[0].markdown(f"**{article['name']}** · {article['characters']:,} characters")
            cols[0].caption(f"Outlet: {article['outlet'] or 'inferred from the text'} · "
                            f"published: {article['published'] or 'unknown'}"
                            + (f" · fetched from {article['url']}" if article.get("url") else ""))
            if article["name"] in problems:
                cols[0].error(f"{article['name']}: {problems[article['name']]}")
            if article["saved"]:
                cols[1].success(f"Saved as {article['saved']}")
            elif cols[1].button("Save to data/articles", key=f"save_{index}"):
                try:
                    entry = manifest_entry(article["outlet"], article["published"], article.get("title"), article.get("url"))
                    saved = save_article(ui_data.articles_folder(), article["name"], article["data"], limit, entry)
                    article["saved"] = saved.path.name
                    st.rerun()
                except (UploadError, OSError) as exc:
                    cols[1].error(f"Not saved: {exc}")
            if not article["saved"] and cols[2].button("Remove", key=f"remove_{index}"):
                added.pop(index)
                st.rerun()
