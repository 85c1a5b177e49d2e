"""The store's connection object: plain SQL for every day, sqlite-utils for the schema.

Reading and writing rows needs nothing but the sqlite3 connection, so `Database` offers just
`execute` and `query` (rows as dicts) on top of it. sqlite-utils, which builds and alters the
tables in the migrations, is imported only when a table object is asked for: opening an
up-to-date store (every start of the desktop) does not pay for importing it.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from ab_inbox.errors import QueryTooSlow

# How many SQLite virtual machine steps pass between two looks at the clock in time_limit():
# a few microseconds of work each, so a limit is kept to well under a millisecond.
_STEPS_PER_CHECK = 1000


class Database:
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self._schema_tool = None

    def execute(self, sql: str, params: Iterable | dict = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def query(self, sql: str, params: Iterable | dict = ()) -> Iterator[dict]:
        """Rows as dicts, column names as keys."""
        cursor = self.conn.execute(sql, params)
        keys = [d[0] for d in cursor.description or ()]
        for row in cursor:
            yield dict(zip(keys, row, strict=True))

    @contextmanager
    def time_limit(self, seconds: float) -> Iterator[None]:
        """Statements run inside are stopped once `seconds` have passed (QueryTooSlow)."""
        deadline = time.monotonic() + seconds
        self.conn.set_progress_handler(lambda: time.monotonic() > deadline, _STEPS_PER_CHECK)
        try:
            yield
        except sqlite3.OperationalError as exc:
            if time.monotonic() > deadline and "interrupt" in str(exc):
                raise QueryTooSlow(seconds) from exc
            raise
        finally:
            self.conn.set_progress_handler(None, 0)

    @property
    def schema(self):
        """The sqlite-utils view of the same connection, for creating and altering tables."""
        if self._schema_tool is None:
            import sqlite_utils

            self._schema_tool = sqlite_utils.Database(self.conn)
        return self._schema_tool

    def __getitem__(self, table: str):
        return self.schema[table]
