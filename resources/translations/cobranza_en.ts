<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AgingReportView</name>
    <message numerus="yes">
        <location filename="../../app/ui/views/aging_report.py" line="+288"/>
        <source>%n page(s) sent to the printer.</source>
        <translation>
            <numerusform>%n page sent to the printer.</numerusform>
            <numerusform>%n pages sent to the printer.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AgreementDialog</name>
    <message numerus="yes">
        <location filename="../../app/ui/dialogs/card_collections.py" line="+297"/>
        <source>%n page(s) sent to the printer.</source>
        <translation>
            <numerusform>%n page sent to the printer.</numerusform>
            <numerusform>%n pages sent to the printer.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>App</name>
    <message numerus="yes">
        <location filename="../../app/ui/app.py" line="+118"/>
        <source>Demo ready: %n customer(s).</source>
        <translation>
            <numerusform>Demo ready: %n customer.</numerusform>
            <numerusform>Demo ready: %n customers.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message numerus="yes">
        <location filename="../../app/ui/views/audit.py" line="+133"/>
        <source>%n entries</source>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Bank</name>
    <message numerus="yes">
        <location filename="../../app/ui/views/bank.py" line="+43"/>
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BankView</name>
    <message numerus="yes">
        <location line="+184"/>
        <source>%1: %n new credit line(s)</source>
        <translation>
            <numerusform>%1: %n new credit line</numerusform>
            <numerusform>%1: %n new credit lines</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>(%n already imported before, not stored again)</source>
        <translation>
            <numerusform>(%n already imported before, not stored again)</numerusform>
            <numerusform>(%n already imported before, not stored again)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n line(s) confirmed as exact matches</source>
        <translation>
            <numerusform>%n line confirmed as an exact match</numerusform>
            <numerusform>%n lines confirmed as exact matches</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CheckPage</name>
    <message numerus="yes">
        <location filename="../../app/ui/import_wizard.py" line="+733"/>
        <source>%n row(s) read</source>
        <translation>
            <numerusform>%n row read</numerusform>
            <numerusform>%n rows read</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>%n row(s) have problems: correct them in the file and go back to check again, or import only the good rows.</source>
        <translation>
            <numerusform>%n row has problems: correct it in the file and go back to check again, or import only the good rows.</numerusform>
            <numerusform>%n rows have problems: correct them in the file and go back to check again, or import only the good rows.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CustomersView</name>
    <message numerus="yes">
        <location filename="../../app/ui/views/customers.py" line="+106"/>
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n customer</numerusform>
            <numerusform>%n customers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message numerus="yes">
        <location filename="../../app/ui/import_wizard.py" line="+136"/>
        <source>Imported: %n row(s) (%1).</source>
        <translation>
            <numerusform>Imported: %n row (%1).</numerusform>
            <numerusform>Imported: %n rows (%1).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n row(s) with problems were left out and saved to %1</source>
        <translation>
            <numerusform>%n row with problems was left out and saved to %1</numerusform>
            <numerusform>%n rows with problems were left out and saved to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DrillDialog</name>
    <message numerus="yes">
        <location filename="../../app/ui/views/dashboard.py" line="+97"/>
        <source>%n item(s), largest first</source>
        <translation>
            <numerusform>%n item, largest first</numerusform>
            <numerusform>%n items, largest first</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportActions</name>
    <message numerus="yes">
        <location filename="../../app/ui/export_actions.py" line="+116"/>
        <source>%n statement(s) written to %1</source>
        <translation>
            <numerusform>%n statement written to %1</numerusform>
            <numerusform>%n statements written to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MoveBook</name>
    <message numerus="yes">
        <location filename="../../app/ui/move_book.py" line="+87"/>
        <source>The book is now %1 (checked: %n customer(s)).</source>
        <translation>
            <numerusform>The book is now %1 (checked: %n customer).</numerusform>
            <numerusform>The book is now %1 (checked: %n customers).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReadPage</name>
    <message numerus="yes">
        <location filename="../../app/ui/import_wizard.py" line="-392"/>
        <source>%n data row(s) read; the header is on line %1.</source>
        <translation>
            <numerusform>%n data row read; the header is on line %1.</numerusform>
            <numerusform>%n data rows read; the header is on line %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>… and %n more line(s) left out.</source>
        <translation>
            <numerusform>… and %n more line left out.</numerusform>
            <numerusform>… and %n more lines left out.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RemindersView</name>
    <message numerus="yes">
        <location filename="../../app/ui/views/reminders.py" line="+274"/>
        <source>%n reminder(s) planned</source>
        <translation>
            <numerusform>%n reminder planned</numerusform>
            <numerusform>%n reminders planned</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n approved</source>
        <translation>
            <numerusform>%n approved</numerusform>
            <numerusform>%n approved</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <location line="+109"/>
        <source>%n skipped</source>
        <translation>
            <numerusform>%n skipped</numerusform>
            <numerusform>%n skipped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-92"/>
        <source>%n e-mail(s) to send</source>
        <translation>
            <numerusform>%n e-mail to send</numerusform>
            <numerusform>%n e-mails to send</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n letter(s) to write</source>
        <translation>
            <numerusform>%n letter to write</numerusform>
            <numerusform>%n letters to write</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <location line="+88"/>
        <source>%n WhatsApp chat(s) to open</source>
        <translation>
            <numerusform>%n WhatsApp chat to open</numerusform>
            <numerusform>%n WhatsApp chats to open</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-87"/>
        <source>%n SMS to export</source>
        <translation>
            <numerusform>%n SMS to export</numerusform>
            <numerusform>%n SMS to export</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n call(s) to make</source>
        <translation>
            <numerusform>%n call to make</numerusform>
            <numerusform>%n calls to make</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Run the %n approved reminder(s) as of %1?</source>
        <translation>
            <numerusform>Run the approved reminder as of %1?</numerusform>
            <numerusform>Run the %n approved reminders as of %1?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+79"/>
        <source>%n queued</source>
        <translation>
            <numerusform>%n queued</numerusform>
            <numerusform>%n queued</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n e-mail(s) sent</source>
        <translation>
            <numerusform>%n e-mail sent</numerusform>
            <numerusform>%n e-mails sent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n letter(s) written</source>
        <translation>
            <numerusform>%n letter written</numerusform>
            <numerusform>%n letters written</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n SMS exported for the gateway</source>
        <translation>
            <numerusform>%n SMS exported for the gateway</numerusform>
            <numerusform>%n SMS exported for the gateway</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n awaiting approval</source>
        <translation>
            <numerusform>%n awaiting approval</numerusform>
            <numerusform>%n awaiting approval</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+134"/>
        <source>%n e-mail(s) may have been sent (interrupted while sending): check the mailbox, select them, then Release or Mark as sent</source>
        <translation>
            <numerusform>%n e-mail may have been sent (interrupted while sending): check the mailbox, select it, then Release or Mark as sent</numerusform>
            <numerusform>%n e-mails may have been sent (interrupted while sending): check the mailbox, select them, then Release or Mark as sent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-134"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n held for later</source>
        <translation>
            <numerusform>%n held for later</numerusform>
            <numerusform>%n held for later</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n held at delivery by the contact rules</source>
        <translation>
            <numerusform>%n held at delivery by the contact rules</numerusform>
            <numerusform>%n held at delivery by the contact rules</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n may have been sent: check them below</source>
        <translation>
            <numerusform>%n may have been sent: check it below</numerusform>
            <numerusform>%n may have been sent: check them below</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n waiting for e-mail settings or a letters folder</source>
        <translation>
            <numerusform>%n waiting for e-mail settings or a letters folder</numerusform>
            <numerusform>%n waiting for e-mail settings or a letters folder</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n paid in the meantime</source>
        <translation>
            <numerusform>%n paid in the meantime</numerusform>
            <numerusform>%n paid in the meantime</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+69"/>
        <source>%n draft(s) approved: they go out with the next run</source>
        <translation>
            <numerusform>%n draft approved: it goes out with the next run</numerusform>
            <numerusform>%n drafts approved: they go out with the next run</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>%n reminder(s) cancelled</source>
        <translation>
            <numerusform>%n reminder cancelled</numerusform>
            <numerusform>%n reminders cancelled</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>%n e-mail(s) recorded as sent</source>
        <translation>
            <numerusform>%n e-mail recorded as sent</numerusform>
            <numerusform>%n e-mails recorded as sent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n e-mail(s) back in the queue: the next run sends them</source>
        <translation>
            <numerusform>%n e-mail back in the queue: the next run sends it</numerusform>
            <numerusform>%n e-mails back in the queue: the next run sends them</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+30"/>
        <source>History (%n reminder(s))</source>
        <translation>
            <numerusform>History (%n reminder)</numerusform>
            <numerusform>History (%n reminders)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatementDialog</name>
    <message numerus="yes">
        <location filename="../../app/ui/dialogs/card_statement.py" line="+173"/>
        <source>%n page(s). Print it, save it as a PDF or send it by e-mail.</source>
        <translation>
            <numerusform>%n page. Print it, save it as a PDF or send it by e-mail.</numerusform>
            <numerusform>%n pages. Print them, save them as a PDF or send them by e-mail.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <location line="+6"/>
        <source>%n page(s) sent to the printer.</source>
        <translation>
            <numerusform>%n page sent to the printer.</numerusform>
            <numerusform>%n pages sent to the printer.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TodayView</name>
    <message numerus="yes">
        <location filename="../../app/ui/views/today.py" line="+196"/>
        <source>%n task(s)</source>
        <translation>
            <numerusform>%n task</numerusform>
            <numerusform>%n tasks</numerusform>
        </translation>
    </message>
</context>
</TS>
