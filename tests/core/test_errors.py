"""Every error a person reads comes in German and English, and a broken code list file is
reported, not fatal."""

from __future__ import annotations

from ab_inbox.errors import BilingualError
from ab_inbox.ingest.checking import Rejected
from ab_inbox.store.connection import StoreError
from ab_inbox.xauslaender.codelists import load_codelists
from ab_inbox.xauslaender.model import UnknownMessageType
from ab_inbox.xauslaender.safe_xml import UnsafeXmlError
from ab_inbox.xauslaender.schema_pack import SchemaPackError


def test_all_user_facing_errors_share_the_bilingual_base():
    for cls in (Rejected, StoreError, UnknownMessageType, UnsafeXmlError, SchemaPackError):
        assert issubclass(cls, BilingualError)
    err = Rejected("empty", "Die Datei ist leer.", "The file is empty.")
    assert err.text("de") == "Die Datei ist leer." and err.text("en") == str(err)


def test_a_hostile_code_list_file_is_recorded_as_a_problem(tmp_path):
    (tmp_path / "evil.xml").write_bytes(b'<!DOCTYPE x [<!ENTITY e "x">]><x>&e;</x>')
    index = load_codelists([tmp_path])
    assert len(index.problems) == 1 and "evil.xml" in index.problems[0]
