"""What a file has shown so far, in little memory: the line each key (a document number, a customer code, a
whole row) was first on, for a file of millions of rows.

A dict of a million strings costs ~150 MB; here a key costs 16 bytes: its 64-bit hash and its line in two sorted
NumPy arrays, the latest keys' hashes in a small dict (at most 2,048, or a sixteenth of the others) merged into
them now and then. Two different keys with the same 64-bit hash would be taken as one: about one chance in 10^7 for a file of 10 million keys (Python's hash of a
string, random per process), a risk the importer accepts for a file's repeated rows and numbers, which it reports
and never silently writes twice.
"""

from __future__ import annotations

_MERGE = 2048  # keys held in the dict before they are merged into the arrays (or 1/16 of those, when more)
_FILTER_BITS = 1 << 24  # a bit per hash value modulo this (2 MB): most keys asked for are new, and their bit is
_MASK = _FILTER_BITS - 1  # clear (a 1M-key file sets 6 % of the bits): no search of the arrays (1.5 us a key)


class SeenKeys:
    """`key in seen`, `seen[key]` (the line), `seen[key] = line`: a dict's use, for the keys of a whole file."""

    def __init__(self):
        import numpy as np

        self._np = np
        self._recent: dict = {}  # hash of a key -> its line (the keys themselves are not kept)
        self._hashes = np.empty(0, dtype=np.int64)
        self._lines = np.empty(0, dtype=np.int64)
        self._filter = bytearray(_FILTER_BITS >> 3)  # the bits of the keys set so far

    def __len__(self) -> int:
        return len(self._recent) + len(self._hashes)

    def get(self, key, default=None):
        h = hash(key)
        line = self._recent.get(h)
        if line is not None:
            return line
        hashes = self._hashes
        n = len(hashes)
        if not n:
            return default
        bit = h & _MASK
        if not self._filter[bit >> 3] & (1 << (bit & 7)):
            return default
        i = int(hashes.searchsorted(h))  # the method: np.searchsorted's dispatch costs more than the search
        if i < n and int(hashes[i]) == h:
            return int(self._lines[i])
        return default

    def __contains__(self, key) -> bool:
        return self.get(key) is not None

    def __getitem__(self, key) -> int:
        line = self.get(key)
        if line is None:
            raise KeyError(key)
        return line

    def __setitem__(self, key, line: int) -> None:
        self._remember(hash(key), line)

    def add(self, key, line: int) -> int | None:
        """The line `key` was first on, else None, `key` now remembered as on `line` (get and set in one:
        the key hashed once, a row of a file being a tuple of cells whose hash is not kept)."""
        h = hash(key)
        first = self._recent.get(h)
        if first is not None:
            return first
        bit = h & _MASK
        hashes = self._hashes
        if self._filter[bit >> 3] & (1 << (bit & 7)) and len(hashes):
            i = int(hashes.searchsorted(h))
            if i < len(hashes) and int(hashes[i]) == h:
                return int(self._lines[i])
        self._remember(h, line)
        return None

    def _remember(self, h: int, line: int) -> None:
        self._recent[h] = line
        bit = h & _MASK
        self._filter[bit >> 3] |= 1 << (bit & 7)
        if len(self._recent) >= max(_MERGE, len(self._hashes) // 16):  # merges O(log n) times, each O(n)
            self._merge()

    def _merge(self) -> None:
        np = self._np
        hashes = np.fromiter(self._recent, dtype=np.int64, count=len(self._recent))
        lines = np.fromiter(self._recent.values(), dtype=np.int64, count=len(self._recent))
        order = np.argsort(hashes, kind="stable")
        hashes, lines = hashes[order], lines[order]
        at = np.searchsorted(self._hashes, hashes)
        self._hashes = np.insert(self._hashes, at, hashes)
        self._lines = np.insert(self._lines, at, lines)
        self._recent.clear()
