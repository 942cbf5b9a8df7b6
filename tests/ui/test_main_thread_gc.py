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
