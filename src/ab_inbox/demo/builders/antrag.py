"""OZG.Antrag.130101: an application for a residence title, the bulk of an office's traffic.

The reasons, grounds and attachments are correlated the way they are in real intake (family
reunification brings a reference person and a marriage certificate, a humanitarian stay rarely
comes with an employment contract, a minor has a parent as representative), so that triage
views and filters in the inbox have something meaningful to sort.
"""

from __future__ import annotations

from datetime import timedelta

from ab_inbox.demo.builders.registry import builds
from ab_inbox.demo.context import Context, days_before, token
from ab_inbox.demo.document_specs import (
    delivery_info,
    document,
    evidence_labels,
    evidence_spec,
    summary_spec,
)
from ab_inbox.demo.names import APPLICANTS, weighted
from ab_inbox.demo.people import (
    REMARKS,
    applicant_for,
    ozg_person,
    reference_person,
    relative,
    representative,
)
from ab_inbox.demo.xml_parts import code, sub


@builds("130101", "OZG.Antrag.130101", service="aufenthalt", may_reference=True)
def build_antrag(ctx: Context, root):
    rng = ctx.rng
    minor = rng.random() < 0.07
    person = applicant_for(ctx, APPLICANTS, (1, 17) if minor else (18, 64))
    humanitarian = person.origin in ("SY", "AF", "ER", "IR") and rng.random() < 0.7
    if minor:
        reason = "01"
    elif humanitarian:
        reason = "04"
    else:
        reason = weighted(rng, {"01": 25, "02": 18, "03": 42, "05": 5, "04": 10})
    grounds = (
        {"01": 25, "02": 35, "04": 5, "05": 15, "06": 10, "07": 10}
        if reason == "04"
        else ({"01": 35, "02": 40, "03": 8, "04": 17})
    )
    ground = "01" if minor and rng.random() < 0.5 else weighted(rng, grounds)
    if minor:
        ground = ground if ground in ("01", "02") else "02"
    slots = ctx.plan_documents(
        [
            ("antragszusammenfassung", 0.7),
            ("aufenthaltsdokument", 0.35 if ground == "02" else 0.0),
            ("ausweisseite", 0.3),
            ("anlageVertreter", 0.6 if minor else 0.0),
        ],
        fill="nachweis",
    )
    sub(root, "antragsdatum", ctx.today.isoformat())
    code(root, "grundDesAntrags", "antragsgrund", ground)
    if rng.random() < 0.7:
        low, high = (30, 700) if ground == "01" else (400, 4000)
        first = max(days_before(ctx, low, high), person.birth_date + timedelta(days=30))
        sub(root, "ersteinreisedatum", min(first, ctx.today).isoformat())
    if ground == "03":
        sub(
            root,
            "grundAenderungNebenbestimmung",
            rng.choice(
                (
                    "Streichung der Wohnsitzauflage wegen Arbeitsaufnahme in Musterstadt.",
                    "Erlaubnis zur Beschäftigung bei einem neuen Arbeitgeber.",
                    "Änderung der Auflage zur Erwerbstätigkeit (Teilzeit statt Vollzeit).",
                )
            ),
        )
    code(root, "grundDesAufenthalts", "aufenthaltsgrund", reason)
    residence = None
    if not slots["aufenthaltsdokument"]:
        residence = {"02": "deutsch", "01": "visumfrei"}.get(ground) if rng.random() < 0.5 else None
    ozg_person(ctx, sub(root, "angabenZurPerson"), person, slots, residence=residence)
    if minor or rng.random() < 0.18:
        representative(ctx, root, person, minor, bool(slots["anlageVertreter"]))
    relations = []
    if reason == "01":
        relations = ["03"] if minor else ["01"] + (["02"] if rng.random() < 0.3 else [])
    elif rng.random() < 0.08:
        relations = [rng.choice(("01", "04"))]
    for relation in relations:
        reference_person(
            ctx, root, relative(ctx, person, relation), relation, own_address=rng.random() < 0.3
        )
    if slots["antragszusammenfassung"]:
        extra = [f"Anliegen: Antragsgrund {ground}, Aufenthaltsgrund {reason}"]
        spec = summary_spec(ctx, person, "Antragszusammenfassung", extra)
        document(ctx, root, "antragszusammenfassung", spec, "ref")
    choices = {
        "01": ["Arbeitsvertrag", "Mietvertrag", "Heiratsurkunde (Übersetzung)", "Lichtbild"],
        "02": ["Immatrikulationsbescheinigung", "Lichtbild", "Nachweis Krankenversicherung"],
        "03": ["Arbeitsvertrag", "Gehaltsabrechnungen (letzte 3 Monate)"],
        "04": ["Reisepass (Kopie)", "Lichtbild", "Meldebescheinigung"],
        "05": ["Lichtbild", "Meldebescheinigung", "Mietvertrag"],
    }[reason] + ["Nachweis Krankenversicherung", "Meldebescheinigung"]
    for bezeichnung in evidence_labels(rng, choices, slots["nachweis"]):
        document(ctx, root, "nachweis", evidence_spec(ctx, person, bezeichnung), "ref_extended")
    if rng.random() < 0.25:
        sub(root, "sonstigeAnmerkung", rng.choice(REMARKS))
    if minor and rng.random() < 0.5:
        sub(root, "verbundenerAntrag", f"{ctx.service.prefix}-{ctx.today.year}-{token(rng, 8)}")
    delivery_info(ctx, root)
