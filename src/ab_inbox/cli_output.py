"""How the CLI prints: one language per run, stable JSON fields, readable tables."""

from __future__ import annotations

import sys

from ab_inbox.casework.status import label as status_label
from ab_inbox.times import local_text

_KIND_DE = {
    "accepted": "übernommen",
    "invalid": "ungültig",
    "duplicate": "doppelt",
    "quarantined": "in Quarantäne",
}


class Printer:
    def __init__(self, lang: str = "de", stream=None, err=None):
        self.lang = lang
        self.stream = stream or sys.stdout
        self.err = err or sys.stderr

    def pick(self, de: str, en: str) -> str:
        return de if self.lang == "de" else en

    def line(self, text: str) -> None:
        print(text, file=self.stream, flush=True)

    def info(self, de: str, en: str) -> None:
        self.line(self.pick(de, en))

    def error(self, de: str, en: str) -> None:
        prefix = self.pick("Fehler: ", "Error: ")
        print(prefix + self.pick(de, en), file=self.err, flush=True)

    def summary(self, counts: dict[str, int], waiting: int, failed: int) -> None:
        kinds = ("accepted", "invalid", "duplicate", "quarantined")
        if self.lang == "de":
            parts = [f"{counts.get(k, 0)} {_KIND_DE[k]}" for k in kinds]
            parts += [f"{waiting} wartend", f"{failed} fehlgeschlagen"]
            self.line("Zusammenfassung: " + ", ".join(parts))
        else:
            parts = [f"{counts.get(k, 0)} {k}" for k in kinds]
            parts += [f"{waiting} waiting", f"{failed} failed"]
            self.line("Summary: " + ", ".join(parts))


def message_json(row: dict) -> dict:
    """The stable list fields (automation relies on these names)."""
    return {
        "id": row["id"],
        "case_id": row["case_id"],
        "nachrichten_uuid": row["nachrichten_uuid"],
        "message_type": row["type_code"],
        "message_title": row.get("type_title"),
        "status": row["status"],
        "validation": row["validation"],
        "applicant_name": row["applicant_name"],
        "antragsidentifikation": row["antragsidentifikation"],
        "received_at": row["received_at"],
        "attachments": row["attachments"],
    }


def print_table(out: Printer, rows: list[dict]) -> None:
    head = out.pick(
        "ID\tEingang\tTyp\tAntragsteller\tAntragsidentifikation\tStatus\tPrüfung\tAnhänge",
        "ID\tReceived\tType\tApplicant\tApplication id\tStatus\tCheck\tAttachments",
    )
    out.line(head)
    for r in rows:
        status = status_label(r["status"]) if out.lang == "de" else r["status"]
        check = {"valid": out.pick("gültig", "valid"), "invalid": out.pick("UNGÜLTIG", "INVALID")}
        received = local_text(r["received_at"], seconds=True)
        out.line(
            f"{r['id']}\t{received}\t{r.get('type_title') or ''}\t"
            f"{r['applicant_name'] or '-'}\t{r['antragsidentifikation'] or '-'}\t{status}\t"
            f"{check.get(r['validation'], r['validation'])}\t{r['attachments']}"
        )
    out.line(out.pick(f"{len(rows)} Nachrichten", f"{len(rows)} messages"))


def print_message(out: Printer, row: dict) -> None:
    rec = row["record"]
    out.line(
        f"#{row['id']}  {row.get('type_title')} ({row['type_code']})  "
        f"{out.pick('Fall', 'case')} {row['case_id']}"
    )
    fields = [
        ("nachrichtenUUID", row["nachrichten_uuid"]),
        (out.pick("Eingang", "Received"), local_text(row["received_at"], seconds=True)),
        (out.pick("Erstellt", "Created"), row["erstellungszeitpunkt"]),
        ("Antragsidentifikation", row["antragsidentifikation"]),
        (out.pick("Antragsteller", "Applicant"), row["applicant_name"]),
        (out.pick("Prüfung", "Check"), row["validation"]),
        ("SHA-256", row["sha256"]),
    ]
    applicant = rec.get("applicant") or {}
    if applicant:
        fields.append((out.pick("Geburtsdatum", "Birth date"), applicant.get("birth_date")))
        nats = ", ".join(n.get("label") or n["code"] for n in applicant.get("nationalities", []))
        fields.append((out.pick("Staatsangehörigkeit", "Nationality"), nats))
    for reason in rec.get("reasons", []):
        fields.append((out.pick("Grund", "Reason"), reason.get("label") or reason["code"]))
    for key, value in fields:
        out.line(f"  {key}: {value if value not in (None, '') else '-'}")
    if len(row["case_messages"]) > 1:
        out.line(out.pick("Verlauf des Falls:", "Case history:"))
        for m in row["case_messages"]:
            mark = "*" if m["id"] == row["id"] else " "
            out.line(
                f" {mark}#{m['id']}  {local_text(m['received_at'], seconds=True)}  "
                f"{m['type_name']}  {m['validation']}"
            )
    out.line(out.pick("Anhänge:", "Attachments:"))
    for a in row["attachments"]:
        name = a["file_name"] or a["label"] or out.pick("(ohne Namen)", "(unnamed)")
        out.line(
            f"  {a['position']}. {name}  {a['state']}  {a['mime'] or '-'}  "
            f"{a['size'] or '-'}  {a['sha256'] or a['dokumentuuid'] or ''}"
        )
    out.line(out.pick("Prüfergebnis:", "Findings:"))
    if not row["findings"]:
        out.line(out.pick("  keine Befunde", "  none"))
    for f in row["findings"]:
        out.line(
            f"  [{f['severity']}] {f['rule']} {f['path'] or ''} "
            f"{('line ' + str(f['line'])) if f['line'] else ''}"
        )
        out.line(f"    {out.pick(f['text_de'], f['text_en'])}")
