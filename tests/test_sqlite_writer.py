"""SQLite's writers take turns through the gate: every write lands, a reader never waits for it,
and a worker killed in the middle of a write does not keep the room waiting."""
import fcntl
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from app import sqlite_writer
from app.sqlite_writer import GatedConnection

ROOT = Path(__file__).resolve().parent.parent


def connect(path):
    connection = sqlite3.connect(path, factory=GatedConnection, check_same_thread=False)
    sqlite_writer.set_pragmas(connection)
    return connection


@pytest.fixture
def database(tmp_path):
    path = str(tmp_path / "room.sqlite")
    with connect(path) as connection:
        connection.execute("CREATE TABLE answer (phone INTEGER, number INTEGER)")
    return path


def gate_is_free(path):
    """Whether another process could take the gate now (a descriptor of its own, not waiting)."""
    descriptor = os.open(path + "-writer", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(descriptor)
    return True


WRITER = textwrap.dedent("""
    import sys
    from tests.test_sqlite_writer import connect
    phone, count, hold = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "hold"
    connection = connect(sys.argv[1])
    if hold:  # begin a write, say so, and wait to be killed
        connection.execute("INSERT INTO answer VALUES (?, -1)", (phone,))
        print("writing", flush=True)
        sys.stdin.read()
    for number in range(count):
        connection.execute("INSERT INTO answer VALUES (?, ?)", (phone, number))
        connection.commit()
""")


def writer_process(path, phone, count, hold=False):
    return subprocess.Popen([sys.executable, "-c", WRITER, path, str(phone), str(count), "hold" if hold else "go"],
                            cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)


def test_the_gate_is_held_from_a_transactions_first_write_to_its_commit_or_rollback(database):
    connection = connect(database)
    connection.execute("SELECT count(*) FROM answer").fetchall()
    assert gate_is_free(database)  # reading takes no turn
    connection.execute("INSERT INTO answer VALUES (1, 1)")
    assert not gate_is_free(database)
    connection.execute("UPDATE answer SET number = 2")  # the same transaction: still one turn
    connection.commit()
    assert gate_is_free(database)
    connection.execute("DELETE FROM answer")
    connection.rollback()
    assert gate_is_free(database)
    assert connection.execute("SELECT number FROM answer").fetchall() == [(2,)]


def test_every_write_of_many_threads_and_three_worker_processes_lands_once(database):
    processes = [writer_process(database, phone, 60) for phone in (101, 102, 103)]
    failures = []

    def phone(number):
        connection = connect(database)
        try:
            for answer in range(60):
                connection.execute("INSERT INTO answer VALUES (?, ?)", (number, answer))
                connection.commit()
        except sqlite3.Error as error:
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=phone, args=(number,)) for number in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for process in processes:
        process.communicate(timeout=60)
    assert [process.returncode for process in processes] == [0, 0, 0]
    assert failures == []
    rows = connect(database).execute("SELECT phone, count(*), count(DISTINCT number) FROM answer GROUP BY phone")
    assert sorted(rows) == [(number, 60, 60) for number in [*range(8), 101, 102, 103]]


def test_a_worker_killed_in_the_middle_of_a_write_leaves_the_others_writing(database):
    killed = writer_process(database, 9, 0, hold=True)
    assert killed.stdout.readline() == "writing\n"
    assert not gate_is_free(database)
    killed.send_signal(signal.SIGKILL)
    killed.communicate(timeout=10)
    connection = connect(database)
    connection.execute("INSERT INTO answer VALUES (1, 1)")  # would wait forever if the gate stayed taken
    connection.commit()
    assert connection.execute("SELECT phone FROM answer").fetchall() == [(1,)]  # its write was never committed


def test_a_thread_that_waits_too_long_gets_sqlites_own_error_not_a_hang(database, monkeypatch):
    monkeypatch.setattr(sqlite_writer, "WAIT_SECONDS", 0.2)
    first, second = connect(database), connect(database)
    first.execute("INSERT INTO answer VALUES (1, 1)")
    with pytest.raises(sqlite3.OperationalError, match="database is locked"):
        second.execute("INSERT INTO answer VALUES (2, 2)")
    first.commit()
    second.execute("INSERT INTO answer VALUES (2, 2)")  # its turn came
    second.commit()
    assert sorted(second.execute("SELECT phone FROM answer")) == [(1,), (2,)]


def test_an_in_memory_database_has_no_gate():
    connection = connect(":memory:")
    connection.execute("CREATE TABLE answer (phone INTEGER)")
    connection.execute("INSERT INTO answer VALUES (1)")
    assert connection.gate is None and not connection.holding
