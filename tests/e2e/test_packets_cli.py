"""A packaged document delivery through `ab-inbox fetch` from a drop folder."""

from __future__ import annotations

import io
import json
import os
import random
import zipfile

import pytest

from ab_inbox.demo.delivery import build_packaged_delivery
from tests.e2e.cli import cli_env, run_cli


@pytest.fixture
def env(tmp_path, schemas_dir):
    return cli_env(tmp_path, schemas_dir)


def _drop(tmp_path, files: list[tuple[str, bytes]]):
    """Files in the given order of arrival (fetch takes the oldest first)."""
    drop = tmp_path / "drop"
    drop.mkdir()
    for age, (name, data) in enumerate(reversed(files)):
        path = drop / name
        path.write_bytes(data)
        os.utime(path, (1_700_000_000 - age * 10, 1_700_000_000 - age * 10))
    return drop


def _message_of_type(env, type_code: str) -> dict:
    rows = [json.loads(line) for line in run_cli(env, "list", "--json").stdout.splitlines()]
    [row] = [r for r in rows if r["message_type"] == type_code]
    return row


def test_packets_before_their_message_are_joined_when_it_arrives(env, tmp_path):
    built = build_packaged_delivery(random.Random(31), packets=2)
    drop = _drop(
        tmp_path,
        [("p2.xml", built.packets[1]), ("p1.xml", built.packets[0]), ("antrag.xml", built.message)],
    )

    result = run_cli(env, "fetch", "--from", str(drop), "--settle", "0")

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("accepted\tp2.xml") and "noch nicht eingegangen" in lines[0]
    assert lines[2].startswith("accepted\tantrag.xml") and "vollständig" in lines[2]
    application = _message_of_type(env, "130101")
    shown = json.loads(run_cli(env, "show", str(application["id"]), "--json").stdout)
    referenced = [a for a in shown["attachments"] if a["dokumentuuid"]]
    assert referenced and {a["state"] for a in referenced} == {"stored"}
    out = tmp_path / "doc.bin"
    position = referenced[0]["position"]
    saved = run_cli(env, "attachment", str(application["id"]), str(position), "--out", str(out))
    assert saved.returncode == 0, saved.stderr
    [content] = [
        v for k, v in built.documents.items() if k.startswith(referenced[0]["dokumentuuid"])
    ]
    assert out.read_bytes() == content
    cases = run_cli(env, "cases", "--json").stdout.splitlines()
    assert len(cases) == 1


def test_a_hostile_zip_is_kept_and_the_failure_is_shown(env, tmp_path):
    def traversal(documents):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("../evil.pdf", b"%PDF-1.4")
        return buffer.getvalue()

    built = build_packaged_delivery(random.Random(32), packets=1, make_archive=traversal)
    drop = _drop(tmp_path, [("antrag.xml", built.message), ("p1.xml", built.packets[0])])

    result = run_cli(env, "--lang", "en", "fetch", "--from", str(drop), "--settle", "0")

    assert result.returncode == 0, result.stderr
    assert "Document delivery failed" in result.stdout and "path_traversal" in result.stdout
    assert (drop / "processed" / "p1.xml").read_bytes() == built.packets[0]
    application = _message_of_type(env, "130101")
    assert application["validation"] == "invalid"
    shown = run_cli(env, "show", str(application["id"])).stdout
    assert "../evil.pdf" in shown and "Paket 1" in shown
