<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="de">
<context>
    <name>CaseView</name>
    <message>
        <location filename="../case_view.py" line="+40"/>
        <location line="+59"/>
        <source>Kein Fall ausgewählt</source>
        <translation>No case selected</translation>
    </message>
    <message>
        <location line="-57"/>
        <source>Fallkopf</source>
        <translation>Case header</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fallansicht</source>
        <translation>Case view</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Antrag</source>
        <translation>Application</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Antrag</source>
        <translation>&amp;Application</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Dokumente</source>
        <translation>&amp;Documents</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;XML</source>
        <translation>&amp;XML</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Notizen</source>
        <translation>&amp;Notes</translation>
    </message>
    <message>
        <location line="+10"/>
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
        <location line="+12"/>
        <source>Notizen zum Fall</source>
        <translation>Notes on the case</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Interne Notiz (nur für die Behörde)</source>
        <translation>Internal note (for the office only)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Neue Notiz</source>
        <translation>New note</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>Notiz speichern</source>
        <translation>Save note</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>(ohne Namen)</source>
        <translation>(no name)</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../queue_model.py" line="+147"/>
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
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../settings_dialog.py" line="+72"/>
        <source>Mehrere Einträge durch Komma trennen</source>
        <translation>Separate several entries with commas</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Ordner wählen</source>
        <translation>Choose folder</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ordner wählen: %s</source>
        <translation>Choose folder: %s</translation>
    </message>
    <message>
        <location line="+42"/>
        <location line="+14"/>
        <source>Einstellungen</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Ungültige Einstellung</source>
        <translation>Invalid setting</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>„%s“ hat einen ungültigen Wert. Bitte korrigieren.</source>
        <translation>“%s” has an invalid value. Please correct it.</translation>
    </message>
    <message>
        <location line="+8"/>
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
        <location line="+9"/>
        <source>Zugangsdaten</source>
        <translation>Credentials</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Zugangsdaten werden nur im Schlüsselbund des Betriebssystems gespeichert, nie in der Einstellungsdatei.</source>
        <translation>Credentials are stored only in the operating system&apos;s keyring, never in the settings file.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>XTA-Benutzer</source>
        <translation>XTA user</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>XTA-Passwort</source>
        <translation>XTA password</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Im Schlüsselbund speichern</source>
        <translation>Store in keyring</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Zugangsdaten unvollständig</source>
        <translation>Credentials incomplete</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bitte XTA-Benutzer und Passwort eingeben.</source>
        <translation>Please enter the XTA user and password.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Schlüsselbund nicht erreichbar</source>
        <translation>Keyring not available</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Die Zugangsdaten konnten nicht im Schlüsselbund des Betriebssystems gespeichert werden.</source>
        <translation>The credentials could not be stored in the operating system&apos;s keyring.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Im Schlüsselbund gespeichert.</source>
        <translation>Stored in the keyring.</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../i18n.py" line="+29"/>
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
</TS>
