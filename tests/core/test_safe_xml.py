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
