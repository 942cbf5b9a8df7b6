"""The printable payment agreement (convenio de pago), in Spanish or English."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from sqlalchemy.orm import Session

from app.ledger.company import get_company
from app.ledger.customers import get_customer
from app.ledger.invoices import get_invoice
from app.ledger.money import fmt, fmt_date
from app.pdftext import para_text

from .agreements import get_agreement

TEXT = {
    "es": {
        "title": "Convenio de pago N.° {number}",
        "intro": ("En {city}, a {date}, {company} (RUC/NIT {company_tax}), en adelante EL ACREEDOR, y {customer} "
                  "({customer_tax}), en adelante EL DEUDOR, acuerdan el siguiente cronograma para el pago de la deuda "
                  "detallada a continuación."),
        "debt": "Deuda reconocida", "invoice": "Comprobante", "issued": "Emisión", "open": "Saldo",
        "principal": "Total de la deuda", "down": "Cuota inicial", "interest": "Intereses ({rate} % mensual, simple)",
        "total": "Total a pagar", "schedule": "Cronograma de pagos", "n": "N.°", "due": "Vencimiento",
        "amount": "Importe", "down_label": "Inicial",
        "every": {"week": "semanal", "fortnight": "quincenal", "month": "mensual"},
        "terms": ("{count} cuotas de frecuencia {every}. Los pagos se aplican a las cuotas en orden de vencimiento. "
                  "Si una cuota queda impaga {grace} días después de su vencimiento, el convenio se considera "
                  "incumplido y el saldo pendiente es exigible en su totalidad."),
        "bank": "Datos para el pago", "creditor": "EL ACREEDOR", "debtor": "EL DEUDOR", "page": "Página {n}",
    },
    "en": {
        "title": "Payment agreement No. {number}",
        "intro": ("In {city}, on {date}, {company} (tax id {company_tax}), the CREDITOR, and {customer} "
                  "({customer_tax}), the DEBTOR, agree on the following schedule to pay the debt detailed below."),
        "debt": "Acknowledged debt", "invoice": "Document", "issued": "Issued", "open": "Balance",
        "principal": "Total debt", "down": "Down payment", "interest": "Interest ({rate}% a month, simple)",
        "total": "Total to pay", "schedule": "Payment schedule", "n": "No.", "due": "Due date",
        "amount": "Amount", "down_label": "Down",
        "every": {"week": "weekly", "fortnight": "fortnightly", "month": "monthly"},
        "terms": ("{count} {every} installments. Payments are applied to the installments in order of due date. "
                  "If an installment is still unpaid {grace} days after its due date, the agreement is broken and "
                  "the whole outstanding balance falls due."),
        "bank": "Payment details", "creditor": "THE CREDITOR", "debtor": "THE DEBTOR", "page": "Page {n}",
    },
}


def render_agreement_pdf(session: Session, number: str, out: str | Path, *, lang: str | None = None) -> Path:
    agreement = get_agreement(session, number, as_of=None)
    customer = get_customer(session, agreement.customer_code)
    company = get_company(session)
    lang = lang or customer.language or "es"
    t = TEXT.get(lang, TEXT["es"])
    locale = company.locale if company else ("es_PE" if lang == "es" else "en_US")
    cur = agreement.currency

    def money(v: int) -> str:
        return fmt(v, cur, locale)

    styles = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=styles["BodyText"], fontName="Helvetica", fontSize=9.5, leading=13)
    head = ParagraphStyle("head", parent=styles["Heading2"], fontName="Helvetica-Bold", fontSize=11, spaceBefore=8)
    title = ParagraphStyle("title", parent=styles["Title"], fontName="Helvetica-Bold", fontSize=15)
    story = []
    if company and company.logo_path and Path(company.logo_path).is_file():
        try:
            story.append(Image(company.logo_path, width=35 * mm, height=15 * mm, kind="proportional"))
        except Exception:  # an unreadable logo must not stop the document
            pass
    # Every value from the user goes through para_text: a Paragraph reads <font>, <a href> and & in its text.
    story.append(Paragraph(t["title"].format(number=para_text(agreement.number)), title))
    story.append(Paragraph(t["intro"].format(
        city=para_text(company.city if company and company.city else "—"),
        date=para_text(fmt_date(agreement.agreed_on, locale, "long")),
        company=para_text(company.name if company else "—"),
        company_tax=para_text((company.tax_id or "—") if company else "—"),
        customer=para_text(customer.name), customer_tax=para_text(customer.tax_id or customer.code)), body))
    story.append(Paragraph(t["debt"], head))
    rows = [[t["invoice"], t["issued"], t["open"]]]
    for inv_number in agreement.invoices:
        inv = get_invoice(session, inv_number)
        rows.append([inv.number, fmt_date(inv.issue_date, locale, "medium"), ""])
    session_rows = _covered_open(session, agreement)
    for row in rows[1:]:
        row[2] = money(session_rows.get(row[0], 0))
    rows.append([t["principal"], "", money(agreement.principal_minor)])
    down = next((i.amount_minor for i in agreement.installments if i.sequence == 0), 0)
    if down:
        rows.append([t["down"], "", money(down)])
    if agreement.interest_minor:
        rows.append([t["interest"].format(rate=agreement.monthly_rate.normalize()), "", money(agreement.interest_minor)])
    rows.append([t["total"], "", money(agreement.total_minor)])
    story.append(_table(rows, [70 * mm, 40 * mm, 50 * mm], bold_last=True))
    story.append(Paragraph(t["schedule"], head))
    sched = [[t["n"], t["due"], t["amount"]]]
    for inst in agreement.installments:
        sched.append([t["down_label"] if inst.sequence == 0 else str(inst.sequence),
                      fmt_date(inst.due_date, locale, "medium"), money(inst.amount_minor)])
    sched.append([t["total"], "", money(agreement.total_minor)])
    story.append(_table(sched, [30 * mm, 60 * mm, 50 * mm], bold_last=True))
    count = sum(1 for i in agreement.installments if i.sequence > 0)
    story.append(Spacer(1, 4 * mm))
    story.append(Paragraph(t["terms"].format(count=count, every=t["every"][agreement.frequency],
                                             grace=agreement.grace_days), body))
    if company and company.payment_instructions:
        story.append(Paragraph(t["bank"], head))
        for line in company.payment_instructions.splitlines():
            story.append(Paragraph(para_text(line), body))
    story.append(Spacer(1, 25 * mm))
    signatures = Table([["_" * 34, "_" * 34],
                        [t["creditor"], t["debtor"]],
                        [company.name if company else "", customer.name],
                        [company.tax_id or "" if company else "", customer.tax_id or ""]],
                       colWidths=[85 * mm, 85 * mm])
    signatures.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "Helvetica", 9), ("ALIGN", (0, 0), (-1, -1), "CENTER")]))
    story.append(signatures)

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawRightString(A4[0] - 20 * mm, 12 * mm, t["page"].format(n=doc.page))
        canvas.drawString(20 * mm, 12 * mm, agreement.number)
        canvas.restoreState()

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(out.suffix + ".part")
    SimpleDocTemplate(str(tmp), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm,
                      bottomMargin=20 * mm, title=t["title"].format(number=agreement.number),
                      author=company.name if company else "Cobranza").build(story, onFirstPage=footer,
                                                                              onLaterPages=footer)
    tmp.replace(out)  # never leave a half-written PDF under the real name
    return out


def _covered_open(session: Session, agreement) -> dict[str, int]:
    from sqlalchemy import select

    from app.models import AgreementInvoice, Invoice, PaymentAgreement

    rows = session.execute(
        select(Invoice.number, AgreementInvoice.open_minor)
        .join(AgreementInvoice, AgreementInvoice.invoice_id == Invoice.id)
        .join(PaymentAgreement, PaymentAgreement.id == AgreementInvoice.agreement_id)
        .where(PaymentAgreement.number == agreement.number))
    return dict(rows.all())


def _table(rows, widths, bold_last=False) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1)
    style = [
        ("FONT", (0, 0), (-1, -1), "Helvetica", 9),
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 9),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF4")),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.HexColor("#5B7083")),
        ("ALIGN", (-1, 0), (-1, -1), "RIGHT"),
        ("ROWBACKGROUNDS", (0, 1), (-1, -2), [colors.white, colors.HexColor("#F7F9FB")]),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3), ("TOPPADDING", (0, 0), (-1, -1), 3),
    ]
    if bold_last:
        style += [("FONT", (0, -1), (-1, -1), "Helvetica-Bold", 9), ("LINEABOVE", (0, -1), (-1, -1), 0.6, colors.black)]
    table.setStyle(TableStyle(style))
    return table
