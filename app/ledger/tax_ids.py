"""Tax identification numbers checked by country with python-stdnum: Peru's RUC, Mexico's RFC, Colombia's
NIT, Chile's RUT and the others stdnum knows (its `vat` module of each country). A number that fails is
not refused outright: the person typing may know better (a new RUC, a foreign customer), so the caller
shows the problem and lets them keep it with a reason. A country stdnum does not know is not checked."""

from __future__ import annotations

from dataclasses import dataclass

# the name people use for the number, by country (for messages); stdnum's own module otherwise
_NAMES = {"PE": "RUC", "MX": "RFC", "CO": "NIT", "CL": "RUT", "AR": "CUIT", "EC": "RUC", "BO": "NIT",
          "UY": "RUT", "PY": "RUC", "VE": "RIF", "GT": "NIT", "CR": "cédula jurídica", "DO": "RNC",
          "ES": "NIF", "US": "EIN"}
# stdnum's module per country where the `vat` alias is missing or not the number businesses quote
_MODULES = {"PE": "pe.ruc", "MX": "mx.rfc", "CO": "co.nit", "CL": "cl.rut", "US": "us.ein"}
# written with their separators where people always write them so (76.086.428-5, 900.373.913-4,
# 20-26756539-3); elsewhere the compact form (a RUC, an RFC without stdnum's spaces)
_FORMATTED = {"CL", "CO", "AR", "UY", "EC", "US"}


@dataclass(frozen=True)
class TaxIdCheck:
    value: str  # normalised when valid (see _FORMATTED), else as typed without surrounding spaces
    name: str  # "RUC", "RFC", ... or "tax id"
    problem: str | None  # None when valid or not checkable; else why, in one sentence

    @property
    def valid(self) -> bool:
        return self.problem is None


def _module(country: str):
    from importlib import import_module

    from stdnum import get_cc_module

    path = _MODULES.get(country)
    if path:
        return import_module(f"stdnum.{path}")
    try:
        return get_cc_module(country.lower(), "vat")
    except (ImportError, ValueError):
        return None


def check_tax_id(country: str | None, value: str | None) -> TaxIdCheck:
    text = (value or "").strip()
    code = (country or "").strip().upper()
    name = _NAMES.get(code, "tax id")
    if not text or not code:
        return TaxIdCheck(text, name, None)
    module = _module(code)
    if module is None:
        return TaxIdCheck(text, name, None)
    from stdnum.exceptions import ValidationError

    try:
        compact = module.validate(text)
    except ValidationError as exc:
        return TaxIdCheck(text, name, f"'{text}' is not a valid {name} ({exc.message.rstrip('.').lower()}).")
    shown = module.format(compact) if code in _FORMATTED and hasattr(module, "format") else compact
    return TaxIdCheck(shown, name, None)
