"""A write-only openpyxl workbook abandoned half-way (Cancel pressed, a disk full): its sheets stream into
temporary files that openpyxl removes only when the workbook is saved or the program ends, and a sheet
whose row stream is left open fails noisily when it is collected. `discarding(wb)` closes and removes
them when the block it wraps fails."""

from __future__ import annotations

import contextlib
import logging

log = logging.getLogger(__name__)


def discard(wb) -> None:
    for ws in wb.worksheets:
        writer = getattr(ws, "_writer", None)
        if writer is None:
            continue
        try:
            ws.close()  # ends the row stream: nothing left for the garbage collector to finish
        except Exception as exc:  # noqa: BLE001 - already saved or broken: only the file is left to remove
            log.debug("closing an abandoned sheet: %s", exc)
        try:
            writer.cleanup()
        except (OSError, ValueError) as exc:
            log.debug("removing an abandoned sheet's temporary file: %s", exc)


@contextlib.contextmanager
def discarding(wb):
    try:
        yield wb
    except BaseException:
        discard(wb)
        raise
