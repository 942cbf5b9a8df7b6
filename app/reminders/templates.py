"""Reminder texts: Jinja2 templates run in a sandbox, with defaults in Spanish and English.

A template is looked up by (level key, channel, language, part):

1. a user override (the run passes the `template` table's rows as `overrides`),
2. the default file `resources/templates/<language>/<level key>/<channel>.<part>.j2`,
3. the generic default `resources/templates/<language>/common/<channel>.<part>.j2` (used by levels a user
   added to a policy, which have no files of their own).

Templates run in Jinja2's `SandboxedEnvironment` with `StrictUndefined`: a misspelt variable is an error,
not an empty string, and `{{ ''.__class__ }}` is refused. Every failure (syntax, unknown variable, sandbox
violation, a filter given the wrong kind of value) is raised as `TemplateError` naming the template and line,
so a broken template blocks sending instead of mailing a half-empty reminder. The variables are documented
in docs/templates.md.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import traceback
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Mapping

from babel.numbers import format_decimal
from jinja2 import FileSystemLoader, StrictUndefined, TemplateNotFound, TemplateSyntaxError, pass_context
from jinja2.exceptions import SecurityError, TemplateError as JinjaTemplateError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from app.ledger.dates import fmt_date
from app.ledger.money import fmt

from .content import ReminderContent, babel_locale, format_day, format_money, sample_content
from .errors import PermanentDeliveryError
from .sandbox import LimitedSandboxedEnvironment, TemplateLimitExceeded, render_budget

LEVEL_KEYS = ("courtesy", "friendly", "reminder", "firm", "final")
#: The parts each channel's message is made of.
PARTS: dict[str, tuple[str, ...]] = {
    "email": ("subject", "text", "html"),
    "letter": ("subject", "body", "closing"),
    "sms": ("text",),
    "whatsapp": ("text",),
    "call": ("text",),
}
ALL_PARTS = ("subject", "text", "html", "body", "closing")
SMS_MAX_CHARS = 300

OverrideKey = tuple[str, str, str, str]  # (level_key, channel, language, part)


class TemplateError(Exception):
    """A template that cannot be rendered. `template` and `line` say where; the message says what."""

    def __init__(self, message: str, *, template: str | None = None, line: int | None = None):
        self.reason = message
        self.template = template
        self.line = line
        where = f"Template {template}" if template else "Template"
        if line:
            where += f", line {line}"
        super().__init__(f"{where}: {message}")


class TemplateLimitError(TemplateError, PermanentDeliveryError):
    """A template past the sandbox's limits (app.reminders.sandbox): too many loop steps, too long a string,
    too slow. Refused when saved; at delivery it fails that one reminder with the reason, never retried."""


@dataclass(frozen=True)
class RenderedMessage:
    subject: str | None
    text: str
    html: str | None


def templates_dir() -> Path:
    """resources/templates next to the app package (source tree, editable install or PyInstaller bundle)."""
    env = os.environ.get("COBRANZA_TEMPLATES")
    if env:
        return Path(env)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources" / "templates"
    return Path(__file__).resolve().parents[2] / "resources" / "templates"


# --- filters ----------------------------------------------------------------------


class Minor(int):
    """An amount of an item in a message covering several currencies: `|money` formats it in its own currency."""

    currency: str

    def __new__(cls, value: int, currency: str):
        obj = super().__new__(cls, value)
        obj.currency = currency
        return obj


class Amounts(int):
    """A total over several currencies (one message per debtor): `|money` writes each ("S/ 100.00 y US$ 50.00");
    as a number it is the sum of the parts, which only says whether there is any."""

    parts: tuple[tuple[str, int], ...]

    def __new__(cls, parts):
        parts = tuple((cur, int(v)) for cur, v in parts if v)
        obj = super().__new__(cls, sum(v for _, v in parts))
        obj.parts = parts
        return obj


@pass_context
def _money(ctx, value, currency: str | None = None, symbol: bool = True) -> str:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"money expects an amount in minor units (an integer), got {value!r}")
    if isinstance(value, Amounts) and currency is None:
        joiner = " and " if ctx.get("language") == "en" else " y "
        texts = [_money(ctx, int(v), cur, symbol) for cur, v in value.parts] or [_money(ctx, 0, None, symbol)]
        return ", ".join(texts[:-1]) + joiner + texts[-1] if len(texts) > 1 else texts[0]
    currency = currency or getattr(value, "currency", None) or ctx.get("currency")
    if not symbol:
        return fmt(value, currency, ctx.get("locale") or "es_PE", symbol=False)
    return format_money(value, currency, ctx.get("locale") or "es_PE", ctx.get("company_locale"))


@pass_context
def _date(ctx, value, format: str = "long") -> str:  # noqa: A002 - Jinja filter argument name
    if value is None:
        return ""
    if not isinstance(value, dt.date):
        raise TypeError(f"date expects a date, got {value!r}")
    if format not in ("short", "medium", "long", "full"):  # a custom pattern such as "d 'de' MMMM"
        return fmt_date(value, babel_locale(ctx.get("locale") or "es_PE"), format)  # years in full
    return format_day(value, format, ctx.get("locale") or "es_PE")


@pass_context
def _number(ctx, value) -> str:
    return format_decimal(value, locale=babel_locale(ctx.get("locale") or "es_PE"))


def _make_env(autoescape: bool) -> SandboxedEnvironment:
    # Immutable: a template may not change the lists and dicts it is given ({{ items.clear() }}); limited:
    # no template can loop, grow a string or take time without bound (app.reminders.sandbox).
    env = LimitedSandboxedEnvironment(
        loader=FileSystemLoader(str(templates_dir())),
        undefined=StrictUndefined,
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,
    )
    env.add_filter("money", _money)
    env.add_filter("date", _date)
    env.add_filter("number", _number)
    return env


@lru_cache(maxsize=2)
def _env(html: bool) -> SandboxedEnvironment:
    return _make_env(html)


def reset_cache() -> None:
    """Forget compiled templates (after COBRANZA_TEMPLATES changes, in tests)."""
    _env.cache_clear()
    _compiled.cache_clear()
    _default_name_cached.cache_clear()
    _read_default.cache_clear()


# --- the variables a template sees -------------------------------------------------

_TAX_ID_LABELS = {"PE": "RUC", "EC": "RUC", "CO": "NIT", "MX": "RFC", "CL": "RUT", "AR": "CUIT", "BO": "NIT",
                  "US": "EIN"}


def tax_id_label(country: str | None, language: str) -> str:
    """What the tax id is called where the party is registered (RUC in Peru, NIT in Colombia, ...)."""
    return _TAX_ID_LABELS.get((country or "").upper(), "Tax ID" if language == "en" else "ID fiscal")



def template_context(content: ReminderContent) -> dict:
    """The documented variables (docs/templates.md). Plain dicts and lists: nothing with methods to abuse."""
    company = content.company
    several = len(content.sections) > 1  # one message for several currencies: each amount knows its own

    def amount(value: int, currency: str) -> int:
        return Minor(value, currency) if several else value

    items = [
        {"invoice_number": i.invoice_number, "issue_date": i.issue_date, "due_date": i.due_date,
         "days_overdue": i.days_overdue, "amount_minor": amount(i.amount_minor, i.currency),
         "open_minor": amount(i.open_minor, i.currency), "currency": i.currency,
         "discount_until": i.discount_until,
         "discount_minor": amount(i.discount_minor, i.currency),
         "discount_pay_minor": amount(i.discount_pay_minor, i.currency)}
        for i in content.items
    ]
    total_open, fee, total_due = content.total_open_minor, content.fee_minor, content.total_due_minor
    if several:
        total_open = Amounts((cur, open_) for cur, open_, _ in content.sections)
        fee = Amounts((cur, f) for cur, _, f in content.sections)
        total_due = Amounts((cur, open_ + f) for cur, open_, f in content.sections)
    due_dates = [i.due_date for i in content.items]
    earliest = min(due_dates) if due_dates else None
    return {
        "customer": {
            "code": content.customer_code, "name": content.customer_name, "tax_id": content.customer_tax_id,
            "email": content.customer_email, "phone": content.customer_phone,
            "address": content.customer_address, "city": content.customer_city,
            "country": content.customer_country,
            "tax_id_label": tax_id_label(content.customer_country, content.language),
        },
        "company": {
            "name": company.name, "tax_id": company.tax_id, "address": company.address, "city": company.city,
            "country": company.country, "email": company.email, "phone": company.phone,
            "tax_id_label": tax_id_label(company.country, content.language),
        },
        "items": items,
        "item_count": len(items),
        "invoice_numbers": ", ".join(dict.fromkeys(i.invoice_number for i in content.items)),
        "currency": content.currency,
        "total_open_minor": total_open,
        "fee_minor": fee,
        "total_due_minor": total_due,
        "max_days_overdue": content.max_days_overdue,
        "oldest_due_date": earliest,
        "days_until_due": max(0, (earliest - content.as_of).days) if earliest else 0,
        "level": content.level,
        "level_name": content.level_name,
        "level_key": content.level_key or "",
        "channel": content.channel,
        "language": content.language,
        "as_of": content.as_of,
        "locale": content.locale,
        "company_locale": content.company.locale,
        "payment_instructions": content.payment_instructions or "",
    }


# --- compiling and rendering ------------------------------------------------------------


def _where(exc: BaseException, name: str) -> tuple[str, int | None]:
    """(template, line) where a runtime error happened: Jinja rewrites the traceback so that the template's
    own frames carry its file name ("<template>" for a text) and line. An error inside an included default
    template names that file."""
    line = getattr(exc, "lineno", None)
    if line:
        return name, line
    base = str(templates_dir())
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename == "<template>":
            return name, frame.lineno
        if frame.filename.endswith(".j2"):
            where = frame.filename
            if where.startswith(base):
                where = where[len(base):].lstrip("/\\").replace("\\", "/")
            return where, frame.lineno
    return name, None


def _explain(exc: BaseException) -> str:
    if isinstance(exc, UndefinedError):
        return f"{exc.message} (see docs/templates.md for the variables a template can use)"
    if isinstance(exc, SecurityError):
        return f"not allowed in a template: {exc}"
    if isinstance(exc, TemplateSyntaxError):
        return f"syntax error: {exc.message}"
    if isinstance(exc, TemplateNotFound):
        return f"includes a template that does not exist: {exc.name}"
    return f"{type(exc).__name__}: {exc}"


def _compile(source: str, name: str, html: bool):
    try:
        return _env(html).from_string(source)
    except TemplateLimitExceeded as exc:
        raise TemplateLimitError(f"refused: {exc}", template=name) from None
    except TemplateSyntaxError as exc:
        raise TemplateError(_explain(exc), template=name, line=exc.lineno) from None
    except JinjaTemplateError as exc:  # pragma: no cover - other compile-time errors
        raise TemplateError(_explain(exc), template=name) from None


@lru_cache(maxsize=512)
def _compiled(source: str, name: str, html: bool):
    return _compile(source, name, html)


def _run(template, ctx: dict, name: str) -> str:
    try:
        with render_budget():
            return template.render(ctx)
    except TemplateLimitExceeded as exc:
        where, line = _where(exc, name)
        raise TemplateLimitError(f"refused: {exc}", template=where, line=line) from None
    except RecursionError:
        raise TemplateLimitError("refused: the template calls itself too deeply", template=name) from None
    except TemplateSyntaxError as exc:  # in an included template
        raise TemplateError(_explain(exc), template=exc.name or name, line=exc.lineno) from None
    except Exception as exc:  # noqa: BLE001 - any failure in a user template is the template's fault
        where, line = _where(exc, name)
        raise TemplateError(_explain(exc), template=where, line=line) from None


def default_template_name(level_key: str, channel: str, language: str, part: str) -> str | None:
    """The default file (relative to resources/templates) for a part, or None if there is none."""
    base = templates_dir()
    for folder in (level_key, "common"):
        name = f"{language}/{folder}/{channel}.{part}.j2"
        if (base / name).is_file():
            return name
    return None


def default_source(level_key: str, channel: str, language: str, part: str) -> str:
    name = default_template_name(level_key, channel, language, part)
    if name is None:
        raise TemplateError(f"there is no default template for part '{part}' of channel '{channel}' "
                            f"in language '{language}'", template=f"{language}/{level_key}/{channel}.{part}")
    return (templates_dir() / name).read_text(encoding="utf-8")


def _resolve(level_key: str, channel: str, language: str, part: str,
             overrides: Mapping[OverrideKey, str] | None) -> tuple[str, str]:
    """(template name for messages, source)."""
    if overrides:
        custom = overrides.get((level_key, channel, language, part))
        if custom is not None:
            return f"{level_key}/{channel}/{language}/{part} (custom)", custom
    name = _default_name_cached(level_key, channel, language, part)
    if name is None:
        return f"{language}/{level_key}/{channel}.{part}", default_source(level_key, channel, language, part)
    return name, _read_default(name)


@lru_cache(maxsize=1024)
def _default_name_cached(level_key: str, channel: str, language: str, part: str) -> str | None:
    return default_template_name(level_key, channel, language, part)


@lru_cache(maxsize=1024)
def _read_default(name: str) -> str:
    """The shipped files do not change while the app runs (user changes are overrides in the database)."""
    return (templates_dir() / name).read_text(encoding="utf-8")


def _check_part(channel: str, part: str) -> None:
    if channel not in PARTS:
        raise TemplateError(f"unknown channel '{channel}'; use one of {', '.join(PARTS)}")
    if part not in PARTS[channel]:
        raise TemplateError(f"channel '{channel}' has no part '{part}'; its parts are {', '.join(PARTS[channel])}")


def render(template: str | tuple[str, str], content: ReminderContent, *, part: str, name: str | None = None,
           overrides: Mapping[OverrideKey, str] | None = None) -> str:
    """Render one part for `content`.

    `template` is either template source text or a key `(level_key, channel)`, looked up (override, then
    default file) in the content's language. HTML parts are autoescaped; subjects and SMS/WhatsApp texts are
    returned on one line.
    """
    if isinstance(template, tuple):
        level_key, channel = template
        _check_part(channel, part)
        name, source = _resolve(level_key, channel, content.language, part, overrides)
    else:
        source, name = template, name or "(text)"
    compiled = _compiled(source, name, part == "html")
    out = _run(compiled, template_context(content), name)
    return _tidy(out, part)


def _tidy(text: str, part: str) -> str:
    if part == "subject":
        return " ".join(text.split())
    if part == "html":
        return text.strip() + "\n"
    # Collapse runs of blank lines left by conditional blocks; keep paragraphs.
    lines = [line.rstrip() for line in text.strip().splitlines()]
    out: list[str] = []
    for line in lines:
        if line == "" and out and out[-1] == "":
            continue
        out.append(line)
    return "\n".join(out)


def render_message(level_key: str, channel: str, content: ReminderContent, *,
                   overrides: Mapping[OverrideKey, str] | None = None) -> RenderedMessage:
    """Every part of one channel's message. Raises TemplateError for a broken template (nothing is sent)."""
    if channel not in PARTS:
        raise TemplateError(f"unknown channel '{channel}'; use one of {', '.join(PARTS)}")
    key = (level_key, channel)
    if channel == "email":
        return RenderedMessage(subject=render(key, content, part="subject", overrides=overrides),
                               text=render(key, content, part="text", overrides=overrides),
                               html=render(key, content, part="html", overrides=overrides))
    if channel == "letter":
        body = render(key, content, part="body", overrides=overrides)
        closing = render(key, content, part="closing", overrides=overrides)
        return RenderedMessage(subject=render(key, content, part="subject", overrides=overrides),
                               text=body + ("\n\n" + closing if closing else ""), html=None)
    text = render(key, content, part="text", overrides=overrides)
    if channel == "sms":  # one line, plain spaces (a no-break space forces UCS-2 on the gateway)
        text = " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())
    return RenderedMessage(subject=None, text=text, html=None)


def render_letter_parts(level_key: str, content: ReminderContent, *,
                        overrides: Mapping[OverrideKey, str] | None = None) -> tuple[str, str, str]:
    """(subject, body, closing) of a letter: the body goes above the table of items, the closing below."""
    key = (level_key, "letter")
    return (render(key, content, part="subject", overrides=overrides),
            render(key, content, part="body", overrides=overrides),
            render(key, content, part="closing", overrides=overrides))


def validate_template(text: str, part: str, *, channel: str | None = None, language: str = "es",
                      level_key: str = "reminder") -> str:
    """Check a template before it is saved: compile it and render it against a sample reminder.

    Returns the sample rendering (the editor's live preview); raises TemplateError with the line at fault.
    SMS texts longer than 300 characters for the sample are refused too.
    """
    if part not in ALL_PARTS:
        raise TemplateError(f"unknown part '{part}'; use one of {', '.join(ALL_PARTS)}")
    if channel is not None:
        _check_part(channel, part)
    sample = sample_content(language, channel=channel or "email", level_key=level_key)
    name = f"{level_key}/{channel or '?'}/{language}/{part} (draft)"
    compiled = _compile(text, name, part == "html")
    out = _tidy(_run(compiled, template_context(sample), name), part)
    # The limits hold for every customer by construction (loops, sizes, steps and time are bounded, constant
    # bombs are refused when compiled); one more render with long values checks the template's own growth.
    _run(compiled, template_context(_long_sample(sample)), name)
    if channel == "sms" and len(" ".join(out.split())) > SMS_MAX_CHARS:
        raise TemplateError(f"the SMS text is {len(out)} characters for the sample reminder; "
                            f"keep it under {SMS_MAX_CHARS}", template=name)
    return out


def _long_sample(sample: ReminderContent) -> ReminderContent:
    """The sample reminder with long names and addresses (what a careless import may hold)."""
    from dataclasses import replace

    long = "Ñandú & Cía <S.A.C.> " * 100  # 2,100 characters
    company = replace(sample.company, name=long, address=long, city=long)
    return replace(sample, customer_name=long, customer_address=long, customer_city=long, company=company,
                   payment_instructions=long)
