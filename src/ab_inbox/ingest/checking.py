"""Everything we can say about a message without a store: safe parse, route, validate, extract.

`check_message` either raises `Rejected` (the input cannot be a message: it goes to quarantine)
or returns a `CheckedMessage` with all findings. Schema errors do not reject: an invalid
application is still a citizen's application and a caseworker must see it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from lxml import etree

from ab_inbox.errors import BilingualError
from ab_inbox.ingest.attachments import AttachmentLimits, inspect_documents
from ab_inbox.ingest.safe_zip import ZipLimits
from ab_inbox.store.messages import AttachmentRow
from ab_inbox.xauslaender.code_check import check_codes
from ab_inbox.xauslaender.findings import ERROR, WARNING, Finding, has_errors
from ab_inbox.xauslaender.message_types import by_name
from ab_inbox.xauslaender.model import extract_record
from ab_inbox.xauslaender.record import MessageRecord
from ab_inbox.xauslaender.safe_xml import ParseLimits, UnsafeXmlError, parse_untrusted
from ab_inbox.xauslaender.schema_pack import (
    NAMESPACE_PREFIX,
    PackLibrary,
    SchemaPack,
    SchemaPackMissing,
    version_from_namespace,
)
from ab_inbox.xauslaender.xsd_findings import validate_with_xsd

_BERLIN = ZoneInfo("Europe/Berlin")


class Rejected(BilingualError):
    """Input that cannot be stored as a message; the reason goes with it to quarantine."""

    def __init__(self, code: str, text_de: str, text_en: str):
        super().__init__(text_de, text_en)
        self.code = code


@dataclass(frozen=True)
class CheckPolicy:
    office_dvdv_ids: tuple[str, ...] = ()
    clock_skew: timedelta = timedelta(minutes=5)
    parse_limits: ParseLimits = ParseLimits()
    attachment_limits: AttachmentLimits = AttachmentLimits()
    zip_limits: ZipLimits = ZipLimits()  # for the ZIP of a packaged document delivery


@dataclass
class CheckedMessage:
    data: bytes
    sha256: str
    pack: SchemaPack
    record: MessageRecord
    findings: list[Finding] = field(default_factory=list)
    attachments: list[AttachmentRow] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not has_errors(self.findings)


def _route(tree: etree._ElementTree, packs: PackLibrary) -> tuple[SchemaPack, str]:
    root = tree.getroot()
    qname = etree.QName(root)
    namespace, local = qname.namespace or "", qname.localname
    if not namespace.startswith(NAMESPACE_PREFIX):
        raise Rejected(
            "unknown_namespace",
            f"Das Wurzelelement „{local}“ hat den Namensraum „{namespace or '(keiner)'}“; "
            "das ist keine XAusländer-Nachricht.",
            f"The root element '{local}' has namespace '{namespace or '(none)'}'; this is not "
            "an XAusländer message.",
        )
    version = version_from_namespace(namespace)
    if version is None:
        raise Rejected(
            "unknown_version",
            f"Die XAusländer-Version im Namensraum „{namespace}“ ist nicht erkennbar.",
            f"The XAusländer version in namespace '{namespace}' cannot be recognised.",
        )
    try:
        pack = packs.pack_for_version(version)
    except SchemaPackMissing as exc:
        raise Rejected("unknown_version", exc.text_de, exc.text_en) from None
    message_type = by_name(local)
    if message_type is None:
        raise Rejected(
            "unknown_root",
            f"Das Wurzelelement „{local}“ ist keine bekannte XAusländer-Nachricht.",
            f"The root element '{local}' is not a known XAusländer message.",
        )
    if message_type.direction != "inbound":
        raise Rejected(
            "wrong_direction",
            f"„{local}“ ({message_type.title_de}) wird von der Ausländerbehörde gesendet, "
            "nicht empfangen.",
            f"'{local}' ({message_type.title_en}) is sent by the immigration office, not "
            "received by it.",
        )
    return pack, message_type.family


def _parse_time(text: str) -> datetime | None:
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=_BERLIN)


def rule_findings(record: MessageRecord, policy: CheckPolicy, now: datetime) -> list[Finding]:
    """The business rules beyond the schema (uniqueness is the store's job)."""
    findings: list[Finding] = []
    created = _parse_time(record.erstellungszeitpunkt) if record.erstellungszeitpunkt else None
    if created is not None and created > now + policy.clock_skew:
        findings.append(
            Finding(
                ERROR,
                "rule.future_time",
                f"Der Erstellungszeitpunkt {record.erstellungszeitpunkt} liegt in der Zukunft "
                f"(erlaubte Abweichung {int(policy.clock_skew.total_seconds() // 60)} Minuten).",
                f"The creation time {record.erstellungszeitpunkt} is in the future (allowed skew "
                f"{int(policy.clock_skew.total_seconds() // 60)} minutes).",
                path="nachrichtenkopf.g2g/identifikation.nachricht/erstellungszeitpunkt",
            )
        )
    reader = record.reader.kennung
    if policy.office_dvdv_ids and reader not in policy.office_dvdv_ids:
        findings.append(
            Finding(
                WARNING,
                "rule.reader",
                f"Die Nachricht ist an „{reader}“ adressiert, nicht an diese Behörde "
                f"({', '.join(policy.office_dvdv_ids)}).",
                f"The message is addressed to '{reader}', not to this office "
                f"({', '.join(policy.office_dvdv_ids)}).",
                path="nachrichtenkopf.g2g/leser/kennung",
            )
        )
    return findings


def check_message(
    data: bytes,
    packs: PackLibrary,
    policy: CheckPolicy = CheckPolicy(),
    now: datetime | None = None,
    sha256: str | None = None,
) -> CheckedMessage:
    try:
        tree = parse_untrusted(data, policy.parse_limits)
    except UnsafeXmlError as exc:
        raise Rejected(exc.code, exc.text_de, exc.text_en) from None
    pack, family = _route(tree, packs)
    with pack.borrowed_schema(family) as schema:
        findings = validate_with_xsd(schema, tree)
    findings += check_codes(tree, pack, family)
    record = extract_record(tree, pack)
    findings += rule_findings(record, policy, now or datetime.now(UTC))
    attachments, attachment_findings = inspect_documents(
        record.documents, policy.attachment_limits, raw=data
    )
    findings += attachment_findings
    return CheckedMessage(
        data=data,
        sha256=sha256 or hashlib.sha256(data).hexdigest(),
        pack=pack,
        record=record,
        findings=findings,
        attachments=attachments,
    )
