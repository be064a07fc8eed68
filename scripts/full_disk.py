#!/usr/bin/env python3
"""debrief on a full disk (docs/RELIABILITY.md): reading works (list, search, show and the
interface's start), a write says "the disk is full" with exit 7, and text piped in or typed in
the interface and then stopped with SIGTERM is kept whole, in the room debrief reserves beside
the journal; with no room at all, debrief says the text was not kept and fails, and leaves
no empty rescue file.

The disk is a 2 MiB tmpfs mounted for the run (the journal, HOME and TMPDIR all on it, so no
other place has room). Mounting needs root: where it is not allowed, the script says so and
exits 0 having tested nothing.

usage: full_disk.py --debrief target/debug/debrief
"""
import argparse
import os
import pty
import select
import signal
import subprocess
import sys
import tempfile
import time

PIPED = "piped in while the disk was full"
TYPED = "typed while the disk was full"


def fill(folder):
    """Take every byte left on the disk (whole blocks, then single bytes)."""
    for name, size in (("filler", 4096), ("filler-tail", 1)):
        fd = os.open(os.path.join(folder, name), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            while True:
                os.write(fd, b"\0" * size)
        except OSError:
            pass
        finally:
            os.close(fd)


def unfill(folder):
    for name in ("filler", "filler-tail"):
        try:
            os.unlink(os.path.join(folder, name))
        except FileNotFoundError:
            pass


def rescues(root):
    """Every rescue file under root: (path, size)."""
    found = []
    for d, _, files in os.walk(root):
        for f in files:
            if f.startswith("debrief-unsaved-"):
                p = os.path.join(d, f)
                found.append((p, os.path.getsize(p)))
    return sorted(found)


class Run:
    def __init__(self, debrief, root):
        self.debrief = debrief
        self.root = root
        self.db = os.path.join(root, "data", "j.db")
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": os.path.join(root, "home"),
            "TMPDIR": os.path.join(root, "tmp"),
            "TZ": "UTC",
            "TERM": "xterm-256color",
        }
        os.makedirs(self.env["HOME"], exist_ok=True)
        os.makedirs(self.env["TMPDIR"], exist_ok=True)
        self.problems = []

    def cli(self, *args, stdin=None):
        p = subprocess.run(
            [self.debrief, "--db", self.db, *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=self.env,
            timeout=60,
        )
        return p.returncode, p.stdout, p.stderr

    def check(self, ok, what):
        print(("ok   " if ok else "FAIL ") + what)
        if not ok:
            self.problems.append(what)

    def interface(self, keys):
        """Start the interface in a terminal, type `keys`, SIGTERM it: (exit code, output)."""
        pid, fd = pty.fork()
        if pid == 0:
            os.execve(self.debrief, [self.debrief, "--db", self.db], self.env)
        out = b""

        def drain(seconds):
            nonlocal out
            end = time.time() + seconds
            while time.time() < end:
                r, _, _ = select.select([fd], [], [], 0.05)
                if r:
                    try:
                        out += os.read(fd, 65536)
                    except OSError:
                        return

        drain(2.0)
        os.write(fd, b"n")
        drain(0.8)
        for ch in keys:
            os.write(fd, ch.encode())
            time.sleep(0.01)
        drain(1.5)
        os.kill(pid, signal.SIGTERM)
        drain(3.0)
        _, status = os.waitpid(pid, 0)
        drain(0.2)
        os.close(fd)
        return os.waitstatus_to_exitcode(status), out.decode("utf-8", "replace")


def scenario(r):
    code, _, err = r.cli("add", "harbour one")
    r.cli("add", "harbour two")
    r.check(code == 0, "entries added while there is room")
    data = os.path.dirname(r.db)
    fill(r.root)

    code, out, err = r.cli("list")
    r.check(code == 0 and "harbour two" in out, f"list on a full disk (exit {code}) {err.strip()}")
    code, out, err = r.cli("search", "harbour")
    r.check(code == 0 and "harbour one" in out, f"search on a full disk (exit {code}) {err.strip()}")
    code, out, err = r.cli("show", "1")
    r.check(code == 0 and "harbour one" in out, f"show on a full disk (exit {code}) {err.strip()}")
    code, _, err = r.cli("add", "words on the command line")
    r.check(code == 7 and "the disk is full" in err, f"add says the disk is full, exit 7 (exit {code}) {err.strip()}")

    code, _, err = r.cli("add", "-", stdin=PIPED)
    kept = [p for p, _ in rescues(r.root) if open(p, errors="replace").read() == PIPED]
    r.check(
        code == 7 and "the disk is full" in err and len(kept) == 1 and kept[0] in err,
        f"piped text kept whole in the reserved room, and where said (exit {code}) {err.strip()}",
    )
    for p, _ in rescues(r.root):
        os.unlink(p)
    fill(r.root)

    # No room reserved any more (it was used): the text cannot be kept, and that is said.
    code, _, err = r.cli("add", "-", stdin=PIPED)
    r.check(
        code == 7 and "could not be kept" in err and not rescues(r.root),
        f"with no room anywhere, said, exit 7, no empty rescue file (exit {code}) {err.strip()}",
    )

    # The interface: room again (the next write reserves it), then the disk full again.
    unfill(r.root)
    r.cli("add", "harbour three")
    fill(r.root)
    code, out = r.interface(TYPED)
    kept = [p for p, _ in rescues(r.root) if TYPED in open(p, errors="replace").read()]
    r.check(
        len(kept) == 1 and os.path.dirname(kept[0]) == data and kept[0] in out,
        f"typed in the interface, SIGTERM: kept whole beside the journal and said (exit {code})",
    )
    for p, _ in rescues(r.root):
        os.unlink(p)
    fill(r.root)
    code, out = r.interface(TYPED)
    said = "could not be kept" in out
    r.check(
        code != 0 and said and not rescues(r.root),
        f"typed with no room anywhere, SIGTERM: said, exit {code} (not 0), no empty rescue file",
    )


def hot_wal(r):
    """A crash that left changes in the -wal (a reader held it open, then was killed, so
    nobody folded them into the journal): on a full disk without a -shm, `list` must not show
    the journal without them."""
    unfill(r.root)
    for p, _ in rescues(r.root):
        os.unlink(p)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sqlite3, sys, time\n"
         "c = sqlite3.connect(sys.argv[1]); c.execute('BEGIN')\n"
         "c.execute('SELECT count(*) FROM entries').fetchall()\n"
         "print('holding', flush=True); time.sleep(60)\n", r.db],
        stdout=subprocess.PIPE, text=True)
    holder.stdout.readline()
    r.cli("add", "only in the wal")
    holder.kill()
    holder.wait()
    try:
        os.unlink(r.db + "-shm")
    except FileNotFoundError:
        pass
    fill(r.root)
    code, out, err = r.cli("list")
    r.check(
        code == 7 and "-wal" in err and "only in the wal" not in out,
        f"changes left in the -wal on a full disk: refused, not shown without them (exit {code}) {err.strip()}",
    )
    unfill(r.root)
    code, out, _ = r.cli("list")
    r.check(code == 0 and "only in the wal" in out, "with room again, they are listed")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--debrief", required=True)
    a = ap.parse_args()
    debrief = os.path.abspath(a.debrief)
    mnt = tempfile.mkdtemp(prefix="debrief-full-")
    m = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mnt], capture_output=True, text=True
    )
    if m.returncode != 0:
        print(f"full_disk.py: skipped, a tmpfs cannot be mounted here ({m.stderr.strip()})")
        os.rmdir(mnt)
        return 0
    try:
        r = Run(debrief, mnt)
        scenario(r)
        hot_wal(r)
    finally:
        subprocess.run(["umount", mnt])
        os.rmdir(mnt)
    print(f"full_disk.py: {len(r.problems)} problems")
    return 1 if r.problems else 0


if __name__ == "__main__":
    sys.exit(main())
