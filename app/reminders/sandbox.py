"""The limited Jinja2 sandbox user templates run in: no template can hang a reminder run or eat the memory.

Jinja2's sandbox stops templates from reaching Python's internals, but not from working forever: a branch on
the customer's name around nested `range(100000)` loops, or `('x' * 1000000000)|length`, was saved (the
editor's check renders the sample customer only) and then hung the letters run. Limits, by construction:

- `range` yields at most MAX_RANGE items;
- no single operation makes a string or list longer than MAX_SIZE: `*`, `+`, `%`, `~`, string methods and
  filters are checked *before* they run (a 1 GB string is never built), and their results after;
- integers stay below MAX_INT_BITS bits (`10 ** 10 ** 10` is refused);
- whole-number arguments to filters and methods (`center(10**9)`, `indent`, `lipsum`) stay below MAX_ARG;
- every loop iteration, call and `{{ output }}` takes a step from a per-render budget (MAX_STEPS, and
  MAX_OUTPUT characters), and every 256 steps the clock is read against a per-render deadline (TIME_LIMIT);
- when a template is compiled, loops over constant ranges whose nesting multiplies past MAX_STEPS, and
  constant expressions that break a limit, are refused outright: such a template is refused when it is
  saved whatever the customer (a branch on the name cannot hide it).

A template past a limit raises TemplateLimitExceeded (a Jinja SecurityError); app.reminders.templates turns
it into TemplateLimitError, which the editor shows on save and delivery records on that one reminder.
"""

from __future__ import annotations

import re
import threading
import time
from contextlib import contextmanager
from typing import Any, Iterator

from jinja2 import nodes, pass_context
from jinja2.exceptions import SecurityError
from jinja2.runtime import markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Namespace
from jinja2.visitor import NodeTransformer

MAX_RANGE = 10_000  # items of one range()
MAX_SIZE = 100_000  # characters of a string / items of a list made by one operation
MAX_ARG = 10_000  # a whole-number argument of a filter or method (widths, counts)
MAX_INT_BITS = 4_096  # about 1,200 decimal digits
MAX_STEPS = 200_000  # loop iterations + calls + outputs in one render
MAX_OUTPUT = 1_000_000  # characters output in one render (counted at every {{ }}, captured blocks included)
TIME_LIMIT = 2.0  # seconds per render

_LOOP = "_cobranza_loop"
_CONCAT = "_cobranza_concat"
_OUT = "_cobranza_out"


class TemplateLimitExceeded(SecurityError):
    """A template went past one of the limits above."""


# --- the per-render budget --------------------------------------------------------------------------

class _Budget:
    __slots__ = ("steps", "output", "deadline")

    def __init__(self, seconds: float):
        self.steps = 0
        self.output = 0
        self.deadline = time.monotonic() + seconds

    def tick(self) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise TemplateLimitExceeded(f"the template takes more than {MAX_STEPS:,} steps (loop iterations, "
                                        "calls and outputs); simplify its loops")
        if not self.steps & 255 and time.monotonic() > self.deadline:
            raise TemplateLimitExceeded(f"the template takes longer than {TIME_LIMIT:g} seconds to render")


_local = threading.local()


@contextmanager
def render_budget(seconds: float = TIME_LIMIT) -> Iterator[None]:
    """Every render runs inside one budget (nested renders, e.g. an include, share the outer one)."""
    outer = getattr(_local, "budget", None)
    if outer is not None:
        yield
        return
    _local.budget = _Budget(seconds)
    try:
        yield
    finally:
        _local.budget = None


def _tick() -> None:
    budget = getattr(_local, "budget", None)
    if budget is not None:
        budget.tick()


def _too_big(what: str, size: int) -> TemplateLimitExceeded:
    return TemplateLimitExceeded(f"{what} would have {size:,} characters or items; "
                                 f"the limit is {MAX_SIZE:,}")


def _sized(value: Any, what: str) -> Any:
    if isinstance(value, (str, list, tuple, dict, set, frozenset, bytes)) and len(value) > MAX_SIZE:
        raise _too_big(what, len(value))
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_INT_BITS:
        raise TemplateLimitExceeded(f"{what} gives a number with more than {MAX_INT_BITS:,} bits")
    return value


# --- limited building blocks -----------------------------------------------------------------------

def limited_range(*args: int) -> range:
    """range() of at most MAX_RANGE items (a loop over it is counted by the loop's own wrapper)."""
    rng = range(*args)
    if len(rng) > MAX_RANGE:
        raise TemplateLimitExceeded(f"range() of {len(rng):,} items; the limit is {MAX_RANGE:,}")
    return rng


def _counted(iterable) -> Iterator[Any]:
    for item in iterable:
        _tick()
        yield item


@pass_context
def _loop_filter(context, iterable):
    """Wraps the iterable of every {% for %}: each iteration takes a step."""
    return _counted(iterable)


@pass_context
def _concat_filter(context, parts):
    """`a ~ b`: refused before joining when the result would pass MAX_SIZE."""
    total = sum(len(p) for p in parts if isinstance(p, str))
    if total > MAX_SIZE:
        raise _too_big("joining with ~", total)
    joined = (markup_join if context.eval_ctx.autoescape else str_join)(parts)
    return _sized(joined, "joining with ~")


@pass_context
def _out_filter(context, value):
    """Every {{ expression }}: a step, and its length against the render's output budget."""
    budget = getattr(_local, "budget", None)
    if budget is not None:
        budget.tick()
        budget.output += len(value) if isinstance(value, str) else len(str(value))
        if budget.output > MAX_OUTPUT:
            raise TemplateLimitExceeded(f"the template writes more than {MAX_OUTPUT:,} characters")
    return value


_PERCENT_SPEC = re.compile(r"%[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?")
_BRACE_SPEC = re.compile(r"\{[^{}]*\}")


def _check_format_string(fmt: str, style: str) -> None:
    """Widths and precisions in a format string ('%999999999s', '{:>999999999}') are arguments too."""
    specs = _PERCENT_SPEC.finditer(fmt) if style == "%" else _BRACE_SPEC.finditer(fmt)
    for spec in specs:
        text = spec.group(0)
        if style == "%" and "*" in text:
            raise TemplateLimitExceeded("a '*' width in a format string is not allowed in a template")
        for number in re.findall(r"\d+", text if style == "%" else text.partition(":")[2]):
            if int(number) > MAX_ARG:
                raise TemplateLimitExceeded(f"a width of {int(number):,} in a format string; the limit is "
                                            f"{MAX_ARG:,}")


def _length(value: Any) -> int:
    try:
        return len(value)
    except TypeError:
        return 0


#: Filters and string methods whose whole-number arguments are widths or counts (the size of the result).
SIZE_ARGUMENTS = frozenset({"center", "ljust", "rjust", "zfill", "indent", "truncate", "wordwrap", "batch",
                            "slice", "expandtabs", "wordcount"})


def _check_args(name: str, target: Any, args: tuple, kwargs: dict) -> None:
    """Before a filter or a method runs: widths and counts, and the few operations that multiply sizes."""
    if name in SIZE_ARGUMENTS:
        for value in (*args, *kwargs.values()):
            if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_ARG:
                raise TemplateLimitExceeded(f"{name}() with {value:,}; the limit for a count or width is "
                                            f"{MAX_ARG:,}")
    if name == "join":
        sep = args[0] if args else kwargs.get("d", "")
        items = target
        if isinstance(target, str) and args:  # str.join(iterable): the separator is the target
            sep, items = target, args[0]
        size = _length(sep) * _length(items) + sum(_length(x) for x in items if isinstance(x, str)) \
            if hasattr(items, "__iter__") and hasattr(items, "__len__") else 0
        if size > MAX_SIZE:
            raise _too_big("join", size)
    elif name == "replace" and isinstance(target, str) and len(args) >= 2:
        old, new = str(args[0]), str(args[1])
        size = len(target) + (len(target) + 1) * len(new) if not old else \
            len(target) + target.count(old) * max(len(new) - len(old), 0)
        if size > MAX_SIZE:
            raise _too_big("replace", size)
    elif name == "indent" and isinstance(target, str):
        width = args[0] if args else kwargs.get("width", 4)
        size = len(target) + (target.count("\n") + 1) * (len(width) if isinstance(width, str) else int(width))
        if size > MAX_SIZE:
            raise _too_big("indent", size)
    elif name == "expandtabs" and isinstance(target, str):
        size = len(target) + target.count("\t") * int(args[0] if args else kwargs.get("tabsize", 8))
        if size > MAX_SIZE:
            raise _too_big("expandtabs", size)
    elif name == "format" and isinstance(target, str):
        _check_format_string(target, "%")  # the format filter: value % args


def _limited_filter(name: str, func):
    """A built-in filter with its arguments checked before and its result after."""
    from jinja2.utils import _PassArg

    pass_arg = _PassArg.from_obj(func)

    def run(*args, **kwargs):
        _tick()
        lead = 1 if pass_arg is not None else 0
        value = args[lead] if len(args) > lead else None
        _check_args(name, value, args[lead + 1:], kwargs)
        return _sized(func(*args, **kwargs), f"the filter {name}")

    if pass_arg is not None:
        run.jinja_pass_arg = pass_arg  # type: ignore[attr-defined]
    run.__name__ = getattr(func, "__name__", name)
    return run


class LimitedNamespace(Namespace):
    """`namespace()` whose attributes keep to the size limits ({% set ns.s = ns.s ~ ns.s %} in a loop)."""

    def __setitem__(self, name: str, value: Any) -> None:
        _sized(value, f"namespace attribute {name}")
        super().__setitem__(name, value)


# --- compile-time rewriting and static checks -------------------------------------------------------

def _const_range_len(node: nodes.Node) -> int | None:
    if (isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name) and node.node.name == "range"
            and not node.kwargs and node.dyn_args is None and node.dyn_kwargs is None
            and all(isinstance(a, nodes.Const) and isinstance(a.value, int) for a in node.args)):
        try:
            return len(range(*(a.value for a in node.args)))
        except (TypeError, ValueError):
            return None
    return None


class _Limiter(NodeTransformer):
    """Refuses constant bombs and wraps loops, `~` and outputs with the budget filters."""

    def __init__(self, env: "LimitedSandboxedEnvironment"):
        self.env = env
        self.loop_product = [1]

    def visit_For(self, node: nodes.For, *args, **kwargs):
        size = _const_range_len(node.iter)
        product = self.loop_product[-1] * (size if size is not None else 1)
        if product > MAX_STEPS:
            raise TemplateLimitExceeded(f"line {node.lineno}: nested loops over constant ranges repeat "
                                        f"{product:,} times; the limit is {MAX_STEPS:,}")
        self.loop_product.append(product)
        try:
            node = self.generic_visit(node)
        finally:
            self.loop_product.pop()
        node.iter = nodes.Filter(node.iter, _LOOP, [], [], None, None, lineno=node.lineno)
        return node

    def visit_Call(self, node: nodes.Call, *args, **kwargs):
        size = _const_range_len(node)
        if size is not None and size > MAX_RANGE:
            raise TemplateLimitExceeded(f"line {node.lineno}: range() of {size:,} items; the limit is "
                                        f"{MAX_RANGE:,}")
        return self.generic_visit(node)

    def visit_BinExpr(self, node: nodes.BinExpr, *args, **kwargs):
        node = self.generic_visit(node)
        if isinstance(node.left, nodes.Const) and isinstance(node.right, nodes.Const) \
                and node.operator in self.env.intercepted_binops:
            try:
                self.env.check_binop(node.operator, node.left.value, node.right.value)
            except TemplateLimitExceeded as exc:
                raise TemplateLimitExceeded(f"line {node.lineno}: {exc}") from None
        return node

    def visit_Concat(self, node: nodes.Concat, *args, **kwargs):
        node = self.generic_visit(node)
        return nodes.Filter(nodes.List(node.nodes, lineno=node.lineno), _CONCAT, [], [], None, None,
                            lineno=node.lineno)

    def visit_Output(self, node: nodes.Output, *args, **kwargs):
        node = self.generic_visit(node)
        node.nodes = [n if isinstance(n, nodes.TemplateData)
                      else nodes.Filter(n, _OUT, [], [], None, None, lineno=n.lineno) for n in node.nodes]
        return node


# --- the environment ---------------------------------------------------------------------------------

class LimitedSandboxedEnvironment(ImmutableSandboxedEnvironment):
    """ImmutableSandboxedEnvironment with the limits above."""

    intercepted_binops = frozenset(["*", "**", "+", "%"])

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.filters = {name: _limited_filter(name, f) for name, f in self.filters.items()}
        self.filters[_LOOP] = _loop_filter
        self.filters[_CONCAT] = _concat_filter
        self.filters[_OUT] = _out_filter
        self.globals["range"] = limited_range
        self.globals["namespace"] = LimitedNamespace
        self.globals.pop("lipsum", None)  # lorem ipsum has no place in a reminder; it takes a count

    def add_filter(self, name: str, func) -> None:
        """Our own filters (money, date, number) are trusted: only their steps are counted."""
        self.filters[name] = func

    def _parse(self, source, name, filename):
        tree = super()._parse(source, name, filename)
        return _Limiter(self).visit(tree)

    @staticmethod
    def check_binop(operator: str, left: Any, right: Any) -> None:
        """Refuse, before computing it, a result past the limits."""
        seqs = (str, list, tuple)
        if operator == "*":
            if isinstance(left, int) and isinstance(right, seqs):
                left, right = right, left
            if isinstance(left, seqs) and isinstance(right, int):
                size = len(left) * max(right, 0)
                if size > MAX_SIZE:
                    raise _too_big("repeating with *", size)
            elif isinstance(left, int) and isinstance(right, int):
                if left.bit_length() + right.bit_length() > MAX_INT_BITS:
                    raise TemplateLimitExceeded(f"a product with more than {MAX_INT_BITS:,} bits")
        elif operator == "**":
            if isinstance(left, int) and isinstance(right, int) and abs(left) > 1:
                if right > MAX_INT_BITS or right * left.bit_length() > MAX_INT_BITS:
                    raise TemplateLimitExceeded(f"a power with more than {MAX_INT_BITS:,} bits")
        elif operator == "+":
            if isinstance(left, seqs) and isinstance(right, seqs):
                size = len(left) + len(right)
                if size > MAX_SIZE:
                    raise _too_big("adding with +", size)
        elif operator == "%":
            if isinstance(left, str):
                _check_format_string(left, "%")

    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        _tick()
        self.check_binop(operator, left, right)
        return _sized(super().call_binop(context, operator, left, right), f"the operator {operator}")

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's own signature
        _tick()
        name = getattr(__obj, "__name__", "")
        # str.format comes wrapped by the sandbox (update_wrapper keeps the bound method in __wrapped__)
        target = getattr(getattr(__obj, "__wrapped__", __obj), "__self__", None)
        if isinstance(target, (str, list, tuple, dict)):  # a built-in method: str.center(...), str.join(...)
            if name in ("format", "format_map") and isinstance(target, str):
                _check_format_string(target, "{")
            else:
                _check_args(name, target, args, kwargs)
        for value in (*args, *kwargs.values()):
            _sized(value, f"an argument of {name or 'a call'}()")
        result = super().call(__context, __obj, *args, **kwargs)
        return _sized(result, f"{name or 'a call'}()")
