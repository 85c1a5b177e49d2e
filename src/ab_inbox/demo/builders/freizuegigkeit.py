"""OZG.Freizuegigkeit.130301: an EU citizen's registration, or that of a third-country spouse.

EU free movement is not a residence title, so the message differs from an Antrag: a reason for
the registration instead of a ground of residence, and for a spouse from outside the EU the EU
citizen as reference person. Periods abroad and convictions appear rarely, as in practice.
"""

from __future__ import annotations

from datetime import timedelta

from ab_inbox.demo.builders.registry import builds
from ab_inbox.demo.context import Context, days_before
from ab_inbox.demo.document_specs import (
    delivery_info,
    document,
    evidence_labels,
    evidence_spec,
    summary_spec,
)
from ab_inbox.demo.names import EU_CITIZENS, ORIGINS, THIRD_COUNTRY_SPOUSES, make_person, weighted
from ab_inbox.demo.people import (
    REMARKS,
    applicant_for,
    ozg_person,
    reference_person,
    representative,
)
from ab_inbox.demo.xml_parts import code, partial_date, sub


@builds("130301", "OZG.Freizuegigkeit.130301", service="freizuegigkeit", may_reference=True)
def build_freizuegigkeit(ctx: Context, root):
    rng = ctx.rng
    reason = weighted(rng, {"01": 30, "02": 45, "03": 25})
    eu_citizen = reason == "03"
    person = applicant_for(ctx, EU_CITIZENS if eu_citizen else THIRD_COUNTRY_SPOUSES)
    slots = ctx.plan_documents([("antragszusammenfassung", 0.6)], fill="nachweis")
    sub(root, "antragsdatum", ctx.today.isoformat())
    code(root, "grundDesAntrags", "antragsgrund", "01" if rng.random() < 0.75 else "02")
    code(root, "grundDerMeldung", "meldungsgrund", reason)
    ozg_person(ctx, sub(root, "angabenZurPerson"), person)
    if rng.random() < 0.08:
        representative(ctx, root, person, False, False)
    if not eu_citizen:
        spouse_origin = weighted(rng, EU_CITIZENS)
        other_sex = {"m": "w", "w": "m"}.get(person.sex)
        spouse = make_person(rng, spouse_origin, ctx.today, sex=other_sex, ages=(20, 65))
        reference_person(ctx, root, spouse, "01", own_address=False)
    if rng.random() < 0.2:
        stay = sub(root, "auslandsaufenthalt")
        start = days_before(ctx, 300, 2000)
        partial_date(stay, "von", start.isoformat()[:7])
        partial_date(stay, "bis", (start + timedelta(days=rng.randint(20, 150))).isoformat()[:7])
        sub(
            stay,
            "grund",
            f"Pflege eines Angehörigen in {rng.choice(ORIGINS[person.origin].places)}",
        )
    low, high = (1900, 4000) if reason in ("01", "03") else (40, 400)
    sub(root, "einreisedatum", days_before(ctx, low, high).isoformat())
    if rng.random() < 0.03:
        sub(root, "verurteilung", "true")
    if slots["antragszusammenfassung"]:
        spec = summary_spec(ctx, person, "Antragszusammenfassung", [f"Meldungsgrund: {reason}"])
        document(ctx, root, "antragszusammenfassung", spec, "ref")
    choices = ["Meldebescheinigung", "Nachweis Krankenversicherung", "Reisepass (Kopie)"]
    choices += ["Arbeitsvertrag"] if eu_citizen else ["Heiratsurkunde (Übersetzung)", "Lichtbild"]
    for bezeichnung in evidence_labels(rng, choices, slots["nachweis"]):
        document(ctx, root, "nachweis", evidence_spec(ctx, person, bezeichnung), "ref_extended")
    if rng.random() < 0.2:
        sub(root, "sonstigeAnmerkung", rng.choice(REMARKS))
    delivery_info(ctx, root)
