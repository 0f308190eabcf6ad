"""SQLite's one writer, taken in turn.

SQLite lets one connection write at a time. A connection that finds the write lock taken is left
to poll for it: SQLite's busy handler sleeps 1, 2, 5, … and then 100 ms between tries. When a
whole room autosaves in the same seconds, the lock is then free while its waiters sleep, and a
write of a millisecond waits hundreds (the test bursts in docs/benchmarks.md, seventh round).

So before its first write a transaction takes a gate: a lock among the threads of this process,
then an exclusive flock on a file beside the database among the server's worker processes.
Waiters queue in the kernel, and the next one runs as soon as the last one has committed. The
gate is let go after the commit or the rollback; the kernel lets go of a killed worker's flock.
A writer that does not come through here (another program on the same file) still meets SQLite's
busy timeout, as before.
"""
import fcntl
import os
import sqlite3
import threading

PRAGMAS = (
    "PRAGMA journal_mode=WAL",  # readers and one writer at once
    # In WAL mode NORMAL skips an fsync per commit: a committed answer survives a crash or a
    # kill -9 of the server; only a power cut or an OS crash can lose the last commits (a laptop
    # on battery rarely has one). FULL made every autosave wait for the disk.
    "PRAGMA synchronous=NORMAL",
    "PRAGMA busy_timeout=10000",  # for writers outside the gate: wait, do not fail
    "PRAGMA foreign_keys=ON",
)
WAIT_SECONDS = 10  # a thread waits for the gate as long as SQLite's busy timeout
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER")


class Gate:
    """One database file's turn to write, for the threads of this process and for the others."""

    def __init__(self, path):
        self.path = path
        self.threads = threading.Lock()
        self.descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)

    def enter(self):
        if not self.threads.acquire(timeout=WAIT_SECONDS):
            raise sqlite3.OperationalError("database is locked")
        try:
            fcntl.flock(self.descriptor, fcntl.LOCK_EX)
        except BaseException:
            self.threads.release()
            raise

    def leave(self):
        try:
            fcntl.flock(self.descriptor, fcntl.LOCK_UN)
        finally:
            self.threads.release()


_gates = {}  # (process id, database path) -> Gate: a forked worker opens its own file, as
_gates_lock = threading.Lock()  # flock locks belong to an open file, and a fork shares it


def gate_for(database):
    """The gate of a database file; None for an in-memory database, which one connection holds."""
    database = os.fspath(database)
    if database in ("", ":memory:") or database.startswith("file:"):
        return None
    key = (os.getpid(), os.path.abspath(database))
    with _gates_lock:
        if key not in _gates:
            _gates[key] = Gate(key[1] + "-writer")
        return _gates[key]


class GatedCursor(sqlite3.Cursor):
    def execute(self, sql, parameters=(), /):
        self.connection.before(sql)
        return super().execute(sql, parameters)

    def executemany(self, sql, parameters, /):
        self.connection.before(sql)
        return super().executemany(sql, parameters)


class GatedConnection(sqlite3.Connection):
    """A connection that takes the gate before its transaction's first write and lets go of it
    once the transaction ends."""

    def __init__(self, database, *args, **kwargs):
        super().__init__(database, *args, **kwargs)
        self.gate, self.holding = gate_for(database), False

    def cursor(self, factory=GatedCursor):
        return super().cursor(factory)

    def execute(self, sql, parameters=(), /):
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql, parameters, /):
        return self.cursor().executemany(sql, parameters)

    def before(self, sql):
        if self.gate and not self.holding and sql.lstrip()[:7].upper().startswith(WRITES):
            self.gate.enter()
            self.holding = True

    def commit(self):
        try:
            super().commit()
        finally:
            self._let_go()

    def rollback(self):
        try:
            super().rollback()
        finally:
            self._let_go()

    def close(self):
        try:
            super().close()
        finally:
            self._let_go()

    def __exit__(self, *failure):  # `with connection:` commits or rolls back in C, not through ours
        try:
            return super().__exit__(*failure)
        finally:
            self._let_go()

    def __del__(self):  # dropped unclosed: its transaction ends with it, and so does its turn
        self._let_go()

    def _let_go(self):
        if getattr(self, "holding", False):  # (not set if opening the file failed)
            self.holding = False
            self.gate.leave()


def engine_options(url):
    """SQLAlchemy engine options for a database URL: file SQLite databases get the gate."""
    if not url.startswith("sqlite"):
        return {}
    return {"connect_args": {"factory": GatedConnection}}


def set_pragmas(dbapi_connection):
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        for pragma in PRAGMAS:
            cursor.execute(pragma)
        cursor.close()
