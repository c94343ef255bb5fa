"""Added articles are analysed in a worker process: a time limit, a bounded queue, other sessions unaffected."""
from __future__ import annotations

import threading
import time

import pytest
from streamlit.testing.v1 import AppTest

from claimatlas.build import AnalysisError, Upload, build_uploads, open_store
from claimatlas.model import Document
from claimatlas.scaling import comma_list
from claimatlas.settings import Settings
from claimatlas.worker import AnalysisWorker

from .conftest import ROOT


@pytest.fixture(scope="module")
def worker():
    analysis = AnalysisWorker(Settings(job_timeout_s=60, max_pending_jobs=1))
    yield analysis
    analysis.close()


def test_the_worker_gives_the_same_records_as_the_pipeline(worker, resources):
    from claimatlas.pipeline import analyse_documents

    document = Document(id="w", path="w.txt", text="Fighters attacked a convoy near Gao on Monday, the army said.")
    assert worker.analyse([document]) == analyse_documents([document], resources)


def test_a_job_over_its_time_limit_is_stopped_and_the_worker_recovers():
    analysis = AnalysisWorker(Settings(job_timeout_s=1, max_pending_jobs=2))
    try:
        with pytest.raises(AnalysisError, match="time limit"):
            analysis.analyse([Document(id="big", path="big.txt", text=comma_list(20000))])
        analysis.timeout_s = 120
        [record] = analysis.analyse([Document(id="ok", path="ok.txt", text="Gao was calm on Monday.")])
        assert record.id == "ok"
    finally:
        analysis.close()


def test_a_full_queue_refuses_with_a_readable_error(worker):
    started = threading.Event()

    def busy():
        started.set()
        worker.analyse([Document(id="long", path="long.txt", text=comma_list(3000))])

    thread = threading.Thread(target=busy)
    thread.start()
    started.wait()
    time.sleep(0.2)
    with pytest.raises(AnalysisError, match="busy"):
        worker.analyse([Document(id="more", path="more.txt", text="Gao.")])
    thread.join()


def test_a_refused_upload_is_stored_as_an_error_naming_it():
    def refusing(documents, progress):
        raise AnalysisError("the server is busy")

    store = open_store(":memory:")
    errors = build_uploads(store, [Upload("mine.txt", b"Fighters attacked Gao on Monday morning.")], refusing)
    assert [(e.path, e.error) for e in errors] == [("mine.txt", "the server is busy")]
    assert store.records()[0] == []


def test_another_session_reruns_quickly_while_a_hostile_upload_is_analysed(worker):
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180)
    app.run()
    start = time.perf_counter()
    app.run()
    quiet = time.perf_counter() - start
    job = threading.Thread(target=worker.analyse,
                           args=([Document(id="hostile", path="hostile.txt", text=comma_list(6000))],))
    job.start()
    time.sleep(0.5)
    start = time.perf_counter()
    app.run()
    busy = time.perf_counter() - start
    still_running = job.is_alive()
    job.join()
    assert not app.exception
    assert still_running, "the hostile job was still being analysed during the rerun"
    assert busy < max(3 * quiet, 1.5), (quiet, busy)
