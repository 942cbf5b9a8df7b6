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
        <location filename="../../app/ui/views/aging_report.py" line="+133"/>
        <source>Aged receivables</source>
        <translation>Antigüedad de saldos</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>days past due date</source>
        <extracomment>the areas of app.ledger.changes whose writes this page shows (MainWindow.refresh_views)</extracomment>
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
        <location line="+7"/>
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
        <location line="+14"/>
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
        <location line="+1"/>
        <source>Print…</source>
        <translation>Imprimir…</translation>
    </message>
    <message>
        <location line="+30"/>
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
        <location line="+4"/>
        <source>Nothing to export: no customer owes anything as of this date.</source>
        <translation>Nada que exportar: ningún cliente debe nada a esta fecha.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing is owed as of %1</source>
        <translation>No hay deuda al %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No invoice is open on this date. Choose another date, or enter invoices first (File → New invoice).</source>
        <translation>Ninguna factura está pendiente a esta fecha. Elija otra fecha, o registre facturas primero (Archivo → Nueva factura).</translation>
    </message>
    <message>
        <location line="+19"/>
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
        <location line="+6"/>
        <source>Exporting the aging report…</source>
        <translation>Exportando el informe de antigüedad…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Export cancelled: no file was written.</source>
        <translation>Exportación cancelada: no se escribió ningún archivo.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Written %1</source>
        <translation>Guardado %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Preparing the aging report for printing…</source>
        <translation>Preparando el informe de antigüedad para imprimir…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Aging report</source>
        <translation>Antigüedad de saldos</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n page(s) sent to the printer.</source>
        <translation>
            <numerusform>%n página enviada a la impresora.</numerusform>
            <numerusform>%n páginas enviadas a la impresora.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AgreementDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/card_collections.py" line="+117"/>
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
        <location line="+82"/>
        <source>First date</source>
        <translation>Primera fecha</translation>
    </message>
    <message>
        <location line="-81"/>
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
        <location line="+3"/>
        <source>Print…</source>
        <translation>Imprimir…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Invoices it covers (one currency):</source>
        <translation>Facturas que cubre (una sola moneda):</translation>
    </message>
    <message>
        <location line="+25"/>
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
        <location line="+18"/>
        <source>Save the agreement</source>
        <translation>Guardar el convenio</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Saved %1</source>
        <translation>Guardado en %1</translation>
    </message>
    <message numerus="yes">
        <location line="+27"/>
        <source>%n page(s) sent to the printer.</source>
        <translation>
            <numerusform>%n página enviada a la impresora.</numerusform>
            <numerusform>%n páginas enviadas a la impresora.</numerusform>
        </translation>
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
        <location filename="../../app/ui/app.py" line="+114"/>
        <source>Preparing the demo: customers, invoices and payments…</source>
        <translation>Preparando la demostración: clientes, facturas y pagos…</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Demo ready: %n customer(s).</source>
        <translation>
            <numerusform>Demostración lista: %n cliente.</numerusform>
            <numerusform>Demostración lista: %n clientes.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The demo could not be prepared: %1</source>
        <translation>No se pudo preparar la demostración: %1</translation>
    </message>
    <message>
        <location line="+34"/>
        <location line="+3"/>
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
    <name>AuditModel</name>
    <message>
        <location filename="../../app/ui/tablemodels/audit.py" line="+18"/>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Document</source>
        <translation>Documento</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What and why</source>
        <translation>Qué y por qué</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>created</source>
        <translation>creado</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>voided</source>
        <translation>anulado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unapplied</source>
        <translation>desaplicado</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>applied</source>
        <translation>aplicado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>allocated</source>
        <translation>aplicado</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>edited</source>
        <translation>editado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>changed</source>
        <translation>modificado</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>saved</source>
        <translation>guardado</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>recomputed</source>
        <translation>recalculado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>generated</source>
        <translation>generado</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>set</source>
        <translation>fijado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>deleted</source>
        <translation>eliminado</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>cancelled</source>
        <translation>anulado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>approved</source>
        <translation>aprobado</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>archived</source>
        <translation>archivado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>resolved</source>
        <translation>resuelto</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>sent</source>
        <translation>enviado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>released</source>
        <translation>liberado</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>run</source>
        <translation>ejecutado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>fallido</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>disputed</source>
        <translation>en reclamo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>policy assigned</source>
        <translation>política asignada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reminders paused</source>
        <translation>recordatorios pausados</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>follow-up done</source>
        <translation>seguimiento hecho</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>discount taken</source>
        <translation>descuento aplicado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>made the default</source>
        <translation>predeterminado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>contact preferences</source>
        <translation>preferencias de contacto</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+16"/>
        <source>segment policy</source>
        <translation>política del segmento</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>invoice</source>
        <translation>factura</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>payment</source>
        <translation>pago</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>credit note</source>
        <translation>nota de crédito</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>write-off</source>
        <translation>castigo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>customer</source>
        <translation>cliente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>payment terms</source>
        <translation>condiciones de pago</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>company</source>
        <translation>empresa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>customer risk</source>
        <translation>riesgo de clientes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>demo</source>
        <translation>demostración</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reminder</source>
        <translation>recordatorio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reminder policy</source>
        <translation>política de recordatorios</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>payment agreement</source>
        <translation>convenio de pago</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>template</source>
        <translation>plantilla</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>promise to pay</source>
        <translation>promesa de pago</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dispute</source>
        <translation>reclamo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>activity</source>
        <translation>gestión</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>reminder run</source>
        <translation>corrida de recordatorios</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>exchange rate</source>
        <translation>tipo de cambio</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1 taken back from %2 on %3</source>
        <translation>%1 retirado de %2 el %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 applied to %2 on %3</source>
        <translation>%1 aplicado a %2 el %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Voided on %1</source>
        <translation>Anulado el %1</translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <location filename="../../app/ui/views/audit.py" line="+54"/>
        <source>customer code</source>
        <extracomment>every write that changes anything writes the audit log</extracomment>
        <translation>código de cliente</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>invoice, credit note, payment reference or #ID</source>
        <translation>factura, nota de crédito, referencia del pago o #ID</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>user</source>
        <translation>usuario</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Since</source>
        <translation>Desde</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Show everything</source>
        <translation>Mostrar todo</translation>
    </message>
    <message>
        <location line="+3"/>
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
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Audit log: who changed what, when and why</source>
        <translation>Registro de auditoría: quién cambió qué, cuándo y por qué</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>No change matches these filters</source>
        <translation>Ningún cambio coincide con estos filtros</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the customer code or the document number, or show the whole log.</source>
        <translation>Revise el código del cliente o el número del documento, o muestre todo el registro.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing has been changed yet</source>
        <translation>Todavía no hay cambios</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every invoice, payment, correction and settings change is recorded here with who made it, when and why. Record an invoice or a payment and it appears here.</source>
        <translation>Cada factura, pago, corrección y cambio de configuración queda registrado aquí con quién lo hizo, cuándo y por qué. Registre una factura o un pago y aparecerá aquí.</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>%n entries</source>
        <translation>
            <numerusform>%n registro</numerusform>
            <numerusform>%n registros</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BackupActions</name>
    <message>
        <location filename="../../app/ui/backup_actions.py" line="+77"/>
        <source>&amp;Back up now…</source>
        <extracomment>(what, ok, message) after each job, for the status bar and for tests: what is backup|auto|check|restore</extracomment>
        <translation>&amp;Hacer copia de seguridad ahora…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Restore from backup…</source>
        <translation>&amp;Restaurar desde una copia de seguridad…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Back up now</source>
        <translation>Hacer copia de seguridad ahora</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cobranza backups (*%1)</source>
        <translation>Copias de seguridad de Cobranza (*%1)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Backing up to %1…</source>
        <translation>Haciendo la copia de seguridad en %1…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Backing up…</source>
        <translation>Haciendo la copia de seguridad…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Backup cancelled: no file was written.</source>
        <translation>Copia de seguridad cancelada: no se escribió ningún archivo.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Backup written: %1</source>
        <translation>Copia de seguridad guardada: %1</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Automatic backup written: %1</source>
        <translation>Copia de seguridad automática guardada: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+25"/>
        <location line="+42"/>
        <source>Restore from backup</source>
        <translation>Restaurar desde una copia de seguridad</translation>
    </message>
    <message>
        <location line="-66"/>
        <source>Cobranza backups (*%1);;All files (*)</source>
        <translation>Copias de seguridad de Cobranza (*%1);;Todos los archivos (*)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>unknown</source>
        <translation>desconocida</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replace the open database with this backup?</source>
        <translation>¿Reemplazar la base de datos abierta con esta copia de seguridad?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File: %1</source>
        <translation>Archivo: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Made on: %1</source>
        <translation>Hecha el: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Company: %1</source>
        <translation>Empresa: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customers: %1, invoices: %2, payments: %3, credit notes: %4</source>
        <translation>Clientes: %1, facturas: %2, pagos: %3, notas de crédito: %4</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The database as it is now is saved as a backup first.</source>
        <translation>Antes se guarda una copia de seguridad de la base de datos tal como está ahora.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Restoring from %1…</source>
        <translation>Restaurando desde %1…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Restored from %1.</source>
        <translation>Restaurada desde %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The previous database is saved in %1.</source>
        <translation>La base de datos anterior está guardada en %1.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Backup failed: %1</source>
        <translation>La copia de seguridad falló: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Back up and restore</source>
        <translation>Copias de seguridad y restauración</translation>
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
    <name>Bank</name>
    <message>
        <location filename="../../app/ui/tablemodels/bank.py" line="+17"/>
        <source>invoice number %1 in the description</source>
        <translation>número de factura %1 en la descripción</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tax id %1 in the description</source>
        <translation>RUC/NIT/RUT %1 en la descripción</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>customer name &apos;%1&apos; in the description</source>
        <translation>nombre del cliente «%1» en la descripción</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>same amount as open on %1</source>
        <translation>mismo importe que el saldo de %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 add up to the amount</source>
        <translation>%1 suman el importe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>within the early-payment discount of %1</source>
        <translation>dentro del descuento por pronto pago de %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>applied oldest due first: %1</source>
        <translation>aplicado a lo más antiguo primero: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>more than is open: %1 stays as unapplied credit</source>
        <translation>más de lo pendiente: %1 queda como saldo a favor</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <location line="+0"/>
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
        <source>Best match</source>
        <translation>Mejor coincidencia</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>no suggestion</source>
        <translation>sin sugerencia</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exact: %1</source>
        <translation>Exacta: %1</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Invoices</source>
        <translation>Facturas</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Applied</source>
        <translation>Aplicado</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unapplied credit</source>
        <translation>Saldo a favor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why</source>
        <translation>Por qué</translation>
    </message>
    <message>
        <location filename="../../app/ui/views/bank.py" line="+39"/>
        <source>Line %1: %2: %3</source>
        <translation>Línea %1: %2: %3</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>… and %n more</source>
        <translation>
            <numerusform>… y %n más</numerusform>
            <numerusform>… y %n más</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was imported:</source>
        <translation>No se importó nada:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing was imported: %1</source>
        <translation>No se importó nada: %1</translation>
    </message>
</context>
<context>
    <name>BankView</name>
    <message>
        <location line="+51"/>
        <source>Detect the bank from the file</source>
        <translation>Detectar el banco por el archivo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Other bank (common headers)</source>
        <translation>Otro banco (encabezados comunes)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+34"/>
        <source>Import statement…</source>
        <translation>Importar estado de cuenta…</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>Confirm exact matches</source>
        <translation>Confirmar coincidencias exactas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Confirms every line whose customer is named in the description and whose amount settles exactly one of their invoices</source>
        <translation>Confirma cada línea cuyo cliente aparece en la descripción y cuyo importe cancela exactamente una de sus facturas</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Confirm</source>
        <translation>Confirmar</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Skip…</source>
        <translation>Omitir…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No bank lines to match</source>
        <translation>No hay movimientos bancarios por conciliar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the statement from your bank&apos;s website (CSV, Excel, CAMT.053 or OFX) and import it: each credit gets suggested invoices and the reasons for them.</source>
        <translation>Descargue el estado de cuenta desde la banca por internet (CSV, Excel, CAMT.053 u OFX) e impórtelo: cada abono recibe facturas sugeridas y el motivo de cada sugerencia.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Suggested matches for the selected line</source>
        <translation>Coincidencias sugeridas para el movimiento seleccionado</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Bank: money received, matched to invoices</source>
        <translation>Banco: dinero recibido, conciliado con facturas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bank</source>
        <translation>Banco</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Select a line with a suggestion, or use Edit… to name the customer</source>
        <translation>Seleccione un movimiento con sugerencia, o use Editar… para indicar el cliente</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No line has an exact match</source>
        <translation>Ningún movimiento tiene una coincidencia exacta</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Import bank statement</source>
        <translation>Importar estado de cuenta bancario</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Statements (*.csv *.txt *.xlsx *.xml *.ofx *.qfx);;All files (*)</source>
        <translation>Estados de cuenta (*.csv *.txt *.xlsx *.xml *.ofx *.qfx);;Todos los archivos (*)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Importing the bank statement…</source>
        <translation>Importando el extracto bancario…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import cancelled: no line was stored.</source>
        <translation>Importación cancelada: no se guardó ninguna línea.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%1: %n new credit line(s)</source>
        <translation>
            <numerusform>%1: %n abono nuevo</numerusform>
            <numerusform>%1: %n abonos nuevos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>(%n already imported before, not stored again)</source>
        <translation>
            <numerusform>(%n ya importado antes, no se guardó de nuevo)</numerusform>
            <numerusform>(%n ya importados antes, no se guardaron de nuevo)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Confirming the exact matches…</source>
        <translation>Confirmando las coincidencias exactas…</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n line(s) confirmed as exact matches</source>
        <translation>
            <numerusform>%n movimiento confirmado como coincidencia exacta</numerusform>
            <numerusform>%n movimientos confirmados como coincidencias exactas</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancelled: no line was confirmed.</source>
        <translation>Cancelado: no se confirmó ninguna línea.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Payment of %1 from %2 recorded</source>
        <translation>Pago de %1 de %2 registrado</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 stays as unapplied credit</source>
        <translation>%1 queda como saldo a favor</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Skip bank line</source>
        <translation>Omitir movimiento bancario</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why is this line not a customer&apos;s payment?</source>
        <translation>¿Por qué este movimiento no es el pago de un cliente?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Line skipped</source>
        <translation>Movimiento omitido</translation>
    </message>
</context>
<context>
    <name>CardCorrections</name>
    <message>
        <location filename="../../app/ui/corrections.py" line="+380"/>
        <source>Corrections</source>
        <translation>Correcciones</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Void invoice…</source>
        <translation>Anular factura…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credit note against this invoice…</source>
        <translation>Nota de crédito contra esta factura…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply credit to this invoice…</source>
        <translation>Aplicar saldo a favor a esta factura…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write off what is open…</source>
        <translation>Castigar el saldo pendiente…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+13"/>
        <location line="+2"/>
        <source>History…</source>
        <translation>Historial…</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Void payment…</source>
        <translation>Anular pago…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Void credit note…</source>
        <translation>Anular nota de crédito…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unapply…</source>
        <translation>Desaplicar…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply to an invoice…</source>
        <translation>Aplicar a una factura…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit reference…</source>
        <translation>Editar referencia…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit text…</source>
        <translation>Editar texto…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Credit note on account…</source>
        <translation>Nota de crédito a cuenta…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audit log of this customer…</source>
        <translation>Registro de auditoría de este cliente…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Void invoice %1</source>
        <translation>Anular factura %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The invoice stays in the books, marked void from the date below; before that date it still counts. Nothing may be applied to it: unapply payments and credits first.</source>
        <translation>La factura queda en los libros, marcada como anulada desde la fecha indicada; antes de esa fecha sigue contando. No debe tener nada aplicado: primero desaplique pagos y notas de crédito.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Void %1</source>
        <translation>Anular %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+10"/>
        <location line="+10"/>
        <location line="+46"/>
        <source>payment</source>
        <translation>pago</translation>
    </message>
    <message>
        <location line="-65"/>
        <source>What it paid is taken back from its invoices on the date below and it is marked void; before that date it still counts as it was.</source>
        <translation>Lo que pagó se retira de sus facturas en la fecha indicada y queda marcado como anulado; antes de esa fecha sigue contando como estaba.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Unapply %1</source>
        <translation>Desaplicar %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take the money back from an invoice (or all): from the date below it is unapplied credit again, to apply elsewhere; before that date nothing changes.</source>
        <translation>Retire el dinero de una factura (o de todas): desde la fecha indicada vuelve a ser saldo a favor, para aplicarlo en otra; antes de esa fecha nada cambia.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All invoices</source>
        <translation>Todas las facturas</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Apply %1</source>
        <translation>Aplicar %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply the unapplied credit to an invoice (or the oldest due first), from the date below.</source>
        <translation>Aplique el saldo a favor a una factura (o a la de vencimiento más antiguo primero), desde la fecha indicada.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Oldest due first</source>
        <translation>Vencimiento más antiguo primero</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Apply credit to %1</source>
        <translation>Aplicar saldo a favor a %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the payment or credit note with unapplied credit to apply to this invoice.</source>
        <translation>Elija el pago o la nota de crédito con saldo a favor que se aplicará a esta factura.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Credit</source>
        <translation>Saldo a favor</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Credit note against %1</source>
        <translation>Nota de crédito contra %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credit note on account</source>
        <translation>Nota de crédito a cuenta</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A credit note lowers what the customer owes: against an invoice (at most what is open on it) or on account, as credit to apply later.</source>
        <translation>Una nota de crédito reduce lo que el cliente debe: contra una factura (como máximo su saldo pendiente) o a cuenta, como saldo a favor para aplicar después.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>On account (no invoice)</source>
        <translation>A cuenta (sin factura)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Write off %1</source>
        <translation>Castigar %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give up what is open on the invoice (or part of it) as uncollectable.</source>
        <translation>Pase a pérdida el saldo pendiente de la factura (o parte de él) como incobrable.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Edit %1</source>
        <translation>Editar %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only text that does not change the books can be edited; amounts, dates and allocations are corrected by voiding, unapplying or a credit note.</source>
        <translation>Solo se puede editar texto que no cambia los libros; los importes, fechas y aplicaciones se corrigen anulando, desaplicando o con una nota de crédito.</translation>
    </message>
</context>
<context>
    <name>CheckPage</name>
    <message>
        <location filename="../../app/ui/import_wizard.py" line="+661"/>
        <source>Check</source>
        <translation>Revisión</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every row was checked as it would be imported. Nothing has been written yet.</source>
        <translation>Se revisó cada fila como se importaría. Todavía no se ha grabado nada.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+1"/>
        <location line="+2"/>
        <location line="+1"/>
        <source>Line</source>
        <translation>Línea</translation>
    </message>
    <message>
        <location line="-4"/>
        <location line="+3"/>
        <source>Column</source>
        <translation>Columna</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Document or customer</source>
        <translation>Documento o cliente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details</source>
        <translation>Detalle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>Observación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Import every row</source>
        <translation>Importar todas las filas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import only the good rows and save the rejected ones to a file</source>
        <translation>Importar solo las filas correctas y guardar las rechazadas en un archivo</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rejected rows to</source>
        <translation>Filas rechazadas en</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Checking every row…</source>
        <translation>Revisando cada fila…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>-rejected</source>
        <translation>-rechazadas</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Problems (%1)</source>
        <translation>Problemas (%1)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Changes (%1)</source>
        <translation>Cambios (%1)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Notes (%1)</source>
        <translation>Observaciones (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lines left out (%1)</source>
        <translation>Líneas omitidas (%1)</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>%n row(s) read</source>
        <translation>
            <numerusform>%n fila leída</numerusform>
            <numerusform>%n filas leídas</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The Changes tab lists the first %1.</source>
        <translation>La pestaña Cambios muestra los primeros %1.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Every row can be imported.</source>
        <translation>Todas las filas se pueden importar.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No row can be imported: correct the file and go back to check it again.</source>
        <translation>No se puede importar ninguna fila: corrija el archivo y vuelva atrás para revisarlo de nuevo.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n row(s) have problems: correct them in the file and go back to check again, or import only the good rows.</source>
        <translation>
            <numerusform>%n fila tiene problemas: corríjala en el archivo y vuelva atrás para revisar de nuevo, o importe solo las filas correctas.</numerusform>
            <numerusform>%n filas tienen problemas: corríjalas en el archivo y vuelva atrás para revisar de nuevo, o importe solo las filas correctas.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Save the rejected rows to</source>
        <translation>Guardar las filas rechazadas en</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV or Excel files (*.csv *.xlsx)</source>
        <translation>Archivos CSV o Excel (*.csv *.xlsx)</translation>
    </message>
</context>
<context>
    <name>CompanyPage</name>
    <message>
        <location filename="../../app/ui/first_run.py" line="+123"/>
        <source>Your company</source>
        <translation>Su empresa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>As it appears on letters, statements and agreements. You can change it later in Settings.</source>
        <translation>Tal como aparece en cartas, estados de cuenta y convenios. Puede cambiarlo después en Configuración.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Keep it as typed</source>
        <translation>Conservarlo tal como está</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Name</source>
        <translation>Razón social</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Country</source>
        <translation>País</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+20"/>
        <source>Tax id</source>
        <translation>Identificación tributaria</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Currency</source>
        <translation>Moneda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail for replies</source>
        <translation>Correo para respuestas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logo (PNG or JPEG)</source>
        <translation>Logotipo (PNG o JPEG)</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>&apos;%1&apos; is not a valid %2: check it, or keep it as typed if you know it is right.</source>
        <translation>&apos;%1&apos; no es un %2 válido: revíselo, o consérvelo tal como está si sabe que es correcto.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Logo</source>
        <translation>Logotipo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>Imágenes (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>The logo file %1 does not exist; choose another or leave it empty.</source>
        <translation>El archivo de logotipo %1 no existe; elija otro o déjelo vacío.</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <location filename="../../app/ui/corrections.py" line="-377"/>
        <source>Invoice</source>
        <translation>Factura</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Amount (empty: all)</source>
        <translation>Importe (vacío: todo)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason (optional)</source>
        <translation>Motivo (opcional)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reference</source>
        <translation>Referencia</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Say why.</source>
        <translation>Indique el motivo.</translation>
    </message>
</context>
<context>
    <name>Corrections</name>
    <message>
        <location line="+93"/>
        <source>Invoice %1</source>
        <translation>factura %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Payment %1</source>
        <translation>pago %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credit note %1</source>
        <translation>nota de crédito %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write-off %1</source>
        <translation>castigo %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 of %2 taken back from %3</source>
        <translation>%1 (%2) retirado de %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 of %2 applied to %3</source>
        <translation>%1 (%2) aplicado a %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>%2 voided</source>
        <translation>Anulado: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%2 issued for %1</source>
        <translation>Emitida: %2 por %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 of invoice %3 written off</source>
        <translation>Se castigó %1 de la factura %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%2 edited</source>
        <translation>Editado: %2</translation>
    </message>
</context>
<context>
    <name>CreditNoteDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/credit_note.py" line="+33"/>
        <source>New credit note</source>
        <translation>Nueva nota de crédito</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>On account (unapplied credit)</source>
        <translation>A cuenta (saldo a favor sin aplicar)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Return, discount, price difference…</source>
        <translation>Devolución, descuento, diferencia de precio…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Credit note number</source>
        <translation>Número de la nota de crédito</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+43"/>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <location line="-42"/>
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
        <source>Against invoice</source>
        <translation>Contra la factura</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record credit note</source>
        <translation>Registrar nota de crédito</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 — %2 open</source>
        <translation>%1 — %2 pendiente</translation>
    </message>
</context>
<context>
    <name>CustomerCard</name>
    <message>
        <location filename="../../app/ui/dialogs/card.py" line="+69"/>
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
        <location line="+61"/>
        <location filename="../../app/ui/dialogs/card_actions.py" line="+78"/>
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
        <location filename="../../app/ui/dialogs/card_collections.py" line="-249"/>
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
    <message>
        <location filename="../../app/ui/dialogs/card_actions.py" line="-46"/>
        <source>Statement…</source>
        <translation>Estado de cuenta…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preview the statement of account, print it, save it as a PDF or e-mail it</source>
        <translation>Vea el estado de cuenta, imprímalo, guárdelo como PDF o envíelo por correo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Credit note…</source>
        <translation>Nota de crédito…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow-up done…</source>
        <translation>Seguimiento hecho…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+49"/>
        <source>Hold…</source>
        <translation>Suspender…</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>Put the customer on hold with a reason, or release it</source>
        <translation>Suspender al cliente indicando el motivo, o levantar la suspensión</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>REMINDERS PAUSED UNTIL %1</source>
        <translation>RECORDATORIOS EN PAUSA HASTA EL %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reason: %1</source>
        <translation>Motivo: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Release hold…</source>
        <translation>Levantar suspensión…</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/customer.py" line="+52"/>
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
        <location line="+102"/>
        <source>Default (Net 30)</source>
        <translation>Por defecto (30 días)</translation>
    </message>
    <message>
        <location line="-100"/>
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
        <location line="+53"/>
        <source>Keep it as typed: I know it is right</source>
        <translation>Conservarlo tal como está: sé que es correcto</translation>
    </message>
    <message>
        <location line="-49"/>
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
        <location line="+3"/>
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
    <message>
        <location line="+55"/>
        <source>&apos;%1&apos; is not a valid phone number for %2: write it with its country code (+51 ...), or keep it as typed.</source>
        <translation>&apos;%1&apos; no es un número de teléfono válido para %2: escríbalo con el código de país (+51 ...) o consérvelo tal como está.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&apos;%1&apos; is not a valid %2 for %3: check it, or keep it as typed.</source>
        <translation>&apos;%1&apos; no es un %2 válido para %3: revíselo, o consérvelo tal como está.</translation>
    </message>
</context>
<context>
    <name>CustomerDocumentDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/entry.py" line="+104"/>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Choose the customer in the list (name · code · tax ID)</source>
        <translation>Elija al cliente en la lista (nombre · código · id. fiscal)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No customer with this code</source>
        <translation>No hay ningún cliente con este código</translation>
    </message>
</context>
<context>
    <name>CustomerMatchesModel</name>
    <message>
        <location filename="../../app/ui/customer_picker.py" line="+42"/>
        <source>(on hold)</source>
        <translation>(suspendido)</translation>
    </message>
</context>
<context>
    <name>CustomerPicker</name>
    <message>
        <location line="+34"/>
        <source>Name, code or tax ID</source>
        <translation>Nombre, código o id. fiscal</translation>
    </message>
</context>
<context>
    <name>CustomersModel</name>
    <message>
        <location filename="../../app/ui/tablemodels/customers.py" line="+35"/>
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
        <location line="+331"/>
        <source>On hold</source>
        <translation>Bloqueado</translation>
    </message>
    <message>
        <location line="-48"/>
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
        <location filename="../../app/ui/views/customers.py" line="+32"/>
        <source>Customers</source>
        <extracomment>the areas of app.ledger.changes whose writes this page shows (MainWindow.refresh_views)</extracomment>
        <translation>Clientes</translation>
    </message>
    <message>
        <location line="+3"/>
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
        <location line="+39"/>
        <location line="+32"/>
        <source>No customers yet</source>
        <translation>Aún no hay clientes</translation>
    </message>
    <message>
        <location line="-31"/>
        <location line="+32"/>
        <source>Add your first customer, or import your customers and invoices from a file (Help → User guide, “Entering and importing”).</source>
        <translation>Agregue su primer cliente, o importe sus clientes y facturas desde un archivo (Ayuda → Guía de uso, “Registrar e importar”).</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>Add a customer…</source>
        <translation>Agregar un cliente…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import a file…</source>
        <translation>Importar un archivo…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User guide</source>
        <translation>Guía de uso</translation>
    </message>
    <message>
        <location line="+3"/>
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
        <location line="+4"/>
        <source>No customer matches “%1”</source>
        <translation>Ningún cliente coincide con “%1”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try part of the name, the code or the tax id.</source>
        <translation>Pruebe con parte del nombre, el código o el RUC.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Could not load the customers: %1</source>
        <translation>No se pudieron cargar los clientes: %1</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <location filename="../../app/ui/views/dashboard.py" line="+120"/>
        <source>Dashboard</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Refresh</source>
        <extracomment>the areas of app.ledger.changes whose writes this page shows (MainWindow.refresh_views)</extracomment>
        <translation>Actualizar</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>As of</source>
        <translation>Fecha de corte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency</source>
        <translation>Moneda</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>New invoice…</source>
        <translation>Nueva factura…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User guide</source>
        <translation>Guía de uso</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Aged receivables (click a bar for its items)</source>
        <translation>Antigüedad de saldos (clic en una barra para ver sus partidas)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+219"/>
        <source>Expected collections per week, next 12 weeks</source>
        <translation>Cobros esperados por semana, próximas 12 semanas</translation>
    </message>
    <message>
        <location line="-211"/>
        <source>Top debtors (double-click to open)</source>
        <translation>Mayores deudores (doble clic para abrir)</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Computing…</source>
        <translation>Calculando…</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Nothing is owed as of this date.</source>
        <translation>No hay deuda a esta fecha.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing is owed as of %1</source>
        <translation>No hay deuda al %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The receivable, what is overdue, DSO and the top debtors show here once invoices are recorded: add a customer and an invoice, or import your data.</source>
        <translation>Las cuentas por cobrar, lo vencido, el DSO y los principales deudores aparecen aquí cuando haya facturas registradas: agregue un cliente y una factura, o importe sus datos.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Could not compute the dashboard: %1</source>
        <translation>No se pudo calcular el panel: %1</translation>
    </message>
    <message>
        <location line="+13"/>
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
        <location line="+102"/>
        <source>%1 days</source>
        <translation>%1 días</translation>
    </message>
    <message>
        <location line="-90"/>
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
        <source>Expected collections per week, next 12 weeks (by due dates for now)</source>
        <translation>Cobros esperados por semana, próximas 12 semanas (por fechas de vencimiento por ahora)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The risk scores are computed in the background; the forecast then uses each customer&apos;s expected days late.</source>
        <translation>Los puntajes de riesgo se calculan en segundo plano; luego el pronóstico usa los días de atraso esperados de cada cliente.</translation>
    </message>
    <message>
        <location line="+8"/>
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
    <name>DonePage</name>
    <message>
        <location filename="../../app/ui/import_wizard.py" line="+20"/>
        <source>Import</source>
        <translation>Importación</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Import another file…</source>
        <translation>Importar otro archivo…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open the rejected rows</source>
        <translation>Abrir las filas rechazadas</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Importing…</source>
        <translation>Importando…</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Cancelled: nothing was imported.</source>
        <translation>Cancelado: no se importó nada.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing was imported.</source>
        <translation>No se importó nada.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Imported: %n row(s) (%1).</source>
        <translation>
            <numerusform>Importado: %n fila (%1).</numerusform>
            <numerusform>Importado: %n filas (%1).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n row(s) with problems were left out and saved to %1</source>
        <translation>
            <numerusform>%n fila con problemas quedó fuera y se guardó en %1</numerusform>
            <numerusform>%n filas con problemas quedaron fuera y se guardaron en %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DrillDialog</name>
    <message numerus="yes">
        <location filename="../../app/ui/views/dashboard.py" line="-308"/>
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
    <name>EditMatchDialog</name>
    <message>
        <location filename="../../app/ui/views/bank.py" line="-230"/>
        <source>Confirm bank line</source>
        <translation>Confirmar movimiento bancario</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>invoice numbers, separated by commas (empty: oldest due first)</source>
        <translation>números de factura separados por comas (vacío: lo más antiguo primero)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep it all as unapplied credit</source>
        <translation>Dejar todo como saldo a favor</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invoices</source>
        <translation>Facturas</translation>
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
    <name>ExportActions</name>
    <message>
        <location filename="../../app/ui/export_actions.py" line="+51"/>
        <source>&amp;Export everything to Excel…</source>
        <extracomment>(what, outcome, message) after each export, for the status bar and for tests: what is all|statements; outcome is done|cancelled|failed</extracomment>
        <translation>&amp;Exportar todo a Excel…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every customer, document and allocation in one workbook, one sheet per table, for your accountant</source>
        <translation>Todos los clientes, documentos y aplicaciones en un libro, una hoja por tabla, para su contador</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Statements for every customer…</source>
        <translation>E&amp;stados de cuenta de todos los clientes…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A statement of account (PDF) for every customer with a balance today, and one file with all of them for printing</source>
        <translation>Un estado de cuenta (PDF) por cada cliente con saldo hoy, y un archivo con todos para imprimir</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Export everything to Excel</source>
        <translation>Exportar todo a Excel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Libro de Excel (*.xlsx)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Exporting everything to Excel…</source>
        <translation>Exportando todo a Excel…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Written %1</source>
        <translation>Escrito %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The export failed: %1</source>
        <translation>La exportación falló: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export cancelled: no file was written.</source>
        <translation>Exportación cancelada: no se escribió ningún archivo.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Folder for the statements</source>
        <translation>Carpeta para los estados de cuenta</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>%n statement(s) written to %1</source>
        <translation>
            <numerusform>%n estado de cuenta escrito en %1</numerusform>
            <numerusform>%n estados de cuenta escritos en %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No customer has a balance: no statement was written.</source>
        <translation>Ningún cliente tiene saldo: no se escribió ningún estado de cuenta.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Left out: %1</source>
        <translation>Omitidos: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Writing the statements…</source>
        <translation>Escribiendo los estados de cuenta…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The statements could not be written: %1</source>
        <translation>No se pudieron escribir los estados de cuenta: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Statements cancelled: no file was written.</source>
        <translation>Estados de cuenta cancelados: no se escribió ningún archivo.</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <location filename="../../app/ui/import_wizard.py" line="-615"/>
        <source>Choose the file</source>
        <translation>Elija el archivo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A CSV file or an Excel workbook (.xlsx) exported from your invoicing system or kept by hand. Nothing is written until you confirm, after the check.</source>
        <translation>Un archivo CSV o un libro de Excel (.xlsx) exportado de su sistema de facturación o llevado a mano. No se graba nada hasta que usted confirme, después de la revisión.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose a .csv or .xlsx file</source>
        <translation>Elija un archivo .csv o .xlsx</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The file holds</source>
        <translation>El archivo contiene</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Columns</source>
        <translation>Columnas</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Detect them from the headers</source>
        <translation>Reconocerlas por los encabezados</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saved mapping “%1”</source>
        <translation>Correspondencia guardada «%1»</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No columns saved yet for this kind of file: they are recognised from the headers, and you can save them by name on the Columns page.</source>
        <translation>Todavía no hay columnas guardadas para este tipo de archivo: se reconocen por los encabezados, y puede guardarlas con un nombre en la página Columnas.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Import from</source>
        <translation>Importar desde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV or Excel files (*.csv *.xlsx);;All files (*)</source>
        <translation>Archivos CSV o Excel (*.csv *.xlsx);;Todos los archivos (*)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 is not a file; choose the file to import.</source>
        <translation>%1 no es un archivo; elija el archivo que desea importar.</translation>
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <location filename="../../app/ui/first_run.py" line="-208"/>
        <source>Peru</source>
        <translation>Perú</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mexico</source>
        <translation>México</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colombia</source>
        <translation>Colombia</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Chile</source>
        <translation>Chile</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ecuador</source>
        <translation>Ecuador</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Argentina</source>
        <translation>Argentina</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bolivia</source>
        <translation>Bolivia</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>United States</source>
        <translation>Estados Unidos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spain</source>
        <translation>España</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Cobranza</source>
        <translation>Cobranza</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The book %1 is not there any more: it was moved, renamed or is on a drive that is not connected.</source>
        <translation>Los libros %1 ya no están ahí: se movieron, se renombraron o están en una unidad que no está conectada.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Find it…</source>
        <translation>Buscarlos…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set up a new book</source>
        <translation>Crear libros nuevos</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Find the book</source>
        <translation>Buscar los libros</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cobranza book (*.sqlite)</source>
        <translation>Libros de Cobranza (*.sqlite)</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location line="+356"/>
        <source>Cobranza: first start</source>
        <translation>Cobranza: primer inicio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Atrás</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Siguiente &gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Finish</source>
        <translation>&amp;Finalizar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>FollowUpDoneDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/follow_up.py" line="+39"/>
        <source>Follow-up done — %1</source>
        <translation>Seguimiento hecho — %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Follow-up #%1</source>
        <translation>Seguimiento n.º %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>— nothing to record —</source>
        <translation>— nada que registrar —</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Follow-up</source>
        <translation>Seguimiento</translation>
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
        <location line="+2"/>
        <source>Mark done</source>
        <translation>Marcar como hecho</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>This customer has no follow-up pending. Log a call to plan one.</source>
        <translation>Este cliente no tiene seguimientos pendientes. Registre una llamada para programar uno.</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <location filename="../../app/ui/help.py" line="+79"/>
        <source>Cobranza user guide</source>
        <translation>Guía de uso de Cobranza</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../app/ui/views/audit.py" line="+20"/>
        <source>Audit log — %1</source>
        <translation>Registro de auditoría — %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>History of %1</source>
        <translation>Historial de %1</translation>
    </message>
</context>
<context>
    <name>HoldDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/card_actions.py" line="+27"/>
        <source>Hold — %1</source>
        <translation>Suspender — %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Credit hold: no sales on credit and no reminders, until released</source>
        <translation>Bloqueo de crédito: sin ventas al crédito ni recordatorios, hasta levantarlo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause reminders until</source>
        <translation>Pausar recordatorios hasta el</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Returned cheque, dispute with the manager, legal process…</source>
        <translation>Cheque devuelto, reclamo con el gerente, proceso judicial…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Put on hold</source>
        <translation>Suspender</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Release hold</source>
        <translation>Levantar suspensión</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>On credit hold.</source>
        <translation>Con bloqueo de crédito.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reminders paused until %1.</source>
        <translation>Recordatorios en pausa hasta el %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason: %1</source>
        <translation>Motivo: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Why it is released (optional when releasing)</source>
        <translation>Por qué se levanta (opcional al levantarla)</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../app/ui/import_wizard.py" line="-306"/>
        <source>Customers</source>
        <translation>Clientes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invoices</source>
        <translation>Facturas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payments</source>
        <translation>Pagos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credit notes</source>
        <translation>Notas de crédito</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Customer code</source>
        <translation>Código de cliente</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>Nombre o razón social</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tax ID (RUC, NIT, RFC, RUT)</source>
        <translation>Identificación tributaria (RUC, NIT, RFC, RUT)</translation>
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
        <source>Language (es/en)</source>
        <translation>Idioma (es/en)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency</source>
        <translation>Moneda</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Payment terms</source>
        <translation>Condición de pago</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credit limit</source>
        <translation>Límite de crédito</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>City</source>
        <translation>Ciudad</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Country (PE, MX, CO, CL, ...)</source>
        <translation>País (PE, MX, CO, CL, ...)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Invoice number</source>
        <translation>Número de factura</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Series</source>
        <translation>Serie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issue date</source>
        <translation>Fecha de emisión</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Due date</source>
        <translation>Fecha de vencimiento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reference</source>
        <translation>Referencia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disputed (yes/no)</source>
        <translation>En disputa (sí/no)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Payment date</source>
        <translation>Fecha de pago</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invoice paid</source>
        <translation>Factura pagada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reference (operation number)</source>
        <translation>Referencia (número de operación)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Method</source>
        <translation>Medio de pago</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credit note number</source>
        <translation>Número de nota de crédito</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invoice credited</source>
        <translation>Factura afectada</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>new</source>
        <translation>nuevo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>changed</source>
        <translation>modificado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>already imported, unchanged</source>
        <translation>ya importado, sin cambios</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dispute opened</source>
        <translation>disputa abierta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>new customer</source>
        <translation>cliente nuevo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New: %1</source>
        <translation>Nuevos: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changed: %1</source>
        <translation>Modificados: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Already imported, unchanged: %1</source>
        <translation>Ya importados, sin cambios: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disputes opened: %1</source>
        <translation>Disputas abiertas: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New customers: %1</source>
        <translation>Clientes nuevos: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>title row above the header</source>
        <translation>fila de título sobre los encabezados</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>totals row</source>
        <translation>fila de totales</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Customer name (for new customers)</source>
        <translation>Nombre del cliente (para clientes nuevos)</translation>
    </message>
    <message>
        <location line="+167"/>
        <location line="+232"/>
        <source>The file cannot be read: %1</source>
        <translation>No se puede leer el archivo: %1</translation>
    </message>
    <message>
        <location line="-229"/>
        <source>Something went wrong: %1</source>
        <translation>Algo salió mal: %1</translation>
    </message>
    <message>
        <location line="+654"/>
        <source>Import from a file</source>
        <extracomment>the import&apos;s ImportResult, once it ran (imported, refused or cancelled)</extracomment>
        <translation>Importar desde un archivo</translation>
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
        <location line="+11"/>
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
    <name>LocationPage</name>
    <message>
        <location filename="../../app/ui/first_run.py" line="-95"/>
        <source>Where to keep the book</source>
        <translation>Dónde guardar los libros</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One file holds all your data. Keep it in a folder that is backed up; an office server (PostgreSQL) can be set up later.</source>
        <translation>Un solo archivo guarda todos sus datos. Guárdelo en una carpeta con copia de seguridad; un servidor de oficina (PostgreSQL) se puede configurar después.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Then import my customers and invoices from a file (Excel or CSV)</source>
        <translation>Luego importar mis clientes y facturas desde un archivo (Excel o CSV)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Then start with an empty book</source>
        <translation>Luego empezar con los libros vacíos</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Keep the book in</source>
        <translation>Guardar los libros en</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cobranza book (*.sqlite)</source>
        <translation>Libros de Cobranza (*.sqlite)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Choose a file for the book.</source>
        <translation>Elija un archivo para los libros.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 already exists. Choose a new file name (to open an existing book, start Cobranza with --db).</source>
        <translation>%1 ya existe. Elija un nombre de archivo nuevo (para abrir libros existentes, inicie Cobranza con --db).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot write in %1; choose a folder of yours.</source>
        <translation>No se puede escribir en %1; elija una carpeta suya.</translation>
    </message>
</context>
<context>
    <name>LogCallDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/follow_up.py" line="-58"/>
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
        <location filename="../../app/ui/views/today.py" line="+50"/>
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
        <location line="+29"/>
        <source>Next action</source>
        <translation>Próxima acción</translation>
    </message>
    <message>
        <location line="-28"/>
        <location line="+29"/>
        <source>Promised date</source>
        <translation>Fecha prometida</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Promised amount</source>
        <translation>Importe prometido</translation>
    </message>
    <message>
        <location line="+24"/>
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
        <location filename="../../app/ui/mainwindow.py" line="+131"/>
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
        <location line="+6"/>
        <source>&amp;Import from a file…</source>
        <translation>&amp;Importar desde un archivo…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User &amp;guide</source>
        <translation>&amp;Guía de uso</translation>
    </message>
    <message>
        <location line="+4"/>
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
        <location line="+132"/>
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
    <name>MappingPage</name>
    <message>
        <location filename="../../app/ui/import_wizard.py" line="-391"/>
        <source>Columns</source>
        <translation>Columnas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each column of the file and the field it fills. The usual Spanish and English headers are recognised; change any that is wrong. Fields marked * are needed.</source>
        <translation>Cada columna del archivo y el dato que contiene. Se reconocen los encabezados habituales en español e inglés; cambie el que no corresponda. Los datos marcados con * son obligatorios.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Column in the file</source>
        <translation>Columna del archivo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Field</source>
        <translation>Dato</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>First values</source>
        <translation>Primeros valores</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Create the customers the file names that are not in the books yet (code and name from the file)</source>
        <translation>Crear los clientes del archivo que aún no están registrados (código y nombre tomados del archivo)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save these columns as</source>
        <translation>Guardar estas columnas como</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. the system the file comes from</source>
        <translation>p. ej., el sistema del que viene el archivo</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The saved mapping does not fit this file: %1</source>
        <translation>La correspondencia guardada no encaja con este archivo: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“%1” could be any of %2; the first was taken.</source>
        <translation>«%1» podría ser cualquiera de %2; se tomó la primera.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>(no name)</source>
        <translation>(sin nombre)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(not imported)</source>
        <translation>(no se importa)</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Choose a column for: %1.</source>
        <translation>Elija una columna para: %1.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>The mapping was not saved: %1</source>
        <translation>No se guardó la correspondencia: %1</translation>
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
    <name>MoveBook</name>
    <message>
        <location filename="../../app/ui/move_book.py" line="+50"/>
        <source>&amp;Move database…</source>
        <extracomment>(ok, message) after a move, for the status bar and for tests</extracomment>
        <translation>&amp;Mover la base de datos…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The book is on a database server: the server&apos;s administrator moves it.</source>
        <translation>Los libros están en un servidor de base de datos: los mueve el administrador del servidor.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Copy the book to another folder, check the copy and use it from there; the old file is kept until you confirm</source>
        <translation>Copia los libros a otra carpeta, revisa la copia y la usa desde allí; el archivo anterior se conserva hasta que usted lo confirme</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Move the book to</source>
        <translation>Mover los libros a</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cobranza book (*.sqlite)</source>
        <translation>Libros de Cobranza (*.sqlite)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Moving the book to %1…</source>
        <translation>Moviendo los libros a %1…</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>The book is now %1 (checked: %n customer(s)).</source>
        <translation>
            <numerusform>Los libros están ahora en %1 (revisado: %n cliente).</numerusform>
            <numerusform>Los libros están ahora en %1 (revisado: %n clientes).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cobranza was started with another book named (--db): start it with --db %1 from now on.</source>
        <translation>Cobranza se abrió indicando otros libros (--db): de ahora en adelante ábralo con --db %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>COBRANZA_DB still names the old file: change it to %1.</source>
        <translation>COBRANZA_DB todavía indica el archivo anterior: cámbielo a %1.</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+36"/>
        <source>Move database</source>
        <translation>Mover la base de datos</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>Delete the old file %1 now? Keep it if you want to check the new place first; it is no longer used.</source>
        <translation>¿Eliminar ahora el archivo anterior %1? Consérvelo si primero quiere revisar el nuevo lugar; ya no se usa.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete the old file</source>
        <translation>Eliminar el archivo anterior</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep it</source>
        <translation>Conservarlo</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Deleted the old file %1.</source>
        <translation>Se eliminó el archivo anterior %1.</translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <location filename="../../app/ui/mainwindow.py" line="-260"/>
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
    <message>
        <location line="+1"/>
        <source>Audit log</source>
        <translation>Auditoría</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bank</source>
        <translation>Banco</translation>
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
    <name>PaymentTermsTab</name>
    <message>
        <location filename="../../app/ui/dialogs/settings_terms.py" line="+68"/>
        <source>Payment terms give each new invoice its due lines. A line is an amount (30%, a fixed 500.00 PEN, or rest: what the other lines leave) and a due date: 15d (days after the invoice date), 1m+15d, eom+45d (days after the end of its month) or next-month-day-10 (a day of a later month). The last line takes what is left, to the cent. Posted invoices keep their due lines when terms change.</source>
        <translation>Las condiciones de pago dan a cada factura nueva sus cuotas. Una línea es un importe (30%, un monto fijo 500.00 PEN, o rest: lo que dejan las demás líneas) y un vencimiento: 15d (días desde la fecha de la factura), 1m+15d, eom+45d (días desde el fin de su mes) o next-month-day-10 (un día de un mes posterior). La última línea toma lo que queda, al céntimo. Las facturas ya registradas conservan sus cuotas si las condiciones cambian.</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+61"/>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <location line="-61"/>
        <location line="+62"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location line="-62"/>
        <location line="+63"/>
        <source>Lines</source>
        <translation>Líneas</translation>
    </message>
    <message>
        <location line="-62"/>
        <location line="+64"/>
        <source>Early-payment discount</source>
        <translation>Descuento por pronto pago</translation>
    </message>
    <message>
        <location line="-64"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Show archived terms</source>
        <translation>Mostrar condiciones archivadas</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+59"/>
        <location line="+79"/>
        <source>New terms</source>
        <translation>Nuevas condiciones</translation>
    </message>
    <message>
        <location line="-137"/>
        <location line="+155"/>
        <source>Archive</source>
        <translation>Archivar</translation>
    </message>
    <message>
        <location line="-136"/>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Due</source>
        <translation>Vencimiento</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add line</source>
        <translation>Agregar línea</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove line</source>
        <translation>Quitar línea</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>e.g. 2%:10d (2 % off if paid within 10 days); empty for none</source>
        <translation>p. ej. 2%:10d (2 % de descuento si paga dentro de 10 días); vacío si no hay</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sample invoice of</source>
        <translation>Factura de ejemplo del</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>for</source>
        <translation>por</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Preview</source>
        <translation>Vista previa</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Save terms</source>
        <translation>Guardar condiciones</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Archived</source>
        <translation>Archivada</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>In use</source>
        <translation>En uso</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Terms %1</source>
        <translation>Condiciones %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Restore</source>
        <translation>Restaurar</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>The line &apos;%1&apos; is not understood. Write the amount as 30%, 500.00 PEN or rest and the due date as 15d, 1m+15d, eom+45d or next-month-day-10, separated by &apos;:&apos;.</source>
        <translation>No se entiende la línea &apos;%1&apos;. Escriba el importe como 30%, 500.00 PEN o rest y el vencimiento como 15d, 1m+15d, eom+45d o next-month-day-10, separados por &apos;:&apos;.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The percents add up to %1, not 100. Correct them, or make the last line &apos;rest&apos;.</source>
        <translation>Los porcentajes suman %1, no 100. Corríjalos o ponga &apos;rest&apos; en la última línea.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The percents add up to %1, leaving nothing for the &apos;rest&apos; line.</source>
        <translation>Los porcentajes suman %1 y no dejan nada para la línea &apos;rest&apos;.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only the last line can be &apos;rest&apos;.</source>
        <translation>Solo la última línea puede ser &apos;rest&apos;.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The last line takes what the others leave: make it a percent or &apos;rest&apos;.</source>
        <translation>La última línea toma lo que dejan las demás: use un porcentaje o &apos;rest&apos;.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add at least one line.</source>
        <translation>Agregue al menos una línea.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The fixed amounts are more than the sample invoice&apos;s total.</source>
        <translation>Los montos fijos superan el total de la factura de ejemplo.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write the early-payment discount as PERCENT%:DAYSd, e.g. 2%:10d, or leave it empty.</source>
        <translation>Escriba el descuento por pronto pago como PORCENTAJE%:DÍASd, p. ej. 2%:10d, o déjelo vacío.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1. due %2: %3</source>
        <translation>%1. vence el %2: %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Paid by %1: %2 (discount %3)</source>
        <translation>Pagando hasta el %1: %2 (descuento de %3)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Saved terms %1.</source>
        <translation>Condiciones %1 guardadas.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Archived terms %1: not offered for new invoices or customers.</source>
        <translation>Condiciones %1 archivadas: ya no se ofrecen para facturas ni clientes nuevos.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restored terms %1.</source>
        <translation>Condiciones %1 restauradas.</translation>
    </message>
</context>
<context>
    <name>PaymentsModel</name>
    <message>
        <location filename="../../app/ui/tablemodels/documents.py" line="-45"/>
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
        <location line="+5"/>
        <source>Name (Spanish)</source>
        <translation>Nombre (español)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name (English)</source>
        <translation>Nombre (inglés)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send automatically (unticked: review before sending)</source>
        <translation>Enviar automáticamente (sin marcar: revisar antes de enviar)</translation>
    </message>
    <message>
        <location line="+8"/>
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
        <location line="+3"/>
        <source>Days count from the due date (negative: a courtesy notice before it). Items climb one level at a time. A fixed fee and the minimum overdue are in %1.</source>
        <translation>Los días se cuentan desde el vencimiento (negativos: aviso de cortesía antes). Los documentos suben un nivel a la vez. El cargo fijo y el mínimo vencido están en %1.</translation>
    </message>
    <message>
        <location line="+10"/>
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
        <location line="+2"/>
        <source>Customers without a policy of their own get their risk segment&apos;s policy (e.g. A-high, or just A, or just high; the most specific wins), else the default. Segments come from the stored risk scores.</source>
        <translation>Los clientes sin política propia reciben la de su segmento de riesgo (p. ej. A-high, o solo A, o solo high; gana la más específica); si no, la política por defecto. Los segmentos vienen de los puntajes de riesgo guardados.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Policy by risk segment</source>
        <translation>Política por segmento de riesgo</translation>
    </message>
    <message>
        <location line="+20"/>
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
        <location line="+56"/>
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
    <name>Printing</name>
    <message>
        <location filename="../../app/ui/printing.py" line="+30"/>
        <source>Printing needs Poppler&apos;s pdftoppm, which is not installed. Install poppler-utils (or Poppler for Windows), or save the PDF and print it from your PDF viewer.</source>
        <translation>Para imprimir se necesita pdftoppm de Poppler, que no está instalado. Instale poppler-utils (o Poppler para Windows), o guarde el PDF e imprímalo desde su visor de PDF.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Could not read %1 for printing: %2</source>
        <translation>No se pudo leer %1 para imprimir: %2</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1 has no pages to print.</source>
        <translation>%1 no tiene páginas que imprimir.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printer could not be opened.</source>
        <translation>No se pudo abrir la impresora.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Print %1</source>
        <translation>Imprimir %1</translation>
    </message>
</context>
<context>
    <name>ProgressOperation</name>
    <message>
        <location filename="../../app/ui/progress.py" line="+43"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
</context>
<context>
    <name>ReadPage</name>
    <message>
        <location filename="../../app/ui/import_wizard.py" line="-292"/>
        <source>How the file reads</source>
        <translation>Cómo se lee el archivo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The first rows as they were read. If accents or columns look wrong, choose the encoding or the separator; title rows above the header and a totals row are left out.</source>
        <translation>Las primeras filas tal como se leyeron. Si las tildes o las columnas se ven mal, elija la codificación o el separador; las filas de título sobre los encabezados y la fila de totales se omiten.</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+5"/>
        <location line="+7"/>
        <source>Detect</source>
        <translation>Detectar</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Comma ( , )</source>
        <translation>Coma ( , )</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Semicolon ( ; )</source>
        <translation>Punto y coma ( ; )</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tab</source>
        <translation>Tabulador</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Detect (when only one reading is possible)</source>
        <translation>Detectar (cuando solo hay una lectura posible)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>day/month/year (31/01/2026)</source>
        <translation>día/mes/año (31/01/2026)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>month/day/year (01/31/2026)</source>
        <translation>mes/día/año (01/31/2026)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>year-month-day (2026-01-31)</source>
        <translation>año-mes-día (2026-01-31)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>day-month-year, short (31-1-26)</source>
        <translation>día-mes-año, corto (31-1-26)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>As the company writes them</source>
        <translation>Como los escribe la empresa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Comma (1.234,56)</source>
        <translation>Coma (1.234,56)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Point (1,234.56)</source>
        <translation>Punto (1,234.56)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sheet</source>
        <translation>Hoja</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encoding</source>
        <translation>Codificación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Separator</source>
        <translation>Separador</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Header on line</source>
        <translation>Encabezados en la línea</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dates written as</source>
        <translation>Fechas escritas como</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accept dates more than a year from today (old documents)</source>
        <translation>Aceptar fechas a más de un año de hoy (documentos antiguos)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Decimals</source>
        <translation>Decimales</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Reading %1…</source>
        <translation>Leyendo %1…</translation>
    </message>
    <message numerus="yes">
        <location line="+35"/>
        <source>%n data row(s) read; the header is on line %1.</source>
        <translation>
            <numerusform>%n fila de datos leída; los encabezados están en la línea %1.</numerusform>
            <numerusform>%n filas de datos leídas; los encabezados están en la línea %1.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Encoding: %1. Separator: %2.</source>
        <translation>Codificación: %1. Separador: %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Line %1 left out: %2</source>
        <translation>Línea %1 omitida: %2</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>… and %n more line(s) left out.</source>
        <translation>
            <numerusform>… y %n línea más omitida.</numerusform>
            <numerusform>… y %n líneas más omitidas.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RemindersModel</name>
    <message>
        <location filename="../../app/ui/tablemodels/reminders.py" line="+30"/>
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
        <location line="+6"/>
        <source>awaiting approval</source>
        <translation>pendiente de aprobación</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>may have been sent</source>
        <translation>quizá enviado</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e-mail sent</source>
        <translation>correo enviado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>letter written</source>
        <translation>carta generada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SMS exported</source>
        <translation>SMS exportado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WhatsApp opened</source>
        <translation>WhatsApp abierto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>call task made</source>
        <translation>tarea de llamada creada</translation>
    </message>
    <message>
        <location line="+27"/>
        <location line="+136"/>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location line="-135"/>
        <location line="+135"/>
        <source>Level</source>
        <translation>Nivel</translation>
    </message>
    <message>
        <location line="-135"/>
        <location line="+135"/>
        <source>Channels</source>
        <translation>Canales</translation>
    </message>
    <message>
        <location line="-133"/>
        <source>Items</source>
        <translation>Documentos</translation>
    </message>
    <message>
        <location line="+134"/>
        <source>Done at</source>
        <translation>Realizado el</translation>
    </message>
    <message>
        <location line="-135"/>
        <location line="+134"/>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <location line="-134"/>
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
        <location line="+52"/>
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
        <source>Attempts</source>
        <translation>Intentos</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <location line="-171"/>
        <source>queued</source>
        <translation>en cola</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>failed</source>
        <translation>fallido</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>cancelled</source>
        <translation>cancelado</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>WhatsApp to open</source>
        <translation>WhatsApp por abrir</translation>
    </message>
</context>
<context>
    <name>RemindersPage</name>
    <message>
        <location filename="../../app/ui/first_run.py" line="-128"/>
        <source>Reminders and e-mail</source>
        <translation>Recordatorios y correo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The contact rules say when a debtor may be contacted (hours, days, holidays, how often), as the law of the country asks. E-mail can be set up now or later in Settings.</source>
        <translation>Las reglas de contacto dicen cuándo se puede contactar a un deudor (horarios, días, feriados, frecuencia), como lo pide la ley del país. El correo se puede configurar ahora o después en Configuración.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Each customer&apos;s own country</source>
        <translation>El país de cada cliente</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Contact rules</source>
        <translation>Reglas de contacto</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set up e-mail now</source>
        <translation>Configurar el correo ahora</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>None (local relay only: the password would travel in clear)</source>
        <translation>Ninguna (solo un relé local: la contraseña viajaría sin cifrar)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Server</source>
        <translation>Servidor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Security</source>
        <translation>Seguridad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Port</source>
        <translation>Puerto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sender address</source>
        <translation>Dirección del remitente</translation>
    </message>
</context>
<context>
    <name>RemindersView</name>
    <message>
        <location filename="../../app/ui/views/reminders.py" line="+88"/>
        <source>Reminders</source>
        <extracomment>the areas of app.ledger.changes whose writes this page shows (MainWindow.refresh_views)</extracomment>
        <translation>Recordatorios</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+50"/>
        <source>Preview</source>
        <translation>Vista previa</translation>
    </message>
    <message>
        <location line="-49"/>
        <location line="+207"/>
        <source>Run</source>
        <translation>Ejecutar</translation>
    </message>
    <message>
        <location line="-205"/>
        <source>Approve all</source>
        <translation>Aprobar todos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approve none</source>
        <translation>Ninguno</translation>
    </message>
    <message>
        <location line="+4"/>
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
        <location line="+170"/>
        <source>Letters folder</source>
        <translation>Carpeta de cartas</translation>
    </message>
    <message>
        <location line="-162"/>
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
        <location line="+2"/>
        <source>Print letters…</source>
        <translation>Imprimir cartas…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No reminders yet</source>
        <translation>Todavía no hay recordatorios</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Press Preview to see who gets a reminder as of the date above, approve them, then Run. Every reminder sent, written or waiting for approval is listed here.</source>
        <translation>Pulse Vista previa para ver quién recibe un recordatorio a la fecha de arriba, apruébelos y luego pulse Ejecutar. Aquí se listan todos los recordatorios enviados, escritos o pendientes de aprobación.</translation>
    </message>
    <message>
        <location line="+6"/>
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
        <source>Opens the chat with the message filled in and records it as opened</source>
        <translation>Abre el chat con el mensaje ya escrito y lo registra como abierto</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Release (send again)</source>
        <translation>Liberar (enviar de nuevo)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It did not arrive: back to the queue, sent again by the next run with the same Message-ID</source>
        <translation>No llegó: vuelve a la cola y la siguiente ejecución lo envía de nuevo con el mismo Message-ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mark as sent</source>
        <translation>Marcar como enviado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It did arrive: record it as sent without sending it again</source>
        <translation>Sí llegó: registrarlo como enviado sin volver a enviarlo</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>Planning the reminders…</source>
        <translation>Planificando los recordatorios…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Preview cancelled.</source>
        <translation>Vista previa cancelada.</translation>
    </message>
    <message numerus="yes">
        <location line="+113"/>
        <source>%n e-mail(s) sent</source>
        <translation>
            <numerusform>%n correo enviado</numerusform>
            <numerusform>%n correos enviados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n letter(s) written</source>
        <translation>
            <numerusform>%n carta generada</numerusform>
            <numerusform>%n cartas generadas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n SMS exported for the gateway</source>
        <translation>
            <numerusform>%n SMS exportado para la pasarela</numerusform>
            <numerusform>%n SMS exportados para la pasarela</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n awaiting approval</source>
        <translation>
            <numerusform>%n pendiente de aprobación</numerusform>
            <numerusform>%n pendientes de aprobación</numerusform>
        </translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Letters</source>
        <translation>Cartas</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Select one or more drafts (awaiting approval) in the history</source>
        <translation>Seleccione uno o más borradores (pendientes de aprobación) en el historial</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select reminders that are drafts, queued or failed in the history</source>
        <translation>Seleccione en el historial recordatorios en borrador, en cola o fallidos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select one WhatsApp reminder that is queued or sent</source>
        <translation>Seleccione un recordatorio de WhatsApp en cola o enviado</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The history is empty: nothing to select yet.</source>
        <translation>El historial está vacío: todavía no hay nada que seleccionar.</translation>
    </message>
    <message numerus="yes">
        <location line="+39"/>
        <source>%n e-mail(s) recorded as sent</source>
        <translation>
            <numerusform>%n correo registrado como enviado</numerusform>
            <numerusform>%n correos registrados como enviados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n e-mail(s) back in the queue: the next run sends them</source>
        <translation>
            <numerusform>%n correo de vuelta en la cola: la siguiente ejecución lo envía</numerusform>
            <numerusform>%n correos de vuelta en la cola: la siguiente ejecución los envía</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>WhatsApp chat opened and recorded as opened</source>
        <translation>Chat de WhatsApp abierto y registrado como abierto</translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>%n e-mail(s) may have been sent (interrupted while sending): check the mailbox, select them, then Release or Mark as sent</source>
        <translation>
            <numerusform>%n correo quizá fue enviado (se interrumpió el envío): revise el buzón, selecciónelo y luego Liberar o Marcar como enviado</numerusform>
            <numerusform>%n correos quizá fueron enviados (se interrumpió el envío): revise el buzón, selecciónelos y luego Liberar o Marcar como enviado</numerusform>
        </translation>
    </message>
    <message>
        <location line="-280"/>
        <source>Planning…</source>
        <translation>Planificando…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Date or time changed: press Preview again.</source>
        <translation>Cambió la fecha o la hora: pulse Vista previa de nuevo.</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
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
        <location line="+109"/>
        <source>%n skipped</source>
        <translation>
            <numerusform>%n omitido</numerusform>
            <numerusform>%n omitidos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-92"/>
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
        <location line="+88"/>
        <source>%n WhatsApp chat(s) to open</source>
        <translation>
            <numerusform>%n chat de WhatsApp por abrir</numerusform>
            <numerusform>%n chats de WhatsApp por abrir</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-87"/>
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
        <location line="+31"/>
        <source>The run failed: %1</source>
        <translation>La ejecución falló: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancelled.</source>
        <translation>Cancelado.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n queued</source>
        <translation>
            <numerusform>%n en cola</numerusform>
            <numerusform>%n en cola</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n fallido</numerusform>
            <numerusform>%n fallidos</numerusform>
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
        <source>%n held at delivery by the contact rules</source>
        <translation>
            <numerusform>%n retenido al enviar por las reglas de contacto</numerusform>
            <numerusform>%n retenidos al enviar por las reglas de contacto</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n may have been sent: check them below</source>
        <translation>
            <numerusform>%n quizá fue enviado: revíselo abajo</numerusform>
            <numerusform>%n quizá fueron enviados: revíselos abajo</numerusform>
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
        <location line="+69"/>
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
    <message numerus="yes">
        <location line="+40"/>
        <source>History (%n reminder(s))</source>
        <translation>
            <numerusform>Historial (%n recordatorio)</numerusform>
            <numerusform>Historial (%n recordatorios)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RiskStatus</name>
    <message>
        <location filename="../../app/ui/risk_status.py" line="+18"/>
        <source>Updating the risk scores…</source>
        <translation>Actualizando las puntuaciones de riesgo…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop updating the risk scores: the ones stored stay as they are, and they are updated at the next start</source>
        <translation>Dejar de actualizar las puntuaciones de riesgo: las guardadas quedan como están y se actualizan al próximo inicio</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Risk scores not updated: they will be at the next start.</source>
        <translation>Puntuaciones de riesgo no actualizadas: se actualizarán al próximo inicio.</translation>
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
        <location line="+4"/>
        <source>Payment terms</source>
        <translation>Condiciones de pago</translation>
    </message>
    <message>
        <location line="+27"/>
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
        <location line="+15"/>
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
        <source>Without encryption the password travels in clear over the network to the server; choose STARTTLS or SSL/TLS if the server offers them.</source>
        <translation>Sin cifrado, la contraseña viaja en texto plano por la red hasta el servidor; elija STARTTLS o SSL/TLS si el servidor los ofrece.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The rules of each customer&apos;s country; where none is known, the strict profile.</source>
        <translation>Las reglas del país de cada cliente; si no se conoce, el perfil estricto.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>stored in the keyring (type to replace)</source>
        <translation>guardada en el llavero (escriba para cambiarla)</translation>
    </message>
    <message>
        <location line="+16"/>
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
    <name>StartPage</name>
    <message>
        <location filename="../../app/ui/first_run.py" line="-207"/>
        <source>Welcome to Cobranza</source>
        <translation>Bienvenido a Cobranza</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cobranza keeps your customers, invoices and payments, tells you who owes what and since when, and sends the reminders. Everything stays on this computer.</source>
        <translation>Cobranza lleva sus clientes, facturas y pagos, le dice quién debe qué y desde cuándo, y envía los recordatorios. Todo queda en esta computadora.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Set up my company</source>
        <translation>Configurar mi empresa</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open a demo with sample customers and invoices (a separate file; your own book stays empty)</source>
        <translation>Abrir una demostración con clientes y facturas de ejemplo (un archivo aparte; sus propios libros quedan vacíos)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
</context>
<context>
    <name>StatementDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/card_statement.py" line="+75"/>
        <source>Statement of account — %1</source>
        <translation>Estado de cuenta — %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Update</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Movements from</source>
        <translation>Movimientos desde el</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>to (balance as of)</source>
        <translation>hasta el (saldo al)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>E-mail address</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print…</source>
        <translation>Imprimir…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save PDF…</source>
        <translation>Guardar PDF…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send by e-mail</source>
        <translation>Enviar por correo</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>To:</source>
        <translation>Para:</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Preparing the statement…</source>
        <translation>Preparando el estado de cuenta…</translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>%n page(s). Print it, save it as a PDF or send it by e-mail.</source>
        <translation>
            <numerusform>%n página. Imprímala, guárdela como PDF o envíela por correo.</numerusform>
            <numerusform>%n páginas. Imprímalas, guárdelas como PDF o envíelas por correo.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <location line="+6"/>
        <source>%n page(s) sent to the printer.</source>
        <translation>
            <numerusform>%n página enviada a la impresora.</numerusform>
            <numerusform>%n páginas enviadas a la impresora.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save the statement</source>
        <translation>Guardar el estado de cuenta</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Could not save %1: %2</source>
        <translation>No se pudo guardar %1: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saved %1</source>
        <translation>Guardado en %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Sending…</source>
        <translation>Enviando…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Statement as of %1 sent to %2</source>
        <translation>Estado de cuenta al %1 enviado a %2</translation>
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
        <location filename="../../app/ui/dialogs/settings_templates.py" line="+55"/>
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
        <location line="+2"/>
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
        <location line="+21"/>
        <source>Save template</source>
        <translation>Guardar plantilla</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revert to default</source>
        <translation>Volver a la predeterminada</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Variables: customer.name, customer.code, company.name, items (invoice_number, due_date, days_overdue, open), totals, level, payment_instructions; filters money, date. See docs/templates.md.</source>
        <translation>Variables: customer.name, customer.code, company.name, items (invoice_number, due_date, days_overdue, open), totals, level, payment_instructions; filtros money, date. Ver docs/templates.md.</translation>
    </message>
    <message>
        <location line="+36"/>
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
        <location filename="../../app/ui/views/today.py" line="+41"/>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>all collectors</source>
        <extracomment>the areas of app.ledger.changes whose writes this page shows (MainWindow.refresh_views)</extracomment>
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
        <location line="+1"/>
        <source>Follow-up done…</source>
        <translation>Seguimiento hecho…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark the selected follow-up done, with its outcome</source>
        <translation>Marcar como hecho el seguimiento elegido, con su resultado</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nothing to do today</source>
        <translation>Nada pendiente hoy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No calls, promises or follow-ups are due. Tasks appear here as invoices fall due and promises come to their date.</source>
        <translation>No hay llamadas, promesas ni seguimientos pendientes. Las gestiones aparecen aquí cuando las facturas vencen y las promesas llegan a su fecha.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>As of</source>
        <translation>Fecha de corte</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Collector</source>
        <translation>Gestor de cobranza</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Computing…</source>
        <translation>Calculando…</translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
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
    <message>
        <location line="+13"/>
        <source>Select a follow-up first.</source>
        <translation>Primero elija un seguimiento.</translation>
    </message>
</context>
<context>
    <name>UndoBar</name>
    <message>
        <location filename="../../app/ui/corrections.py" line="-73"/>
        <source>Undo</source>
        <translation>Deshacer</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Undone: %1</source>
        <translation>Deshecho: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Could not undo: %1</source>
        <translation>No se pudo deshacer: %1</translation>
    </message>
</context>
<context>
    <name>_DialogWatcher</name>
    <message>
        <location line="+91"/>
        <source>Payment of %1 recorded</source>
        <translation>Pago de %1 registrado</translation>
    </message>
</context>
</TS>
