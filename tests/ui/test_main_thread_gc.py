"""Cycles are collected on the GUI thread, never on a task's worker thread."""

import gc
import threading

from PySide6.QtCore import QObject

from app.ui.main_thread_gc import MainThreadCollector


class _Cycle:
    def __init__(self, collected: list):
        self.me, self.collected = self, collected
        self.owner = QObject()

    def __del__(self):
        self.collected.append(threading.current_thread().name)


def test_a_cycle_made_on_the_gui_thread_is_freed_there_even_when_a_worker_allocates(qapp):
    gc.enable()  # as Python starts (the test fixtures pin collection too)
    collector = MainThreadCollector(qapp)
    collector.start()
    try:
        assert not gc.isenabled()
        collected: list = []
        _Cycle(collected)

        def allocate():  # far past the threshold: with automatic collection this thread would collect
            keep = [[] for _ in range(50 * collector.thresholds[0])]
            return len(keep)
        worker = threading.Thread(target=allocate, name="worker")
        worker.start()
        worker.join()
        assert collected == []
        while not collected:
            for _ in range(collector.thresholds[0] + 1):
                x = [[]]
                x.append(x)
            collector.collect_due()
        assert collected == [threading.current_thread().name]
    finally:
        collector.stop()
        collector.setParent(None)


def test_stopping_collects_what_is_left_and_gives_collection_back(qapp):
    gc.enable()
    collector = MainThreadCollector(qapp)
    collector.start()
    collected: list = []
    _Cycle(collected)
    collector.stop()
    collector.setParent(None)
    assert collected and gc.isenabled()


def test_the_gui_collector_waits_while_a_worker_builds_a_bulk_of_objects(qapp):
    """A worker building a reminder plan (app.ledger.bulk): the GUI thread does not walk its half-built objects."""
    from app.ledger.bulk import bulk_in_progress, bulk_objects, released

    collector = MainThreadCollector(qapp)
    collector.start()
    try:
        inside, outside = threading.Event(), threading.Event()

        def build():
            with bulk_objects():
                inside.set()
                outside.wait(10)

        worker = threading.Thread(target=build, name="worker")
        worker.start()
        assert inside.wait(10) and bulk_in_progress()
        young = [[] for _ in range(5 * collector.thresholds[0])]
        before = gc.get_count()[0]
        assert collector.collect_due() == 0 and gc.get_count()[0] >= before  # nothing collected meanwhile
        outside.set()
        worker.join()
        assert released(timeout=10)  # a GUI job's rows another test handed to the releasing thread
        assert not bulk_in_progress()
        collector.collect_due()
        assert gc.get_count()[0] < before  # and collected after
        del young
    finally:
        collector.stop()
