"""OZG.Antrag (130101) and OZG.Freizuegigkeit (130301): the two applications of one person.

Both describe the applicant in `angabenZurPerson`, who becomes the record's applicant, and share
representative, reference persons, remarks and linked applications; only reasons and dates
differ, so the shared part is read once.
"""

from __future__ import annotations

from ab_inbox.xauslaender.reader import Reader, boolean, extractor


def _application_common(r: Reader) -> None:
    """The part OZG.Antrag and OZG.Freizuegigkeit share."""
    root, record = r.root, r.record
    r.detail("Antragsdatum", r.text(root, "antragsdatum"))
    r.reason(root, "grundDesAntrags")
    person = r.find(root, "angabenZurPerson")
    record.applicant = r.person(person, "applicant")
    r.detail(
        "Weitere Namen", "; ".join(t.text for t in r.findall(person, "weitererName") if t.text)
    )
    record.representative = r.representative(r.find(root, "antragstellerVertreter"))
    for ref in r.findall(root, "referenzperson"):
        record.reference_persons.append(
            r.person(ref, "reference_person", relation_tag="familiaereBeziehung")
        )
    r.detail("Sonstige Anmerkung", r.text(root, "sonstigeAnmerkung"))
    linked = [t.text for t in r.findall(root, "verbundenerAntrag") if t.text]
    r.detail("Verbundene Anträge", ", ".join(linked))
    r.detail(
        "Dokumentenlieferung (Pakete)",
        r.text(root, "angabenDokumentenlieferung", "anzahlDerPakete"),
    )


@extractor("130101")
def _antrag(r: Reader) -> None:
    _application_common(r)
    r.reason(r.root, "grundDesAufenthalts")
    r.detail("Ersteinreisedatum", r.text(r.root, "ersteinreisedatum"))
    r.detail(
        "Grund der Änderung der Nebenbestimmung", r.text(r.root, "grundAenderungNebenbestimmung")
    )


@extractor("130301")
def _freizuegigkeit(r: Reader) -> None:
    _application_common(r)
    r.reason(r.root, "grundDerMeldung")
    r.detail("Einreisedatum", r.text(r.root, "einreisedatum"))
    if boolean(r.text(r.root, "verurteilung")):
        r.detail("Verurteilung angegeben", "ja")
    stays = r.findall(r.root, "auslandsaufenthalt")
    if stays:
        r.detail("Auslandsaufenthalte", str(len(stays)))
