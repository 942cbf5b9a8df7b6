"""The import's pause of the cyclic collector: it sweeps young generations per chunk only where this thread
may collect (a CLI import); under the GUI, where collection is pinned to the GUI thread, never."""

import gc

from app.ledger import bulk as collector


def _collections_during(block) -> int:
    seen = []

    def note(phase, info):
        if phase == "start":
            seen.append(info["generation"])

    gc.callbacks.append(note)
    try:
        block()
    finally:
        gc.callbacks.remove(note)
    return len(seen)


def test_an_import_sweeps_per_chunk_where_collection_was_on_and_turns_it_back_on():
    assert gc.isenabled()

    def work():
        with collector.paused_collection():
            assert not gc.isenabled()
            with collector.paused_collection():  # nested (the decorator inside a caller's pause)
                collector.sweep()
            collector.sweep()

    assert _collections_during(work) == 2
    assert gc.isenabled()


def test_under_the_gui_pinned_collection_an_import_on_a_worker_never_collects():
    gc.disable()  # as app.ui.main_thread_gc leaves it
    try:
        def work():
            with collector.paused_collection():
                collector.sweep()
                collector.sweep()

        assert _collections_during(work) == 0
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_release_empties_now_or_at_the_end_of_a_deferred_block_which_counts_as_a_bulk():
    assert collector.released(timeout=10)  # a GUI job's rows, handed over by a test before, freed first
    rows = [(n, str(n)) for n in range(5 * collector.RELEASE_SLICE + 7)]
    by_key = {n: [n] for n in range(3 * collector.RELEASE_SLICE + 1)}
    collector.release(rows)
    collector.release(by_key)
    assert rows == [] and by_key == {}  # no deferred block: at once
    assert not collector.bulk_in_progress()

    plan = [(n,) for n in range(collector.RELEASE_SLICE + 1)]
    groups = {1: [1], 2: [2]}
    with collector.deferred_release():
        with collector.deferred_release():  # nested: the outermost block releases
            collector.release(plan)
            collector.release(groups)
        # kept for after the answer is handed back, and the GUI's collector waits for them (a bulk in progress)
        assert len(plan) == collector.RELEASE_SLICE + 1 and groups == {1: [1], 2: [2]}
        assert collector.bulk_in_progress()
    assert plan == [] and groups == {}
    assert not collector.bulk_in_progress()


def test_a_release_after_a_delay_is_done_by_a_thread_of_its_own_and_ends_the_bulk_after():
    assert collector.released(timeout=10)
    import threading
    import time

    plan = [(n, str(n)) for n in range(3 * collector.RELEASE_SLICE)]
    freed_by = []

    class Noted:  # freed where and when the releasing thread gets to it
        def __del__(self):
            freed_by.append(threading.current_thread().name)

    plan.append(Noted())
    start = time.monotonic()
    with collector.deferred_release(after=0.2):
        collector.release(plan)
    assert len(plan) == 3 * collector.RELEASE_SLICE + 1  # the block's thread is free at once: nothing freed yet
    assert collector.bulk_in_progress()  # the GUI's collector still waits for them
    assert collector.released(timeout=10)
    assert time.monotonic() - start >= 0.2
    assert plan == [] and freed_by == ["release"]
    assert not collector.bulk_in_progress()


def test_a_deferred_block_that_fails_still_releases_and_ends_its_bulk():
    assert collector.released(timeout=10)
    kept = list(range(10))
    try:
        with collector.deferred_release():
            collector.release(kept)
            raise ValueError("the job failed")
    except ValueError:
        pass
    assert kept == [] and not collector.bulk_in_progress()


def test_loading_the_holiday_tables_leaves_their_objects_out_of_the_collectors_way(tmp_path):
    """The first holiday table loads ~300 modules of `holidays`: set aside (gc.freeze), the GUI's collector does
    not walk them on its thread after the first reminder preview."""
    import subprocess
    import sys

    script = (
        "import gc, sys\n"
        "from app.reminders import contact_rules\n"
        "gc.disable(); gc.collect()\n"
        "assert 'holidays.countries' not in sys.modules\n"
        "before = gc.get_freeze_count()\n"
        "assert contact_rules._holidays('PE', 2026)\n"
        "print(gc.get_count()[0], gc.get_freeze_count() - before)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()
    young, frozen = int(out[0]), int(out[1])
    assert frozen > 50_000  # the library's modules and tables, for good
    assert young < 1_000  # what the collector would walk next
