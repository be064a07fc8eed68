#!/usr/bin/env python3
"""Racing writers with SIGKILL: several `debrief add` loops write to one new journal while
random writers are killed mid-write. Every entry whose id was printed ("Saved entry N.")
must be in the journal afterwards, findable by search, and SQLite's and FTS5's integrity
checks must pass. With --encrypted the journal is encrypted (the passphrase from a file, as
scripts give it), and the checks go through debrief itself: its list, a backup made while
nothing writes, and `debrief backup --verify` of that copy (integrity and search index).

    python3 scripts/race_kill.py                 # 4 writers x 250 adds, kills every ~20 ms
    python3 scripts/race_kill.py --writers 8 --adds 100 --debrief target/release/debrief
    python3 scripts/race_kill.py --encrypted

Exits non-zero when an acknowledged entry is missing or a check fails. Needs only
Python 3 (its sqlite3 module runs the integrity checks of a plain journal).
"""

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time


def writer(debrief, env, wid, adds, acked, lock, kills):
    """Add entries one by one; remember every id debrief acknowledged."""
    env = dict(env, DEBRIEF_BUSY_TIMEOUT_MS="5000")
    for n in range(adds):
        word = f"w{wid}x{n}q"
        proc = subprocess.Popen(
            [debrief, "add", f"race entry {word}"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        with lock:
            kills.append(proc)
        out, _ = proc.communicate()
        with lock:
            kills.remove(proc)
        for line in out.splitlines():
            if line.startswith("Saved entry "):
                acked.append((int(line.split()[2].rstrip(".")), word))


def killer(lock, kills, stop, every_ms, killed):
    rng = random.Random(20261123)
    while not stop.is_set():
        time.sleep(rng.uniform(0, 2 * every_ms) / 1000)
        with lock:
            victims = list(kills)
        if victims:
            p = rng.choice(victims)
            try:
                p.send_signal(signal.SIGKILL)
                killed.append(1)
            except ProcessLookupError:
                pass


def sqlite_checks(db):
    """The rows (id -> body) and problems, read with Python's sqlite3 (a plain journal)."""
    problems = []
    con = sqlite3.connect(db)
    rows = dict(con.execute("SELECT id, body FROM entries"))
    check = con.execute("PRAGMA integrity_check").fetchall()
    if check != [("ok",)]:
        problems.append(f"integrity_check: {check}")
    try:
        con.execute("INSERT INTO entries_fts (entries_fts, rank) VALUES ('integrity-check', 1)")
    except sqlite3.DatabaseError as e:
        problems.append(f"search index: {e}")
    con.close()
    return rows, problems


def debrief_checks(debrief, env, tmp):
    """The rows (id -> headline) and problems, read through debrief (an encrypted journal)."""
    problems = []
    out = subprocess.run(
        [debrief, "list", "--json", "-n", "1000000"], env=env, capture_output=True, text=True
    )
    if out.returncode != 0:
        return {}, [f"list failed: {out.stderr.strip()}"]
    rows = {e["id"]: e["headline"] for e in json.loads(out.stdout)}
    copy = os.path.join(tmp, "copy.db")
    for args in (["backup", copy], ["backup", "--verify", copy]):
        done = subprocess.run([debrief, *args], env=env, capture_output=True, text=True)
        if done.returncode != 0:
            problems.append(f"debrief {' '.join(args)}: {done.stderr.strip()}")
    with open(db_path(tmp), "rb") as f:
        if f.read(16) == b"SQLite format 3\0":
            problems.append("the journal is not encrypted")
    return rows, problems


def db_path(tmp):
    return os.path.join(tmp, "journal.db")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--debrief", default="target/release/debrief")
    ap.add_argument("--writers", type=int, default=4)
    ap.add_argument("--adds", type=int, default=250)
    ap.add_argument(
        "--kill-every-ms",
        type=float,
        help="mean time between kills (default 20; 250 encrypted, where each add first derives the key)",
    )
    ap.add_argument("--encrypted", action="store_true", help="race on an encrypted journal")
    args = ap.parse_args()
    if args.kill_every_ms is None:
        args.kill_every_ms = 250.0 if args.encrypted else 20.0

    tmp = tempfile.mkdtemp(prefix="debrief-race-")
    db = db_path(tmp)
    env = dict(os.environ, DEBRIEF_DB=db)
    env.pop("DEBRIEF_PASSPHRASE_FILE", None)
    if args.encrypted:
        key = os.path.join(tmp, "passphrase")
        with open(key, "w") as f:
            f.write("racing writers passphrase\n")
        env["DEBRIEF_PASSPHRASE_FILE"] = key
    acked, kills, killed = [], [], []
    lock, stop = threading.Lock(), threading.Event()
    started = time.time()
    threads = [
        threading.Thread(target=writer, args=(args.debrief, env, w, args.adds, acked, lock, kills))
        for w in range(args.writers)
    ]
    k = threading.Thread(target=killer, args=(lock, kills, stop, args.kill_every_ms, killed))
    k.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stop.set()
    k.join()
    took = time.time() - started

    if args.encrypted:
        rows, problems = debrief_checks(args.debrief, env, tmp)
    else:
        rows, problems = sqlite_checks(db)
    for entry_id, word in acked:
        if word not in rows.get(entry_id, ""):
            problems.append(f"entry {entry_id} ({word}) was acknowledged but is missing")
    # Search finds every acknowledged entry: all of them in one search of the words they
    # share (ranked among the newest 2,000 matches, more than a run writes), then a sample
    # each by its own word.
    out = subprocess.run(
        [args.debrief, "search", "race entry", "-n", "100000", "--json"],
        env=env,
        capture_output=True,
        text=True,
    ).stdout
    try:
        found = {hit["id"] for hit in json.loads(out)}
    except ValueError:
        found = set()
        problems.append("search for the shared words printed no JSON")
    if len(acked) <= 2000:
        for entry_id, word in acked:
            if entry_id not in found:
                problems.append(f"search does not find entry {entry_id} by the shared words")
    sample = random.Random(1).sample(acked, min(50, len(acked)))
    for entry_id, word in sample:
        out = subprocess.run(
            [args.debrief, "search", word, "--json"], env=env, capture_output=True, text=True
        ).stdout
        if f'"id":{entry_id},' not in out.replace(" ", ""):
            problems.append(f"search does not find entry {entry_id} by {word}")

    attempts = args.writers * args.adds
    print(
        f"{'encrypted' if args.encrypted else 'plain'}: "
        f"{args.writers} writers x {args.adds} adds = {attempts} attempts in {took:.1f} s; "
        f"{len(killed)} SIGKILLs; {len(acked)} acknowledged; {len(rows)} rows in the journal; "
        f"{len(found)} found by one search, {len(sample)} by their own word; {len(problems)} problems"
    )
    for p in problems[:20]:
        print("  " + p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
