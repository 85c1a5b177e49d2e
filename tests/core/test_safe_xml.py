"""Hardened parsing refuses what a message never needs, before libxml2 can be abused."""

from __future__ import annotations

import pytest

from ab_inbox.xauslaender.safe_xml import ParseLimits, UnsafeXmlError, parse_untrusted


def test_size_cap_is_checked_before_parsing():
    with pytest.raises(UnsafeXmlError) as err:
        parse_untrusted(b"<a>" + b"x" * 2000 + b"</a>", ParseLimits(max_bytes=1000))
    assert err.value.code == "too_large"


@pytest.mark.parametrize(
    "data",
    [
        b'<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>',
        b'<?xml version="1.0"?>\n<!-- c -->\n<!doctype a SYSTEM "http://127.0.0.1:9/x.dtd"><a/>',
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE a><a/>'.encode("utf-16"),
    ],
)
def test_any_doctype_is_refused(data):
    with pytest.raises(UnsafeXmlError) as err:
        parse_untrusted(data)
    assert err.value.code == "doctype"
    assert "DOCTYPE" in err.value.text_de


def test_undeclared_entity_is_not_resolved():
    with pytest.raises(UnsafeXmlError) as err:
        parse_untrusted(b"<a>&xxe;</a>")
    assert err.value.code in ("doctype", "not_wellformed")


def test_syntax_errors_report_the_line():
    with pytest.raises(UnsafeXmlError) as err:
        parse_untrusted(b"<a>\n<b>\n</a>")
    assert err.value.code == "not_wellformed" and err.value.line == 3
    assert "Zeile 3" in err.value.text_de and "line 3" in err.value.text_en


def test_names_in_any_script_survive_parsing():
    tree = parse_untrusted("<a>Łukasz Nguyễn Thị Hương Şahin</a>".encode())
    assert tree.getroot().text == "Łukasz Nguyễn Thị Hương Şahin"


def test_a_document_over_ten_megabytes_is_read_but_no_other_long_text():
    big = "QUFB" * 3_000_000  # 12 MB of base64
    tree = parse_untrusted(f"<a><dokument>{big}</dokument></a>".encode())
    assert len(tree.getroot()[0].text) == 12_000_000
    with pytest.raises(UnsafeXmlError) as err:
        parse_untrusted(f"<a><dokument>{big}</dokument><name>{big}</name></a>".encode())
    assert err.value.code == "too_deep" and "name" in err.value.text_de
    deep = "<b>" * 300 + "</b>" * 300
    with pytest.raises(UnsafeXmlError) as err:
        parse_untrusted(f"<a><dokument>{big}</dokument>{deep}</a>".encode())
    assert err.value.code == "too_deep"


def test_an_application_with_a_twelve_megabyte_document_is_taken_in(inbox, tmp_path):
    from tests.messages import fetch_files, valid_message

    data = valid_message(seed=77, attachment_bytes=22_000_000)  # spread over the documents
    assert len(data) >= 22_000_000
    [case_id] = fetch_files(inbox, tmp_path / "drop", {"big.xml": data}).values()
    message = inbox.message(inbox.case(case_id)["messages"][0]["id"])
    sizes = [a["size"] for a in message["attachments"] if a["state"] == "stored"]
    assert max(sizes) >= 7_500_000  # one text node over 10 MB of base64
