"""Benchmarks: the demo data generator at scale and timed scenarios (results in docs/benchmarks.md)."""
