#!/usr/bin/env python3
"""Killing the automatic backup: `debrief import` and `debrief backup --restore` each back the
journal up first; this kills them (SIGKILL) at random moments, mostly while that backup is
being written, and checks after every kill that

- every file under a backup's final name in the backups folder is a whole copy of this
  journal (it opens, passes SQLite's integrity check, as many pages as its header says, no
  rollback journal beside it, the journal's id inside), so no broken file can be listed;
- `debrief backup --list` lists exactly those (nothing else is listed or counted);
- no good backup went away unless `keep` newer good automatic ones are there (rotation
  never removes a good backup for a broken one);
- the journal itself is whole and holds its entries.

At the end `backup --list` clears the unfinished copies it can prove are this journal's;
the figures say how many were left and what became of them.

    python3 scripts/kill_backup.py                      # 200 kills
    python3 scripts/kill_backup.py --kills 40 --debrief target/debug/debrief
    python3 scripts/kill_backup.py --full-disk          # also: a backup on a full disk (root)

--full-disk mounts a small tmpfs (needs root) holding a journal whose backup cannot fit, and
checks that each failed backup leaves nothing in the backups folder. Exits non-zero on any
problem. Needs only Python 3.
"""

import argparse
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

# (The id is optional so that a debrief from before journal ids can be checked too.)
FINAL = re.compile(r"^debrief-(?:[0-9a-f]{32}-)?(\d{8}T\d{6}\.\d{3}Z)-([a-z0-9-]+)\.db$")
TEMP = re.compile(r"^\.debrief-.*\.partial$")
KEEP = 3


def run(debrief, env, *args, text_in=None):
    return subprocess.run(
        [debrief, *args], env=env, capture_output=True, text=True, input=text_in
    )


def journal_id(db):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute("SELECT id FROM journal_identity").fetchone()[0]
    except sqlite3.OperationalError:
        return None  # a debrief from before journal ids
    finally:
        con.close()


def whole(path, jid):
    """Why the file at `path` is not a whole copy of the journal `jid` (None: it is)."""
    if os.path.exists(path + "-journal") or os.path.exists(path + "-wal"):
        return "a -journal or -wal beside it"
    size = os.path.getsize(path)
    try:
        con = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
        try:
            pages = con.execute("PRAGMA page_count").fetchone()[0]
            page_size = con.execute("PRAGMA page_size").fetchone()[0]
            check = con.execute("PRAGMA integrity_check").fetchall()
            inside = jid and con.execute("SELECT id FROM journal_identity").fetchone()[0]
        finally:
            con.close()
    except sqlite3.DatabaseError as e:
        return f"does not open: {e}"
    if pages * page_size != size:
        return f"{size} bytes, its header says {pages * page_size}"
    if check != [("ok",)]:
        return f"integrity check: {check[:3]}"
    if inside != jid:
        return f"the id inside is {inside}"
    return None


def finals(folder):
    """The backups under final names: name -> kind."""
    out = {}
    for name in os.listdir(folder) if os.path.isdir(folder) else []:
        m = FINAL.match(name)
        if m:
            out[name] = (m.group(1), m.group(2))
    return out


def listed(debrief, env):
    """The backups `backup --list` shows as this journal's (file names), and its output."""
    out = run(debrief, env, "backup", "--list")
    names = []
    for line in out.stdout.splitlines():
        if line.endswith(":"):
            break
        if not line.startswith("No backups"):
            names.append(os.path.basename(line.split()[-1]))
    return names, out


def check_state(debrief, env, folder, jid, known, entries, problems):
    """Check the folder after a kill; returns the good backups now (name -> kind)."""
    now = finals(folder)
    good = {}
    for name, kind in now.items():
        why = whole(os.path.join(folder, name), jid)
        if why:
            problems.append(f"{name} under a final name is not whole: {why}")
        else:
            good[name] = kind
    names, out = listed(debrief, env)
    if out.returncode != 0:
        problems.append(f"backup --list failed: {out.stderr.strip()}")
    if sorted(names) != sorted(good):
        problems.append(f"listed {sorted(names)} but the good ones are {sorted(good)}")
    automatic = [at for at, kind in good.values() if kind != "manual"]
    for gone in set(known) - set(good):
        newer = [at for at in automatic if at > known[gone][0]]
        if len(newer) < KEEP:
            problems.append(f"good backup {gone} went with only {len(newer)} newer good ones")
    con = sqlite3.connect(f"file:{env['DEBRIEF_DB']}?mode=ro", uri=True)
    try:
        n = con.execute("SELECT count(*) FROM entries").fetchone()[0]
        if con.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
            problems.append("the journal fails its check")
    finally:
        con.close()
    if n != entries:
        problems.append(f"the journal holds {n} entries, not {entries}")
    return good


def make_journal(debrief, env, tmp, entries):
    body = "a line of words for the backup to copy " * 4000
    for i in range(entries):
        out = run(debrief, env, "add", "-", text_in=f"entry {i} {body}")
        if out.returncode != 0:
            sys.exit(f"add failed: {out.stderr}")
    bundle = os.path.join(tmp, "bundle.json")
    run(debrief, env, "export", "-o", bundle)
    return bundle


def kill_runs(args, debrief, env, tmp):
    folder = os.path.join(tmp, "backups")
    bundle = make_journal(debrief, env, tmp, args.entries)
    jid = journal_id(env["DEBRIEF_DB"])
    restore_from = os.path.join(tmp, "copy.db")
    run(debrief, env, "backup", restore_from)
    # How long an import takes here, to aim the kills at its start (the backup comes first).
    t = time.time()
    run(debrief, env, "import", bundle)
    span = time.time() - t
    rng = random.Random(args.seed)
    problems, kills, known = [], 0, check_state(debrief, env, folder, jid, {}, args.entries, [])
    temps = lambda: {n for n in os.listdir(folder) if TEMP.match(n)}
    seen, cleared, before = set(), set(), set()
    started = time.time()
    for attempt in range(args.kills):
        cmd = ["import", bundle] if attempt % 4 else ["backup", "--restore", restore_from, "--yes"]
        p = subprocess.Popen([debrief, *cmd], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0, span))
        if p.poll() is None:
            p.send_signal(signal.SIGKILL)
            kills += 1
        p.wait()
        now = temps()
        seen |= now
        cleared |= before - now
        known = check_state(debrief, env, folder, jid, known, args.entries, problems)
        # (check_state's `backup --list` clears what it can prove: counted from here.)
        before = temps()
        cleared |= now - before
    took = time.time() - started
    remaining = temps()
    sizes = sorted(os.path.getsize(os.path.join(folder, n)) for n in remaining)
    print(
        f"{args.kills} runs in {took:.1f} s ({span * 1000:.0f} ms each unkilled); {kills} SIGKILLs; "
        f"{len(known)} good backups at the end, {len(problems)} problems; "
        f"{len(seen)} unfinished copies left by kills, {len(cleared)} removed by debrief as "
        f"proven its own, {len(remaining)} left as unprovable (sizes {sizes})"
    )
    return problems


def full_disk(args, debrief):
    """A journal on a tmpfs with room for it but not for its backup: each failed backup leaves
    nothing behind."""
    if os.geteuid() != 0:
        print("full disk: skipped (mounting a tmpfs needs root)")
        return []
    mnt = tempfile.mkdtemp(prefix="debrief-full-")
    problems = []
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", mnt]).returncode != 0:
        print("full disk: skipped (the tmpfs could not be mounted)")
        return []
    try:
        env = dict(os.environ, DEBRIEF_DB=os.path.join(mnt, "journal.db"))
        body = "words that fill the small disk " * 3000
        for i in range(20):
            if run(debrief, env, "add", "-", text_in=f"entry {i} {body}").returncode != 0:
                break
        folder = os.path.join(mnt, "backups")
        for attempt in range(args.full_disk_tries):
            out = run(debrief, env, "backup")
            if out.returncode == 0:
                problems.append(f"the backup fitted on the full disk: {out.stdout.strip()}")
            left = os.listdir(folder) if os.path.isdir(folder) else []
            if left:
                problems.append(f"a failed backup left {left}")
                break
        print(f"full disk: {args.full_disk_tries} failed backups, {len(problems)} problems")
    finally:
        subprocess.run(["umount", mnt])
        os.rmdir(mnt)
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--debrief", default="target/release/debrief")
    ap.add_argument("--kills", type=int, default=200)
    ap.add_argument("--entries", type=int, default=30)
    ap.add_argument("--seed", type=int, default=20261207)
    ap.add_argument("--full-disk", action="store_true")
    ap.add_argument("--full-disk-tries", type=int, default=5)
    ap.add_argument("--show", type=int, default=20, help="how many problems to print")
    args = ap.parse_args()
    debrief = os.path.abspath(args.debrief)
    tmp = tempfile.mkdtemp(prefix="debrief-killbackup-")
    config = os.path.join(tmp, "config.toml")
    with open(config, "w") as f:
        f.write(f"[backups]\nkeep = {KEEP}\n")
    env = dict(os.environ, DEBRIEF_DB=os.path.join(tmp, "journal.db"), DEBRIEF_CONFIG=config)
    env.pop("DEBRIEF_PASSPHRASE_FILE", None)
    problems = kill_runs(args, debrief, env, tmp)
    if args.full_disk:
        problems += full_disk(args, debrief)
    for p in problems[: args.show]:
        print("  " + p)
    if problems:
        print(f"  (the journal and its backups are kept in {tmp})")
    else:
        shutil.rmtree(tmp)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
