"""A job on a worker thread and the window on the GUI thread each use their own connection: a job
that rolls back (cancelled, dry run, failed) never takes the window's writes with it."""

from __future__ import annotations

import threading

from fieldapp.store import Store, visits as V


def test_a_rolled_back_job_on_another_thread_keeps_the_windows_write(demo_path):
    store = Store.open(demo_path)
    household = store.conn.execute(
        "SELECT uuid FROM households WHERE status = 'not_visited' LIMIT 1").fetchone()[0]
    inside, release = threading.Event(), threading.Event()
    errors = []

    def job():  # e.g. a dry-run import: writes in one transaction, then rolls back
        try:
            assert store.conn is not store._main
            with store.transaction() as conn:
                conn.execute("UPDATE settings SET value = 'job' WHERE key = 'surveyor'")
                inside.set()
                release.wait(10)
                raise RuntimeError("dry run")
        except RuntimeError:
            pass
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    worker = threading.Thread(target=job)
    worker.start()
    assert inside.wait(10)
    # the window saves a visit meanwhile: it waits for the job's lock instead of joining it
    saver = threading.Timer(0.3, release.set)
    saver.start()
    visit = V.start_visit(store, "甲", household, "huhutong_household", "2026120501",
                          {"visit_result": "met"})
    worker.join(10)
    saver.join()
    assert not errors
    again = Store.open(demo_path)
    try:
        assert V.get_visit(again, visit)["answers"]["visit_result"] == "met"
        assert again.setting("surveyor") != "job"
    finally:
        again.close()
        store.close()


def test_a_worker_never_creates_a_file_where_the_database_was(tmp_path, demo_path):
    import shutil

    path = tmp_path / "moved.sqlite"
    shutil.copy(demo_path, path)
    store = Store.open(path)
    path.rename(tmp_path / "elsewhere.sqlite")
    seen = []
    thread = threading.Thread(target=lambda: seen.append(_try(store)))
    thread.start()
    thread.join(10)
    assert seen == ["error"] and not path.exists()
    store.close()


def _try(store) -> str:
    try:
        store.conn.execute("SELECT 1").fetchone()
        return "ok"
    except Exception:  # noqa: BLE001
        return "error"
