"""Column mapping: which source column holds which field of an import.

`detect_mapping(kind, headers)` proposes one from the headers people write (Spanish and English,
app.importing.fields); `parse_map_args(["Fecha de emisión=issue_date"])` reads the CLI's `--map`;
`apply_overrides` lets the user's choice win over the detection. A source column maps to at most one
field and a field is filled from at most one column."""

from __future__ import annotations

from dataclasses import dataclass

from .fields import fields_for, header_key


class MappingError(ValueError):
    """A mapping that cannot be used (unknown field, a field mapped twice, a header not in the file)."""


@dataclass(frozen=True)
class Mapping:
    kind: str
    columns: tuple[tuple[str, str], ...]  # (source header as in the file, field name); unmapped columns absent

    def field_of(self, header: str) -> str | None:
        key = header_key(header)
        for source, name in self.columns:
            if header_key(source) == key:
                return name
        return None

    def source_of(self, field: str) -> str | None:
        for source, name in self.columns:
            if name == field:
                return source
        return None

    def as_dict(self) -> dict[str, str]:
        return dict(self.columns)

    def missing_required(self) -> tuple[str, ...]:
        mapped = {name for _s, name in self.columns}
        return tuple(f.name for f in fields_for(self.kind) if f.required and f.name not in mapped)


@dataclass(frozen=True)
class MappingGuess:
    mapping: Mapping
    unmapped: tuple[str, ...]  # source headers no field was found for (ignored on import)
    missing: tuple[str, ...]  # required fields no header was found for
    ambiguous: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (field, headers that could each be it): first taken


def _score(kind: str, header: str) -> list[tuple[int, str]]:
    """(score, field) pairs for a header: 3 the field's own name, 2 an exact alias, 1 an alias the header starts
    with (e.g. "Importe total S/" for "importe total")."""
    key = header_key(header)
    if not key:
        return []
    out = []
    for f in fields_for(kind):
        if key == header_key(f.name) or key == header_key(f.name.replace("_", " ")):
            out.append((3, f.name))
        elif key in f.aliases:
            out.append((2, f.name))
        elif any(len(a) >= 4 and (key.startswith(a + " ") or key.endswith(" " + a)) for a in f.aliases):
            out.append((1, f.name))
    return out


def detect_mapping(kind: str, headers: list[str] | tuple[str, ...]) -> MappingGuess:
    """The mapping read from the file's headers: exact field names first, then the common Spanish and English
    headers (RUC, Razón social, Fecha de emisión, Importe, Moneda, Serie, Número, Observada ...). Each header
    goes to its best field; a field two headers could fill takes the first and the guess names the others."""
    fields = fields_for(kind)
    order = {f.name: i for i, f in enumerate(fields)}
    candidates = []  # (score, field order, column index, header, field)
    for index, header in enumerate(headers):
        for score, name in _score(kind, header):
            candidates.append((-score, order[name], index, header, name))
    candidates.sort()
    taken_fields: dict[str, str] = {}
    taken_headers: set[int] = set()
    clashes: dict[str, list[str]] = {}
    for neg, _o, index, header, name in candidates:
        if index in taken_headers:
            continue
        if name in taken_fields:
            if neg <= -2:  # another header fits as well: say so rather than silently dropping it
                clashes.setdefault(name, []).append(header)
            continue
        taken_fields[name] = header
        taken_headers.add(index)
    columns = tuple(sorted(((h, n) for n, h in taken_fields.items()), key=lambda p: list(headers).index(p[0])))
    mapping = Mapping(kind, columns)
    unmapped = tuple(h for i, h in enumerate(headers) if i not in taken_headers and str(h).strip())
    ambiguous = tuple((n, (taken_fields[n], *others)) for n, others in clashes.items()
                      if any(o in unmapped for o in others))
    return MappingGuess(mapping, unmapped, mapping.missing_required(), ambiguous)


def parse_map_args(items: list[str] | None) -> dict[str, str]:
    """`--map "Source header=field"` (repeatable) as {source header: field}; the last `=` splits."""
    out: dict[str, str] = {}
    for item in items or []:
        if "=" not in item:
            raise MappingError(f"--map '{item}': write it as \"Source header=field\"")
        source, name = item.rsplit("=", 1)
        source, name = source.strip(), name.strip()
        if not source or not name:
            raise MappingError(f"--map '{item}': write it as \"Source header=field\"")
        out[source] = name
    return out


def make_mapping(kind: str, headers, chosen: dict[str, str]) -> Mapping:
    """A mapping from {source header: field} (the GUI's choices, a saved mapping, --map), checked against the
    kind's fields and the file's headers. A field value of "" or "-" leaves the column out."""
    names = {f.name for f in fields_for(kind)}
    by_key = {header_key(h): h for h in headers if str(h).strip()}
    columns: list[tuple[str, str]] = []
    used: dict[str, str] = {}
    for source, name in chosen.items():
        if name in ("", "-"):
            continue
        if name not in names:
            raise MappingError(f"'{name}' is not a field of a {kind} import; use one of {', '.join(sorted(names))}")
        header = by_key.get(header_key(source))
        if header is None:
            raise MappingError(f"the file has no column '{source}' (its columns: "
                               f"{', '.join(h for h in headers if str(h).strip())})")
        if name in used and used[name] != header:
            raise MappingError(f"the field {name} is mapped from two columns: '{used[name]}' and '{header}'")
        used[name] = header
        columns.append((header, name))
    return Mapping(kind, tuple(columns))


def apply_overrides(guess: Mapping, headers, overrides: dict[str, str]) -> Mapping:
    """The detected mapping with the user's `overrides` ({source header: field}) winning: a header the user
    maps takes that field away from any other header the detection gave it to."""
    chosen = make_mapping(guess.kind, headers, overrides)
    forced_headers = {header_key(h) for h, _n in chosen.columns} | {
        header_key(h) for h, n in overrides.items() if n in ("", "-")}
    forced_fields = {n for _h, n in chosen.columns}
    kept = [(h, n) for h, n in guess.columns if header_key(h) not in forced_headers and n not in forced_fields]
    order = {header_key(h): i for i, h in enumerate(headers)}
    columns = sorted(kept + list(chosen.columns), key=lambda p: order.get(header_key(p[0]), len(order)))
    return Mapping(guess.kind, tuple(columns))
