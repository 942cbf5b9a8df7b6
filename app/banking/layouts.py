"""How the common banks of Peru, Colombia, Mexico and Chile lay out a statement export, as mappings.

A layout names, for each field a statement line needs, the column headers it may have (compared without
accents, case or punctuation: "Descripción operación" is "descripcion operacion"), the locale its amounts
are written in (es_PE and es_MX write 1,234.56; es_CO and es_CL 1.234,56), its date formats and its usual
currency. `detect` finds the header row of a file (banks put the account, the period and a title above it)
and the layout whose columns it has; `--mapping NAME` names one instead. The generic layout takes the
common Spanish and English headers of any bank.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

FIELDS = ("date", "description", "reference", "amount", "credit", "debit", "currency")


def header_key(text) -> str:
    """'Nº. Doc.' -> 'n doc'; 'Cargos (CLP)' -> 'cargos clp'; 'Descripción operación' -> 'descripcion operacion'."""
    text = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode("ascii").lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


@dataclass(frozen=True)
class Layout:
    key: str
    title: str  # the bank and export, as the user knows it
    locale: str  # how its amounts are written (app.ledger.amount_input)
    currency: str | None  # the account's usual currency when the file does not say
    date_formats: tuple[str, ...]
    # field -> accepted header keys; description may take several columns (joined)
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    signature: tuple[str, ...] = ()  # header keys that together identify this bank's export
    prefix_match: bool = False  # generic: a header may carry more words ("abonos clp" is "abonos")

    def find(self, header: list[str]) -> dict[str, list[int]] | None:
        """Column indexes per field for a header row (keys), or None when this layout does not fit it."""
        keys = [header_key(h) for h in header]
        if self.signature and not all(s in keys for s in self.signature):
            return None
        found: dict[str, list[int]] = {}
        for name, accepted in self.columns.items():
            hits = sorted((i for i, k in enumerate(keys) if k and self._accepts(k, accepted)),
                          key=lambda i: (accepted.index(keys[i]) if keys[i] in accepted else len(accepted), i))
            if hits:
                found[name] = hits if name == "description" else hits[:1]
        if "date" not in found or "description" not in found:
            return None
        if "amount" not in found and "credit" not in found:
            return None
        return found

    def _accepts(self, key: str, accepted: tuple[str, ...]) -> bool:
        if key in accepted:
            return True
        return self.prefix_match and any(key.startswith(a + " ") for a in accepted)


DMY = ("%d/%m/%Y", "%d-%m-%Y", "%d/%m/%y", "%Y-%m-%d")

PRESETS: dict[str, Layout] = {layout.key: layout for layout in (
    Layout("bcp", "BCP (Perú) – Movimientos", "es_PE", "PEN", DMY, {
        "date": ("fecha",), "description": ("descripcion operacion", "referencia2"),
        "reference": ("operacion numero",), "amount": ("monto",), "currency": ("moneda",)},
        signature=("descripcion operacion", "operacion numero")),
    Layout("bbva-pe", "BBVA (Perú) – Movimientos de cuenta", "es_PE", "PEN", DMY, {
        "date": ("f operacion",), "description": ("concepto",), "reference": ("n doc", "no doc"),
        "amount": ("importe",)},
        signature=("f operacion", "f valor", "concepto", "importe")),
    Layout("interbank", "Interbank – Movimientos", "es_PE", "PEN", DMY, {
        "date": ("fecha de operacion",), "description": ("descripcion", "movimiento"),
        "reference": ("nro de operacion",), "credit": ("abono",), "debit": ("cargo",)},
        signature=("fecha de operacion", "nro de operacion", "abono")),
    Layout("bancolombia", "Bancolombia – Movimientos", "es_CO", "COP", ("%d/%m/%Y", "%Y/%m/%d", "%Y-%m-%d"), {
        "date": ("fecha",), "description": ("descripcion",), "reference": ("dcto", "documento"),
        "amount": ("valor",)},
        signature=("fecha", "descripcion", "sucursal", "dcto", "valor")),
    Layout("bbva-mx", "BBVA México – Movimientos", "es_MX", "MXN", DMY, {
        "date": ("fecha", "dia"), "description": ("concepto referencia",), "credit": ("abono",),
        "debit": ("cargo",)},
        signature=("concepto referencia", "cargo", "abono")),
    Layout("banco-chile", "Banco de Chile – Cartola", "es_CL", "CLP", DMY, {
        "date": ("fecha",), "description": ("descripcion",), "reference": ("n documento", "documento"),
        "credit": ("abonos clp", "abonos"), "debit": ("cargos clp", "cargos")},
        signature=("descripcion", "canal o sucursal", "abonos clp")),
    Layout("generic", "Other bank (common Spanish and English headers)", "", None, DMY, {
        "date": ("fecha", "fecha operacion", "fecha de operacion", "f operacion", "fecha contable", "date",
                 "booking date", "transaction date"),
        "description": ("descripcion", "concepto", "detalle", "glosa", "movimiento", "description", "details",
                        "narrative"),
        "reference": ("referencia", "nro operacion", "n operacion", "numero de operacion", "nro de operacion",
                      "documento", "n documento", "reference"),
        "amount": ("monto", "importe", "valor", "amount"),
        "credit": ("abono", "abonos", "credito", "creditos", "deposito", "depositos", "ingreso", "ingresos",
                   "credit", "credits", "paid in"),
        "debit": ("cargo", "cargos", "debito", "debitos", "retiro", "retiros", "egreso", "egresos", "debit",
                  "debits", "paid out"),
        "currency": ("moneda", "currency", "divisa")},
        prefix_match=True),
)}


def names() -> list[str]:
    return list(PRESETS)


def detect(rows: list[list], *, key: str | None = None, scan: int = 30) -> tuple[Layout, int, dict] | None:
    """(layout, index of the header row, columns) for the first of `rows` (up to `scan`) that a layout
    fits: the named one, else the banks' own layouts before the generic one. None when none fits."""
    layouts = [PRESETS[key]] if key else list(PRESETS.values())
    for index, row in enumerate(rows[:scan]):
        header = ["" if v is None else str(v) for v in row]
        if sum(1 for h in header if h.strip()) < 2:
            continue
        for layout in layouts:
            columns = layout.find(header)
            if columns is not None:
                return layout, index, columns
    return None
