"""Checking on several threads at once (fetch does) must give each message its own verdict."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from ab_inbox.config import Settings
from ab_inbox.inbox import pack_library, policy_from
from ab_inbox.ingest.checking import check_message
from tests.messages import set_text, valid_message


def test_invalid_messages_stay_invalid_when_checked_in_parallel(schemas_dir):
    packs = pack_library(schemas_dir)
    policy = policy_from(Settings())
    good = valid_message(seed=301)
    bad = set_text(valid_message(seed=302), "antragsdatum", "kaputt")
    inputs = [good if i % 2 else bad for i in range(400)]

    with ThreadPoolExecutor(max_workers=4) as pool:
        verdicts = list(pool.map(lambda data: check_message(data, packs, policy).valid, inputs))

    assert verdicts == [bool(i % 2) for i in range(400)]


def test_first_checks_on_several_threads_at_once_all_succeed(schemas_dir):
    """Several threads needing a validator at the same moment: the first compiles the pack's
    validators, the others wait for them; every check succeeds."""
    from ab_inbox.xauslaender.schema_pack import SchemaPack

    for _ in range(20):
        pack = SchemaPack(root=schemas_dir.resolve(), version="26.11")
        tree_bytes = valid_message(seed=303)

        def check(_i, pack=pack, data=tree_bytes):
            from ab_inbox.xauslaender.safe_xml import parse_untrusted

            with pack.borrowed_schema("OZG") as schema:
                return schema.validate(parse_untrusted(data))

        with ThreadPoolExecutor(max_workers=4) as pool:
            assert all(pool.map(check, range(8)))


def test_validators_are_compiled_at_first_use_only_and_lent_out_in_turn(schemas_dir):
    """No validator is compiled later, next to other threads' libxml2 work: with all of them
    lent out, the next user waits for one to come back."""
    import threading
    from contextlib import ExitStack

    from ab_inbox.xauslaender.schema_pack import VALIDATORS_PER_FAMILY, SchemaPack

    pack = SchemaPack(root=schemas_dir.resolve(), version="26.11")
    with ExitStack() as lending:
        lent = [
            lending.enter_context(pack.borrowed_schema("OZG")) for _ in range(VALIDATORS_PER_FAMILY)
        ]
        assert len({id(v) for v in lent}) == VALIDATORS_PER_FAMILY
        got = []

        def borrow():
            with pack.borrowed_schema("OZG") as schema:
                got.append(schema)

        waiting = threading.Thread(target=borrow)
        waiting.start()
        waiting.join(0.2)
        assert waiting.is_alive() and not got  # nothing compiled for it: it waits
    waiting.join(10)
    assert got and any(got[0] is v for v in lent)


def test_a_family_whose_schema_does_not_compile_leaves_the_others_working(schemas_dir, tmp_path):
    import shutil

    import pytest

    from ab_inbox.xauslaender.safe_xml import parse_untrusted
    from ab_inbox.xauslaender.schema_pack import (
        ADMINISTRATION_XSD,
        SchemaPack,
        SchemaPackError,
    )

    root = tmp_path / "pack"
    shutil.copytree(schemas_dir, root, ignore=shutil.ignore_patterns("selfmade-test-instances"))
    broken = root / "26.11" / "xsd" / ADMINISTRATION_XSD
    broken.write_text(
        broken.read_text(encoding="utf-8").replace('type="', 'type="kaputt:', 1),
        encoding="utf-8",
    )
    pack = SchemaPack(root=root, version="26.11")
    pack.prepare_validators()

    with pack.borrowed_schema("OZG") as schema:
        assert schema.validate(parse_untrusted(valid_message(seed=304)))
    for _ in range(2):  # each time the same clear error, no compile on the way
        with pytest.raises(SchemaPackError) as caught, pack.borrowed_schema("Administration"):
            pass
        assert ADMINISTRATION_XSD in caught.value.text_de
