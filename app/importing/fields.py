"""What each kind of import holds: its fields, their labels, which are required, and the column headers
people write for them in Spanish and English (for the automatic mapping, app.importing.mapping).

Labels are English; the GUI translates them (tr) and the CLI shows the field names."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class FieldInfo:
    name: str  # the field, as in `--map "Header=name"`
    label: str  # English label for people (the GUI translates it)
    required: bool
    type: str  # "text", "code", "date", "amount", "currency", "bool", "country", "language", "email", "phone", "tax_id"
    aliases: tuple[str, ...] = ()  # headers that mean this field, compared after `header_key`
    help: str = ""


def header_key(text: str) -> str:
    """A header compared without case, accents, punctuation or extra spaces: "Fecha de Emisión:" is
    "fecha de emision"."""
    text = unicodedata.normalize("NFKD", str(text or ""))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = "".join(c if c.isalnum() else " " for c in text)
    return " ".join(text.split())


_CODE = ("codigo", "cod", "codigo cliente", "cod cliente", "customer code", "customer id", "client code",
         "id cliente", "cliente id", "code", "codigo de cliente")
_NAME = ("razon social", "nombre", "nombre o razon social", "apellidos y nombres denominacion o razon social",
         "denominacion", "name", "customer name", "company", "empresa", "cliente nombre", "nombre cliente",
         "nombre del cliente", "razon social del cliente", "business name")
_TAX = ("ruc", "nit", "rfc", "rut", "cuit", "ruc dni", "ruc cliente", "nro documento", "numero de documento",
        "n documento identidad", "numero documento identidad", "documento de identidad", "doc identidad",
        "tax id", "tax number", "vat", "vat number", "nif", "cif", "identificacion", "identificacion fiscal",
        "numero de documento de identidad", "num doc identidad")
_CUR = ("moneda", "currency", "divisa", "mon", "cod moneda", "codigo de moneda", "currency code")
_AMOUNT = ("importe", "monto", "total", "importe total", "monto total", "amount", "total amount", "valor",
           "valor total", "importe total del comprobante", "importe total de la operacion", "total factura",
           "saldo", "amount due", "invoice total", "importe pagado", "monto pagado", "pago", "abono")
_NUMBER = ("numero", "nro", "n", "no", "num", "numero de documento", "numero factura", "nro factura",
           "factura", "n factura", "comprobante", "numero de comprobante", "nro comprobante", "folio",
           "documento", "invoice", "invoice number", "invoice no", "number", "doc number", "document number",
           "numero del comprobante", "numero comprobante de pago")
_INVOICE = ("factura", "numero factura", "nro factura", "n factura", "factura pagada", "factura aplicada",
            "documento aplicado", "comprobante", "invoice", "invoice number", "invoice no", "aplica a",
            "documento de referencia", "factura de referencia", "referencia factura", "doc referencia")
_CUSTOMER_CODE = _CODE + ("cliente", "customer", "client", "cod cli")

FIELDS: dict[str, tuple[FieldInfo, ...]] = {
    "customers": (
        FieldInfo("code", "Customer code", True, "code", _CODE + ("cliente",)),
        FieldInfo("name", "Name", True, "text", _NAME),
        FieldInfo("tax_id", "Tax ID (RUC, NIT, RFC, RUT)", False, "tax_id", _TAX),
        FieldInfo("email", "E-mail", False, "email", ("email", "e mail", "correo", "correo electronico", "mail")),
        FieldInfo("phone", "Phone", False, "phone", ("telefono", "tel", "celular", "movil", "phone", "mobile",
                                                     "telefono movil", "whatsapp")),
        FieldInfo("language", "Language (es/en)", False, "language", ("idioma", "language", "lengua")),
        FieldInfo("currency", "Currency", False, "currency", _CUR),
        FieldInfo("payment_terms", "Payment terms", False, "text",
                  ("condicion de pago", "condiciones de pago", "plazo", "terminos de pago", "forma de pago",
                   "payment terms", "terms", "credito")),
        FieldInfo("credit_limit", "Credit limit", False, "amount",
                  ("limite de credito", "linea de credito", "credit limit", "limite")),
        FieldInfo("address", "Address", False, "text", ("direccion", "domicilio", "domicilio fiscal",
                                                         "direccion fiscal", "address")),
        FieldInfo("city", "City", False, "text", ("ciudad", "distrito", "localidad", "municipio", "city")),
        FieldInfo("country", "Country (PE, MX, CO, CL, ...)", False, "country", ("pais", "country")),
        FieldInfo("notes", "Notes", False, "text", ("notas", "observaciones", "comentarios", "notes", "comments")),
    ),
    "invoices": (
        FieldInfo("number", "Invoice number", True, "code", _NUMBER,
                  help="with a separate series column the number is SERIES-NUMBER (F001-123)"),
        FieldInfo("series", "Series", False, "code", ("serie", "series", "serie del comprobante", "nro serie",
                                                      "serie comprobante")),
        FieldInfo("customer_code", "Customer code", True, "code", _CUSTOMER_CODE + _TAX),
        FieldInfo("customer_name", "Customer name (with --create-customers)", False, "text",
                  _NAME + ("cliente", "customer", "client")),
        FieldInfo("issue_date", "Issue date", True, "date",
                  ("fecha", "fecha de emision", "fecha emision", "f emision", "emision", "fecha factura",
                   "fecha de factura", "fecha de emision del comprobante de pago", "fecha doc", "issue date",
                   "invoice date", "date", "fecha documento")),
        FieldInfo("due_date", "Due date", False, "date",
                  ("fecha de vencimiento", "vencimiento", "fecha vencimiento", "f vencimiento", "vence",
                   "fecha de vencimiento o fecha de pago", "fecha vcto", "vcto", "due date", "due")),
        FieldInfo("amount", "Amount", True, "amount", _AMOUNT),
        FieldInfo("currency", "Currency", False, "currency", _CUR),
        FieldInfo("reference", "Reference", False, "text", ("referencia", "orden de compra", "oc", "glosa",
                                                            "descripcion", "concepto", "reference", "po",
                                                            "purchase order", "description")),
        FieldInfo("payment_terms", "Payment terms", False, "text",
                  ("condicion de pago", "condiciones de pago", "plazo", "terminos de pago", "payment terms",
                   "terms")),
        FieldInfo("disputed", "Disputed (yes/no)", False, "bool",
                  ("observada", "en disputa", "disputa", "disputada", "reclamo", "en reclamo", "disputed",
                   "dispute", "contested", "estado")),
    ),
    "payments": (
        FieldInfo("customer_code", "Customer code", True, "code", _CUSTOMER_CODE + _TAX),
        FieldInfo("date", "Payment date", True, "date",
                  ("fecha", "fecha de pago", "fecha pago", "fecha de abono", "fecha deposito", "fecha de cobro",
                   "date", "payment date", "paid on")),
        FieldInfo("amount", "Amount", True, "amount", _AMOUNT),
        FieldInfo("currency", "Currency", False, "currency", _CUR),
        FieldInfo("invoice_number", "Invoice paid", False, "code", _INVOICE),
        FieldInfo("reference", "Reference (operation number)", False, "text",
                  ("referencia", "nro operacion", "numero de operacion", "operacion", "n operacion",
                   "voucher", "reference", "transaction id", "nro de operacion", "recibo")),
        FieldInfo("method", "Method", False, "text", ("medio de pago", "forma de pago", "metodo", "method",
                                                      "payment method", "medio")),
    ),
    "credit-notes": (
        FieldInfo("number", "Credit note number", True, "code",
                  ("numero", "nro", "nota de credito", "numero nota de credito", "nro nota de credito", "n",
                   "numero de documento", "comprobante", "number", "credit note", "credit note number")),
        FieldInfo("series", "Series", False, "code", ("serie", "series")),
        FieldInfo("customer_code", "Customer code", True, "code", _CUSTOMER_CODE + _TAX),
        FieldInfo("date", "Date", True, "date", ("fecha", "fecha de emision", "fecha emision", "date",
                                                 "issue date")),
        FieldInfo("amount", "Amount", True, "amount", _AMOUNT),
        FieldInfo("currency", "Currency", False, "currency", _CUR),
        FieldInfo("invoice_number", "Invoice credited", False, "code", _INVOICE + (
            "numero del comprobante que se modifica", "comprobante que se modifica", "doc modificado")),
        FieldInfo("reason", "Reason", False, "text", ("motivo", "razon", "sustento", "glosa", "reason",
                                                      "concepto", "descripcion")),
    ),
}
KINDS = tuple(FIELDS)


def fields_for(kind: str) -> tuple[FieldInfo, ...]:
    """The fields of an import `kind` (customers, invoices, payments, credit-notes), required ones first."""
    if kind not in FIELDS:
        raise ValueError(f"unknown import kind '{kind}'; use one of {', '.join(KINDS)}")
    return FIELDS[kind]


def field_names(kind: str) -> tuple[str, ...]:
    return tuple(f.name for f in fields_for(kind))
