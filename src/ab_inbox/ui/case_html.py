"""The case rendered as readable HTML sections for the case view.

Everything from a message is untrusted text from outside the office: it is escaped here, in one
place, before Qt's rich-text renderer sees it. Codes show their German label, with the code
itself on hover.
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ab_inbox.ui.i18n import (
    SOURCE_LANGUAGE,
    current_language,
    local_date,
    local_time,
    tr_status,
    type_title,
)
from ab_inbox.xauslaender.record import heading_role, role_numbers

STYLE = """
<style>
h2 { font-size: 13pt; margin: 10px 0 4px 0; color: #1f3a5f; }
h3 { font-size: 10.5pt; margin: 6px 0 2px 0; color: #1f3a5f; }
table.f td { padding: 1px 8px 1px 0; vertical-align: top; }
td.k { color: #555; white-space: nowrap; }
.err { color: #b00020; } .warn { color: #8a5a00; } .muted { color: #777; }
</style>
"""


def _v(value) -> str:
    if value in (None, "", []):
        return "<span class='muted'>–</span>"
    return escape(str(value))


def _code(value: dict | None) -> str:
    if not value:
        return _v(None)
    label = value.get("label") or value.get("code")
    return f"<span title='{escape(str(value.get('code')))}'>{escape(str(label))}</span>"


# The schema pack's labels for the case being rendered (see Inbox.schema_labels).
_LABELS: ContextVar[object | None] = ContextVar("schema_labels", default=None)


def _title(element: str, fallback: str) -> str:
    labels = _LABELS.get()
    return labels.title(element, fallback) if labels is not None else fallback


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
PERSON_TYPES = ("130101", "130301")  # their applicant is the element angabenZurPerson


def _pack_title(element: str, translated: str) -> str:
    """The schema pack's own title in the German interface; the translation otherwise
    (the pack speaks German only)."""
    if current_language() != SOURCE_LANGUAGE:
        return translated
    return _title(element, translated) if element else translated


def _fields(pairs: list[tuple]) -> str:
    """Rows of label and value; a third item names the schema element whose help text the
    pack gives, shown when the pointer rests on the label."""
    labels = _LABELS.get()
    rows = []
    for pair in pairs:
        key, value = pair[0], pair[1]
        help_text = labels.help(pair[2]) if labels is not None and len(pair) > 2 else None
        label = escape(key)
        if help_text:  # Qt shows a span's title as the tooltip of its text
            label = f"<span title='{escape(help_text, quote=True)}'>{label}</span>"
        rows.append(f"<tr><td class='k'>{label}</td><td>{value}</td></tr>")
    return f"<table class='f'>{''.join(rows)}</table>"


# Each person's heading per role of the record (the German is the core's
# PERSON_ROLE_TITLES_DE), and the element whose title and help the pack may give for it.
_ROLES: dict[str, tuple[str, str]] = {
    "applicant": (QT_TRANSLATE_NOOP("CaseHtml", "Person"), ""),
    "representative": (QT_TRANSLATE_NOOP("CaseHtml", "Vertreter/in"), "antragstellerVertreter"),
    "employer_representative": (
        QT_TRANSLATE_NOOP("CaseHtml", "Vertretung des Arbeitgebers"),
        "vertreter",
    ),
    "signatory": (
        QT_TRANSLATE_NOOP("CaseHtml", "Vertretungsberechtigte Person"),
        "vertretungsberechtigtePerson",
    ),
    "reference_person": (QT_TRANSLATE_NOOP("CaseHtml", "Referenzperson"), "referenzperson"),
    "family_member": (
        QT_TRANSLATE_NOOP("CaseHtml", "Familienangehörige Person"),
        "familienangehoerige",
    ),
    "guest": (QT_TRANSLATE_NOOP("CaseHtml", "Gast"), "gast"),
    "host": (QT_TRANSLATE_NOOP("CaseHtml", "Gastgeber/in"), "gastgeber"),
    "worker": (QT_TRANSLATE_NOOP("CaseHtml", "Fachkraft"), "fachkraft"),
    "employer": (QT_TRANSLATE_NOOP("CaseHtml", "Arbeitgeber"), "arbeitgeber"),
    "collector": (
        QT_TRANSLATE_NOOP("CaseHtml", "Abholberechtigte Person"),
        "abholberechtigtePerson",
    ),
}


def role_title(role: str | None) -> str:
    """The heading of a person of this role in the UI language."""
    known = _ROLES.get(role or "")
    if known is None:
        return QCoreApplication.translate("CaseHtml", "Person")
    return QCoreApplication.translate("CaseHtml", known[0])


def _person(person: dict) -> str:
    if person.get("organisation"):  # a firm or institution: a name and nothing personal
        pairs = [(QCoreApplication.translate("CaseHtml", "Name"), _v(person.get("family_name")))]
        if person.get("relation"):
            pairs.append(
                (QCoreApplication.translate("CaseHtml", "Beziehung"), _code(person["relation"]))
            )
        return _fields(pairs)
    pairs = [
        (
            QCoreApplication.translate("CaseHtml", "Familienname"),
            _v(person.get("family_name")),
            "familienname",
        ),
        (
            QCoreApplication.translate("CaseHtml", "Vornamen"),
            _v(person.get("given_names")),
            "vorname",
        ),
    ]
    if person.get("birth_name"):
        pairs.append(
            (QCoreApplication.translate("CaseHtml", "Geburtsname"), _v(person["birth_name"]))
        )
    pairs += [
        (
            QCoreApplication.translate("CaseHtml", "Geburtsdatum"),
            _v(_partial_date(person.get("birth_date"))),
            "tagDerGeburt",
        ),
        (
            QCoreApplication.translate("CaseHtml", "Geburtsort"),
            _v(person.get("birth_place")),
            "geburtsort",
        ),
        (
            QCoreApplication.translate("CaseHtml", "Geschlecht"),
            _code(person.get("sex")),
            "geschlecht",
        ),
        (
            QCoreApplication.translate("CaseHtml", "Staatsangehörigkeit"),
            ", ".join(_code(n) for n in person.get("nationalities") or []) or _v(None),
            "staatsangehoerigkeit",
        ),
    ]
    if person.get("firm"):
        pairs.append((QCoreApplication.translate("CaseHtml", "Firma"), _v(person["firm"]), "firma"))
    if person.get("relation"):
        pairs.append(
            (QCoreApplication.translate("CaseHtml", "Beziehung"), _code(person["relation"]))
        )
    return _fields(pairs)


def _role_heading(role: str | None, number: int | None = None) -> str:
    """The heading of a person's part: its role (the pack's title where it has one),
    numbered where the role comes more than once; the pack's help on it shows on hover."""
    element = _ROLES.get(role or "", ("", ""))[1]
    title = escape(_pack_title(element, role_title(role)) + (f" {number}" if number else ""))
    labels = _LABELS.get()
    help_text = labels.help(element) if labels is not None and element else None
    if help_text:
        title = f"<span title='{escape(help_text, quote=True)}'>{title}</span>"
    return title


def _people(type_code: str | None, people: list[dict]) -> str:
    roles = [heading_role(type_code, person.get("role")) for person in people]
    return "".join(
        f"<h3>{_role_heading(role, number)}</h3>{_person(person)}"
        for person, role, number in zip(people, roles, role_numbers(roles), strict=True)
    )


def _applicant_title(record: dict) -> str:
    """The applications' pack title ("Angaben zur Person"), else the applicant's role (the
    host of a declaration of commitment, the skilled worker)."""
    if record.get("type_code") in PERSON_TYPES:
        return _pack_title("angabenZurPerson", role_title("applicant"))
    return role_title(record["applicant"].get("role"))


def _detail(value):
    """A detail's value as sent, except that a date (xs:date, "2026-10-29") reads in German
    order like every other date on screen; no real date ("2026-02-30") stays as sent."""
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        try:
            return local_date(value)
        except ValueError:
            return value
    return value


def _partial_date(value: str | None) -> str | None:
    """'1990' / '1990-05' / '1990-05-20' in German order; unknown parts stay unknown."""
    if not value:
        return None
    parts = value.split("-")
    if len(parts) == 3:
        return f"{parts[2]}.{parts[1]}.{parts[0]}"
    if len(parts) == 2:
        unknown = QCoreApplication.translate("CaseHtml", "Tag unbekannt")
        return f"{parts[1]}/{parts[0]} ({unknown})"
    unknown = QCoreApplication.translate("CaseHtml", "Tag und Monat unbekannt")
    return f"{parts[0]} ({unknown})"


def _section(title: str, body: str) -> str:
    return f"<h2>{escape(title)}</h2>{body}"


def render_case(case: dict, labels=None) -> str:
    """HTML for a case as returned by Inbox.case(); `labels` from Inbox.schema_labels()."""
    token = _LABELS.set(labels)
    try:
        return _render_case(case)
    finally:
        _LABELS.reset(token)


def _render_case(case: dict) -> str:
    messages = case.get("messages") or []
    lead = next(
        (m for m in messages if m["id"] == case.get("application_message_id")),
        messages[0] if messages else None,
    )
    record = lead["record"] if lead else {}
    out = [STYLE]
    invalid = any(f["severity"] == "error" for m in messages for f in m.get("findings") or [])
    if invalid:  # why the case is invalid is the first thing a caseworker needs to see
        out.append(
            _section(QCoreApplication.translate("CaseHtml", "Prüfergebnis"), _findings(messages))
        )
    out.append(
        _section(
            QCoreApplication.translate("CaseHtml", "Antrag"),
            _fields(
                [
                    (
                        QCoreApplication.translate("CaseHtml", "Typ"),
                        _v(type_title(case.get("type_code")) or case.get("type_title")),
                    ),
                    (
                        QCoreApplication.translate("CaseHtml", "Antragsidentifikation"),
                        _v(case.get("antragsidentifikation")),
                    ),
                    (
                        QCoreApplication.translate("CaseHtml", "Eingang"),
                        _v(case.get("received_at") and local_time(case["received_at"], True)),
                    ),
                    (
                        QCoreApplication.translate("CaseHtml", "Fällig"),
                        _v(case.get("due_at") and local_time(case["due_at"])),
                    ),
                    (
                        QCoreApplication.translate("CaseHtml", "Status"),
                        _v(tr_status(case.get("status") or "")),
                    ),
                    (
                        QCoreApplication.translate("CaseHtml", "Bearbeitung"),
                        _v(case.get("assignee")),
                    ),
                    (
                        QCoreApplication.translate("CaseHtml", "Wiedervorlage"),
                        _v(case.get("follow_up_date") and local_date(case["follow_up_date"])),
                    ),
                    (
                        QCoreApplication.translate("CaseHtml", "Rückkanal"),
                        _v(_yes_no(record.get("rueckkanal_vorhanden"))),
                    ),
                ]
                + [
                    (QCoreApplication.translate("CaseHtml", "Grund"), _code(r))
                    for r in record.get("reasons") or []
                ]
                + [(k, _v(_detail(v))) for k, v in (record.get("details") or {}).items()]
            ),
        )
    )
    if record.get("applicant"):
        out.append(_section(_applicant_title(record), _person(record["applicant"])))
    if record.get("representative"):
        representative = record["representative"]
        role = heading_role(record.get("type_code"), representative.get("role"))
        out.append(f"<h2>{_role_heading(role)}</h2>{_person(representative)}")
    refs = record.get("reference_persons") or []
    if refs:
        title = QCoreApplication.translate("CaseHtml", "Referenzpersonen")
        out.append(_section(title, _people(record.get("type_code"), refs)))
    out.append(
        _section(
            QCoreApplication.translate("CaseHtml", "Dokumente"),
            _documents(messages) + _deliveries(case.get("deliveries") or []),
        )
    )
    out.append(
        _section(QCoreApplication.translate("CaseHtml", "Verlauf"), _history(case, messages))
    )
    if not invalid:
        out.append(
            _section(QCoreApplication.translate("CaseHtml", "Prüfergebnis"), _findings(messages))
        )
    return "".join(out)


def _yes_no(value) -> str | None:
    if value is None:
        return None
    if value:
        return QCoreApplication.translate("CaseHtml", "ja")
    return QCoreApplication.translate("CaseHtml", "nein")


def _documents(messages: list[dict]) -> str:
    rows = []
    for message in messages:
        for a in message.get("attachments") or []:
            name = (
                a.get("file_name")
                or a.get("label")
                or QCoreApplication.translate("CaseHtml", "(ohne Namen)")
            )
            state = {
                "stored": QCoreApplication.translate("CaseHtml", "vorhanden"),
                "awaited": QCoreApplication.translate("CaseHtml", "wird nachgeliefert"),
                "blocked": QCoreApplication.translate("CaseHtml", "gesperrt"),
            }.get(a["state"], a["state"])
            size = f"{a['size'] / 1024:.0f} KB" if a.get("size") else ""
            rows.append(
                f"<tr><td>{escape(name)}</td><td>{escape(a.get('label') or '')}</td>"
                f"<td>{escape(a.get('mime') or a.get('declared_label') or '')}</td>"
                f"<td>{size}</td><td>{escape(state)}</td></tr>"
            )
    if not rows:
        none = QCoreApplication.translate("CaseHtml", "Keine Dokumente")
        return f"<p class='muted'>{none}</p>"
    return f"<table class='f'>{''.join(rows)}</table>"


def core_text(item: dict) -> str:
    """The core's bilingual text of a delivery, warning or finding, in the UI language."""
    english = current_language() != SOURCE_LANGUAGE
    return (item.get("text_en") if english else item.get("text_de")) or item.get("text_de") or ""


def _deliveries(deliveries: list[dict]) -> str:
    """Each packaged delivery's state: waiting, complete, or failed with the reason."""
    if not deliveries:
        return ""
    title = QCoreApplication.translate("CaseHtml", "Paketlieferung")
    rows = []
    for d in deliveries:
        state = d.get("state")
        if state == "complete":
            css, label = "", QCoreApplication.translate("CaseHtml", "vollständig")
            detail = QCoreApplication.translate("CaseHtml", "{0} Dokument(e), am {1}").format(
                d.get("documents") or 0, local_time(d.get("completed_at"))
            )
        elif state == "failed":
            css, label = "err", QCoreApplication.translate("CaseHtml", "fehlgeschlagen")
            detail = core_text(d)
        else:
            css, label = "warn", QCoreApplication.translate("CaseHtml", "wartet")
            expected = d.get("expected_packets")
            since = local_time(d.get("first_seen_at"))
            if expected:
                detail = QCoreApplication.translate(
                    "CaseHtml", "{0} Paket(e) erwartet, seit {1}"
                ).format(expected, since)
            else:
                detail = QCoreApplication.translate(
                    "CaseHtml", "Paketanzahl noch unbekannt, seit {0}"
                ).format(since)
        rows.append(
            f"<tr><td class='k'>{escape(title)}</td><td class='{css}'><b>{escape(label)}</b>"
            f"</td><td>{escape(detail)}</td></tr>"
        )
    return f"<table class='f'>{''.join(rows)}</table>"


def _message_title(message: dict) -> str:
    return type_title(message.get("type_code")) or message.get("type_name") or ""


def _history(case: dict, messages: list[dict]) -> str:
    items = [
        (
            m["received_at"],
            f"<a href='message:{int(m['id'])}'>{escape(_message_title(m))}</a> "
            f"<span class='muted'>#{m['id']}</span>",
        )
        for m in messages
    ]
    for h in case.get("history") or []:
        status = QCoreApplication.translate("CaseHtml", "Status")
        text = f"{status}: {escape(tr_status(h['to_status']))}"
        if h.get("note"):
            text += f" – {escape(h['note'])}"
        items.append((h["at"], f"{text} <span class='muted'>({escape(h['actor'] or '')})</span>"))
    exported = QCoreApplication.translate("CaseHtml", "Exportiert")
    for e in case.get("exports") or []:
        text = f"{exported}: {escape(e['exporter'])} → {escape(e['target'])}"
        items.append(
            (e["exported_at"], f"{text} <span class='muted'>({escape(e['exported_by'])})</span>")
        )
    sent = QCoreApplication.translate("CaseHtml", "Antwort gesendet")
    for r in case.get("replies") or []:
        text = f"{sent}: {escape(r.get('type_name') or r['type_code'])}"
        items.append((r["sent_at"], f"{text} <span class='muted'>({escape(r['sent_by'])})</span>"))
    items.sort(key=lambda item: item[0])
    rows = "".join(
        f"<tr><td class='k'>{escape(local_time(at))}</td><td>{text}</td></tr>" for at, text in items
    )
    return f"<table class='f'>{rows}</table>"


def _findings(messages: list[dict]) -> str:
    rows = []
    for message in messages:
        for f in message.get("findings") or []:
            css = "err" if f["severity"] == "error" else "warn"
            where = escape(f.get("path") or "")
            line = ""
            if f.get("line"):
                line_word = QCoreApplication.translate("CaseHtml", "Zeile")
                line = f" ({line_word} {f['line']})"
            rows.append(
                f"<tr><td class='{css}'>{escape(core_text(f))}</td></tr>"
                f"<tr><td class='muted'>{where}{line} · {escape(f['rule'])}</td></tr>"
            )
    if not rows:
        none = QCoreApplication.translate(
            "CaseHtml", "Keine Befunde: alle Nachrichten sind gültig."
        )
        return f"<p>{none}</p>"
    return f"<table class='f'>{''.join(rows)}</table>"
