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
