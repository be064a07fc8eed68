#!/usr/bin/env python3
"""Racing writers with SIGKILL: several `debrief add` loops write to one new journal while
random writers are killed mid-write. Every entry whose id was printed ("Saved entry N.")
must be in the journal afterwards, findable by search, and SQLite's and FTS5's integrity
checks must pass.

    python3 scripts/race_kill.py                 # 4 writers x 250 adds, kills every ~20 ms
    python3 scripts/race_kill.py --writers 8 --adds 100 --debrief target/release/debrief

Exits non-zero when an acknowledged entry is missing or a check fails. Needs only
Python 3 (its sqlite3 module runs the integrity checks).
"""

import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time


def writer(debrief, db, wid, adds, acked, lock, kills):
    """Add entries one by one; remember every id debrief acknowledged."""
    env = dict(os.environ, DEBRIEF_DB=db, DEBRIEF_BUSY_TIMEOUT_MS="5000")
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


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--debrief", default="target/release/debrief")
    ap.add_argument("--writers", type=int, default=4)
    ap.add_argument("--adds", type=int, default=250)
    ap.add_argument("--kill-every-ms", type=float, default=20.0)
    args = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="debrief-race-")
    db = os.path.join(tmp, "journal.db")
    acked, kills, killed = [], [], []
    lock, stop = threading.Lock(), threading.Event()
    started = time.time()
    threads = [
        threading.Thread(target=writer, args=(args.debrief, db, w, args.adds, acked, lock, kills))
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

    problems = []
    con = sqlite3.connect(db)
    rows = dict(con.execute("SELECT id, body FROM entries"))
    for entry_id, word in acked:
        if word not in rows.get(entry_id, ""):
            problems.append(f"entry {entry_id} ({word}) was acknowledged but is missing")
    check = con.execute("PRAGMA integrity_check").fetchall()
    if check != [("ok",)]:
        problems.append(f"integrity_check: {check}")
    try:
        con.execute("INSERT INTO entries_fts (entries_fts) VALUES ('integrity-check')")
    except sqlite3.DatabaseError as e:
        problems.append(f"search index: {e}")
    con.close()
    env = dict(os.environ, DEBRIEF_DB=db)
    sample = random.Random(1).sample(acked, min(50, len(acked)))
    for entry_id, word in sample:
        out = subprocess.run(
            [args.debrief, "search", word, "--json"], env=env, capture_output=True, text=True
        ).stdout
        if f'"id":{entry_id},' not in out.replace(" ", ""):
            problems.append(f"search does not find entry {entry_id} by {word}")

    attempts = args.writers * args.adds
    print(
        f"{args.writers} writers x {args.adds} adds = {attempts} attempts in {took:.1f} s; "
        f"{len(killed)} SIGKILLs; {len(acked)} acknowledged; {len(rows)} rows in the journal; "
        f"{len(sample)} searched; {len(problems)} problems"
    )
    for p in problems[:20]:
        print("  " + p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
