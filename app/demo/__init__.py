"""Demo data: realistic customers and documents at any scale, for trying Cobranza and for benchmarks."""

from .generator import DemoSummary, generate_demo

__all__ = ["DemoSummary", "generate_demo"]
