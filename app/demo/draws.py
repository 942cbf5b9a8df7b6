"""`random.Random` with its integer draws in one Python call: the demo makes millions of them.

CPython's `randrange`, `randint` and `choice` each pass through two or three Python frames (argument
checks, then `_randbelow`) around one C call, `getrandbits`; at a million invoices they were a tenth of
the demo's time. `DemoRandom` draws the very same numbers from the same state, inlining the algorithm of
`Random._randbelow_with_getrandbits` (the one CPython uses since 3.2: k = n.bit_length() bits, drawn
again while the value is n or more), so the same seed keeps giving the same data
(tests/demo/test_draws.py compares every method with the standard ones; the pinned-rows test too).
Only integer arguments and a step of 1, as the demo uses them.
"""

from __future__ import annotations

import random


class DemoRandom(random.Random):
    def randrange(self, start: int, stop: int | None = None) -> int:
        if stop is None:
            start, stop = 0, start
        n = stop - start
        if n <= 0:
            raise ValueError(f"empty range for randrange() ({start}, {stop})")
        getrandbits = self.getrandbits
        k = n.bit_length()
        r = getrandbits(k)
        while r >= n:
            r = getrandbits(k)
        return start + r

    def randint(self, a: int, b: int) -> int:
        n = b - a + 1
        if n <= 0:
            raise ValueError(f"empty range for randint() ({a}, {b})")
        getrandbits = self.getrandbits
        k = n.bit_length()
        r = getrandbits(k)
        while r >= n:
            r = getrandbits(k)
        return a + r

    def choice(self, seq):
        n = len(seq)
        if not n:
            raise IndexError("Cannot choose from an empty sequence")
        getrandbits = self.getrandbits
        k = n.bit_length()
        r = getrandbits(k)
        while r >= n:
            r = getrandbits(k)
        return seq[r]
