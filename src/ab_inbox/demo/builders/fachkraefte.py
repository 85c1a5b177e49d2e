"""OZG.Fachkraefte.130401: an employer applies for the accelerated skilled-worker procedure.

In the § 81a procedure the employer acts for a worker who is still abroad, so the message names
the employer and its agent (with the worker's power of attorney), gives the worker's address
abroad instead of a German one, and may list family members who come along. The employer chosen
here is kept on the application, so the later agreement and receipt name the same company.
"""

from __future__ import annotations

from ab_inbox.demo.builders.registry import builds
from ab_inbox.demo.context import Context
from ab_inbox.demo.document_specs import (
    delivery_info,
    document,
    evidence_labels,
    evidence_spec,
    letter_spec,
    summary_spec,
)
from ab_inbox.demo.names import EMPLOYERS, GERMAN, SKILLED, german_address, make_person, weighted
from ab_inbox.demo.people import applicant_for, foreign_address, ozg_person, relative
from ab_inbox.demo.xml_parts import EMAIL, PHONE, code, contact, name, postal, sex, sub


@builds(
    "130401",
    "OZG.Fachkraefte.130401",
    service="fachkraefte",
    documents=(2, 4),
    may_reference=True,
)
def build_fachkraefte(ctx: Context, root):
    rng = ctx.rng
    worker = applicant_for(ctx, SKILLED, (21, 55))
    worker.address = worker.phone = None  # still abroad: the address goes to auslandsanschrift
    ctx.employer = rng.choice(EMPLOYERS)
    slots = ctx.plan_documents(
        [("antragszusammenfassung", 0.5), ("ausweisseite", 0.3)],
        fill="nachweis",
        anlageVertreter=1,
        nachweis=1,
    )
    sub(root, "antragsdatum", ctx.today.isoformat())
    purposes = {"02": 30, "03": 25, "01": 10, "05": 8, "06": 5, "07": 7, "09": 8, "04": 3}
    code(root, "grundDesAufenthalts81a", "grund81a", weighted(rng, purposes | {"10": 2, "11": 2}))
    employer = sub(root, "arbeitgeber")
    sub(employer, "firma", ctx.employer)
    postal(employer, "anschriftBetriebsstaette", german_address(rng))
    agent = make_person(rng, GERMAN, ctx.today, ages=(28, 64))
    agent_el = sub(employer, "vertreter")
    name(agent_el, "vorname", agent.given)
    name(agent_el, "familienname", agent.family)
    sex(agent_el, "geschlecht", agent.sex)
    contact(agent_el, "kommunikation", EMAIL, f"personal{rng.randint(1, 9)}@firma.example")
    if rng.random() < 0.5:
        contact(
            agent_el,
            "kommunikation",
            PHONE,
            f"+49 {rng.randint(30, 999)} {rng.randint(10000, 999999)}",
        )
    if rng.random() < 0.3:
        sub(agent_el, "firma", ctx.employer)
    for _ in range(slots["anlageVertreter"]):
        spec = letter_spec(
            ctx,
            "Vollmacht der Fachkraft",
            [
                f"Ich, {worker.full_name}, geboren {worker.birth} in {worker.birth_place},",
                f"bevollmächtige {ctx.employer}, vertreten durch {agent.full_name},",
                "das beschleunigte Fachkräfteverfahren nach § 81a AufenthG zu beantragen.",
            ],
            "Vollmacht_Fachkraft",
        )
        document(ctx, agent_el, "anlageVertreter", spec, "ref_extended")
    worker_el = sub(root, "fachkraft")
    ozg_person(ctx, worker_el, worker, slots, address=False)
    foreign_address(ctx, worker_el, "auslandsanschrift", worker)
    if worker.marital == "VH" and rng.random() < 0.4:
        for relation in ("01", "02")[: rng.choice((1, 2))]:
            member = relative(ctx, worker, relation, same_origin=True)
            member_el = sub(root, "familienangehoerige")
            ozg_person(ctx, member_el, member, address=False)
            code(member_el, "familiaereBeziehung", "familiaerebeziehung", relation)
    if slots["antragszusammenfassung"]:
        spec = summary_spec(ctx, worker, "Antragszusammenfassung", [f"Arbeitgeber: {ctx.employer}"])
        document(ctx, root, "antragszusammenfassung", spec, "ref")
    choices = ["Anerkennungsbescheid", "Berufsabschluss (Zeugnis)", "Arbeitsplatzangebot"]
    choices += ["Lebenslauf", "Reisepass (Kopie)"]
    for bezeichnung in evidence_labels(rng, choices, slots["nachweis"]):
        document(ctx, root, "nachweis", evidence_spec(ctx, worker, bezeichnung), "ref_extended")
    if rng.random() < 0.2:
        sub(root, "sonstigeAnmerkung", "Die Fachkraft ist für Rückfragen per E-Mail erreichbar.")
    delivery_info(ctx, root)
