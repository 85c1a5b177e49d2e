"""The inbound follow-ups (130103, 130111, 130404, 130406): answers to an earlier message.

They name no person, so the record's applicant stays None and the case is found through the
`antragsidentifikation` of the shared header; what they deliver is mostly their documents,
which every record lists anyway.
"""

from __future__ import annotations

from ab_inbox.xauslaender.reader import Reader, extractor


@extractor("130103")
def _rueckkanal_antwort(r: Reader) -> None:
    r.detail("Antworttext", r.text(r.root, "antworttext"))
    r.detail(
        "Dokumentenlieferung (Pakete)",
        r.text(r.root, "angabenDokumentenlieferung", "anzahlDerPakete"),
    )


@extractor("130111")
def _ruecknahme(r: Reader) -> None:
    """The withdrawal carries nothing beyond the shared header."""


@extractor("130404")
def _rueckmeldung_vereinbarung(r: Reader) -> None:
    """The signed agreement is the message's one document."""


@extractor("130406")
def _empfangsbestaetigung(r: Reader) -> None:
    """The signed acknowledgement is the message's one document."""
