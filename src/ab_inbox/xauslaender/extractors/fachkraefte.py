"""OZG.Fachkraefte (130401), the fast-track procedure for skilled workers.

The skilled worker (`fachkraft`) is the applicant even though the employer's agent files the
request: the case, the visa and the queue row are about the worker. The agent is therefore the
representative, and the employer and family members are reference persons.
"""

from __future__ import annotations

from ab_inbox.xauslaender.reader import Reader, extractor
from ab_inbox.xauslaender.record import Person


@extractor("130401")
def _fachkraefte(r: Reader) -> None:
    root, record = r.root, r.record
    r.detail("Antragsdatum", r.text(root, "antragsdatum"))
    r.reason(root, "grundDesAufenthalts81a")
    worker = r.find(root, "fachkraft")
    record.applicant = r.person(worker, "worker")
    r.detail(
        "Weitere Namen", "; ".join(t.text for t in r.findall(worker, "weitererName") if t.text)
    )
    employer = r.find(root, "arbeitgeber")
    firma = r.text(employer, "firma")
    r.detail("Arbeitgeber", firma)
    if employer is not None:
        record.representative = r.representative(r.find(employer, "vertreter"))
        record.reference_persons.append(
            Person(role="employer", family_name=firma, organisation=True)
        )
    for member in r.findall(root, "familienangehoerige"):
        record.reference_persons.append(
            r.person(member, "family_member", relation_tag="familiaereBeziehung")
        )
    r.detail("Sonstige Anmerkung", r.text(root, "sonstigeAnmerkung"))
    r.detail(
        "Dokumentenlieferung (Pakete)",
        r.text(root, "angabenDokumentenlieferung", "anzahlDerPakete"),
    )
