"""A refresh stopped by a signal: one line, the signal's exit status, no temporary file,
no parse worker left running, and a re-run that ends where an unstopped run ends."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import big_dump, committed_pages, slowed

from wiktlex.cli.exits import HANGUP, INTERRUPTED, TERMINATED, Terminated, exit_status, stopped_by
from wiktlex.pipeline import refresh

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

#: `wiktlex refresh` with a parser slowed down enough to be stopped part-way; the pool's
#: workers are forked from this process, so they parse slowly too.
SLOW_CLI = slowed("""
    from wiktlex.cli import main
    sys.argv = ["wiktlex", "refresh", *sys.argv[1:]]
    main()
""", 0.02)


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid`, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def running(pid: int) -> bool:
    """Alive and not a zombie (a container's init may never reap the orphans it adopts)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def gone(pids: list[int], within: float = 5.0) -> bool:
    deadline = time.monotonic() + within
    while any(running(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not any(running(p) for p in pids)


@pytest.fixture(scope="module")
def dump(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dump") / "big.xml"
    big_dump(path, copies=12)  # 168 pages
    return path


@pytest.fixture(scope="module")
def reference(dump: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ref")
    refresh(str(dump), out / "lex.sqlite", jsonl=out / "lex.jsonl", progress="none")
    return out


@pytest.fixture
def started(dump: Path, tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], list[int]]]:
    """A two-worker refresh of `dump` into tmp_path, 30 pages or more in, and its workers."""
    args = [sys.executable, "-c", SLOW_CLI, "--source", str(dump), "--db", str(tmp_path / "lex.sqlite"),
            "--jsonl", str(tmp_path / "lex.jsonl"), "--workers", "2", "--progress", "log"]
    proc = subprocess.Popen(args, start_new_session=True, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while committed_pages(tmp_path / "lex.sqlite") < 30 and time.monotonic() < deadline:
            assert proc.poll() is None, proc.communicate()
            time.sleep(0.02)
        workers = children(proc.pid)
        assert len(workers) >= 2  # the pool (and its resource tracker, if any)
        yield proc, workers
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        for pid in workers:  # a failed test leaves no orphan behind either
            if running(pid):
                os.kill(pid, signal.SIGKILL)


def test_sigterm_ends_a_refresh_like_ctrl_c_and_a_rerun_finishes_it(
    started: tuple[subprocess.Popen[str], list[int]], tmp_path: Path, dump: Path, reference: Path
) -> None:
    proc, workers = started
    os.kill(proc.pid, signal.SIGTERM)  # the main process only, as `timeout` or `docker stop` do
    _, stderr = proc.communicate(timeout=30)

    assert proc.returncode == TERMINATED == 143
    assert stderr.splitlines()[-1] == "terminated (SIGTERM): run the same command again to continue"
    assert "Traceback" not in stderr
    assert gone(workers)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == ["lex.raw.sqlite", "lex.sqlite"], left  # no spool, no journal, no JSONL
    stopped_at = committed_pages(tmp_path / "lex.sqlite")
    assert 30 <= stopped_at < 168

    summary = refresh(str(dump), tmp_path / "lex.sqlite", jsonl=tmp_path / "lex.jsonl", progress="none")
    assert summary.parsed == 168 - stopped_at
    assert (tmp_path / "lex.jsonl").read_bytes() == (reference / "lex.jsonl").read_bytes()


def test_workers_die_with_a_parent_killed_outright(
    started: tuple[subprocess.Popen[str], list[int]],
) -> None:
    proc, workers = started
    os.kill(proc.pid, signal.SIGKILL)  # nothing runs in the parent: the workers must see it
    proc.wait(timeout=10)
    assert gone(workers)


WATCHED = textwrap.dedent("""
    import sys, time
    from wiktlex.pipeline.engines import local
    local._kill_me_with_parent = lambda: False  # as where the kernel cannot be asked
    local.die_with_parent(int(sys.argv[1]), interval=0.05)
    time.sleep(60)
""")
PARENT = textwrap.dedent("""
    import os, subprocess, sys, time
    child = subprocess.Popen([sys.executable, "-c", sys.argv[1], str(os.getpid())])
    print(child.pid, flush=True)
    time.sleep(60)
""")


def test_the_watchdog_ends_a_worker_whose_parent_died_without_the_kernel_telling_it() -> None:
    parent = subprocess.Popen([sys.executable, "-c", PARENT, WATCHED], stdout=subprocess.PIPE,
                              text=True, start_new_session=True)
    try:
        assert parent.stdout is not None
        child = int(parent.stdout.readline())
        time.sleep(1.0)  # the child is up and watching
        assert running(child)
        parent.kill()
        parent.wait(timeout=10)
        assert gone([child], within=5)
    finally:
        if parent.poll() is None:
            parent.kill()
        parent.wait(timeout=10)


def test_exit_statuses_follow_the_shell() -> None:
    assert exit_status(KeyboardInterrupt()) == INTERRUPTED == 130
    assert exit_status(Terminated(signal.SIGTERM)) == TERMINATED
    assert exit_status(Terminated(signal.SIGHUP)) == HANGUP == 129
    assert stopped_by(Terminated(signal.SIGHUP)) == "terminated (SIGHUP)"
    assert stopped_by(KeyboardInterrupt()) == "interrupted"
