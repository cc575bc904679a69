"""SQLite through aiosqlite with one hand-off to its thread per statement.

aiosqlite runs every call of a connection on that connection's thread. SQLAlchemy's adapter
(`sqlalchemy.dialects.sqlite.aiosqlite`) makes four such calls for each statement: open a
cursor, execute, fetch all the rows, close the cursor; each is a trip through a queue to the
thread and back through the event loop's self-pipe. Under a burst of updates these trips were
a large share of the bot's CPU (issue 13). `OneHopCursor` does the four in one function on the
thread and keeps what SQLAlchemy reads afterwards (the description, the rows, rowcount,
lastrowid), so a statement costs one trip. Transactions, errors and threads are as before:
the same aiosqlite connection, the same sqlite3 calls in the same order.

Used by `bot.db.make_engine` for every file database (``module=ONE_HOP_DBAPI``); it relies on
aiosqlite's ``Connection._execute`` and ``_conn`` (the adapter of SQLAlchemy itself uses
``_tx`` and ``_conn``), pinned in requirements.lock.
"""

from __future__ import annotations

import collections
import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

import aiosqlite
from sqlalchemy.dialects.sqlite.aiosqlite import (
    AsyncAdapt_aiosqlite_connection,
    AsyncAdapt_aiosqlite_cursor,
    AsyncAdapt_aiosqlite_dbapi,
)
from sqlalchemy.util import EMPTY_DICT
from sqlalchemy.util.concurrency import await_

_Outcome = tuple[Any, list[Any], int, int | None]  # description, rows, rowcount, lastrowid


def _run(conn: sqlite3.Connection, operation: str, parameters: Any, many: bool) -> _Outcome:
    """On the connection's thread: the statement from cursor to close."""
    cursor = conn.cursor()
    try:
        if many:
            cursor.executemany(operation, parameters)
        elif parameters is None:
            cursor.execute(operation)
        else:
            cursor.execute(operation, parameters)
        description = cursor.description
        rows = cursor.fetchall() if description else []
        return description, rows, cursor.rowcount, cursor.lastrowid
    finally:
        cursor.close()


class OneHopCursor(AsyncAdapt_aiosqlite_cursor):
    """A client-side cursor whose statement runs in one call on the connection's thread."""

    __slots__ = ("_description", "_lastrowid", "_rowcount")
    _awaitable_cursor_close = False  # nothing is left open on the thread

    def __init__(self, adapt_connection: Any) -> None:  # no aiosqlite cursor is made
        self._adapt_connection = adapt_connection
        self._connection = adapt_connection._connection
        self._cursor = None  # type: ignore[assignment]
        self._soft_closed_memoized = EMPTY_DICT
        self._rows = collections.deque()
        self._description: Any = None
        self._rowcount = -1
        self._lastrowid: int | None = None

    @property
    def description(self) -> Any:
        return self._description

    @property
    def rowcount(self) -> int:
        return self._rowcount

    @property
    def lastrowid(self) -> int:
        return self._lastrowid  # type: ignore[return-value]

    @property
    def arraysize(self) -> int:
        return 1

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        pass

    def _run(self, operation: Any, parameters: Any, many: bool) -> None:
        conn = self._connection
        try:
            outcome = await_(conn._execute(_run, conn._conn, operation, parameters, many))
        except Exception as error:
            self._adapt_connection._handle_exception(error)
        self._description, rows, self._rowcount, self._lastrowid = outcome
        self._rows = collections.deque(rows)

    def execute(self, operation: Any, parameters: Any = None) -> None:
        self._run(operation, parameters, False)

    def executemany(self, operation: Any, seq_of_parameters: Any) -> None:
        self._run(operation, seq_of_parameters, True)

    async def _async_soft_close(self) -> None:
        return None

    def close(self) -> None:
        self._rows.clear()

    def nextset(self) -> None:
        return None

    def setinputsizes(self, *inputsizes: Any) -> None:
        return None

    def __iter__(self) -> Iterator[Any]:
        while self._rows:
            yield self._rows.popleft()

    def fetchall(self) -> Sequence[Any]:
        rows = list(self._rows)
        self._rows.clear()
        return rows


class OneHopConnection(AsyncAdapt_aiosqlite_connection):
    """Commit and roll back without a trip when no transaction is open: sqlite3 itself does
    nothing then (it checks `sqlite3_get_autocommit`, which `in_transaction` reads, before
    sending COMMIT or ROLLBACK), and SQLite opens none for a SELECT under the sqlite3
    module's default transaction control. A session that only read (most updates), and the
    pool's rollback when a connection comes back after a commit, cost no trip. Nothing else
    runs on the connection meanwhile: SQLAlchemy waits for each of its calls."""

    __slots__ = ()
    _cursor_cls = OneHopCursor

    def _open(self) -> bool:
        conn = self._connection._connection
        return conn is not None and conn.in_transaction

    def commit(self) -> None:
        if self._open():
            super().commit()

    def rollback(self) -> None:
        if self._open():
            super().rollback()


class OneHopDBAPI(AsyncAdapt_aiosqlite_dbapi):
    """The aiosqlite DBAPI module of SQLAlchemy, handing out `OneHopConnection`s."""

    def connect(self, *arg: Any, **kw: Any) -> OneHopConnection:
        connection = self.aiosqlite.connect(*arg, **kw)
        connection._thread.daemon = True  # as SQLAlchemy's adapter does
        return OneHopConnection(self, await_(connection))


ONE_HOP_DBAPI = OneHopDBAPI(aiosqlite, sqlite3)
