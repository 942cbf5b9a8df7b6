"""Named import mappings, saved per source ("Contasis ventas", "SUNAT registro de ventas") and reusable from
the GUI's wizard and the CLI's `--mapping NAME`."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import config
from app.ledger import audit
from app.ledger.text_input import text_problem
from app.models import ImportMapping

from .fields import fields_for
from .mapping import Mapping, MappingError

_OPTION_KEYS = ("format", "encoding", "delimiter", "sheet", "header_line", "date_format", "decimal")


@dataclass(frozen=True)
class SavedMapping:
    name: str
    kind: str
    mapping: Mapping
    options: dict  # the ImportOptions fields saved with it (date_format, decimal, encoding, delimiter, sheet, ...)


def _view(row: ImportMapping) -> SavedMapping:
    columns = tuple((str(s), str(f)) for s, f in json.loads(row.columns or "[]"))
    return SavedMapping(row.name, row.kind, Mapping(row.kind, columns), json.loads(row.options or "{}"))


def _find(session: Session, name: str) -> ImportMapping | None:
    name = (name or "").strip()
    return session.scalars(select(ImportMapping).where(func.lower(ImportMapping.name) == name.lower())).first()


def save_mapping(session: Session, name: str, mapping: Mapping, options: dict | None = None) -> SavedMapping:
    """Save (or replace) the mapping named `name` (any case is the same name). `options`: ImportOptions fields
    worth keeping with it (others are dropped). Its own transaction when the session has none."""
    name = (name or "").strip()
    problem = text_problem(name, "name", limit=100) if name else "give the mapping a name (e.g. the system the file comes from)"
    if problem:
        raise MappingError(f"mapping name: {problem}")
    names = {f.name for f in fields_for(mapping.kind)}
    bad = [n for _s, n in mapping.columns if n not in names]
    if bad:
        raise MappingError(f"'{bad[0]}' is not a field of a {mapping.kind} import")
    kept = {k: v for k, v in (options or {}).items() if k in _OPTION_KEYS and v not in (None, "", False)}
    ctx = session.begin() if not session.in_transaction() else _nullcontext()
    with ctx:
        row = _find(session, name)
        before = None
        if row is None:
            row = ImportMapping(name=name, kind=mapping.kind)
            session.add(row)
        else:
            before = {"kind": row.kind, "columns": row.columns, "options": row.options}
        row.kind = mapping.kind
        row.columns = json.dumps([list(p) for p in mapping.columns], ensure_ascii=False)
        row.options = json.dumps(kept, ensure_ascii=False, sort_keys=True)
        row.updated_at = config.now()
        session.flush()
        audit.record(session, action="update" if before else "create", entity="import_mapping", entity_id=row.id,
                     before=before, after={"name": row.name, "kind": row.kind, "columns": row.columns,
                                           "options": row.options})
        return _view(row)


def load_mapping(session: Session, name: str) -> SavedMapping:
    row = _find(session, name)
    if row is None:
        known = ", ".join(m.name for m in list_mappings(session)) or "none saved yet"
        raise MappingError(f"no saved mapping named '{name}' (saved: {known})")
    return _view(row)


def list_mappings(session: Session, kind: str | None = None) -> list[SavedMapping]:
    query = select(ImportMapping).order_by(ImportMapping.name)
    if kind:
        query = query.where(ImportMapping.kind == kind)
    return [_view(r) for r in session.scalars(query)]


def delete_mapping(session: Session, name: str) -> bool:
    ctx = session.begin() if not session.in_transaction() else _nullcontext()
    with ctx:
        row = _find(session, name)
        if row is None:
            return False
        audit.record(session, action="delete", entity="import_mapping", entity_id=row.id,
                     before={"name": row.name, "kind": row.kind, "columns": row.columns})
        session.delete(row)
        session.flush()
        return True


class _nullcontext:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False
