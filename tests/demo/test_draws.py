"""DemoRandom draws exactly what random.Random draws from the same seed (the demo's rows depend on it)."""

import random

import pytest

from app.demo.draws import DemoRandom


def test_every_draw_is_the_standard_one_from_the_same_seed():
    fast, standard = DemoRandom("cobranza-demo-3"), random.Random("cobranza-demo-3")
    seqs = ("a", "ab", "abc", tuple(range(7)), list(range(100)), "x" * 1000)
    for i in range(20_000):
        n = 1 + i % 300 + (i % 7) * 10**(i % 9)
        assert fast.randrange(n) == standard.randrange(n)
        assert fast.randrange(-n, n + 5) == standard.randrange(-n, n + 5)
        assert fast.randint(i % 11 - 5, i % 11 - 5 + n) == standard.randint(i % 11 - 5, i % 11 - 5 + n)
        assert fast.randint(3, 3) == standard.randint(3, 3)
        seq = seqs[i % len(seqs)]
        assert fast.choice(seq) == standard.choice(seq)
        assert fast.random() == standard.random()  # and the other draws, interleaved, stay in step
        assert fast.sample(range(50), 2) == standard.sample(range(50), 2)
        assert fast.lognormvariate(0, 1) == standard.lognormvariate(0, 1)
    assert fast.getstate() == standard.getstate()


def test_empty_ranges_are_refused_as_the_standard_ones_are():
    fast = DemoRandom(1)
    with pytest.raises(ValueError):
        fast.randrange(0)
    with pytest.raises(ValueError):
        fast.randrange(5, 5)
    with pytest.raises(ValueError):
        fast.randint(2, 1)
    with pytest.raises(IndexError):
        fast.choice([])
