<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="de">
<context>
    <name>AccessGate</name>
    <message>
        <location filename="../access_gate.py" line="+87"/>
        <source>AB-Inbox hat noch keine Benutzer. Soll die Anmeldung „{0}“ als erster Benutzer mit der Rolle Administration eingerichtet werden?</source>
        <translation>AB-Inbox has no users yet. Set up the login &apos;{0}&apos; as the first user with the role Administration?</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <location filename="../assign_dialog.py" line="+32"/>
        <source>Zuweisen</source>
        <translation>Assign</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Personen</source>
        <translation>People</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zuweisung aufheben</source>
        <translation>Release assignment</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>{0} ausgewählte Fälle zuweisen an:</source>
        <translation>Assign {0} selected cases to:</translation>
    </message>
</context>
<context>
    <name>AssigneeFilterNote</name>
    <message>
        <location filename="../team_actions.py" line="+198"/>
        <source>Filter aufheben</source>
        <translation>Clear filter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter nach Person aufheben</source>
        <translation>Clear the filter by person</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Filter: Fälle von {0}</source>
        <translation>Filter: cases of {0}</translation>
    </message>
</context>
<context>
    <name>AuditAction</name>
    <message>
        <location filename="../audit_dialog.py" line="+236"/>
        <source>Fall angesehen</source>
        <translation>Case viewed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nachricht eingegangen</source>
        <translation>Message received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Doppelt eingegangen</source>
        <translation>Received twice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In Quarantäne</source>
        <translation>Quarantined</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status geändert</source>
        <translation>Status changed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zugewiesen</source>
        <translation>Assigned</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wiedervorlage gesetzt</source>
        <translation>Follow-up set</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notiz geschrieben</source>
        <translation>Note written</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Anhang gespeichert</source>
        <translation>Attachment saved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nachricht gespeichert</source>
        <translation>Message saved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exportiert</source>
        <translation>Exported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Antwort gesendet</source>
        <translation>Reply sent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zusammenfassung gedruckt/gespeichert</source>
        <translation>Summary printed/saved</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Gelöscht (Aufbewahrungsfrist)</source>
        <translation>Purged (retention)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Aufbewahrungsfrist geändert</source>
        <translation>Retention period changed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Aufbewahrungsfristen bestätigt</source>
        <translation>Retention periods confirmed</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Protokoll exportiert</source>
        <translation>Audit log exported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suche gespeichert</source>
        <translation>Search saved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suche gelöscht</source>
        <translation>Search deleted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Benutzer angelegt</source>
        <translation>User added</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rolle geändert</source>
        <translation>Role changed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Benutzer deaktiviert</source>
        <translation>User deactivated</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Benutzer aktiviert</source>
        <translation>User activated</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verteilungsregel angelegt</source>
        <translation>Distribution rule added</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verteilungsregel entfernt</source>
        <translation>Distribution rule removed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Frist festgelegt</source>
        <translation>Deadline set</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dokumentenlieferung vollständig</source>
        <translation>Document delivery complete</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dokumentenlieferung fehlgeschlagen</source>
        <translation>Document delivery failed</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Abruf fehlgeschlagen</source>
        <translation>Fetch failed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Abruf funktioniert</source>
        <translation>Fetch working</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>erfolgreich</source>
        <translation>succeeded</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fehlgeschlagen</source>
        <translation>failed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>abgelehnt</source>
        <translation>refused</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <location line="-248"/>
        <source>Protokoll</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Zeit (lokal)</source>
        <translation>Time (local)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+61"/>
        <source>Benutzer</source>
        <translation>User</translation>
    </message>
    <message>
        <location line="-60"/>
        <source>Arbeitsplatz</source>
        <translation>Workstation</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+61"/>
        <source>Aktion</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="-60"/>
        <source>Fall</source>
        <translation>Case</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nachricht</source>
        <translation>Message</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+29"/>
        <source>Ergebnis</source>
        <translation>Result</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Protokolleinträge</source>
        <translation>Audit log entries</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Seite</source>
        <translation>Page</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>◀ &amp;Neuere</source>
        <translation>◀ &amp;Newer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ä&amp;ltere ▶</source>
        <translation>O&amp;lder ▶</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Kette prüfen</source>
        <translation>&amp;Check chain</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Als CSV e&amp;xportieren…</source>
        <translation>E&amp;xport as CSV…</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>&amp;Von:</source>
        <translation>&amp;From:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Von Datum</source>
        <translation>From date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Bis:</source>
        <translation>&amp;To:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bis Datum</source>
        <translation>To date</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Fallnummer</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Anwenden</source>
        <translation>&amp;Apply</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter anwenden</source>
        <translation>Apply filters</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Benutzer:</source>
        <translation>User:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Aktion:</source>
        <translation>Action:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fall:</source>
        <translation>Case:</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>(alle Aktionen)</source>
        <translation>(all actions)</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>{0}–{1} von {2}</source>
        <translation>{0}–{1} of {2}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Kette wird geprüft…</source>
        <translation>Checking the chain…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Protokoll exportieren</source>
        <translation>Export audit log</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{0} Einträge exportiert nach {1}</source>
        <translation>{0} entries exported to {1}</translation>
    </message>
</context>
<context>
    <name>CaseHtml</name>
    <message>
        <location filename="../case_html.py" line="+133"/>
        <source>Familienname</source>
        <translation>Family name</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Vornamen</source>
        <translation>Given names</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Geburtsname</source>
        <translation>Birth name</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Geburtsdatum</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Geburtsort</source>
        <translation>Place of birth</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Geschlecht</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Staatsangehörigkeit</source>
        <translation>Nationality</translation>
    </message>
    <message>
        <location line="-36"/>
        <location line="+45"/>
        <source>Beziehung</source>
        <translation>Relationship</translation>
    </message>
    <message>
        <location line="-83"/>
        <source>Vertreter/in</source>
        <translation>Representative</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vertretung des Arbeitgebers</source>
        <translation>Employer&apos;s representative</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Vertretungsberechtigte Person</source>
        <translation>Authorised signatory</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Referenzperson</source>
        <translation>Reference person</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Familienangehörige Person</source>
        <translation>Family member</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Gast</source>
        <translation>Guest</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gastgeber/in</source>
        <translation>Host</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fachkraft</source>
        <translation>Skilled worker</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Arbeitgeber</source>
        <translation>Employer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Abholberechtigte Person</source>
        <translation>Person authorised to collect</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Firma</source>
        <translation>Firm</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Tag unbekannt</source>
        <translation>day unknown</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tag und Monat unbekannt</source>
        <translation>day and month unknown</translation>
    </message>
    <message>
        <location line="+28"/>
        <location line="+69"/>
        <source>Prüfergebnis</source>
        <translation>Check results</translation>
    </message>
    <message>
        <location line="-65"/>
        <source>Antrag</source>
        <translation>Application</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Typ</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Antragsidentifikation</source>
        <translation>Application ID</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Eingang</source>
        <translation>Received</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Fällig</source>
        <translation>Due</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+139"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="-135"/>
        <source>Bearbeitung</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Wiedervorlage</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Rückkanal</source>
        <translation>Reply channel</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Grund</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="-207"/>
        <location line="+30"/>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <location line="+192"/>
        <source>Referenzpersonen</source>
        <translation>Reference persons</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Dokumente</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Verlauf</source>
        <translation>History</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>ja</source>
        <translation>yes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nein</source>
        <translation>no</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>(ohne Namen)</source>
        <translation>(no name)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>vorhanden</source>
        <translation>available</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>wird nachgeliefert</source>
        <translation>to follow</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>gesperrt</source>
        <translation>blocked</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Keine Dokumente</source>
        <translation>No documents</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Paketlieferung</source>
        <translation>Package delivery</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>vollständig</source>
        <translation>complete</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} Dokument(e), am {1}</source>
        <translation>{0} document(s), on {1}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>fehlgeschlagen</source>
        <translation>failed</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>wartet</source>
        <translation>waiting</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0} Paket(e) erwartet, seit {1}</source>
        <translation>{0} packet(s) expected, since {1}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Paketanzahl noch unbekannt, seit {0}</source>
        <translation>Number of packets not yet known, since {0}</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Exportiert</source>
        <translation>Exported</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Antwort gesendet</source>
        <translation>Reply sent</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Zeile</source>
        <translation>line</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Keine Befunde: alle Nachrichten sind gültig.</source>
        <translation>No findings: all messages are valid.</translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message>
        <location filename="../case_view.py" line="+78"/>
        <location line="+89"/>
        <source>Kein Fall ausgewählt</source>
        <translation>No case selected</translation>
    </message>
    <message>
        <location line="-87"/>
        <source>Fallkopf</source>
        <translation>Case header</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Warnung zur Dokumentenlieferung</source>
        <translation>Document delivery warning</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Fallansicht</source>
        <translation>Case view</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Antrag</source>
        <translation>Application</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Antrag</source>
        <translation>&amp;Application</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;XML</source>
        <translation>&amp;XML</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Interne Notiz (nur für die Behörde); Strg+Eingabe speichert</source>
        <translation>Internal note (for the office only); Ctrl+Enter saves</translation>
    </message>
    <message>
        <location line="-40"/>
        <source>D&amp;okumente</source>
        <translation>D&amp;ocuments</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>XML-Anzeige</source>
        <translation>XML view</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Noti&amp;zen</source>
        <translation>Not&amp;es</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Dokumentliste</source>
        <translation>Document list</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dokumentanzeige</source>
        <translation>Document viewer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dokument auswählen</source>
        <translation>Select a document</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Notizen zum Fall</source>
        <translation>Notes on the case</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Neue Notiz</source>
        <translation>New note</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+1"/>
        <source>Notiz speichern</source>
        <translation>Save note</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Fall {0}</source>
        <translation>Case {0}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Eingang: {0} · Fällig: {1} · Bearbeitung: {2}</source>
        <translation>Received: {0} · Due: {1} · Assignee: {2}</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>(ohne Namen)</source>
        <translation>(no name)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} (wird nachgeliefert)</source>
        <translation>{0} (to follow)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Noch keine Notizen.</source>
        <translation>No notes yet.</translation>
    </message>
</context>
<context>
    <name>ComposeDialog</name>
    <message>
        <location filename="../compose_dialog.py" line="+45"/>
        <source>Datei wählen…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Dokument wählen</source>
        <translation>Choose document</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF oder JPEG (*.pdf *.jpg *.jpeg)</source>
        <translation>PDF or JPEG (*.pdf *.jpg *.jpeg)</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Antwort: {0}</source>
        <translation>Reply: {0}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Senden</source>
        <translation>Send</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Pflichtfelder sind mit * markiert.</source>
        <translation>Required fields are marked with *.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Die Antwort ist nicht gesendet. Das Eingegebene verwerfen?</source>
        <translation>The reply has not been sent. Discard what was entered?</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Bitte „{0}“ angeben.</source>
        <translation>Please enter “{0}”.</translation>
    </message>
</context>
<context>
    <name>DistributionDialog</name>
    <message>
        <location filename="../distribution_dialog.py" line="+34"/>
        <location line="+2"/>
        <source>Verteilung und Fristen</source>
        <translation>Distribution and deadlines</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Regeln</source>
        <translation>&amp;Rules</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Fristen</source>
        <translation>&amp;Deadlines</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ergebnis</source>
        <translation>Result</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Nr.</source>
        <translation>No.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bearbeitung</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Buchstaben</source>
        <translation>Letters</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+50"/>
        <source>Nachrichtentyp</source>
        <translation>Message type</translation>
    </message>
    <message>
        <location line="-49"/>
        <source>Aktiv</source>
        <translation>Active</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Verteilungsregeln</source>
        <translation>Distribution rules</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Buchstaben von</source>
        <translation>Letters from</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Buchstaben bis</source>
        <translation>Letters to</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nachrichtentyp der Regel</source>
        <translation>Message type of the rule</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(alle Typen)</source>
        <translation>(all types)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Person:</source>
        <translation>Person:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Familienname von – bis:</source>
        <translation>Family name from – to:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nachrichtentyp:</source>
        <translation>Message type:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Regel &amp;hinzufügen</source>
        <translation>&amp;Add rule</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Regel &amp;entfernen</source>
        <translation>R&amp;emove rule</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Jetzt &amp;verteilen</source>
        <translation>Distribute &amp;now</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Die Regeln auf die offenen, nicht zugewiesenen Fälle anwenden</source>
        <translation>Apply the rules to the open, unassigned cases</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tage</source>
        <translation>Days</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bearbeitungsfristen</source>
        <translation>Deadline targets</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> Tage</source>
        <translation> days</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Frist in Tagen</source>
        <translation>Target in days</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Frist &amp;speichern</source>
        <translation>&amp;Save target</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Eigene Frist &amp;entfernen</source>
        <translation>R&amp;emove own target</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Der Typ bekommt wieder die Standardfrist (*)</source>
        <translation>The type gets the default target (*) again</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Frist:</source>
        <translation>Target:</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>ja</source>
        <translation>yes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>nein</source>
        <translation>no</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Standard (alle übrigen Typen)</source>
        <translation>Default (all other types)</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Regel {0} hinzugefügt</source>
        <translation>Rule {0} added</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Regel {0} entfernt</source>
        <translation>Rule {0} removed</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{0} Fälle verteilt</source>
        <translation>{0} cases distributed</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Frist gespeichert; {0} offene Fälle neu berechnet</source>
        <translation>Target saved; {0} open cases recalculated</translation>
    </message>
</context>
<context>
    <name>FetchStatus</name>
    <message>
        <location filename="../fetch_status.py" line="+16"/>
        <source>Eingangsordner</source>
        <translation>Drop folder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>XTA-Postfach</source>
        <translation>XTA mailbox</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{0}: {1}, {2} gespeichert</source>
        <translation>{0}: {1}, {2} stored</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{0} Datei(en) nicht verarbeitet</source>
        <translation>{0} file(s) not handled</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0}: {1} fehlgeschlagen: {2} (zuletzt gelungen: {3})</source>
        <translation>{0}: {1} failed: {2} (last success: {3})</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Letzter Abruf: –</source>
        <translation>Last fetch: –</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Noch kein Abruf vermerkt.</source>
        <translation>No fetch recorded yet.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Abruf fehlgeschlagen: {0}</source>
        <translation>Fetch failed: {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Letzter Abruf: {0}</source>
        <translation>Last fetch: {0}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Abrufe ohne neue Nachrichten werden höchstens alle {0} Minuten vermerkt.</source>
        <translation>Fetches that bring nothing new are recorded at most every {0} minutes.</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../viewers/find_bar.py" line="+26"/>
        <source>Im Dokument suchen…</source>
        <translation>Find in document…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suchbegriff</source>
        <translation>Search term</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>Suchbegriff löschen</source>
        <translation>Clear search term</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Text im Dokument suchen (Strg+Umschalt+F); Eingabetaste: nächster Treffer</source>
        <translation>Find text in the document (Ctrl+Shift+F); Enter: next hit</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Vorheriger Treffer</source>
        <translation>Previous match</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zum vorherigen Treffer springen (Umschalt+F3)</source>
        <translation>Go to the previous match (Shift+F3)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nächster Treffer</source>
        <translation>Next match</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zum nächsten Treffer springen (F3)</source>
        <translation>Go to the next match (F3)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Anzahl der Treffer</source>
        <translation>Number of matches</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Suchen:</source>
        <translation>Fin&amp;d:</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Suche läuft …</source>
        <translation>Searching …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keine Treffer</source>
        <translation>No matches</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{current} von mehr als {total} Treffern</source>
        <translation>{current} of more than {total} matches</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>1 von 1 Treffer</source>
        <translation>1 of 1 match</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{current} von {total} Treffern</source>
        <translation>{current} of {total} matches</translation>
    </message>
</context>
<context>
    <name>FollowUpDialog</name>
    <message>
        <location filename="../follow_up_dialog.py" line="+24"/>
        <source>Wiedervorlage</source>
        <translation>Follow-up date</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+29"/>
        <source>Wiedervorlagedatum</source>
        <translation>Follow-up date</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Wiedervorlage &amp;entfernen</source>
        <translation>&amp;Remove follow-up date</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Wiedervorlage &amp;am:</source>
        <translation>Follow-up &amp;on:</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <location filename="../viewers/image_viewer.py" line="+69"/>
        <source>Bild</source>
        <translation>Image</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Bildbereich</source>
        <translation>Image area</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Einpassen</source>
        <translation>Fit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bild in das Fenster einpassen</source>
        <translation>Fit the image to the window</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Originalgröße</source>
        <translation>Actual size</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bild in Originalgröße (100 %) zeigen</source>
        <translation>Show the image at actual size (100%)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nach links drehen</source>
        <translation>Rotate left</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bild um 90° gegen den Uhrzeigersinn drehen</source>
        <translation>Rotate the image 90° counterclockwise</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nach rechts drehen</source>
        <translation>Rotate right</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bild um 90° im Uhrzeigersinn drehen</source>
        <translation>Rotate the image 90° clockwise</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Vorherige Seite</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vorherige Seite der TIFF-Datei</source>
        <translation>Previous page of the TIFF file</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Seitenzahl</source>
        <translation>Page number</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Angezeigte Seite der TIFF-Datei</source>
        <translation>Page of the TIFF file being shown</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nächste Seite</source>
        <translation>Next page</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nächste Seite der TIFF-Datei</source>
        <translation>Next page of the TIFF file</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Die Datei „{name}“ ist zu groß ({size} MB, höchstens {limit} MB) und wird nicht angezeigt.</source>
        <translation>The file “{name}” is too large ({size} MB, at most {limit} MB) and is not shown.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Seite {page} von {count}: </source>
        <translation>Page {page} of {count}: </translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Seite {page} von {count}</source>
        <translation>Page {page} of {count}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>„{name}“ ist kein JPEG-, PNG- oder TIFF-Bild und wird nicht angezeigt.</source>
        <translation>“{name}” is not a JPEG, PNG or TIFF image and is not shown.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Das Bild „{name}“ ist zu groß ({width} × {height} Pixel, höchstens {limit} Megapixel) und wird nicht geöffnet.</source>
        <translation>The image “{name}” is too large ({width} × {height} pixels, at most {limit} megapixels) and is not opened.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Das Bild „{name}“ ist beschädigt und kann nicht angezeigt werden.</source>
        <translation>The image “{name}” is damaged and cannot be shown.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="+60"/>
        <source>Neu</source>
        <translation>New</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Meine Fälle</source>
        <translation>My cases</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ungültig</source>
        <translation>Invalid</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Wiedervorlage fällig</source>
        <translation>Follow-up due</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Nicht zugewiesen</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Heute fällig</source>
        <translation>Due today</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Überfällig</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quarantäne</source>
        <translation>Quarantine</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offen</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alle</source>
        <translation>All</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>AB-Inbox – Posteingang Ausländerbehörde</source>
        <translation>AB-Inbox – Immigration Office Inbox</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Ansichten</source>
        <translation>Views</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Suchen: Name, Antragsidentifikation, Dokument</source>
        <translation>Search: name, application id, document</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suche</source>
        <translation>Search</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Warteschlange</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Letzter Abruf</source>
        <translation>Last fetch</translation>
    </message>
    <message>
        <location line="+394"/>
        <source>Fälle: {0} · Neu: {1} · Ungültig: {2} · Letzter Eingang: {3}</source>
        <translation>Cases: {0} · New: {1} · Invalid: {2} · Last received: {3}</translation>
    </message>
    <message>
        <location line="+104"/>
        <source>Unerwarteter Fehler: {0}</source>
        <translation>Unexpected error: {0}</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>AB-Inbox</source>
        <translation>AB-Inbox</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Ansicht „{0}“</source>
        <translation>View “{0}”</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Suche „{0}“</source>
        <translation>search “{0}”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fälle von {0}</source>
        <translation>cases of {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>meine und nicht zugewiesene</source>
        <translation>mine and unassigned</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{0} – meine und nicht zugewiesene</source>
        <translation>{0} – mine and unassigned</translation>
    </message>
    <message>
        <location filename="../attachments.py" line="+26"/>
        <source>Bei der Prüfung gesperrt; den Grund nennt das Prüfergebnis.</source>
        <translation>Blocked by the checks; the check result gives the reason.</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>„{name}“ konnte nicht geladen werden ({error}).</source>
        <translation>“{name}” could not be loaded ({error}).</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Die PDF-Datei „{name}“ hat die Prüfung vor dem Anzeigen abstürzen lassen und wird nicht angezeigt. Sie bleibt unverändert beim Fall.</source>
        <translation>The PDF file “{name}” made the check before showing it crash and is not shown. It stays unchanged with the case.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>PDF-Dateien können hier nicht angezeigt werden: die Prüfung vor dem Anzeigen (ein eigener Prozess) ließ sich nicht starten. Bitte die IT-Betreuung informieren. „{name}“ bleibt unverändert beim Fall.</source>
        <translation>PDF files cannot be shown here: the check before showing them (a separate process) could not be started. Please tell IT support. “{name}” stays unchanged with the case.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Seite {page} braucht zum Darstellen zu lange</source>
        <translation>page {page} takes too long to draw</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>das Öffnen braucht zu lange</source>
        <translation>opening it takes too long</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>die Prüfung braucht zu lange</source>
        <translation>checking it takes too long</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Die PDF-Datei „{name}“ wird nicht angezeigt, weil sie die Anwendung aufhalten könnte: {why}. Sie bleibt unverändert beim Fall.</source>
        <translation>The PDF file “{name}” is not shown because it could hold up the application: {why}. It stays unchanged with the case.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Dokument speichern unter</source>
        <translation>Save document as</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+38"/>
        <location filename="../handoff_actions.py" line="+207"/>
        <source>Gespeichert: {0}</source>
        <translation>Saved: {0}</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Nachricht speichern unter</source>
        <translation>Save message as</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>XML-Dateien (*.xml)</source>
        <translation>XML files (*.xml)</translation>
    </message>
    <message>
        <location filename="../importing.py" line="+71"/>
        <source>{0}: ist ein Ordner, keine Datei ({1})</source>
        <translation>{0}: is a folder, not a file ({1})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0}: Datei nicht mehr vorhanden ({1})</source>
        <translation>{0}: file no longer there ({1})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0}: Datei konnte nicht gelesen werden ({1})</source>
        <translation>{0}: file could not be read ({1})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0}: Unerwarteter Fehler ({1})</source>
        <translation>{0}: unexpected error ({1})</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Import beendet: {0} gespeichert (davon {1} ungültig), {2} abgewiesen (Quarantäne), {3} doppelt, {4} fehlgeschlagen.</source>
        <translation>Import finished: {0} stored ({1} of them invalid), {2} rejected (quarantine), {3} duplicate, {4} failed.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{0} übersprungen (keine XML-Datei).</source>
        <translation>{0} skipped (not an XML file).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Der Import brach mit einem Fehler ab ({0}); {1} Dateien wurden nicht mehr importiert.</source>
        <translation>The import stopped with an error ({0}); {1} files were not imported.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{0} Dateien wurden nach dem Abbruch nicht mehr importiert.</source>
        <translation>{0} files were not imported after the import was cancelled.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nicht importiert:</source>
        <translation>Not imported:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Abgewiesen (Quarantäne):</source>
        <translation>Rejected (quarantine):</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Übersprungen, keine XML-Datei:</source>
        <translation>Skipped, not an XML file:</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Importiere Nachrichten…</source>
        <translation>Importing messages…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../print_pages.py" line="+367"/>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+43"/>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../main_actions.py" line="+66"/>
        <source>&amp;Abrufen</source>
        <translation>&amp;Fetch</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Eingangsordner jetzt abrufen</source>
        <translation>Fetch new messages from the drop folder now</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Importieren…</source>
        <translation>&amp;Import…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>XML-Dateien importieren</source>
        <translation>Import XML files</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Einstellungen…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Beenden</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Suchen</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Suche s&amp;peichern…</source>
        <translation>Sa&amp;ve search…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Gespeicherte Suche &amp;umbenennen…</source>
        <translation>&amp;Rename saved search…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Gespeicherte Suche &amp;löschen…</source>
        <translation>&amp;Delete saved search…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Nächster Fall</source>
        <translation>&amp;Next case</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Vorheriger Fall</source>
        <translation>&amp;Previous case</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Zur &amp;Warteschlange</source>
        <translation>Go to &amp;queue</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Fall ö&amp;ffnen</source>
        <translation>&amp;Open case</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Fall ü&amp;bernehmen</source>
        <translation>&amp;Take case</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Den Fall mir zuweisen und in Bearbeitung nehmen</source>
        <translation>Assign the case to me and set it to In progress</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Wiedervorlage setzen…</source>
        <translation>Set &amp;follow-up date…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Notiz schreiben</source>
        <translation>Write &amp;note</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>E&amp;xportieren…</source>
        <translation>E&amp;xport…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Den Fall an das Fachverfahren übergeben</source>
        <translation>Hand the case over to the specialist procedure</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Zusammenfassung &amp;drucken…</source>
        <translation>&amp;Print summary…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Zusammenfassung mit An&amp;lagen drucken…</source>
        <translation>Print summary with &amp;attachments…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Zusammenfassung als &amp;PDF speichern…</source>
        <translation>Save summary as P&amp;DF…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Ansicht: {0}</source>
        <translation>View: {0}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Tastenkürzel</source>
        <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Datei</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Fall</source>
        <translation>&amp;Case</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Status</source>
        <translation>&amp;Status</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Antworten</source>
        <translation>&amp;Reply</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Navigation</source>
        <translation>&amp;Navigation</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>S&amp;ortieren nach</source>
        <translation>Sor&amp;t by</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Hilfe</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Werkzeuge</source>
        <translation>Tools</translation>
    </message>
    <message>
        <location line="+202"/>
        <source>Die Quarantäne kann nicht als Suche gespeichert werden.</source>
        <translation>The quarantine cannot be saved as a search.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Eine gespeicherte Suche „{0}“ gibt es schon. Ersetzen?</source>
        <translation>A saved search “{0}” already exists. Replace it?</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Keine gespeicherte Suche ausgewählt</source>
        <translation>No saved search selected</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Gespeicherte Suche umbenennen</source>
        <translation>Rename saved search</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Neuer Name:</source>
        <translation>New name:</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Gespeicherte Suche löschen</source>
        <translation>Delete saved search</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>„{0}“ löschen?</source>
        <translation>Delete “{0}”?</translation>
    </message>
    <message>
        <location filename="../handoff_actions.py" line="-175"/>
        <location line="+189"/>
        <location filename="../main_actions.py" line="-222"/>
        <source>Kein Fall ausgewählt</source>
        <translation>No case selected</translation>
    </message>
    <message>
        <location line="-160"/>
        <source>Trotzdem exportieren?</source>
        <translation>Export anyway?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dokumente fehlen noch</source>
        <translation>Documents still missing</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Export nicht möglich</source>
        <translation>Export not possible</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Eine Teamleitung kann den Fall trotzdem exportieren (mit einer Begründung, die protokolliert wird). Bitte wenden Sie sich an Ihre Teamleitung.</source>
        <translation>A team lead can export the case anyway (with a reason, which is recorded). Please ask your team lead.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Export trotzdem?</source>
        <translation>Export anyway?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Begründung für eine Ausnahme (wird protokolliert):</source>
        <translation>Reason for an exception (will be logged):</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Exportiert: {0} Dateien nach {1}</source>
        <translation>Exported: {0} files to {1}</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Das gewählte Dokument kann nicht gelesen werden ({0}).</source>
        <translation>The chosen document cannot be read ({0}).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Antwort gesendet: {0}</source>
        <translation>Reply sent: {0}</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Zusammenfassung speichern</source>
        <translation>Save summary</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Zusammenfassung Fall {0}</source>
        <translation>Summary of case {0}</translation>
    </message>
    <message>
        <location line="+27"/>
        <location filename="../print_pages.py" line="+5"/>
        <source>Drucken</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../print_pages.py" line="-245"/>
        <source>verschlüsselt, kann ohne Kennwort nicht gedruckt werden</source>
        <translation>encrypted, cannot be printed without a password</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>mit einem nicht unterstützten Verfahren verschlüsselt</source>
        <translation>encrypted with an unsupported method</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>beschädigt oder verschlüsselt, kann nicht geöffnet werden</source>
        <translation>damaged or encrypted, cannot be opened</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>keine PDF-Datei</source>
        <translation>not a PDF file</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>zu aufwendig (Seite {0} braucht zum Darstellen zu lange)</source>
        <translation>too costly (page {0} takes too long to draw)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>zu aufwendig zum Öffnen</source>
        <translation>too costly to open</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>enthält keine Seiten</source>
        <translation>has no pages</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>zu groß ({0} Seiten, höchstens {1} Seiten je Dokument)</source>
        <translation>too large ({0} pages, at most {1} pages per document)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>die Prüfung vor dem Drucken ließ sich nicht starten</source>
        <translation>the check before printing could not be started</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>beschädigt (Seite {0} hat keine gültige Größe)</source>
        <translation>damaged (page {0} has no valid size)</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>der Druckauftrag hat schon die Höchstzahl von {0} Seiten</source>
        <translation>the print job already has the maximum of {0} pages</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>zu groß ({0} MB, höchstens {1} MB)</source>
        <translation>too large ({0} MB, at most {1} MB)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>zu groß für diesen Druckauftrag ({0} Seiten, höchstens {1} Seiten je Auftrag)</source>
        <translation>too large for this print job ({0} pages, at most {1} pages per job)</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>zu groß ({0} × {1} Pixel, höchstens {2} Millionen Pixel)</source>
        <translation>too large ({0} × {1} pixels, at most {2} million pixels)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>kein druckbares Format (nur PDF, JPEG, PNG und TIFF)</source>
        <translation>not a printable format (only PDF, JPEG, PNG and TIFF)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>beschädigt, kann nicht gelesen werden</source>
        <translation>damaged, cannot be read</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Seite {0} kann nicht gedruckt werden</source>
        <translation>page {0} cannot be printed</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Drucke…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location line="+155"/>
        <source>Drucke Seite {0} von {1}…</source>
        <translation>Printing page {0} of {1}…</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Der Drucker konnte nicht gestartet werden; {0} Seiten gedruckt.</source>
        <translation>The printer could not be started; {0} pages printed.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Drucken abgebrochen; es wird nichts gedruckt.</source>
        <translation>Printing cancelled; nothing will be printed.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Drucken abgebrochen nach {0} Seiten.</source>
        <translation>Printing cancelled after {0} pages.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0} Seiten gedruckt</source>
        <translation>{0} pages printed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>; {0} Dokumente nicht gedruckt</source>
        <translation>; {0} documents not printed</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nicht gedruckt:</source>
        <translation>Not printed:</translation>
    </message>
    <message>
        <location filename="../main_actions.py" line="+74"/>
        <source>Kein Eingangsordner eingestellt (Datei → Einstellungen)</source>
        <translation>No drop folder set (File → Settings)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Abruf: {0} übernommen, {1} ungültig, {2} doppelt, {3} Quarantäne</source>
        <translation>Fetch: {0} accepted, {1} invalid, {2} duplicates, {3} quarantined</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>XML-Nachrichten importieren</source>
        <translation>Import XML messages</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>XML (*.xml)</source>
        <translation>XML (*.xml)</translation>
    </message>
    <message>
        <location line="+51"/>
        <location line="+11"/>
        <source>Suche speichern</source>
        <translation>Save search</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
</context>
<context>
    <name>PdfViewer</name>
    <message>
        <location filename="../viewers/pdf_viewer.py" line="+81"/>
        <source>PDF-Seiten</source>
        <translation>PDF pages</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+56"/>
        <source>Seitenübersicht</source>
        <translation>Page thumbnails</translation>
    </message>
    <message>
        <location line="-55"/>
        <source>Seite auswählen, um dorthin zu springen</source>
        <translation>Select a page to jump to it</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Vorherige Seite</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zur vorherigen Seite</source>
        <translation>Go to the previous page</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Seitenzahl</source>
        <translation>Page number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seitenzahl eingeben, Eingabetaste springt dorthin</source>
        <translation>Enter a page number; press Enter to jump to it</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nächste Seite</source>
        <translation>Next page</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zur nächsten Seite</source>
        <translation>Go to the next page</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Seitenbreite</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seite an die Fensterbreite anpassen</source>
        <translation>Fit the page to the width of the window</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ganze Seite</source>
        <translation>Whole page</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ganze Seite im Fenster zeigen</source>
        <translation>Show the whole page in the window</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Originalgröße</source>
        <translation>Actual size</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seite in Originalgröße (100 %) zeigen</source>
        <translation>Show the page at actual size (100%)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Seitenübersicht ein- oder ausblenden</source>
        <translation>Show or hide the page thumbnails</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>Seite {page} von {count}</source>
        <translation>Page {page} of {count}</translation>
    </message>
    <message>
        <location filename="../viewers/pdf_loading.py" line="+57"/>
        <source>Die PDF-Datei „{name}“ ist zu groß ({size} MB, höchstens {limit} MB) und wird nicht angezeigt.</source>
        <translation>The PDF file “{name}” is too large ({size} MB, at most {limit} MB) and is not shown.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>„{name}“ ist keine PDF-Datei und wird nicht angezeigt.</source>
        <translation>“{name}” is not a PDF file and is not shown.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Die PDF-Datei „{name}“ enthält keine Seiten.</source>
        <translation>The PDF file “{name}” contains no pages.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Die PDF-Datei „{name}“ hat {count} Seiten; die Vorschau zeigt höchstens {limit} Seiten.</source>
        <translation>The PDF file “{name}” has {count} pages; the preview shows at most {limit} pages.</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Seite {page} der PDF-Datei „{name}“ ist so groß, dass sie nicht sicher angezeigt werden kann.</source>
        <translation>Page {page} of the PDF file “{name}” is too large to be shown safely.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Die PDF-Datei „{name}“ ist verschlüsselt und kann ohne Kennwort nicht angezeigt werden.</source>
        <translation>The PDF file “{name}” is encrypted and cannot be shown without a password.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Die PDF-Datei „{name}“ ist mit einem nicht unterstützten Verfahren verschlüsselt.</source>
        <translation>The PDF file “{name}” is encrypted with an unsupported method.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Die PDF-Datei „{name}“ ist beschädigt oder verschlüsselt und kann nicht angezeigt werden.</source>
        <translation>The PDF file “{name}” is damaged or encrypted and cannot be shown.</translation>
    </message>
</context>
<context>
    <name>PlaceholderViewer</name>
    <message>
        <location filename="../viewers/placeholder_viewer.py" line="+27"/>
        <source>Hinweis</source>
        <translation>Notice</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Einzelheiten</source>
        <translation>Details</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Dokument wird nachgeliefert (Paketlieferung)</source>
        <translation>Document to follow (packaged delivery)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dokument-UUID: {uuid}</source>
        <translation>Document UUID: {uuid}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Dokument gesperrt</source>
        <translation>Document blocked</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Für diesen Dateityp gibt es keine Vorschau</source>
        <translation>No preview is available for this file type</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dateityp: {mime}</source>
        <translation>File type: {mime}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unbekannt</source>
        <translation>unknown</translation>
    </message>
</context>
<context>
    <name>PurgeDialog</name>
    <message>
        <location filename="../purge_dialog.py" line="+35"/>
        <source>Zur Löschung fällig</source>
        <translation>Due for deletion</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Fall</source>
        <translation>Case</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Seit</source>
        <translation>Since</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Löschung fällig am</source>
        <translation>Deletion due on</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zur Löschung fällige Fälle</source>
        <translation>Cases due for deletion</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ergebnis</source>
        <translation>Result</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Löschbericht</source>
        <translation>Deletion report</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Jetzt &amp;löschen…</source>
        <translation>&amp;Delete now…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Jetzt löschen</source>
        <translation>Delete now</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nur die Administration darf löschen</source>
        <translation>Only administration may delete</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>{0} Fälle sind zur Löschung fällig.</source>
        <translation>{0} cases are due for deletion.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{0} Fälle endgültig löschen? Personenbezogene Daten, Nachrichten und Anlagen werden entfernt; das lässt sich nicht rückgängig machen.</source>
        <translation>Delete {0} cases for good? Personal data, messages and attachments are removed; this cannot be undone.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Gelöscht: {0} Fälle; übersprungen: {1}.</source>
        <translation>Deleted: {0} cases; skipped: {1}.</translation>
    </message>
</context>
<context>
    <name>QuarantineTable</name>
    <message>
        <location filename="../quarantine_table.py" line="+14"/>
        <source>Eingang</source>
        <translation>Received</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Datei</source>
        <translation>File</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Grund</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Erklärung</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quarantäne</source>
        <translation>Quarantine</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../queue_model.py" line="+36"/>
        <source>Eingang</source>
        <translation>Received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alter/Frist</source>
        <translation>Age/Due</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Typ</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Antragsteller</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Staatsangehörigkeit</source>
        <translation>Nationality</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Antragsgrund</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bearbeitung</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prüfung</source>
        <translation>Check</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Anhänge</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>fällig in {0} T.</source>
        <translation>due in {0} d</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>heute fällig</source>
        <translation>due today</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} T. überfällig</source>
        <translation>{0} d overdue</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{0} T</source>
        <translation>{0} d</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> · WV {0}</source>
        <translation> · FU {0}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Fällig am {0}</source>
        <translation>Due on {0}</translation>
    </message>
    <message>
        <location line="+149"/>
        <source>gültig</source>
        <translation>valid</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ungültig</source>
        <translation>invalid</translation>
    </message>
</context>
<context>
    <name>ReminderBar</name>
    <message>
        <location filename="../reminder_bar.py" line="+22"/>
        <location line="+4"/>
        <source>Erinnerungen</source>
        <translation>Reminders</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Wiedervorlagen zeigen</source>
        <translation>Show follow-ups</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Überfällige zeigen</source>
        <translation>Show overdue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Heute fällige zeigen</source>
        <translation>Show due today</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+1"/>
        <source>Erinnerung schließen</source>
        <translation>Close reminder</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Wiedervorlagen fällig: {0}</source>
        <translation>Follow-ups due: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Überfällig: {0}</source>
        <translation>Overdue: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Heute fällig: {0}</source>
        <translation>Due today: {0}</translation>
    </message>
</context>
<context>
    <name>Setting</name>
    <message>
        <location filename="../../../../build/i18n/setting_strings.py" line="+3"/>
        <source>DVDV-Kennungen der Behörde</source>
        <translation>Office DVDV ids</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kennungen (leser/kennung), unter denen diese Ausländerbehörde Nachrichten empfängt. Abweichende Empfänger werden als Hinweis angezeigt.</source>
        <translation>Ids (leser/kennung) under which this immigration office receives messages. Other recipients are shown as a notice.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name der Behörde</source>
        <translation>Office name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Erscheint im Briefkopf der PDF-Zusammenfassung und als Absender der Antworten.</source>
        <translation>Appears in the letterhead of the PDF summary and as the sender of replies.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Straße und Hausnummer der Behörde</source>
        <translation>Office street</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <location line="+2"/>
        <source>Anschrift für Briefkopf und Antworten.</source>
        <translation>Address for the letterhead and replies.</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Postleitzahl der Behörde</source>
        <translation>Office postcode</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ort der Behörde</source>
        <translation>Office city</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E-Mail-Adresse der Behörde</source>
        <translation>Office e-mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>Erreichbarkeit im Kopf jeder Antwort (die Antwort braucht E-Mail oder Telefon).</source>
        <translation>Contact shown in the header of every reply (a reply needs e-mail or phone).</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Telefonnummer der Behörde</source>
        <translation>Office phone</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exportordner (Fachverfahren)</source>
        <translation>Export folder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Importordner des Fachverfahrens, in den exportierte Fälle geschrieben werden.</source>
        <translation>Import folder of the specialist procedure into which exported cases are written.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exportformat</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>xauslaender-folder: Originalnachricht mit Manifest; structured: JSON mit Anhängen.</source>
        <translation>xauslaender-folder: original message with manifest; structured: JSON with attachments.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Postausgangsordner</source>
        <translation>Outbox folder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ordner, aus dem der Intermediär Antworten an den Antragsteller versendet.</source>
        <translation>Folder from which the intermediary sends replies to the applicant.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Eingangsordner</source>
        <translation>Drop folder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ordner, in den der Intermediär eingehende Nachrichten schreibt.</source>
        <translation>Folder into which the intermediary writes incoming messages.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Abrufintervall (Sekunden)</source>
        <translation>Poll interval (seconds)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wie oft der Eingangsordner im Überwachungsmodus geprüft wird.</source>
        <translation>How often the drop folder is checked in watch mode.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wartezeit für unfertige Dateien (Sekunden)</source>
        <translation>Settle time for files being written (seconds)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Eine Datei wird erst übernommen, wenn sie sich so lange nicht verändert hat.</source>
        <translation>A file is taken only once it has not changed for this long.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Höchstgröße einer Nachricht (MB)</source>
        <translation>Maximum message size (MB)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Größere Dateien werden nicht gelesen und in die Quarantäne verschoben.</source>
        <translation>Larger files are not read and are moved to quarantine.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Höchstgröße eines Dokuments (MB)</source>
        <translation>Maximum document size (MB)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Größere eingebettete Dokumente werden nicht gespeichert.</source>
        <translation>Larger embedded documents are not stored.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Höchstgröße eines Bildes (Megapixel)</source>
        <translation>Maximum image size (megapixels)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schutz vor Bildern, die beim Öffnen den Arbeitsspeicher füllen.</source>
        <translation>Protection against images that fill the memory when opened.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wartezeit auf Dokumentenpakete (Stunden)</source>
        <translation>Wait for document packets (hours)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fehlen einer paketierten Dokumentenlieferung nach so vielen Stunden noch Pakete, zeigt der Fall eine Warnung mit den fehlenden Paketnummern.</source>
        <translation>If packets of a packaged document delivery are still missing after this many hours, the case shows a warning with the missing packet numbers.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Erlaubte Uhrzeitabweichung (Minuten)</source>
        <translation>Allowed clock skew (minutes)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nachrichten mit einem Erstellungszeitpunkt weiter in der Zukunft sind fehlerhaft.</source>
        <translation>Messages whose creation time lies further in the future are faulty.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sprache</source>
        <translation>Language</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sprache der Oberfläche.</source>
        <translation>Language of the user interface.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schema-Paket-Ordner</source>
        <translation>Schema pack folder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Optional: ein Ordner mit einem XAusländer-Schema-Paket, das statt der installierten Pakete verwendet wird.</source>
        <translation>Optional: a folder with an XAusländer schema pack used instead of the installed packs.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Aufbewahrung exportierter Fälle (Tage)</source>
        <translation>Retention of exported cases (days)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>So viele Tage nach dem Export werden Nachricht, Anhänge, Notizen und Suchdaten eines Falls gelöscht (ab-inbox purge); ein Protokolleintrag bleibt. Gilt für die ganze Behörde und wird in der Datenbank gespeichert; nur die Administration kann die Frist ändern (1 bis 3650 Tage).</source>
        <translation>So many days after the export, a case&apos;s message, attachments, notes and search data are deleted (ab-inbox purge); an audit entry remains. Applies to the whole office and is kept in the database; only Administration can change it (1 to 3650 days).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>So viele Tage nach „Erledigt“ werden die personenbezogenen Daten eines Falls gelöscht (ab-inbox purge). Gilt für die ganze Behörde und wird in der Datenbank gespeichert; nur die Administration kann die Frist ändern (1 bis 3650 Tage).</source>
        <translation>So many days after “Done”, a case&apos;s personal data are deleted (ab-inbox purge). Applies to the whole office and is kept in the database; only Administration can change it (1 to 3650 days).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>So viele Tage nach „Unzuständig“ werden die personenbezogenen Daten eines Falls gelöscht (ab-inbox purge). Gilt für die ganze Behörde und wird in der Datenbank gespeichert; nur die Administration kann die Frist ändern (1 bis 3650 Tage).</source>
        <translation>So many days after “Not responsible”, a case&apos;s personal data are deleted (ab-inbox purge). Applies to the whole office and is kept in the database; only Administration can change it (1 to 3650 days).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>So viele Tage nach dem Eingang werden die Bytes von Quarantäne-Einträgen und von Dokumentpaketen, deren Nachricht nie eintraf, gelöscht (ab-inbox purge); Grund, Größe und Prüfsumme bleiben. Gilt für die ganze Behörde und wird in der Datenbank gespeichert; nur die Administration kann die Frist ändern (1 bis 3650 Tage).</source>
        <translation>So many days after receipt, the bytes of quarantine entries and of document packets whose message never came are deleted (ab-inbox purge); reason, size and checksum remain. Applies to the whole office and is kept in the database; only Administration can change it (1 to 3650 days).</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Aufbewahrung erledigter Fälle (Tage)</source>
        <translation>Retention of done cases (days)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Aufbewahrung unzuständiger Fälle (Tage)</source>
        <translation>Retention of not-responsible cases (days)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Aufbewahrung von Eingängen ohne Fall (Tage)</source>
        <translation>Retention of input without a case (days)</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>XTA: Adresse des ManagementPort</source>
        <translation>XTA: ManagementPort URL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HTTPS-Adresse des XTA-2-Webservice (ManagementPort, z. B. checkAccountActive), vom Transportdienstleister. Leer: kein Abruf über XTA.</source>
        <translation>HTTPS address of the XTA 2 web service (ManagementPort, e.g. checkAccountActive), from the transport provider. Empty: no fetching over XTA.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>XTA: Adresse des MsgBoxPort</source>
        <translation>XTA: MsgBoxPort URL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HTTPS-Adresse des Postfachs (MsgBoxPort: getStatusList, getMessage, close).</source>
        <translation>HTTPS address of the mailbox (MsgBoxPort: getStatusList, getMessage, close).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>XTA: Adresse des SendXtaPort</source>
        <translation>XTA: SendXtaPort URL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HTTPS-Adresse für den Versand (SendXtaPort); für den Abruf nicht nötig.</source>
        <translation>HTTPS address for sending (SendXtaPort); not needed for fetching.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>XTA: Leser-Kennungen des Postfachs</source>
        <translation>XTA: reader ids</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kennungen, für die das Postfach abgerufen wird (meist die DVDV-Kennung der Behörde). Leer: die DVDV-Kennungen der Behörde.</source>
        <translation>Identifiers the mailbox is fetched for (usually the office&apos;s DVDV identifier). Empty: the office&apos;s DVDV identifiers.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>XTA: Client-Zertifikat (PKCS#12)</source>
        <translation>XTA: client certificate (PKCS#12)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Datei .p12/.pfx mit Zertifikat und Schlüssel der Behörde. Das Passwort liegt nur im Schlüsselbund des Betriebssystems.</source>
        <translation>A .p12/.pfx file with the office&apos;s certificate and key. The password is kept only in the operating system&apos;s keyring.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>XTA: Vertrauenswürdige CA (PEM)</source>
        <translation>XTA: trusted CA bundle (PEM)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CA-Zertifikate, denen beim Server vertraut wird. Leer: die des Betriebssystems.</source>
        <translation>CA certificates trusted for the server. Empty: those of the operating system.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>XTA: Nachrichten je Statusliste</source>
        <translation>XTA: messages per status list</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>So viele Einträge fordert ein getStatusList höchstens an (maxListItems).</source>
        <translation>The most entries one getStatusList asks for (maxListItems).</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../settings_dialog.py" line="+64"/>
        <source>Allgemein</source>
        <translation>General</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Behörde</source>
        <translation>Office</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Eingang und Export</source>
        <translation>Intake and export</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Prüfung und Grenzen</source>
        <translation>Checks and limits</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Aufbewahrung</source>
        <translation>Retention</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transport (XTA 2)</source>
        <translation>Transport (XTA 2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>PKCS#12-Zertifikat (*.p12 *.pfx)</source>
        <translation>PKCS#12 certificate (*.p12 *.pfx)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PEM-Zertifikate (*.pem *.crt *.cer)</source>
        <translation>PEM certificates (*.pem *.crt *.cer)</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Mehrere Einträge durch Komma trennen</source>
        <translation>Separate several entries with commas</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Deutsch</source>
        <translation>German</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Englisch</source>
        <translation>English</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>XAusländer-Nachrichten in einen Ordner</source>
        <translation>XAusländer messages into a folder</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Strukturierte Daten (JSON) in einen Ordner</source>
        <translation>Structured data (JSON) into a folder</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Ordner wählen</source>
        <translation>Choose folder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ordner wählen: %s</source>
        <translation>Choose folder: %s</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Datei wählen</source>
        <translation>Choose file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Datei wählen: %s</source>
        <translation>Choose file: %s</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Einstellungen</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bereiche der Einstellungen</source>
        <translation>Settings sections</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Hinweis zur Aufbewahrung</source>
        <translation>Note on retention</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Die Aufbewahrungsfristen gelten für die ganze Behörde und stehen in der Datenbank; die Administration legt sie fest. Sie werden angezeigt, wenn die Einstellungen aus dem Hauptfenster geöffnet werden.</source>
        <translation>The retention periods apply to the whole office and are kept in the database; Administration sets them. They are shown when the settings are opened from the main window.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Die Aufbewahrungsfristen werden gelesen…</source>
        <translation>Reading the retention periods…</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Seit der Aktualisierung gelten diese Aufbewahrungsfristen für die ganze Behörde (früher die Werte jedes Arbeitsplatzes). Bis sie hier mit OK bestätigt oder geändert sind, wird nichts gelöscht.</source>
        <translation>Since the upgrade these retention periods apply to the whole office (before, each workstation&apos;s values did). Until they are confirmed or changed here with OK, nothing is deleted.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Diese Aufbewahrungsfristen gelten für die ganze Behörde und werden in der Datenbank gespeichert, nicht auf diesem Arbeitsplatz. Jede Änderung wird protokolliert.</source>
        <translation>These retention periods apply to the whole office and are kept in the database, not on this workstation. Every change is recorded in the audit log.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Diese Aufbewahrungsfristen gelten für die ganze Behörde. Nur die Administration kann sie ändern.</source>
        <translation>These retention periods apply to the whole office. Only Administration can change them.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Die Aufbewahrungsfristen konnten nicht gelesen werden: {0}</source>
        <translation>The retention periods could not be read: {0}</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Alle Dateien (*)</source>
        <translation>All files (*)</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Ungültige Einstellung</source>
        <translation>Invalid setting</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>„%s“ hat einen ungültigen Wert. Bitte korrigieren.</source>
        <translation>“%s” has an invalid value. Please correct it.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Aufbewahrungsfristen nicht gespeichert</source>
        <translation>Retention periods not saved</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Einstellungen nicht gespeichert</source>
        <translation>Settings not saved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Die Einstellungsdatei konnte nicht geschrieben werden:
%s</source>
        <translation>The settings file could not be written:
%s</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Einstellungen gespeichert</source>
        <translation>Settings saved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0}: wirkt nach einem Neustart von AB-Inbox.</source>
        <translation>{0}: takes effect after AB-Inbox is restarted.</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../shortcuts_dialog.py" line="+24"/>
        <source>Tastenkürzel</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fenster</source>
        <translation>Window</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Dokumentanzeige</source>
        <translation>Document viewer</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Liste der Tastenkürzel</source>
        <translation>List of keyboard shortcuts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Befehl</source>
        <translation>Command</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Taste</source>
        <translation>Key</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Wo</source>
        <translation>Where</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../i18n.py" line="+33"/>
        <source>Neu</source>
        <translation>New</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In Bearbeitung</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rückfrage</source>
        <translation>Query</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bereit zum Export</source>
        <translation>Ready for export</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exportiert</source>
        <translation>Exported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zurückgestellt</source>
        <translation>Parked</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unzuständig</source>
        <translation>Not responsible</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Erledigt</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>TeamActions</name>
    <message>
        <location filename="../team_actions.py" line="-168"/>
        <source>Nä&amp;chsten Fall übernehmen</source>
        <translation>Take n&amp;ext case</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Den dringendsten nicht zugewiesenen neuen Fall übernehmen</source>
        <translation>Take the most urgent unassigned new case</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Zuweisen…</source>
        <translation>&amp;Assign…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Die ausgewählten Fälle einer Person zuweisen</source>
        <translation>Assign the selected cases to a person</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Arbeitslast…</source>
        <translation>&amp;Workload…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Verteilung und Fristen…</source>
        <translation>&amp;Distribution and deadlines…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Protokoll…</source>
        <translation>Audit &amp;log…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Zur &amp;Löschung fällig…</source>
        <translation>Due for d&amp;eletion…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Benutzer…</source>
        <translation>&amp;Users…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Team</source>
        <translation>&amp;Team</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Kein freier neuer Fall</source>
        <translation>No free new case</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fall {0} übernommen</source>
        <translation>Took case {0}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Kein Fall ausgewählt</source>
        <translation>No case selected</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{0} Fälle zugewiesen an {1}</source>
        <translation>{0} cases assigned to {1}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Zuweisung von {0} Fällen aufgehoben</source>
        <translation>Released the assignment of {0} cases</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Fälle von {0}</source>
        <translation>Cases of {0}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Offene Fälle von {0} (aus der Arbeitslast)</source>
        <translation>Open cases of {0} (from the workload)</translation>
    </message>
</context>
<context>
    <name>ThumbnailModel</name>
    <message>
        <location filename="../viewers/thumbnail_model.py" line="+77"/>
        <source>Seite {page}</source>
        <translation>Page {page}</translation>
    </message>
</context>
<context>
    <name>TransportPanel</name>
    <message>
        <location filename="../transport_page.py" line="+67"/>
        <location line="+13"/>
        <location line="+1"/>
        <source>Zertifikatspasswort</source>
        <translation>Certificate password</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Das Passwort des Client-Zertifikats wird nur im Schlüsselbund des Betriebssystems gespeichert, nie in der Einstellungsdatei.</source>
        <translation>The client certificate&apos;s password is stored only in the operating system&apos;s keyring, never in the settings file.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Im Schlüsselbund speichern</source>
        <translation>Store in keyring</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Ein Passwort ist im Schlüsselbund gespeichert.</source>
        <translation>A password is stored in the keyring.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Im Schlüsselbund ist kein Passwort gespeichert.</source>
        <translation>No password is stored in the keyring.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Passwort fehlt</source>
        <translation>Password missing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bitte das Passwort des Zertifikats eingeben.</source>
        <translation>Please enter the certificate&apos;s password.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Im Schlüsselbund gespeichert.</source>
        <translation>Stored in the keyring.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Schlüsselbund nicht erreichbar</source>
        <translation>Keyring not available</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Das Passwort konnte nicht im Schlüsselbund des Betriebssystems gespeichert werden:
{0}</source>
        <translation>The password could not be stored in the operating system&apos;s keyring:
{0}</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+3"/>
        <source>Verbindung testen</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Prüft die eingegebenen Werte, ohne sie zu speichern; das Passwort kommt aus dem Schlüsselbund.</source>
        <translation>Checks the values as entered without saving them; the password comes from the keyring.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Der Test ist nur aus dem Hauptfenster möglich.</source>
        <translation>The test is only available from the main window.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Zertifikat</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gültig bis</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Postfach</source>
        <translation>Mailbox</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Verbindung wird geprüft …</source>
        <translation>Checking the connection …</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Test abgeschlossen.</source>
        <translation>Test finished.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>dd.MM.yyyy</source>
        <translation>yyyy-MM-dd</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} – abgelaufen</source>
        <translation>{0} – expired</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>{0} (noch %n Tag(e))</source>
        <translation>
            <numerusform>{0} (%n day left)</numerusform>
            <numerusform>{0} (%n days left)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Test fehlgeschlagen.</source>
        <translation>Test failed.</translation>
    </message>
    <message>
        <location line="-146"/>
        <location line="+150"/>
        <source>Unerwarteter Fehler: {0}</source>
        <translation>Unexpected error: {0}</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <location filename="../users_dialog.py" line="+31"/>
        <location line="+123"/>
        <source>Benutzer</source>
        <translation>Users</translation>
    </message>
    <message>
        <location line="-120"/>
        <source>Anmeldung</source>
        <translation>Login</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rolle</source>
        <translation>Role</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Aktiv</source>
        <translation>Active</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Benutzerliste</source>
        <translation>User list</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Anmeldung des neuen Benutzers</source>
        <translation>Login of the new user</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Betriebssystem-Anmeldung</source>
        <translation>Operating system login</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Anzeigename</source>
        <translation>Display name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rolle des neuen Benutzers</source>
        <translation>Role of the new user</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Hinzufügen</source>
        <translation>&amp;Add</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Benutzer hinzufügen</source>
        <translation>Add user</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Anmeldung:</source>
        <translation>Login:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rolle:</source>
        <translation>Role:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rolle des ausgewählten Benutzers</source>
        <translation>Role of the selected user</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rolle ä&amp;ndern</source>
        <translation>Cha&amp;nge role</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rolle ändern</source>
        <translation>Change role</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+66"/>
        <source>&amp;Deaktivieren</source>
        <translation>&amp;Deactivate</translation>
    </message>
    <message>
        <location line="-65"/>
        <source>Aktivieren oder deaktivieren</source>
        <translation>Activate or deactivate</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ausgewählt:</source>
        <translation>Selected:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Ergebnis</source>
        <translation>Result</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>ja</source>
        <translation>yes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>nein</source>
        <translation>no</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>&amp;Aktivieren</source>
        <translation>&amp;Activate</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Benutzer {0} hinzugefügt</source>
        <translation>User {0} added</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Ihre eigene Rolle ({0}) in „{1}“ ändern? Damit ändern sich sofort Ihre eigenen Rechte.</source>
        <translation>Change your own role ({0}) to “{1}”? Your own rights change at once.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Rolle von {0} geändert</source>
        <translation>Role of {0} changed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} hat diese Rolle schon</source>
        <translation>{0} already has this role</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Ihre eigene Anmeldung ({0}) deaktivieren? Danach können Sie AB-Inbox nicht mehr benutzen.</source>
        <translation>Deactivate your own login ({0})? You will no longer be able to use AB-Inbox.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{0} aktiviert</source>
        <translation>{0} activated</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} ist schon aktiv</source>
        <translation>{0} is already active</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} deaktiviert</source>
        <translation>{0} deactivated</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} ist schon deaktiviert</source>
        <translation>{0} is already deactivated</translation>
    </message>
</context>
<context>
    <name>ViewerBase</name>
    <message>
        <location filename="../viewers/viewer_base.py" line="+52"/>
        <source>(ohne Namen)</source>
        <translation>(no name)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Werkzeugleiste der Vorschau</source>
        <translation>Preview toolbar</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Weitere Werkzeuge</source>
        <translation>More tools</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Weitere Werkzeuge, die nicht in die Leiste passen</source>
        <translation>More tools that do not fit in the toolbar</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Hinweis zur Datei</source>
        <translation>Note on the file</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Speichern unter…</source>
        <translation>Save as…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Die Originaldatei speichern; das Speichern wird protokolliert</source>
        <translation>Save the original file; saving is logged</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Verkleinern</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ansicht verkleinern</source>
        <translation>Zoom out of the view</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Zoomstufe</source>
        <translation>Zoom level</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Aktuelle Zoomstufe</source>
        <translation>Current zoom level</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Vergrößern</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ansicht vergrößern (höchstens 400 %)</source>
        <translation>Zoom into the view (at most 400%)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Suchen</source>
        <translation>Find</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zum Suchfeld</source>
        <translation>Go to the search field</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nächster Treffer</source>
        <translation>Next match</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zum nächsten Treffer</source>
        <translation>Go to the next match</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Vorheriger Treffer</source>
        <translation>Previous match</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zum vorherigen Treffer</source>
        <translation>Go to the previous match</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>„{name}“ wird geladen …</source>
        <translation>Loading “{name}” …</translation>
    </message>
</context>
<context>
    <name>WorkloadDialog</name>
    <message>
        <location filename="../workload_dialog.py" line="+21"/>
        <source>Arbeitslast</source>
        <translation>Workload</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Bearbeitung</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offen</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Überfällig</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ältester Eingang</source>
        <translation>Oldest receipt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Arbeitslast je Person</source>
        <translation>Workload per person</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Doppelklick oder Eingabetaste auf einer Zeile zeigt die offenen Fälle dieser Person.</source>
        <translation>Double-click or Enter on a row shows that person&apos;s open cases.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Fälle &amp;zeigen</source>
        <translation>&amp;Show cases</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offene Fälle der Person zeigen</source>
        <translation>Show the person&apos;s open cases</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Nicht zugewiesen</source>
        <translation>Unassigned</translation>
    </message>
</context>
<context>
    <name>XmlViewer</name>
    <message>
        <location filename="../viewers/xml_viewer.py" line="+89"/>
        <source>XML-Text</source>
        <translation>XML text</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Hinweis zur Anzeige</source>
        <translation>Display notice</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Kleinere Schrift</source>
        <translation>Smaller font</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schrift verkleinern</source>
        <translation>Decrease the font size</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Größere Schrift</source>
        <translation>Larger font</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schrift vergrößern</source>
        <translation>Increase the font size</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Normale Schrift</source>
        <translation>Normal font size</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schriftgröße zurücksetzen</source>
        <translation>Reset the font size</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Zeilenumbruch</source>
        <translation>Wrap lines</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lange Zeilen umbrechen</source>
        <translation>Wrap long lines</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Die XML-Datei „{name}“ ist zu groß ({size} MB, höchstens {limit} MB) und wird nicht angezeigt.</source>
        <translation>The XML file “{name}” is too large ({size} MB, at most {limit} MB) and is not shown.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> … [{count} weitere Zeichen nicht angezeigt]</source>
        <translation> … [{count} more characters not shown]</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Einige Bytes passen nicht zur Zeichenkodierung {encoding}; sie werden als � angezeigt.</source>
        <translation>Some bytes do not match the character encoding {encoding}; they are shown as �.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sehr lange Zeilen (etwa eingebettete Dokumente) sind gekürzt; „Speichern unter…“ sichert die vollständige Datei.</source>
        <translation>Very long lines (such as embedded documents) are shortened; “Save as…” saves the complete file.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Große Datei: ohne Farbhervorhebung angezeigt.</source>
        <translation>Large file: shown without syntax highlighting.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Die XML-Datei „{name}“ kann nicht angezeigt werden.</source>
        <translation>The XML file “{name}” cannot be shown.</translation>
    </message>
</context>
</TS>
