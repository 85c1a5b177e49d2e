"""The four inbound follow-ups: messages that refer to an application sent earlier.

A RueckkanalAntwort (130103) answers the office's question through the back channel, a
Ruecknahme (130111) withdraws an application, and the § 81a procedure brings back the signed
agreement (130404) and the receipt for the recognition notice (130406). They are grouped because
each is short and all draw on `ctx.original`, the application they refer to; the batch planner
links them to an application earlier in the batch, `compose` invents one when they stand alone.
"""

from __future__ import annotations

from ab_inbox.demo.builders.registry import APPLICATION_TYPES, builds
from ab_inbox.demo.context import Context, days_after, days_before, de
from ab_inbox.demo.document_specs import (
    delivery_info,
    document,
    evidence_labels,
    evidence_spec,
    letter_spec,
)
from ab_inbox.demo.names import EMPLOYERS, OFFICE_CITY
from ab_inbox.demo.xml_parts import sub


@builds(
    "130103",
    "OZG.RueckkanalAntwort.130103",
    service=None,
    answers=True,
    refers_to=APPLICATION_TYPES,
    documents=(0, 3),
    may_reference=True,
)
def build_rueckkanal_antwort(ctx: Context, root):
    rng = ctx.rng
    person = ctx.original.applicant
    slots = ctx.plan_documents([], fill="unterlage")
    choices = ["Gehaltsabrechnungen (letzte 3 Monate)", "Mietvertrag", "Reisepass (Kopie)"]
    choices += ["Nachweis Krankenversicherung", "Meldebescheinigung", "Lichtbild"]
    for bezeichnung in evidence_labels(rng, choices, slots["unterlage"]):
        document(ctx, root, "unterlage", evidence_spec(ctx, person, bezeichnung), "ref")
    if not slots["unterlage"] or rng.random() < 0.8:
        answers = (
            "Anbei die angeforderten Gehaltsabrechnungen der letzten drei Monate.",
            "Der neue Mietvertrag liegt bei; die Wohnungsgeberbestätigung folgt.",
            f"Mein Reisepass wurde am {de(days_before(ctx, 3, 40))} verlängert, Kopie anbei.",
            f"Den Termin am {de(days_after(ctx, 3, 20))} kann ich leider nicht wahrnehmen. "
            "Bitte schlagen Sie einen neuen Termin vor.",
            "Ja, ich bin weiterhin bei demselben Arbeitgeber beschäftigt.",
        )
        sub(root, "antworttext", rng.choice(answers))
    delivery_info(ctx, root)


@builds(
    "130111",
    "OZG.Ruecknahme.130111",
    service=None,
    refers_to=APPLICATION_TYPES,
    documents=(0, 0),
)
def build_ruecknahme(ctx: Context, root):
    """OZG.Ruecknahme.130111 carries nothing beyond the shared part."""


@builds(
    "130404",
    "OZG.RueckmeldungVereinbarung.130404",
    service=None,
    answers=True,
    refers_to=("130401",),
    documents=(1, 1),
)
def build_rueckmeldung_vereinbarung(ctx: Context, root):
    original = ctx.original
    spec = letter_spec(
        ctx,
        "Vereinbarung nach § 81a AufenthG (unterschrieben)",
        [
            f"Antragsidentifikation: {original.antragsidentifikation}",
            f"Arbeitgeber: {original.employer or ctx.rng.choice(EMPLOYERS)}",
            f"Fachkraft: {original.applicant.full_name}, geboren {original.applicant.birth}",
            "Die Vereinbarung wird unterschrieben zurückgesandt.",
            f"{OFFICE_CITY}, {de(ctx.today)}",
        ],
        "Vereinbarung_81a_unterschrieben",
    )
    document(ctx, root, "vereinbarung", spec)


@builds(
    "130406",
    "OZG.BescheidEmpfangsbestaetigung.130406",
    service=None,
    answers=True,
    refers_to=("130401",),
    documents=(1, 1),
)
def build_bescheid_empfang(ctx: Context, root):
    original = ctx.original
    spec = letter_spec(
        ctx,
        "Empfangsbestätigung",
        [
            f"Antragsidentifikation: {original.antragsidentifikation}",
            "Hiermit bestätigen wir den Empfang des Bescheids der zuständigen Stelle",
            f"über die Anerkennung der Berufsqualifikation von {original.applicant.full_name}.",
            f"{original.employer or 'Arbeitgeber'}, {de(ctx.today)}",
        ],
        "Empfangsbestaetigung",
    )
    document(ctx, root, "empfangsbestaetigung", spec)
