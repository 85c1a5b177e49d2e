"""A batch of demo messages as files: the type mix, the time line and the follow-up links.

A batch reads like a month of traffic at one office: mostly applications, some declarations of
commitment, EU registrations and § 81a procedures, and follow-ups (answers, withdrawals,
signed agreements, receipts) that point at applications earlier in the same batch through their
antragsidentifikation and nachrichtenUUID. Everything derives from one `random.Random(seed)`
and a fixed default reference time, so a seed always yields byte-identical files.
"""

from __future__ import annotations

import os
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

from ab_inbox.demo.builders import MESSAGE_TYPES
from ab_inbox.demo.compose import compose
from ab_inbox.demo.context import Application

DEFAULT_REFERENCE_TIME = datetime(2026, 11, 1, 8, 0, 0, tzinfo=timezone(timedelta(hours=1)))
DEFAULT_READER_KENNUNG = "abh:00000001"
DEFAULT_READER_NAME = "Ausländerbehörde Musterstadt"
WINDOW = timedelta(days=30)

# Share of each type in a batch, in percent (follow-ups only once they have something to refer to).
MIX = {
    "130101": 55,
    "130401": 10,
    "130201": 8,
    "130301": 7,
    "130103": 7,
    "130111": 5,
    "130404": 4,
    "130406": 4,
}


def generate_demo(
    out_dir: Path,
    count: int,
    seed: int = 1,
    *,
    reference_time: datetime | None = None,
    reader_kennung: str = DEFAULT_READER_KENNUNG,
    reader_name: str = DEFAULT_READER_NAME,
    attachment_bytes: int | None = None,
) -> list[Path]:
    """Write `count` schema-valid OZG messages into `out_dir`; paths in generation order.

    Creation times lie in the 30 days before `reference_time` (default: a fixed instant, so
    output is byte-identical per seed; pass `datetime.now(timezone.utc)` for current data;
    naive values count as local time). With `attachment_bytes`, every message carries exactly
    two embedded attachments sized so the whole file is about that many bytes; only the types
    that can hold two documents are produced then. Otherwise, with `count` >= 8, each of the
    eight inbound types occurs at least once.
    """
    if count < 0:
        raise ValueError("count must not be negative")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    reference = _aware(reference_time or DEFAULT_REFERENCE_TIME)
    window = int(WINDOW.total_seconds())
    times = sorted(reference - timedelta(seconds=rng.randint(0, window)) for _ in range(count))
    mix = {
        code: weight for code, weight in MIX.items() if attachment_bytes is None or _holds_two(code)
    }
    batch = _Batch(rng, mix, cover=count >= len(mix))
    paths = []
    for index, created in enumerate(times):
        type_code = batch.next_type(count - index)
        original = batch.original_for(type_code)
        first_application = original is None and not batch.applications
        built = compose(
            type_code,
            random.Random(rng.getrandbits(64)),
            created=created,
            reader_kennung=reader_kennung,
            reader_name=reader_name,
            original=original,
            attachment_bytes=attachment_bytes,
            rueckkanal=True if first_application else None,
        )
        batch.record(type_code, built.application, original)
        path = out_dir / f"{built.root}_{built.nachrichten_uuid}.xml"
        write_atomic(path, built.data)
        paths.append(path)
    return paths


def build_message(type_code: str, rng: random.Random, **kw) -> bytes:
    """One message of the given type, outside a batch (follow-ups get a stand-in application).

    Keywords: created, reader_kennung, reader_name, original (an Application),
    attachment_bytes, referenced (documents as dokumentuuid), rueckkanal.
    """
    if type_code not in MESSAGE_TYPES:
        raise KeyError(f"unknown demo message type {type_code!r}")
    created = kw.pop("created", None)
    if created is None:
        window = int(WINDOW.total_seconds())
        created = DEFAULT_REFERENCE_TIME - timedelta(seconds=rng.randint(0, window))
    kw.setdefault("reader_kennung", DEFAULT_READER_KENNUNG)
    kw.setdefault("reader_name", DEFAULT_READER_NAME)
    return compose(type_code, rng, created=_aware(created), **kw).data


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a hidden temporary name, then rename: watchers never see half a file."""
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.astimezone()


def _holds_two(type_code: str) -> bool:
    low, high = MESSAGE_TYPES[type_code].documents
    return low <= 2 <= high


class _Batch:
    """Which type comes next, and which earlier application a follow-up answers."""

    def __init__(self, rng: random.Random, mix: dict[str, int], cover: bool):
        self.rng = rng
        self.mix = mix
        self.missing = set(mix) if cover else set()
        self.applications: list[Application] = []
        self.withdrawn: set[str] = set()

    def _targets(self, type_code: str) -> list[Application]:
        refers_to = MESSAGE_TYPES[type_code].refers_to
        return [
            app
            for app in self.applications
            if app.type_code in refers_to and (type_code != "130103" or app.rueckkanal)
        ]

    def _eligible(self, type_code: str) -> bool:
        return not MESSAGE_TYPES[type_code].is_follow_up or bool(self._targets(type_code))

    def next_type(self, remaining: int) -> str:
        """Weighted draw; when only as many messages remain as types are missing, a missing one.

        Missing follow-ups depend on types that are missing as well or already present, so a
        missing type is always eligible while any is missing.
        """
        if self.missing and len(self.missing) >= remaining:
            candidates = sorted(code for code in self.missing if self._eligible(code))
            return self.rng.choice(candidates)
        candidates = [code for code in self.mix if self._eligible(code)]
        return self.rng.choices(candidates, weights=[self.mix[c] for c in candidates])[0]

    def original_for(self, type_code: str) -> Application | None:
        if not MESSAGE_TYPES[type_code].is_follow_up:
            return None
        targets = self._targets(type_code)
        active = [app for app in targets if app.nachrichten_uuid not in self.withdrawn]
        return self.rng.choice(active or targets)

    def record(self, type_code: str, application: Application | None, original):
        self.missing.discard(type_code)
        if application is not None:
            self.applications.append(application)
        if type_code == "130111" and original is not None:
            self.withdrawn.add(original.nachrichten_uuid)
