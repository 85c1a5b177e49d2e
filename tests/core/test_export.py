"""Export to the Fachverfahren: the exporters' files, hashes that hold, idempotent re-runs,
the ready/valid rule and its override, untrusted file names made harmless."""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from pathlib import Path

import pytest
from lxml import etree

from ab_inbox.demo import generate_demo
from ab_inbox.errors import BilingualError
from ab_inbox.export import atomic, registry
from ab_inbox.export.case_export import export_case
from ab_inbox.export.errors import ExportRefused
from ab_inbox.export.file_names import attachment_file_name, safe_file_name
from ab_inbox.store.connection import StoreError
from ab_inbox.store.exports import list_exports
from tests.conftest import REPO
from tests.messages import edit, fetch_files, invalid_answer_to, set_text, valid_message

SCHEMA = json.loads((REPO / "docs" / "export-structured-schema.json").read_text("utf-8"))
HOSTILE_NAMES = ["../../../etc/.bashrc", "CON", "..\\Pass\tFoto\n.exe"]


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _fill(inbox, tmp_path, files: dict[str, bytes]) -> dict[str, int]:
    return fetch_files(inbox, tmp_path / "drop", files)


def _make_ready(inbox, case_id: int) -> None:
    inbox.set_status(case_id, "in_progress")
    inbox.set_status(case_id, "ready")


def _with_hostile_names(data: bytes) -> bytes:
    def change(root):
        names = [e for e in root.iter() if etree.QName(e).localname == "dateiname"]
        for element, name in zip(names, HOSTILE_NAMES, strict=False):
            element.text = name

    return edit(data, change)


@pytest.fixture
def cases(inbox, tmp_path):
    ids = _fill(
        inbox,
        tmp_path,
        {
            "ready.xml": valid_message(seed=61),
            "new.xml": valid_message(seed=5),
            "invalid.xml": set_text(valid_message(seed=62), "antragsdatum", "kaputt"),
            "hostile.xml": _with_hostile_names(valid_message(seed=23)),
        },
    )
    _make_ready(inbox, ids["ready.xml"])
    _make_ready(inbox, ids["hostile.xml"])
    inbox.set_status(ids["invalid.xml"], "in_progress")
    return {name.removesuffix(".xml"): case_id for name, case_id in ids.items()}


@pytest.fixture
def target(tmp_path) -> Path:
    path = tmp_path / "fachverfahren"
    path.mkdir()
    return path


def _export(inbox, case_id, target, exporter="xauslaender-folder", **kw):
    return export_case(inbox.db, case_id, exporter=exporter, target_dir=target, actor="ute", **kw)


def _files_on_disk(target: Path) -> dict[str, str]:
    return {
        p.relative_to(target).as_posix(): _sha(p.read_bytes())
        for p in sorted(target.rglob("*"))
        if p.is_file()
    }


def _spy_writes(monkeypatch) -> list[str]:
    """Names in the order they appear under their final name."""
    order: list[str] = []
    real = atomic.write_atomic

    def spy(folder, name, data):
        digest = real(folder, name, data)
        order.append(name)
        return digest

    monkeypatch.setattr(atomic, "write_atomic", spy)
    return order


# --- a small JSON Schema checker for the keywords docs/export-structured-schema.json uses ----
_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def schema_errors(value, schema: dict, path: str = "$") -> list[str]:
    if "$ref" in schema:
        ref = SCHEMA
        for part in schema["$ref"].removeprefix("#/").split("/"):
            ref = ref[part]
        return schema_errors(value, ref, path)
    if "anyOf" in schema:
        if all(schema_errors(value, option, path) for option in schema["anyOf"]):
            return [f"{path}: matches none of anyOf"]
        return []
    errors = []
    types = schema.get("type")
    if types is not None:
        types = [types] if isinstance(types, str) else types
        if not any(_TYPES[t](value) for t in types):
            return [f"{path}: {value!r} is not {types}"]
    if "const" in schema and value != schema["const"]:
        errors.append(f"{path}: {value!r} != {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: {value!r} not in {schema['enum']}")
    if isinstance(value, str) and "pattern" in schema and not re.search(schema["pattern"], value):
        errors.append(f"{path}: {value!r} does not match {schema['pattern']}")
    if _TYPES["integer"](value) and value < schema.get("minimum", value):
        errors.append(f"{path}: {value} < {schema['minimum']}")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            errors += schema_errors(item, schema["items"], f"{path}[{index}]")
    if isinstance(value, dict):
        errors += [f"{path}: missing {k}" for k in schema.get("required", ()) if k not in value]
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        for key, item in value.items():
            if key in properties:
                errors += schema_errors(item, properties[key], f"{path}.{key}")
            elif extra is False:
                errors.append(f"{path}: unexpected {key}")
            elif isinstance(extra, dict):
                errors += schema_errors(item, extra, f"{path}.{key}")
    return errors


def test_the_schema_checker_finds_what_is_wrong():
    good = {"id": 1, "antragsidentifikation": None, "status_at_export": "ready"}
    good |= {"validation": "valid", "type_code": "130101", "applicant_name": "A"}
    good |= {"received_at": "2026-11-01T08:00:00.000Z", "assignee": None}
    case_schema = {"$ref": "#/$defs/case"}
    assert schema_errors(good, case_schema) == []
    assert schema_errors({**good, "id": "1"}, case_schema)
    assert schema_errors({**good, "validation": "maybe"}, case_schema)
    assert schema_errors({**good, "extra": 1}, case_schema)
    assert schema_errors({k: v for k, v in good.items() if k != "id"}, case_schema)
    assert schema_errors({**good, "received_at": "yesterday"}, case_schema)


# --- the exporters ---------------------------------------------------------------------------
def test_both_exporters_are_registered_by_name():
    assert {"xauslaender-folder", "structured"} <= set(registry.names())
    assert registry.get("structured").title("en")
    with pytest.raises(ExportRefused) as err:
        registry.get("fax")
    assert err.value.reason == "unknown_exporter" and "fax" in err.value.text_de


def test_xauslaender_folder_writes_the_original_bytes_and_then_the_manifest(
    inbox, cases, target, monkeypatch
):
    case_id = cases["ready"]
    message = inbox.case(case_id)["messages"][0]
    order = _spy_writes(monkeypatch)

    receipt = _export(inbox, case_id, target)

    base = f"{message['antragsidentifikation']}_{message['nachrichten_uuid']}"
    assert sorted(_files_on_disk(target)) == [f"{base}.manifest.json", f"{base}.xml"]
    assert order[-1] == f"{base}.manifest.json"  # last, so a waiting reader sees a full set
    xml = (target / f"{base}.xml").read_bytes()
    assert xml == inbox.message_bytes(message["id"])
    assert _sha(xml) == message["sha256"]

    manifest = json.loads((target / f"{base}.manifest.json").read_text("utf-8"))
    assert manifest["manifest_version"] == 1
    assert manifest["case_id"] == case_id
    assert manifest["antragsidentifikation"] == message["antragsidentifikation"]
    assert manifest["nachrichten_uuid"] == message["nachrichten_uuid"]
    assert manifest["message_type"]["code"] == "130101"
    assert manifest["message"] == {"file": f"{base}.xml", "sha256": _sha(xml), "size": len(xml)}
    assert manifest["exported_by"] == "ute" and manifest["exported_with_override"] is False
    assert manifest["exported_at"].endswith("Z") and manifest["generator"]["version"]
    checked = inbox.check_bytes(xml)  # recompute the attachments' hashes from the export
    from_xml = {d.index: _sha(d.content) for d in checked.record.documents if d.content}
    assert from_xml
    assert {a["position"]: a["sha256"] for a in manifest["attachments"]} == from_xml
    assert {f.name: f.sha256 for f in receipt.files} == _files_on_disk(target)


def test_structured_writes_documented_json_and_the_attachments(inbox, cases, target, monkeypatch):
    case_id = cases["ready"]
    order = _spy_writes(monkeypatch)

    receipt = _export(inbox, case_id, target, exporter="structured")

    on_disk = _files_on_disk(target)
    case_json = next(name for name in on_disk if name.endswith("/case.json"))
    assert order[-1] == "case.json"
    document = json.loads((target / case_json).read_text("utf-8"))
    assert schema_errors(document, SCHEMA) == []
    assert document["format_version"] == "1.2"
    assert document["case"]["id"] == case_id and document["case"]["status_at_export"] == "ready"
    (message,) = document["messages"]
    assert message["role"] == "application" and message["record"]["applicant"]["family_name"]
    assert [h["to_status"] for h in document["status_history"]] == ["new", "in_progress", "ready"]
    folder = case_json.removesuffix("case.json")
    written = [a for a in message["attachments"] if a["file"]]
    assert written
    for attachment in written:
        data = (target / folder / attachment["file"]).read_bytes()
        assert _sha(data) == attachment["sha256"] == on_disk[folder + attachment["file"]]
        stored = inbox.attachment(message["message_id"], attachment["position"])
        assert stored["data"] == data
    assert {f.name: f.sha256 for f in receipt.files} == on_disk


def test_a_case_with_follow_ups_exports_every_message(inbox, tmp_path, target):
    generate_demo(tmp_path / "drop", 12, seed=3)
    inbox.fetch(tmp_path / "drop", settle_s=0)
    case_id = max(inbox.case_ids(), key=lambda c: len(inbox.case(c)["messages"]))
    case = inbox.case(case_id)
    assert len(case["messages"]) >= 2
    _make_ready(inbox, case_id)

    _export(inbox, case_id, target)
    (target / "s").mkdir()
    folder = _export(inbox, case_id, target / "s", exporter="structured", override_reason="2.")
    for message in case["messages"]:
        base = f"{case['antragsidentifikation']}_{message['nachrichten_uuid']}"
        assert _sha((target / f"{base}.xml").read_bytes()) == message["sha256"]
        assert (target / f"{base}.manifest.json").is_file()
    case_json = next(f.name for f in folder.files if f.name.endswith("case.json"))
    document = json.loads((target / "s" / case_json).read_text("utf-8"))
    assert schema_errors(document, SCHEMA) == []
    roles = [m["role"] for m in document["messages"]]
    assert roles[0] == "application" and set(roles[1:]) == {"follow_up"}


# --- recording, idempotence, the rules ------------------------------------------------------
def test_export_is_recorded_audited_and_sets_the_status(inbox, cases, target):
    case_id = cases["ready"]
    receipt = _export(inbox, case_id, target)

    case = inbox.case(case_id)
    assert case["status"] == "exported"
    assert case["history"][-1]["to_status"] == "exported"
    assert "xauslaender-folder" in case["history"][-1]["note"]
    (row,) = list_exports(inbox.db, case_id)
    assert row["id"] == receipt.export_id and row["exported_by"] == "ute"
    assert row["target"] == str(target.resolve()) and row["override_reason"] is None
    assert [f["sha256"] for f in row["receipt"]["files"]] == [f.sha256 for f in receipt.files]
    (audit,) = inbox.db.query("SELECT * FROM audit WHERE action = 'exported'")
    assert audit["case_id"] == case_id and "override=no" in audit["detail"]
    assert case["applicant_name"].split(",")[0] not in audit["detail"]


def test_exporting_again_returns_the_receipt_and_writes_nothing(inbox, cases, target):
    case_id = cases["ready"]
    first = _export(inbox, case_id, target)
    before = {p: p.stat().st_mtime_ns for p in target.rglob("*")}

    again = _export(inbox, case_id, target)

    assert again.already_exported and not first.already_exported
    assert again.export_id == first.export_id and again.files == first.files
    assert {p: p.stat().st_mtime_ns for p in target.rglob("*")} == before
    assert len(list_exports(inbox.db, case_id)) == 1
    audits = inbox.db.execute("SELECT count(*) FROM audit WHERE action = 'exported'")
    assert audits.fetchone()[0] == 1


def test_a_run_killed_before_its_record_is_completed_by_the_next(inbox, cases, target, monkeypatch):
    from ab_inbox.export import case_export

    case_id = cases["hostile"]

    def killed(*args, **kwargs):
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(case_export, "insert_export", killed)
        with pytest.raises(KeyboardInterrupt):
            _export(inbox, case_id, target, exporter="structured")
    assert list_exports(inbox.db, case_id) == [] and inbox.case(case_id)["status"] == "ready"
    attachment = next(p for p in target.rglob("*") if p.parent.name == "attachments")
    attachment.unlink()  # the Fachverfahren may have taken files; a half-done run is redone
    (attachment.parent / f".{attachment.name}.dead.part").write_bytes(b"%PDF-half")

    receipt = _export(inbox, case_id, target, exporter="structured")

    assert not receipt.already_exported
    assert len(list_exports(inbox.db, case_id)) == 1
    on_disk = _files_on_disk(target)
    assert {f.name: f.sha256 for f in receipt.files}.items() <= on_disk.items()
    assert attachment.is_file()


@pytest.mark.parametrize(("name", "reason"), [("new", "not_ready"), ("invalid", "invalid")])
def test_cases_not_ready_or_invalid_are_refused(inbox, cases, target, name, reason):
    case_id = cases[name]
    version = inbox.case(case_id)["version"]
    with pytest.raises(ExportRefused) as err:
        _export(inbox, case_id, target)
    assert isinstance(err.value, BilingualError)
    assert err.value.reason == reason and err.value.text_de and err.value.text_en
    assert list(target.iterdir()) == []
    assert list_exports(inbox.db, case_id) == []
    assert inbox.case(case_id)["version"] == version


def test_a_ready_case_is_refused_once_an_invalid_follow_up_joins_it(inbox, tmp_path, target):
    application = valid_message(seed=66)
    case_id = _fill(inbox, tmp_path, {"a.xml": application})["a.xml"]
    _make_ready(inbox, case_id)
    _fill(inbox, tmp_path, {"b.xml": invalid_answer_to(application, seed=67)})

    with pytest.raises(ExportRefused) as err:
        inbox.export_case(case_id, target_dir=target)
    assert err.value.reason == "invalid"
    assert list(target.iterdir()) == [] and list_exports(inbox.db, case_id) == []

    receipt = _export(inbox, case_id, target, override_reason="Antwort telefonisch geklärt")
    assert receipt.override_reason == "Antwort telefonisch geklärt"
    assert len([f for f in receipt.files if f.name.endswith(".manifest.json")]) == 2
    assert inbox.case(case_id)["status"] == "exported"


def test_a_refusal_names_the_status_by_its_label_not_its_slug(inbox, cases, target):
    case_id = cases["new"]
    inbox.set_status(case_id, "in_progress")

    with pytest.raises(ExportRefused) as err:
        inbox.export_case(case_id, target_dir=target)

    assert err.value.reason == "not_ready"
    assert "(Status: „In Bearbeitung“)" in err.value.text_de
    assert "(status: 'In progress')" in err.value.text_en
    assert "in_progress" not in err.value.text_de + err.value.text_en


def test_a_team_lead_override_exports_and_keeps_the_reason(inbox, cases, target):
    case_id = cases["invalid"]
    reason = "Fachverfahren prüft das Datum selbst (TL Schmidt)"

    receipt = _export(inbox, case_id, target, override_reason=f"  {reason} ")

    assert receipt.override_reason == reason
    (row,) = list_exports(inbox.db, case_id)
    assert row["override_reason"] == reason
    case = inbox.case(case_id)
    assert case["status"] == "exported" and reason in case["history"][-1]["note"]
    (audit,) = inbox.db.query("SELECT detail FROM audit WHERE action = 'exported'")
    assert "override=yes" in audit["detail"] and reason not in audit["detail"]
    manifest = json.loads(next(target.glob("*.manifest.json")).read_text("utf-8"))
    assert manifest["exported_with_override"] is True


def test_an_override_needs_a_reason(inbox, cases, target):
    with pytest.raises(ExportRefused) as err:
        _export(inbox, cases["new"], target, override_reason="   ")
    assert err.value.reason == "override_without_reason"


def test_a_missing_target_folder_is_refused_not_created(inbox, cases, tmp_path):
    missing = tmp_path / "share-not-mounted"
    with pytest.raises(ExportRefused) as err:
        _export(inbox, cases["ready"], missing)
    assert err.value.reason == "target_missing" and not missing.exists()


def test_a_failing_write_is_reported_in_both_languages(inbox, cases, target, monkeypatch):
    def full_disk(folder, name, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic, "write_atomic", full_disk)
    with pytest.raises(ExportRefused) as err:
        _export(inbox, cases["ready"], target)
    assert err.value.reason == "write_failed" and "No space left" in err.value.text_de
    assert list_exports(inbox.db, cases["ready"]) == []
    assert inbox.case(cases["ready"])["status"] == "ready"


def test_a_damaged_message_in_the_store_is_not_exported(inbox, cases, target):
    case_id = cases["ready"]
    (message,) = inbox.case(case_id)["messages"]
    inbox.db.execute(
        "UPDATE blobs SET data = CAST(data || X'20' AS BLOB) WHERE id ="
        " (SELECT blob_id FROM messages WHERE id = ?)",
        (message["id"],),
    )
    with pytest.raises(StoreError):
        _export(inbox, case_id, target)
    assert list(target.iterdir()) == [] and list_exports(inbox.db, case_id) == []


def test_stale_temporary_files_of_killed_runs_are_cleared(inbox, cases, target):
    message = inbox.case(cases["ready"])["messages"][0]
    base = f"{message['antragsidentifikation']}_{message['nachrichten_uuid']}"
    stale = target / f".{base}.xml.0badc0de.part"
    fresh = target / f".{base}.xml.1badc0de.part"  # could be a live writer: left alone
    other = target / ".unrelated.part"
    for path in (stale, fresh, other):
        path.write_bytes(b"<half")
    old = time.time() - atomic.STALE_PART_SECONDS - 60
    os.utime(stale, (old, old))
    os.utime(other, (old, old))

    _export(inbox, cases["ready"], target)

    assert not stale.exists() and fresh.exists() and other.exists()


# --- untrusted names ---------------------------------------------------------------------------
def test_hostile_attachment_names_stay_inside_the_case_folder(inbox, cases, target):
    receipt = _export(inbox, cases["hostile"], target, exporter="structured")

    case_json = next(f.name for f in receipt.files if f.name.endswith("/case.json"))
    folder = case_json.removesuffix("/case.json")
    names = sorted(
        f.name.removeprefix(f"{folder}/attachments/")
        for f in receipt.files
        if "/attachments/" in f.name
    )
    assert len(names) == 3
    for name in names:
        assert "/" not in name and "\\" not in name and not name.startswith(".")
        assert all(ch.isprintable() for ch in name)
    assert {p.resolve().parent for p in target.rglob("*.pdf")} <= {
        (target / folder / "attachments").resolve()
    }
    document = json.loads((target / case_json).read_text("utf-8"))
    originals = {a["original_file_name"] for a in document["messages"][0]["attachments"]}
    assert set(HOSTILE_NAMES) <= originals  # kept as data, never used as a path
    assert schema_errors(document, SCHEMA) == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd", "_._etc_passwd"),
        ("..", "Dokument"),
        (".bashrc", "bashrc"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("Com1.pdf", "_Com1.pdf"),
        ("LPT9", "_LPT9"),
        ("a\x00b\x1f\u202ec.pdf", "a_b__c.pdf"),
        ("C:\\Windows\\x.pdf", "C__Windows_x.pdf"),
        ('a<b>c:"d|e?f*g', "a_b_c__d_e_f_g"),
        ("report.pdf. . ", "report.pdf"),
        (None, "Dokument"),
        ("   ", "Dokument"),
        ("Łukasz Wróbel – Pass.pdf", "Łukasz Wróbel – Pass.pdf"),
    ],
)
def test_safe_file_name(name, expected):
    assert safe_file_name(name, fallback="Dokument") == expected


def test_long_names_are_cut_in_utf8_bytes_keeping_the_extension():
    name = safe_file_name("ä" * 400 + ".pdf", fallback="x")
    assert len(name.encode("utf-8")) <= 150 and name.endswith(".pdf")
    assert attachment_file_name(2, "scan.exe", "application/pdf") == "2_scan.exe.pdf"
    assert attachment_file_name(1, None, "image/jpeg") == "1_Dokument.jpg"
    assert attachment_file_name(3, "Foto.JPEG", "image/jpeg") == "3_Foto.JPEG"


def test_a_case_awaiting_documents_is_exported_only_when_asked_for_without_them(
    inbox, tmp_path, target
):
    """The Fachverfahren would get it without the documents announced for later."""
    import random

    from ab_inbox.demo.delivery import build_packaged_delivery

    delivery = build_packaged_delivery(random.Random(41), packets=2)
    case_id = _fill(inbox, tmp_path, {"waiting.xml": delivery.message})["waiting.xml"]
    _make_ready(inbox, case_id)
    awaited = [
        a
        for m in inbox.case(case_id)["messages"]
        for a in m["attachments"]
        if a["state"] == "awaited"
    ]
    assert awaited
    with pytest.raises(ExportRefused) as refused:
        inbox.export_case(case_id, target_dir=target)
    assert refused.value.reason == "documents_awaited"
    assert f"{len(awaited)} Dokument(e)" in refused.value.text_de
    assert "awaiting" in refused.value.text_en
    assert list(target.iterdir()) == [] and inbox.exports(case_id) == []
    receipt = inbox.export_case(case_id, target_dir=target, without_awaited=True)
    assert receipt.files and inbox.case(case_id)["status"] == "exported"
