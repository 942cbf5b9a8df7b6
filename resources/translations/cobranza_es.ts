<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>AgingModel</name>
    <message>
        <location filename="../../app/ui/tablemodels/dashboard.py" line="+102"/>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Currency</source>
        <translation>Moneda</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unapplied credit</source>
        <translation>Saldo a favor</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Net</source>
        <translation>Neto</translation>
    </message>
</context>
<context>
    <name>AgingReportView</name>
    <message>
        <location filename="../../app/ui/views/aging_report.py" line="+65"/>
        <source>Aged receivables</source>
        <extracomment>the areas of app.ledger.changes whose writes this page shows (MainWindow.refresh_views)</extracomment>
        <translation>Antigüedad de saldos</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>days past due date</source>
        <translation>días desde el vencimiento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>days since invoice date</source>
        <translation>días desde la fecha de factura</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>all</source>
        <translation>todas</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>all customers</source>
        <translation>todos los clientes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run</source>
        <translation>Calcular</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>As of</source>
        <translation>Fecha de corte</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Basis</source>
        <translation>Base</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Buckets</source>
        <translation>Tramos</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Currency</source>
        <translation>Moneda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Export to Excel…</source>
        <translation>Exportar a Excel…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export to PDF…</source>
        <translation>Exportar a PDF…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export to CSV…</source>
        <translation>Exportar a CSV…</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Buckets: %1</source>
        <translation>Tramos: %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cancelled.</source>
        <translation>Cancelado.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Current</source>
        <translation>Vigente</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>total</source>
        <translation>total</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>net</source>
        <translation>neto</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nothing is owed as of this date.</source>
        <translation>No hay deuda a esta fecha.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Libro de Excel (*.xlsx)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF document (*.pdf)</source>
        <translation>Documento PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV file (*.csv)</source>
        <translation>Archivo CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the aging report</source>
        <translation>Exportar la antigüedad de saldos</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Written %1</source>
        <translation>Guardado %1</translation>
    </message>
</context>
<context>
    <name>AgreementDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/card_collections.py" line="+116"/>
        <source>Payment agreement — %1</source>
        <translation>Convenio de pago — %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>monthly</source>
        <translation>mensual</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>fortnightly</source>
        <translation>quincenal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>weekly</source>
        <translation>semanal</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Down payment</source>
        <translation>Cuota inicial</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Installments</source>
        <translation>Cuotas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every</source>
        <translation>Frecuencia</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+76"/>
        <source>First date</source>
        <translation>Primera fecha</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>% a month</source>
        <translation>% mensual</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Create agreement</source>
        <translation>Crear convenio</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save PDF to sign…</source>
        <translation>Guardar PDF para firmar…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Invoices it covers (one currency):</source>
        <translation>Facturas que cubre (una sola moneda):</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Tick the invoices the agreement covers.</source>
        <translation>Marque las facturas que cubre el convenio.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose invoices of one currency.</source>
        <translation>Elija facturas de una sola moneda.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The monthly rate is a number such as 1.5.</source>
        <translation>La tasa mensual es un número como 1.5.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The down payment must be less than the debt.</source>
        <translation>La cuota inicial debe ser menor que la deuda.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Total to pay: %1</source>
        <translation>Total a pagar: %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Agreement %1 created.</source>
        <translation>Convenio %1 creado.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Save the agreement</source>
        <translation>Guardar el convenio</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Saved %1</source>
        <translation>Guardado en %1</translation>
    </message>
</context>
<context>
    <name>AllocationModel</name>
    <message>
        <location filename="../../app/ui/tablemodels/allocation.py" line="+27"/>
        <source>Invoice</source>
        <translation>Factura</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Due date</source>
        <translation>Vencimiento</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply</source>
        <translation>Aplicar</translation>
    </message>
</context>
<context>
    <name>Amounts</name>
    <message>
        <location filename="../../app/ui/errors.py" line="+14"/>
        <source>Enter an amount.</source>
        <translation>Ingrese un importe.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;{text}&apos; has digits other than 0-9; type the amount with the digits 0-9.</source>
        <translation>&apos;{text}&apos; tiene dígitos que no son 0-9; escriba el importe con los dígitos 0-9.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;{text}&apos; is not an amount; type it like {shown} or {plain}.</source>
        <translation>&apos;{text}&apos; no es un importe; escríbalo como {shown} o {plain}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;{text}&apos; is not an amount; type only the number, like {shown}.</source>
        <translation>&apos;{text}&apos; no es un importe; escriba solo el número, como {shown}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;{text}&apos; has a space inside the number; type it without spaces, like {plain}.</source>
        <translation>&apos;{text}&apos; tiene un espacio dentro del número; escríbalo sin espacios, como {plain}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;{text}&apos; is not an amount: use the digits 0-9 and &apos;{dec}&apos; for decimals, like {shown}.</source>
        <translation>&apos;{text}&apos; no es un importe: use los dígitos 0-9 y &apos;{dec}&apos; para los decimales, como {shown}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;{text}&apos; is too large: amounts go up to {limit} {currency}.</source>
        <translation>&apos;{text}&apos; es demasiado grande: los importes llegan hasta {limit} {currency}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;{text}&apos; is negative; amounts here cannot be below zero.</source>
        <translation>&apos;{text}&apos; es negativo; aquí los importes no pueden ser menores que cero.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;{text}&apos; starts with &apos;{sep}&apos;; type the number with a digit on each side of a separator.</source>
        <translation>&apos;{text}&apos; empieza con &apos;{sep}&apos;; escriba el número con un dígito a cada lado de un separador.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;{text}&apos; ends with &apos;{sep}&apos;; type the number with a digit on each side of a separator.</source>
        <translation>&apos;{text}&apos; termina con &apos;{sep}&apos;; escriba el número con un dígito a cada lado de un separador.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;{text}&apos; is written in {codes}, but this amount is in {currency}.</source>
        <translation>&apos;{text}&apos; está en {codes}, pero este importe es en {currency}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;{token}&apos; can mean {codes}; write {currency} instead.</source>
        <translation>&apos;{token}&apos; puede ser {codes}; escriba {currency}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;{text}&apos; could be {shown}; type {typed} to say which.</source>
        <translation>&apos;{text}&apos; puede ser {shown}; escriba {typed} para indicar cuál.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;{text}&apos; has {decimals} but {currency} has {digits}; if you meant {shown}, type {typed}.</source>
        <translation>&apos;{text}&apos; tiene {decimals} pero {currency} tiene {digits}; si quiso decir {shown}, escriba {typed}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;{text}&apos; uses &apos;{dec}&apos; between thousands, which is not how amounts are written here; if you meant {shown}, type {typed}.</source>
        <translation>&apos;{text}&apos; usa &apos;{dec}&apos; entre los miles, que no es como se escriben los importes aquí; si quiso decir {shown}, escriba {typed}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;{text}&apos; has {decimals} but {currency} has {digits}; type {typed}.</source>
        <translation>&apos;{text}&apos; tiene {decimals} pero {currency} tiene {digits}; escriba {typed}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;{text}&apos; has {decimals} but {currency} has none; type a whole number.</source>
        <translation>&apos;{text}&apos; tiene {decimals} pero {currency} no tiene decimales; escriba un número entero.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;{text}&apos; has {decimals} but {currency} has {digits}; type at most {digits} after the decimal separator.</source>
        <translation>&apos;{text}&apos; tiene {decimals} pero {currency} tiene {digits}; escriba como máximo {digits} después del separador decimal.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;{text}&apos; is not an amount: &apos;{grp}&apos; between thousands must be followed by exactly three digits and &apos;{dec}&apos; marks the decimals only once, like {shown} or {plain}.</source>
        <translation>&apos;{text}&apos; no es un importe: &apos;{grp}&apos; entre los miles va seguido de exactamente tres dígitos y &apos;{dec}&apos; marca los decimales una sola vez, como {shown} o {plain}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> or </source>
        <translation> o </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none</source>
        <translation>0</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 decimal</source>
        <translation>1 decimal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} decimals</source>
        <translation>{n} decimales</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../app/ui/app.py" line="+68"/>
        <location line="+4"/>
        <source>Cobranza</source>
        <translation>Cobranza</translation>
    </message>
    <message>
        <location line="-3"/>
        <location line="+4"/>
        <source>The database could not be opened.</source>
        <translation>No se pudo abrir la base de datos.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check the --db path or URL (or COBRANZA_DB) and try again.</source>
        <translation>Revise la ruta o URL de --db (o COBRANZA_DB) e inténtelo de nuevo.</translation>
    </message>
</context>
<context>
    <name>BalancesModel</name>
    <message>
        <location filename="../../app/ui/tablemodels/documents.py" line="+85"/>
        <source>Currency</source>
        <translation>Moneda</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open invoices</source>
        <translation>Facturas pendientes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unapplied credit</source>
        <translation>Saldo a favor sin aplicar</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Balance</source>
        <translation>Saldo</translation>
    </message>
</context>
<context>
    <name>CustomerCard</name>
    <message>
        <location filename="../../app/ui/dialogs/card.py" line="+67"/>
        <source>Customer %1</source>
        <translation>Cliente %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tax ID</source>
        <translation>Id. fiscal</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>E-mail</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Payment terms</source>
        <translation>Condiciones de pago</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credit limit</source>
        <translation>Límite de crédito</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Currency</source>
        <translation>Moneda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Collector</source>
        <translation>Gestor de cobranza</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Balance as of %1</source>
        <translation>Saldo al %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Open items</source>
        <translation>Partidas pendientes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payments and credits</source>
        <translation>Pagos y abonos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New invoice</source>
        <translation>Nueva factura</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New payment</source>
        <translation>Nuevo pago</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit customer</source>
        <translation>Editar cliente</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>ON HOLD</source>
        <extracomment>the areas of app.ledger.changes the card shows (its facts, documents, collections, reminders, risk)</extracomment>
        <translation>BLOQUEADO</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Default (Net 30)</source>
        <translation>Por defecto (30 días)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Open items (%1)</source>
        <translation>Partidas pendientes (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payments and credits (%1)</source>
        <translation>Pagos y abonos (%1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/card_collections.py" line="-214"/>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log a call…</source>
        <translation>Registrar llamada…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payment agreement…</source>
        <translation>Convenio de pago…</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>History (%1)</source>
        <translation>Historial (%1)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Risk: no invoices yet.</source>
        <translation>Riesgo: aún no tiene facturas.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>low</source>
        <translation>bajo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>medium</source>
        <translation>medio</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>high</source>
        <translation>alto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>very high</source>
        <translation>muy alto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Risk %1 / 100 (%2, segment %3): %4</source>
        <translation>Riesgo %1 / 100 (%2, segmento %3): %4</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/card_reminders.py" line="+29"/>
        <source>Pause until</source>
        <translation>Pausar hasta</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reminder policy</source>
        <translation>Política de recordatorio</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reminders</source>
        <translation>Recordatorios</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>By segment or default</source>
        <translation>Por segmento o por defecto</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Saved</source>
        <translation>Guardado</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a WhatsApp chat with a payment reminder filled in</source>
        <translation>Abrir un chat de WhatsApp con un recordatorio de pago ya escrito</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs/card_disputes.py" line="+32"/>
        <source>open</source>
        <translation>abierto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>resolved by credit note</source>
        <translation>resuelto con nota de crédito</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rejected</source>
        <translation>rechazado</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>Invoice</source>
        <translation>Factura</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Opened</source>
        <translation>Abierto</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Closed</source>
        <translation>Cerrado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credit note / note</source>
        <translation>Nota de crédito / nota</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolve with credit note…</source>
        <translation>Resolver con nota de crédito…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reject…</source>
        <translation>Rechazar…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Disputes</source>
        <translation>Reclamos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open dispute…</source>
        <translation>Abrir reclamo…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Resolve with credit note</source>
        <translation>Resolver con nota de crédito</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number of the credit note for %1:</source>
        <translation>Número de la nota de crédito por %1:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Reject dispute</source>
        <translation>Rechazar reclamo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why is the dispute rejected?</source>
        <translation>¿Por qué se rechaza el reclamo?</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Disputes (%1 open)</source>
        <translation>Reclamos (abiertos: %1)</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/customer.py" line="+47"/>
        <source>Edit customer</source>
        <translation>Editar cliente</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New customer</source>
        <translation>Nuevo cliente</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Spanish</source>
        <translation>Español</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English</source>
        <translation>Inglés</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+49"/>
        <source>Default (Net 30)</source>
        <translation>Por defecto (30 días)</translation>
    </message>
    <message>
        <location line="-47"/>
        <source>Do not sell on credit (on hold)</source>
        <translation>No vender al crédito (bloqueado)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Who follows up this customer</source>
        <translation>Quién hace el seguimiento de este cliente</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tax ID (RUC, RFC, NIT, RUT)</source>
        <translation>Identificación tributaria (RUC, RFC, NIT, RUT)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Country</source>
        <translation>País</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language for letters</source>
        <translation>Idioma de las cartas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency</source>
        <translation>Moneda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>City</source>
        <translation>Ciudad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payment terms</source>
        <translation>Condiciones de pago</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credit limit</source>
        <translation>Límite de crédito</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Collector</source>
        <translation>Gestor de cobranza</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
</context>
<context>
    <name>CustomerDocumentDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/entry.py" line="+103"/>
        <source>Customer code</source>
        <translation>Código de cliente</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>No customer with this code</source>
        <translation>No hay ningún cliente con este código</translation>
    </message>
</context>
<context>
    <name>CustomersModel</name>
    <message>
        <location filename="../../app/ui/tablemodels/customers.py" line="+32"/>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tax ID</source>
        <translation>Id. fiscal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>City / Country</source>
        <translation>Ciudad / País</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Currency</source>
        <translation>Moneda</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Balance</source>
        <translation>Saldo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue</source>
        <translation>Vencido</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+222"/>
        <source>On hold</source>
        <translation>Bloqueado</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>multi-currency</source>
        <translation>varias monedas</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No exchange rate for %1 on this date: sorted last by amount. Add one in Settings › Exchange rates.</source>
        <translation>Sin tipo de cambio para %1 en esta fecha: va al final al ordenar por monto. Agréguelo en Configuración › Tipos de cambio.</translation>
    </message>
</context>
<context>
    <name>CustomersView</name>
    <message>
        <location filename="../../app/ui/views/customers.py" line="+33"/>
        <source>Customers</source>
        <extracomment>the areas of app.ledger.changes whose writes this page shows (MainWindow.refresh_views)</extracomment>
        <translation>Clientes</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Search by code, name, tax ID or e-mail</source>
        <translation>Buscar por código, nombre, RUC o correo</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New customer</source>
        <translation>Nuevo cliente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New invoice</source>
        <translation>Nueva factura</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New payment</source>
        <translation>Nuevo pago</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open card</source>
        <translation>Abrir ficha</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n cliente</numerusform>
            <numerusform>%n clientes</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Could not load the customers: %1</source>
        <translation>No se pudieron cargar los clientes: %1</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <location filename="../../app/ui/views/dashboard.py" line="+123"/>
        <source>Dashboard</source>
        <extracomment>the areas of app.ledger.changes whose writes this page shows (MainWindow.refresh_views)</extracomment>
        <translation>Panel</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>As of</source>
        <translation>Fecha de corte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Currency</source>
        <translation>Moneda</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Aged receivables (click a bar for its items)</source>
        <translation>Antigüedad de saldos (clic en una barra para ver sus partidas)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expected collections per week, next 12 weeks</source>
        <translation>Cobros esperados por semana, próximas 12 semanas</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Top debtors (double-click to open)</source>
        <translation>Mayores deudores (doble clic para abrir)</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Computing…</source>
        <translation>Calculando…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Nothing is owed as of this date.</source>
        <translation>No hay deuda a esta fecha.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Could not compute the dashboard: %1</source>
        <translation>No se pudo calcular el panel: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Receivable</source>
        <translation>Por cobrar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue</source>
        <translation>Vencido</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>% overdue</source>
        <translation>% vencido</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DSO (90 days)</source>
        <translation>DSO (90 días)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CEI (90 days)</source>
        <translation>CEI (90 días)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>credit not applied: %1</source>
        <translation>saldo a favor sin aplicar: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+90"/>
        <source>%1 days</source>
        <translation>%1 días</translation>
    </message>
    <message>
        <location line="-79"/>
        <source>millions</source>
        <translation>millones</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>thousands</source>
        <translation>miles</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>days overdue</source>
        <translation>días de atraso</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>from overdue</source>
        <translation>de lo vencido</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>falling due</source>
        <translation>por vencer</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>week starting</source>
        <translation>semana que empieza el</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Current</source>
        <translation>Vigente</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 — overdue items</source>
        <translation>%1 — partidas vencidas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 — open items</source>
        <translation>%1 — partidas pendientes</translation>
    </message>
</context>
<context>
    <name>DateGuard</name>
    <message>
        <location filename="../../app/ui/date_guard.py" line="+54"/>
        <source>%1 %2 is before %3, the earliest date Cobranza accepts. Check the year.</source>
        <translation>%1 %2 es anterior al %3, la primera fecha que Cobranza acepta. Revise el año.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 %2 is after %3, the latest date Cobranza accepts. Check the year.</source>
        <translation>%1 %2 es posterior al %3, la última fecha que Cobranza acepta. Revise el año.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 %2 is more than a year from today. Record it anyway?</source>
        <translation>%1 %2 está a más de un año de hoy. ¿Registrarla de todos modos?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check the date</source>
        <translation>Revise la fecha</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Check the year of this date.</source>
        <translation>Revise el año de esta fecha.</translation>
    </message>
</context>
<context>
    <name>DebtorsModel</name>
    <message>
        <location filename="../../app/ui/tablemodels/dashboard.py" line="-77"/>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Owes</source>
        <translation>Debe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue</source>
        <translation>Vencido</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>No exchange rate for %1 on this date: listed last. Add one in Settings › Exchange rates.</source>
        <translation>Sin tipo de cambio para %1 en esta fecha: va al final. Agréguelo en Configuración › Tipos de cambio.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 at the exchange rate of the date</source>
        <translation>%1 al tipo de cambio de la fecha</translation>
    </message>
</context>
<context>
    <name>DisputeDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/card_disputes.py" line="-161"/>
        <source>Open a dispute</source>
        <translation>Abrir un reclamo</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>e.g. goods returned, price differs from the order</source>
        <translation>p. ej. mercadería devuelta, precio distinto al del pedido</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Invoice</source>
        <translation>Factura</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disputed amount</source>
        <translation>Importe reclamado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open dispute</source>
        <translation>Abrir reclamo</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>This customer has no open invoice to dispute.</source>
        <translation>Este cliente no tiene facturas pendientes que reclamar.</translation>
    </message>
</context>
<context>
    <name>DrillDialog</name>
    <message numerus="yes">
        <location filename="../../app/ui/views/dashboard.py" line="-299"/>
        <source>%n item(s), largest first</source>
        <translation>
            <numerusform>%n partida, la mayor primero</numerusform>
            <numerusform>%n partidas, las mayores primero</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DrillModel</name>
    <message>
        <location filename="../../app/ui/tablemodels/dashboard.py" line="+17"/>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Document</source>
        <translation>Documento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due date</source>
        <translation>Vencimiento</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Days overdue</source>
        <translation>Días de atraso</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+6"/>
        <source>Disputed</source>
        <translation>En disputa</translation>
    </message>
</context>
<context>
    <name>DueLinesModel</name>
    <message>
        <location filename="../../app/ui/dialogs/invoice.py" line="+37"/>
        <source>#</source>
        <translation>N.º</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Due date</source>
        <translation>Vencimiento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../app/ui/errors.py" line="+18"/>
        <source>The number %1 already exists. Each document needs its own number.</source>
        <translation>El número %1 ya existe. Cada documento necesita su propio número.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Credit control blocks new invoices for this customer.</source>
        <translation>El control de crédito bloquea nuevas facturas para este cliente.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A customer with this code already exists. Choose another code.</source>
        <translation>Ya existe un cliente con este código. Elija otro código.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No customer with code &apos;%1&apos;. Create the customer first or correct the code.</source>
        <translation>No hay ningún cliente con el código «%1». Cree primero el cliente o corrija el código.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not an ISO 4217 currency code (e.g. PEN, USD, MXN, COP, CLP).</source>
        <translation>No es un código de moneda ISO 4217 (p. ej. PEN, USD, MXN, COP, CLP).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>More is applied than is available or open. Lower the amounts to apply.</source>
        <translation>Se aplica más de lo disponible o pendiente. Reduzca los importes a aplicar.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The currencies do not match: a payment can only settle invoices in its own currency.</source>
        <translation>Las monedas no coinciden: un pago solo puede cancelar facturas de su misma moneda.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The payment is dated before the invoice it is applied to.</source>
        <translation>El pago tiene fecha anterior a la factura a la que se aplica.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter an amount greater than zero, like 1234.50, with no more decimals than the currency has.</source>
        <translation>Ingrese un importe mayor que cero, como 1234.50, sin más decimales de los que tiene la moneda.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter a name.</source>
        <translation>Ingrese un nombre.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter a code (at most 40 characters).</source>
        <translation>Ingrese un código (máximo 40 caracteres).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not a valid e-mail address.</source>
        <translation>No es un correo electrónico válido.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use a two-letter ISO country code (PE, MX, CO, CL, US).</source>
        <translation>Use un código de país ISO de dos letras (PE, MX, CO, CL, US).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use es or en.</source>
        <translation>Use es o en.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The credit limit cannot be negative.</source>
        <translation>El límite de crédito no puede ser negativo.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter the invoice number.</source>
        <translation>Ingrese el número de la factura.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not a known locale (e.g. es_PE, es_MX, en_US).</source>
        <translation>No es una configuración regional conocida (p. ej. es_PE, es_MX, en_US).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The due date is before the issue date.</source>
        <translation>La fecha de vencimiento es anterior a la de emisión.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a payment method.</source>
        <translation>Elija un medio de pago.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This customer was changed by someone else since you opened it. Close this window and reopen the card to see the change.</source>
        <translation>Otra persona modificó este cliente desde que usted lo abrió. Cierre esta ventana y vuelva a abrir la ficha para ver el cambio.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unexpected error: %1</source>
        <translation>Error inesperado: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>name</source>
        <translation>nombre</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>tax ID</source>
        <translation>identificación tributaria</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>country</source>
        <translation>país</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>language</source>
        <translation>idioma</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>currency</source>
        <translation>moneda</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>e-mail</source>
        <translation>correo electrónico</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>phone</source>
        <translation>teléfono</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>address</source>
        <translation>dirección</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>city</source>
        <translation>ciudad</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>payment terms</source>
        <translation>condiciones de pago</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>credit limit</source>
        <translation>límite de crédito</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>on hold</source>
        <translation>bloqueado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>notes</source>
        <translation>notas</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>collector</source>
        <translation>gestor de cobranza</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reminder policy</source>
        <translation>política de recordatorios</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>paused until</source>
        <translation>en pausa hasta</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1 is on credit hold.</source>
        <translation>%1 tiene el crédito bloqueado.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open items plus this invoice come to %1, over the credit limit of %2.</source>
        <translation>Las partidas pendientes más esta factura suman %1, por encima del límite de crédito de %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An invoice is %1 days overdue (the limit is %2 days).</source>
        <translation>Hay una factura con %1 días de atraso (el límite es %2 días).</translation>
    </message>
</context>
<context>
    <name>ExchangeRatesTab</name>
    <message>
        <location filename="../../app/ui/dialogs/settings_fx.py" line="+70"/>
        <source>Add rate</source>
        <translation>Agregar tipo de cambio</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+23"/>
        <source>Currency</source>
        <translation>Moneda</translation>
    </message>
    <message>
        <location line="-22"/>
        <location line="+22"/>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+8"/>
        <source>%1 per unit</source>
        <translation>%1 por unidad</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>How many %1 one unit of another currency is worth, from a date until the next rate of that currency. The customers list, the top debtors and Today rank amounts in %1 with the rate of the date they show; an amount without a rate says so and comes last. Reports stay in each currency.</source>
        <translation>Cuántos %1 vale una unidad de otra moneda, desde una fecha hasta el siguiente tipo de cambio de esa moneda. La lista de clientes, los mayores deudores y Hoy ordenan los montos en %1 con el tipo de cambio de la fecha que muestran; un monto sin tipo de cambio lo indica y va al final. Los reportes siguen en cada moneda.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>&apos;%1&apos; is not a valid exchange rate: write a number greater than zero with a point as the decimal separator and no thousands separators, like 3.75 or 0.00092.</source>
        <translation>&apos;%1&apos; no es un tipo de cambio válido: escriba un número mayor que cero con punto decimal y sin separador de miles, como 3.75 o 0.00092.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Saved: 1 %1 = %2 %3 from %4</source>
        <translation>Guardado: 1 %1 = %2 %3 desde el %4</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 is the company&apos;s currency: its rate is always 1.</source>
        <translation>%1 es la moneda de la empresa: su tipo de cambio siempre es 1.</translation>
    </message>
</context>
<context>
    <name>InvoiceDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/invoice.py" line="+32"/>
        <source>New invoice</source>
        <translation>Nueva factura</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+44"/>
        <source>Customer&apos;s terms</source>
        <translation>Condiciones del cliente</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>Order or delivery note (optional)</source>
        <translation>Orden de compra o guía de remisión (opcional)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Invoice number</source>
        <translation>Número de factura</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+87"/>
        <source>Issue date</source>
        <translation>Fecha de emisión</translation>
    </message>
    <message>
        <location line="-86"/>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency</source>
        <translation>Moneda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payment terms</source>
        <translation>Condiciones de pago</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reference</source>
        <translation>Referencia</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Due lines</source>
        <translation>Cuotas</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Record invoice</source>
        <translation>Registrar factura</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Credit control blocks this invoice:</source>
        <translation>El control de crédito bloquea esta factura:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credit control warning:</source>
        <translation>Aviso del control de crédito:</translation>
    </message>
</context>
<context>
    <name>LogCallDialog</name>
    <message>
        <location filename="../../app/ui/views/today.py" line="+50"/>
        <source>No answer</source>
        <translation>No contesta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contacted</source>
        <translation>Contactado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Promise to pay</source>
        <translation>Promesa de pago</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dispute</source>
        <translation>Reclamo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refused to pay</source>
        <translation>Se niega a pagar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wrong number</source>
        <translation>Número equivocado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Says it paid</source>
        <translation>Dice que ya pagó</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Call</source>
        <translation>Llamada</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>E-mail</source>
        <translation>Correo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Letter</source>
        <translation>Carta</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Visit</source>
        <translation>Visita</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Log a contact — %1</source>
        <translation>Registrar un contacto — %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+32"/>
        <source>Next action</source>
        <translation>Próxima acción</translation>
    </message>
    <message>
        <location line="-31"/>
        <location line="+32"/>
        <source>Promised date</source>
        <translation>Fecha prometida</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>Promised amount</source>
        <translation>Importe prometido</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Promised amount: %1</source>
        <translation>Importe prometido: %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Saved. Warning: %1</source>
        <translation>Guardado. Aviso: %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/mainwindow.py" line="+120"/>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New &amp;customer…</source>
        <translation>Nuevo &amp;cliente…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New &amp;invoice…</source>
        <translation>Nueva &amp;factura…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New &amp;payment…</source>
        <translation>Nuevo &amp;pago…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Configuración…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About Cobranza</source>
        <translation>&amp;Acerca de Cobranza</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cobranza</source>
        <translation>Cobranza</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Balances as of %1</source>
        <translation>Saldos al %1</translation>
    </message>
    <message>
        <location line="+102"/>
        <source>About Cobranza</source>
        <translation>Acerca de Cobranza</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cobranza %1
Accounts receivable control for small and medium businesses.</source>
        <translation>Cobranza %1
Control de cuentas por cobrar para pequeñas y medianas empresas.</translation>
    </message>
</context>
<context>
    <name>MoneyEdit</name>
    <message>
        <location filename="../../app/ui/widgets.py" line="+171"/>
        <source>Choose a customer or a currency first.</source>
        <translation>Elija primero un cliente o una moneda.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter an amount greater than zero.</source>
        <translation>Ingrese un importe mayor que cero.</translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <location filename="../../app/ui/mainwindow.py" line="-204"/>
        <source>Dashboard</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reminders</source>
        <translation>Recordatorios</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customers</source>
        <translation>Clientes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Aging report</source>
        <translation>Antigüedad de saldos</translation>
    </message>
</context>
<context>
    <name>OpenItemsModel</name>
    <message>
        <location filename="../../app/ui/tablemodels/documents.py" line="-62"/>
        <source>Invoice</source>
        <translation>Factura</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Issue date</source>
        <translation>Fecha de emisión</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Due date</source>
        <translation>Vencimiento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Days overdue</source>
        <translation>Días de atraso</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+8"/>
        <source>Disputed</source>
        <translation>En disputa</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/payment.py" line="+35"/>
        <source>New payment</source>
        <translation>Nuevo pago</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Bank operation number</source>
        <translation>Número de operación bancaria</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency</source>
        <translation>Moneda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Method</source>
        <translation>Medio de pago</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reference</source>
        <translation>Referencia</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Oldest first</source>
        <translation>Más antiguas primero</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply the payment to the oldest due lines first</source>
        <translation>Aplicar el pago primero a las cuotas más antiguas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply nothing</source>
        <translation>No aplicar nada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the whole payment as unapplied credit</source>
        <translation>Dejar todo el pago como saldo a favor sin aplicar</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Apply to open items (double-click an amount to change it)</source>
        <translation>Aplicar a partidas pendientes (doble clic en un importe para cambiarlo)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Record payment</source>
        <translation>Registrar pago</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>Invoice %1 has only %2 open; %3 cannot be applied to it.</source>
        <translation>La factura %1 solo tiene %2 pendiente; no se le puede aplicar %3.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The allocations add up to %1 but the payment is %2. Lower the amounts to apply.</source>
        <translation>Lo aplicado suma %1 pero el pago es de %2. Reduzca los importes a aplicar.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Applied: %1 · Unapplied credit: %2</source>
        <translation>Aplicado: %1 · Saldo a favor: %2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Payment date</source>
        <translation>Fecha de pago</translation>
    </message>
</context>
<context>
    <name>PaymentMethod</name>
    <message>
        <location filename="../../app/ui/tablemodels/documents.py" line="+66"/>
        <source>Bank transfer</source>
        <translation>Transferencia bancaria</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cash</source>
        <translation>Efectivo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cheque</source>
        <translation>Cheque</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Card</source>
        <translation>Tarjeta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deposit</source>
        <translation>Depósito</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
</context>
<context>
    <name>PaymentsModel</name>
    <message>
        <location line="-45"/>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Number / reference</source>
        <translation>Número / referencia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unapplied</source>
        <translation>Sin aplicar</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Method / note</source>
        <translation>Medio / nota</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Payment</source>
        <translation>Pago</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Credit note</source>
        <translation>Nota de crédito</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write-off</source>
        <translation>Castigo</translation>
    </message>
</context>
<context>
    <name>PoliciesTab</name>
    <message>
        <location filename="../../app/ui/dialogs/settings_policies.py" line="+71"/>
        <source>New from this…</source>
        <translation>Nueva a partir de esta…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make default</source>
        <translation>Usar por defecto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Name (Spanish)</source>
        <translation>Nombre (español)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name (English)</source>
        <translation>Nombre (inglés)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add level</source>
        <translation>Agregar nivel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove level</source>
        <translation>Quitar nivel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save policy</source>
        <translation>Guardar política</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Days count from the due date (negative: a courtesy notice before it). Items climb one level at a time. A fixed fee and the minimum overdue are in %1.</source>
        <translation>Los días se cuentan desde el vencimiento (negativos: aviso de cortesía antes). Los documentos suben un nivel a la vez. El cargo fijo y el mínimo vencido están en %1.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Segment, class or band</source>
        <translation>Segmento, clase o banda</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Policy</source>
        <translation>Política</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add segment</source>
        <translation>Agregar segmento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove segment</source>
        <translation>Quitar segmento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save segments</source>
        <translation>Guardar segmentos</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Customers without a policy of their own get their risk segment&apos;s policy (e.g. A-high, or just A, or just high; the most specific wins), else the default. Segments come from the stored risk scores.</source>
        <translation>Los clientes sin política propia reciben la de su segmento de riesgo (p. ej. A-high, o solo A, o solo high; gana la más específica); si no, la política por defecto. Los segmentos vienen de los puntajes de riesgo guardados.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Policy by risk segment</source>
        <translation>Política por segmento de riesgo</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>E-mail</source>
        <translation>Correo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Letter</source>
        <translation>Carta</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Call</source>
        <translation>Llamada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key</source>
        <translation>Clave</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name (es)</source>
        <translation>Nombre (es)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name (en)</source>
        <translation>Nombre (en)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Days</source>
        <translation>Días</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fee</source>
        <translation>Cargo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Fee value</source>
        <translation>Valor del cargo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Min. overdue</source>
        <translation>Mín. vencido</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Approval</source>
        <translation>Aprobación</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Gap (days)</source>
        <translation>Intervalo (días)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>default</source>
        <translation>por defecto</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>fixed</source>
        <translation>fijo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>percent</source>
        <translation>porcentaje</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>the fee</source>
        <translation>el cargo</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>the minimum overdue</source>
        <translation>el mínimo vencido</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Policy saved</source>
        <translation>Política guardada</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>New policy</source>
        <translation>Nueva política</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code of the new policy (a copy of %1):</source>
        <translation>Código de la nueva política (copia de %1):</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Policy created</source>
        <translation>Política creada</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Default policy changed</source>
        <translation>Política por defecto cambiada</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Policy deleted</source>
        <translation>Política eliminada</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Segments saved</source>
        <translation>Segmentos guardados</translation>
    </message>
</context>
<context>
    <name>RemindersModel</name>
    <message>
        <location filename="../../app/ui/tablemodels/reminders.py" line="+27"/>
        <source>E-mail</source>
        <translation>Correo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Letter</source>
        <translation>Carta</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call</source>
        <translation>Llamada</translation>
    </message>
    <message>
        <location line="+26"/>
        <location line="+121"/>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location line="-120"/>
        <location line="+120"/>
        <source>Level</source>
        <translation>Nivel</translation>
    </message>
    <message>
        <location line="-120"/>
        <location line="+120"/>
        <source>Channels</source>
        <translation>Canales</translation>
    </message>
    <message>
        <location line="-118"/>
        <source>Items</source>
        <translation>Documentos</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+119"/>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <location line="-119"/>
        <source>Currency</source>
        <translation>Moneda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send at</source>
        <translation>Envío</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason / note</source>
        <translation>Motivo / nota</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>needs approval</source>
        <translation>requiere aprobación</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent at</source>
        <translation>Enviado</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Attempts</source>
        <translation>Intentos</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>draft</source>
        <translation>borrador</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>queued</source>
        <translation>en cola</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>sent</source>
        <translation>enviado</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>failed</source>
        <translation>fallido</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled</source>
        <translation>cancelado</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>WhatsApp to open</source>
        <translation>WhatsApp por abrir</translation>
    </message>
</context>
<context>
    <name>RemindersView</name>
    <message>
        <location filename="../../app/ui/views/reminders.py" line="+77"/>
        <source>Reminders</source>
        <extracomment>the areas of app.ledger.changes whose writes this page shows (MainWindow.refresh_views)</extracomment>
        <translation>Recordatorios</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Preview</source>
        <translation>Vista previa</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+177"/>
        <source>Run</source>
        <translation>Ejecutar</translation>
    </message>
    <message>
        <location line="-175"/>
        <source>Approve all</source>
        <translation>Aprobar todos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approve none</source>
        <translation>Ninguno</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>As of</source>
        <translation>Al</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>at</source>
        <translation>a las</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Default: %1</source>
        <translation>Por defecto: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+141"/>
        <source>Letters folder</source>
        <translation>Carpeta de cartas</translation>
    </message>
    <message>
        <location line="-133"/>
        <source>%v of %m reminders</source>
        <translation>%v de %m recordatorios</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open letters PDF</source>
        <translation>Abrir PDF de cartas</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Approve selected drafts</source>
        <translation>Aprobar borradores seleccionados</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel selected…</source>
        <translation>Anular seleccionados…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open WhatsApp chat</source>
        <translation>Abrir chat de WhatsApp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opens the chat with the message filled in and records it as sent</source>
        <translation>Abre el chat con el mensaje escrito y lo registra como enviado</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Planning…</source>
        <translation>Planificando…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Date or time changed: press Preview again.</source>
        <translation>Cambió la fecha o la hora: pulse Vista previa de nuevo.</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>%n reminder(s) planned</source>
        <translation>
            <numerusform>%n recordatorio planificado</numerusform>
            <numerusform>%n recordatorios planificados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n approved</source>
        <translation>
            <numerusform>%n aprobado</numerusform>
            <numerusform>%n aprobados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <location line="+102"/>
        <source>%n skipped</source>
        <translation>
            <numerusform>%n omitido</numerusform>
            <numerusform>%n omitidos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-85"/>
        <source>%n e-mail(s) to send</source>
        <translation>
            <numerusform>%n correo por enviar</numerusform>
            <numerusform>%n correos por enviar</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n letter(s) to write</source>
        <translation>
            <numerusform>%n carta por generar</numerusform>
            <numerusform>%n cartas por generar</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n WhatsApp chat(s) to open</source>
        <translation>
            <numerusform>%n chat de WhatsApp por abrir</numerusform>
            <numerusform>%n chats de WhatsApp por abrir</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n SMS to export</source>
        <translation>
            <numerusform>%n SMS por exportar</numerusform>
            <numerusform>%n SMS por exportar</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n call(s) to make</source>
        <translation>
            <numerusform>%n llamada por hacer</numerusform>
            <numerusform>%n llamadas por hacer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Run the %n approved reminder(s) as of %1?</source>
        <translation>
            <numerusform>¿Ejecutar el recordatorio aprobado al %1?</numerusform>
            <numerusform>¿Ejecutar los %n recordatorios aprobados al %1?</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Confirm the reminder run</source>
        <translation>Confirmar la ejecución de recordatorios</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Running…</source>
        <translation>Ejecutando…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>The run failed: %1</source>
        <translation>La ejecución falló: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancelled.</source>
        <translation>Cancelado.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n queued</source>
        <translation>
            <numerusform>%n en cola</numerusform>
            <numerusform>%n en cola</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n sent</source>
        <translation>
            <numerusform>%n enviado</numerusform>
            <numerusform>%n enviados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n fallido</numerusform>
            <numerusform>%n fallidos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n draft(s)</source>
        <translation>
            <numerusform>%n borrador</numerusform>
            <numerusform>%n borradores</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n held for later</source>
        <translation>
            <numerusform>%n programado para más tarde</numerusform>
            <numerusform>%n programados para más tarde</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n waiting for e-mail settings or a letters folder</source>
        <translation>
            <numerusform>%n espera la configuración de correo o una carpeta de cartas</numerusform>
            <numerusform>%n esperan la configuración de correo o una carpeta de cartas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n paid in the meantime</source>
        <translation>
            <numerusform>%n pagado entretanto</numerusform>
            <numerusform>%n pagados entretanto</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+38"/>
        <source>%n draft(s) approved: they go out with the next run</source>
        <translation>
            <numerusform>%n borrador aprobado: sale con la próxima ejecución</numerusform>
            <numerusform>%n borradores aprobados: salen con la próxima ejecución</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cancel reminders</source>
        <translation>Anular recordatorios</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why are these reminders cancelled?</source>
        <translation>¿Por qué se anulan estos recordatorios?</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n reminder(s) cancelled</source>
        <translation>
            <numerusform>%n recordatorio anulado</numerusform>
            <numerusform>%n recordatorios anulados</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>WhatsApp chat opened and recorded as sent</source>
        <translation>Chat de WhatsApp abierto y registrado como enviado</translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>History (%n reminder(s))</source>
        <translation>
            <numerusform>Historial (%n recordatorio)</numerusform>
            <numerusform>Historial (%n recordatorios)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ScheduleModel</name>
    <message>
        <location filename="../../app/ui/tablemodels/dashboard.py" line="+170"/>
        <source>No.</source>
        <translation>N.°</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Due date</source>
        <translation>Vencimiento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Down payment</source>
        <translation>Cuota inicial</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/settings.py" line="+53"/>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Company name</source>
        <translation>Razón social</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tax ID</source>
        <translation>Id. fiscal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>City</source>
        <translation>Ciudad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Country</source>
        <translation>País</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency</source>
        <translation>Moneda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number and date format</source>
        <translation>Formato de números y fechas</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+20"/>
        <source>E-mail</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Company</source>
        <translation>Empresa</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User interface</source>
        <translation>Interfaz de usuario</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>General</source>
        <translation>General</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Reminder policies</source>
        <translation>Políticas de recordatorio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Templates</source>
        <translation>Plantillas</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Exchange rates</source>
        <translation>Tipos de cambio</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>None (unencrypted)</source>
        <translation>Ninguna (sin cifrar)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>kept in the system keyring</source>
        <translation>se guarda en el llavero del sistema</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>address for the test</source>
        <translation>dirección para la prueba</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send test e-mail</source>
        <translation>Enviar correo de prueba</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>By each customer&apos;s country</source>
        <translation>Según el país de cada cliente</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>SMTP server</source>
        <translation>Servidor SMTP</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Port</source>
        <translation>Puerto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Security</source>
        <translation>Seguridad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sender address</source>
        <translation>Dirección del remitente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Test</source>
        <translation>Prueba</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Outgoing mail (SMTP)</source>
        <translation>Correo saliente (SMTP)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Contact rules</source>
        <translation>Reglas de contacto</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When debtors may be contacted</source>
        <translation>Cuándo se puede contactar a los deudores</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The rules of each customer&apos;s country; where none is known, the strict profile.</source>
        <translation>Las reglas del país de cada cliente; si no se conoce, el perfil estricto.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>stored in the keyring (type to replace)</source>
        <translation>guardada en el llavero (escriba para cambiarla)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Sending…</source>
        <translation>Enviando…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Test e-mail sent to %1.</source>
        <translation>Correo de prueba enviado a %1.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The test failed: %1</source>
        <translation>La prueba falló: %1</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>The password could not be stored in the keyring; nothing was saved.</source>
        <translation>No se pudo guardar la contraseña en el llavero; no se guardó nada.</translation>
    </message>
</context>
<context>
    <name>TasksModel</name>
    <message>
        <location filename="../../app/ui/tablemodels/dashboard.py" line="-102"/>
        <source>Task</source>
        <translation>Tarea</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Detail</source>
        <translation>Detalle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Risk</source>
        <translation>Riesgo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Expected value</source>
        <translation>Valor esperado</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>No exchange rate for %1 on this date: listed last. Add one in Settings › Exchange rates.</source>
        <translation>Sin tipo de cambio para %1 en esta fecha: va al final. Agréguelo en Configuración › Tipos de cambio.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 at the exchange rate of the date</source>
        <translation>%1 al tipo de cambio de la fecha</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Promise due</source>
        <translation>Promesa de pago que vence</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Installment due</source>
        <translation>Cuota que vence</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow-up</source>
        <translation>Seguimiento</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Broken agreement</source>
        <translation>Convenio incumplido</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Broken promise</source>
        <translation>Promesa incumplida</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Over credit limit</source>
        <translation>Sobre el límite de crédito</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call</source>
        <translation>Llamar</translation>
    </message>
</context>
<context>
    <name>TemplatesTab</name>
    <message>
        <location filename="../../app/ui/dialogs/settings_templates.py" line="+57"/>
        <source>E-mail</source>
        <translation>Correo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Letter</source>
        <translation>Carta</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Call script</source>
        <translation>Guion de llamada</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>sample data</source>
        <translation>datos de ejemplo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Level</source>
        <translation>Nivel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Part</source>
        <translation>Parte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preview for customer</source>
        <translation>Vista previa para el cliente</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Save template</source>
        <translation>Guardar plantilla</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revert to default</source>
        <translation>Volver a la predeterminada</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Variables: customer.name, customer.code, company.name, items (invoice_number, due_date, days_overdue, open), totals, level, payment_instructions; filters money, date. See docs/templates.md.</source>
        <translation>Variables: customer.name, customer.code, company.name, items (invoice_number, due_date, days_overdue, open), totals, level, payment_instructions; filtros money, date. Ver docs/templates.md.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>subject</source>
        <translation>asunto</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>text</source>
        <translation>texto</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>HTML</source>
        <translation>HTML</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>body</source>
        <translation>cuerpo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>closing</source>
        <translation>cierre</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Your version</source>
        <translation>Su versión</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Default template</source>
        <translation>Plantilla predeterminada</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Line %1: %2</source>
        <translation>Línea %1: %2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Template saved</source>
        <translation>Plantilla guardada</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Default template restored</source>
        <translation>Plantilla predeterminada restaurada</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <location filename="../../app/ui/tablemodels/dashboard.py" line="+11"/>
        <source>Invoice</source>
        <translation>Factura</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payment</source>
        <translation>Pago</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credit note</source>
        <translation>Nota de crédito</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write-off</source>
        <translation>Castigo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact</source>
        <translation>Gestión</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Promise</source>
        <translation>Promesa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agreement</source>
        <translation>Convenio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dispute</source>
        <translation>Reclamo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reminder</source>
        <translation>Recordatorio</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>transfer</source>
        <translation>transferencia</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>cash</source>
        <translation>efectivo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cheque</source>
        <translation>cheque</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>card</source>
        <translation>tarjeta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>deposit</source>
        <translation>depósito</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>other</source>
        <translation>otro</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reference</source>
        <translation>Referencia</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
</context>
<context>
    <name>TodayView</name>
    <message>
        <location filename="../../app/ui/views/today.py" line="+22"/>
        <source>Today</source>
        <extracomment>the areas of app.ledger.changes whose writes this page shows (MainWindow.refresh_views)</extracomment>
        <translation>Hoy</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>all collectors</source>
        <translation>todos los gestores</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log a call…</source>
        <translation>Registrar una llamada…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>As of</source>
        <translation>Fecha de corte</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Collector</source>
        <translation>Gestor de cobranza</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Computing…</source>
        <translation>Calculando…</translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>%n task(s)</source>
        <translation>
            <numerusform>%n tarea</numerusform>
            <numerusform>%n tareas</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Select a task first.</source>
        <translation>Primero seleccione una tarea.</translation>
    </message>
</context>
</TS>
