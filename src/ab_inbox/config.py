"""Settings, declared once: name, type, default, German title and help.

The CLI, the settings dialog and the documentation are all built from `SETTINGS`. The settings
file is JSON with a version number, migrated forward when the declaration changes. Credentials
never live here; they go to the OS keyring.

`OFFICE_RETENTION` declares the retention periods the same way, but they are not workstation
settings: they decide when personal data is deleted, so the whole office must use the same
values. They live in the store (store/office_settings.py), are changed only by Administration
through the core (Inbox.set_retention, audited), and a settings file that still holds them
from an older version loads without them.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any, NamedTuple

import platformdirs

APP_NAME = "ab-inbox"
SETTINGS_VERSION = 2


class Setting(NamedTuple):
    name: str
    type: type
    default: Any
    title_de: str
    help_de: str
    title_en: str
    choices: tuple = ()
    # (lowest, highest) a number may be: beyond them the application stops working as meant
    # (a poll interval of 0 spins a core, a size cap of 0 rejects every message).
    limits: tuple[float, float] | None = None


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "office_dvdv_ids",
        list,
        [],
        "DVDV-Kennungen der Behörde",
        "Kennungen (leser/kennung), unter denen diese Ausländerbehörde Nachrichten empfängt. "
        "Abweichende Empfänger werden als Hinweis angezeigt.",
        "Office DVDV ids",
    ),
    Setting(
        "office_name",
        str,
        "Ausländerbehörde",
        "Name der Behörde",
        "Erscheint im Briefkopf der PDF-Zusammenfassung und als Absender der Antworten.",
        "Office name",
    ),
    Setting(
        "office_street",
        str,
        "",
        "Straße und Hausnummer der Behörde",
        "Anschrift für Briefkopf und Antworten.",
        "Office street",
    ),
    Setting(
        "office_postcode",
        str,
        "",
        "Postleitzahl der Behörde",
        "Anschrift für Briefkopf und Antworten.",
        "Office postcode",
    ),
    Setting(
        "office_city",
        str,
        "",
        "Ort der Behörde",
        "Anschrift für Briefkopf und Antworten.",
        "Office city",
    ),
    Setting(
        "office_email",
        str,
        "",
        "E-Mail-Adresse der Behörde",
        "Erreichbarkeit im Kopf jeder Antwort (die Antwort braucht E-Mail oder Telefon).",
        "Office e-mail",
    ),
    Setting(
        "office_phone",
        str,
        "",
        "Telefonnummer der Behörde",
        "Erreichbarkeit im Kopf jeder Antwort (die Antwort braucht E-Mail oder Telefon).",
        "Office phone",
    ),
    Setting(
        "export_folder",
        str,
        "",
        "Exportordner (Fachverfahren)",
        "Importordner des Fachverfahrens, in den exportierte Fälle geschrieben werden.",
        "Export folder",
    ),
    Setting(
        "exporter",
        str,
        "xauslaender-folder",
        "Exportformat",
        "xauslaender-folder: Originalnachricht mit Manifest; structured: JSON mit Anhängen.",
        "Exporter",
        choices=("xauslaender-folder", "structured"),
    ),
    Setting(
        "outbox_folder",
        str,
        "",
        "Postausgangsordner",
        "Ordner, aus dem der Intermediär Antworten an den Antragsteller versendet.",
        "Outbox folder",
    ),
    Setting(
        "drop_folder",
        str,
        "",
        "Eingangsordner",
        "Ordner, in den der Intermediär eingehende Nachrichten schreibt.",
        "Drop folder",
    ),
    Setting(
        "poll_interval_s",
        float,
        5.0,
        "Abrufintervall (Sekunden)",
        "Wie oft der Eingangsordner im Überwachungsmodus geprüft wird.",
        "Poll interval (seconds)",
        limits=(0.5, 3600.0),
    ),
    Setting(
        "settle_s",
        float,
        1.0,
        "Wartezeit für unfertige Dateien (Sekunden)",
        "Eine Datei wird erst übernommen, wenn sie sich so lange nicht verändert hat.",
        "Settle time for files being written (seconds)",
        limits=(0.0, 600.0),
    ),
    Setting(
        "max_message_mb",
        int,
        64,
        "Höchstgröße einer Nachricht (MB)",
        "Größere Dateien werden nicht gelesen und in die Quarantäne verschoben.",
        "Maximum message size (MB)",
        limits=(1, 4096),
    ),
    Setting(
        "max_attachment_mb",
        int,
        25,
        "Höchstgröße eines Dokuments (MB)",
        "Größere eingebettete Dokumente werden nicht gespeichert.",
        "Maximum document size (MB)",
        limits=(1, 4096),
    ),
    Setting(
        "max_image_megapixels",
        int,
        120,
        "Höchstgröße eines Bildes (Megapixel)",
        "Schutz vor Bildern, die beim Öffnen den Arbeitsspeicher füllen.",
        "Maximum image size (megapixels)",
        limits=(1, 1000),
    ),
    Setting(
        "packet_wait_hours",
        int,
        24,
        "Wartezeit auf Dokumentenpakete (Stunden)",
        "Fehlen einer paketierten Dokumentenlieferung nach so vielen Stunden noch Pakete, "
        "zeigt der Fall eine Warnung mit den fehlenden Paketnummern.",
        "Wait for document packets (hours)",
        limits=(1, 720),
    ),
    Setting(
        "clock_skew_minutes",
        int,
        5,
        "Erlaubte Uhrzeitabweichung (Minuten)",
        "Nachrichten mit einem Erstellungszeitpunkt weiter in der Zukunft sind fehlerhaft.",
        "Allowed clock skew (minutes)",
        limits=(0, 1440),
    ),
    Setting(
        "language",
        str,
        "de",
        "Sprache",
        "Sprache der Oberfläche.",
        "Language",
        choices=("de", "en"),
    ),
    Setting(
        "schemas_dir",
        str,
        "",
        "Schema-Paket-Ordner",
        "Optional: ein Ordner mit einem XAusländer-Schema-Paket, das statt der "
        "installierten Pakete verwendet wird.",
        "Schema pack folder",
    ),
    Setting(
        "xta_management_url",
        str,
        "",
        "XTA: Adresse des ManagementPort",
        "HTTPS-Adresse des XTA-2-Webservice (ManagementPort, z. B. checkAccountActive), vom "
        "Transportdienstleister. Leer: kein Abruf über XTA.",
        "XTA: ManagementPort URL",
    ),
    Setting(
        "xta_msgbox_url",
        str,
        "",
        "XTA: Adresse des MsgBoxPort",
        "HTTPS-Adresse des Postfachs (MsgBoxPort: getStatusList, getMessage, close).",
        "XTA: MsgBoxPort URL",
    ),
    Setting(
        "xta_send_url",
        str,
        "",
        "XTA: Adresse des SendXtaPort",
        "HTTPS-Adresse für den Versand (SendXtaPort); für den Abruf nicht nötig.",
        "XTA: SendXtaPort URL",
    ),
    Setting(
        "xta_reader_ids",
        list,
        [],
        "XTA: Leser-Kennungen des Postfachs",
        "Kennungen, für die das Postfach abgerufen wird (meist die DVDV-Kennung der Behörde). "
        "Leer: die DVDV-Kennungen der Behörde.",
        "XTA: reader ids",
    ),
    Setting(
        "xta_certificate_file",
        str,
        "",
        "XTA: Client-Zertifikat (PKCS#12)",
        "Datei .p12/.pfx mit Zertifikat und Schlüssel der Behörde. Das Passwort liegt nur im "
        "Schlüsselbund des Betriebssystems.",
        "XTA: client certificate (PKCS#12)",
    ),
    Setting(
        "xta_ca_file",
        str,
        "",
        "XTA: Vertrauenswürdige CA (PEM)",
        "CA-Zertifikate, denen beim Server vertraut wird. Leer: die des Betriebssystems.",
        "XTA: trusted CA bundle (PEM)",
    ),
    Setting(
        "xta_max_list_items",
        int,
        100,
        "XTA: Nachrichten je Statusliste",
        "So viele Einträge fordert ein getStatusList höchstens an (maxListItems).",
        "XTA: messages per status list",
        limits=(1, 10_000),
    ),
)
_BY_NAME = {s.name: s for s in SETTINGS}

RETENTION_MIN_DAYS = 1
RETENTION_MAX_DAYS = 3650
_RETENTION_HELP_END = (
    " Gilt für die ganze Behörde und wird in der Datenbank gespeichert; nur die Administration "
    f"kann die Frist ändern ({RETENTION_MIN_DAYS} bis {RETENTION_MAX_DAYS} Tage)."
)

OFFICE_RETENTION: tuple[Setting, ...] = (
    Setting(
        "retention_days_exported",
        int,
        90,
        "Aufbewahrung exportierter Fälle (Tage)",
        "So viele Tage nach dem Export werden Nachricht, Anhänge, Notizen und Suchdaten eines "
        "Falls gelöscht (ab-inbox purge); ein Protokolleintrag bleibt." + _RETENTION_HELP_END,
        "Retention of exported cases (days)",
    ),
    Setting(
        "retention_days_done",
        int,
        90,
        "Aufbewahrung erledigter Fälle (Tage)",
        "So viele Tage nach „Erledigt“ werden die personenbezogenen Daten eines Falls "
        "gelöscht (ab-inbox purge)." + _RETENTION_HELP_END,
        "Retention of done cases (days)",
    ),
    Setting(
        "retention_days_not_responsible",
        int,
        30,
        "Aufbewahrung unzuständiger Fälle (Tage)",
        "So viele Tage nach „Unzuständig“ werden die personenbezogenen Daten eines Falls "
        "gelöscht (ab-inbox purge)." + _RETENTION_HELP_END,
        "Retention of not-responsible cases (days)",
    ),
    Setting(
        "retention_days_stray_input",
        int,
        30,
        "Aufbewahrung von Eingängen ohne Fall (Tage)",
        "So viele Tage nach dem Eingang werden die Bytes von Quarantäne-Einträgen und von "
        "Dokumentpaketen, deren Nachricht nie eintraf, gelöscht (ab-inbox purge); Grund, Größe "
        "und Prüfsumme bleiben." + _RETENTION_HELP_END,
        "Retention of input without a case (days)",
    ),
)
RETENTION_BY_NAME = {s.name: s for s in OFFICE_RETENTION}


def data_dir() -> Path:
    """Where the database and installed schema packs live (AB_INBOX_DATA overrides)."""
    override = os.environ.get("AB_INBOX_DATA")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, False))


def settings_path() -> Path:
    override = os.environ.get("AB_INBOX_CONFIG")
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME, False)) / "settings.json"


def default_db_path() -> Path:
    override = os.environ.get("AB_INBOX_DB")
    return Path(override) if override else data_dir() / "ab-inbox.sqlite3"


def installed_schemas_dir() -> Path:
    return data_dir() / "schemas"


def _coerce(setting: Setting, value: Any, clamp: bool = False) -> Any:
    """The value as the setting's type; ValueError (naming the setting) for a value of
    another shape, a choice not offered, or a number that is not finite or beyond limits.
    With `clamp` (a file being read), a number beyond its limits becomes the nearest limit:
    a file written before the limits existed keeps working, and `settings set` can repair
    it."""
    if setting.type is list:
        if isinstance(value, str):
            return [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, list):
            raise ValueError(f"{setting.name}: {value!r} is not a list")
        return [str(v) for v in value]
    if isinstance(value, bool | dict | list) or value is None:
        raise ValueError(f"{setting.name}: {value!r} is not a {setting.type.__name__}")
    try:
        coerced = setting.type(value)
    except (TypeError, ValueError, OverflowError):  # OverflowError: int(float("inf"))
        raise ValueError(f"{setting.name}: {value!r} is not a {setting.type.__name__}") from None
    if setting.choices and coerced not in setting.choices:
        raise ValueError(f"{setting.name}: {coerced!r} not in {setting.choices}")
    if setting.limits is not None:
        low, high = setting.limits
        if not math.isfinite(coerced):
            raise ValueError(f"{setting.name}: {coerced!r} is not a finite number")
        if clamp:
            return setting.type(min(max(coerced, low), high))
        if not low <= coerced <= high:
            raise ValueError(f"{setting.name}: {coerced!r} is not between {low} and {high}")
    return coerced


def _migrate(data: dict) -> dict:
    """Settings files from older versions are brought forward here, one step per version."""
    version = data.get("settings_version", 1)
    if not isinstance(version, int):
        version = 1
    if version < 2:
        # Version 1 kept retention periods per workstation; they now belong to the office and
        # live in the store, so a value left here would only mislead whoever reads the file.
        values = data.get("values", {})
        data["values"] = {k: v for k, v in values.items() if k not in RETENTION_BY_NAME}
    data["settings_version"] = max(version, SETTINGS_VERSION)
    return data


class Settings:
    """The values set (by name); a setting not set reads as its declared default.

    A plain class: as a dataclass it cost the desktop's start-up 2.4 ms (the dataclasses
    module and the generated methods) for one field."""

    def __init__(self, values: dict[str, Any] | None = None):
        self.values: dict[str, Any] = {} if values is None else values

    def __repr__(self) -> str:
        return f"Settings(values={self.values!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Settings) and other.values == self.values

    __hash__ = None  # mutable, like the dataclass it was

    def __getattr__(self, name: str) -> Any:
        if name in _BY_NAME:
            value = self.values.get(name, _BY_NAME[name].default)
            return list(value) if isinstance(value, list) else value
        raise AttributeError(name)

    def set(self, name: str, value: Any) -> None:
        if name not in _BY_NAME:
            raise KeyError(name)
        self.values[name] = _coerce(_BY_NAME[name], value)

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        path = path or settings_path()
        if not path.is_file():
            return cls()
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("values", {}), dict):
            raise ValueError("the settings file holds no object with an object of values")
        data = _migrate(data)
        values = {}
        for name, value in data.get("values", {}).items():
            if name in _BY_NAME:
                values[name] = _coerce(_BY_NAME[name], value, clamp=True)
        return cls(values)

    def save(self, path: Path | None = None) -> None:
        path = path or settings_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(
            json.dumps({"settings_version": SETTINGS_VERSION, "values": self.values}, indent=2),
            encoding="utf-8",
        )
        os.replace(tmp, path)
