#!/usr/bin/env python3
"""Interrupted encrypt and decrypt: `debrief encrypt` and `debrief decrypt` are killed
(SIGKILL, or SIGINT as Ctrl-C sends it) at a random moment on a journal of a few thousand
entries. Then one `debrief list` opens the journal, and the script checks:

- the journal opens, in the old state or the new one (plain or encrypted), with every entry;
- when it ended encrypted, no file in the folder holds a phrase written into the journal in
  plain (the plain copy or old file an interruption left was wiped by that list);
- no working file of debrief's is left beside the journal after that list (after SIGINT,
  none even before it: the change was undone or finished in-process);
- files named J.old and J.new beside the journal (a symlink to a file outside, a regular file
  with a second hard link) are byte for byte as they were (unless --no-decoys).

    python3 scripts/kill_encrypt.py --debrief target/debug/debrief --runs 12
    python3 scripts/kill_encrypt.py --debrief target/release/debrief --runs 200 --entries 3000

The journal is generated with the debrief-gen example (`--gen`, built by `cargo test` or
`cargo build --example debrief-gen`). Exits non-zero when a check fails. Needs only Python 3.
"""

import argparse
import collections
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

PHRASE = "quince harbour lantern 4821"
SQLITE_HEADER = b"SQLite format 3\x00"


def run(debrief, env, args, check=True):
    p = subprocess.run([debrief, *args], env=env, capture_output=True, text=True)
    if check and p.returncode != 0:
        raise SystemExit(f"debrief {' '.join(args)} failed ({p.returncode}): {p.stderr.strip()}")
    return p


def encrypted(path):
    with open(path, "rb") as f:
        return f.read(16) != SQLITE_HEADER


def holding(folder, phrase):
    """Files under `folder` whose bytes contain `phrase`."""
    found = []
    needle = phrase.encode()
    for root, _, files in os.walk(folder):
        for name in files:
            path = os.path.join(root, name)
            if os.path.islink(path):
                continue
            try:
                with open(path, "rb") as f:
                    if needle in f.read():
                        found.append(path)
            except OSError:
                pass
    return found


def working_files(folder):
    return sorted(n for n in os.listdir(folder) if n.startswith(".J.debrief-"))


def snapshot(paths):
    """The bytes of each file (None: gone)."""
    out = {}
    for p in paths:
        try:
            with open(p, "rb") as f:
                out[p] = f.read()
        except OSError:
            out[p] = None
    return out


def make_bases(args, top, env_for):
    """A plain journal of `entries` + 1 entries (one holding PHRASE) and its encrypted twin."""
    plain = os.path.join(top, "plain", "J")
    os.makedirs(os.path.dirname(plain))
    subprocess.run([args.gen, "-n", str(args.entries), "--db", plain], check=True,
                   capture_output=True)
    env = env_for(plain)
    run(args.debrief, env, ["add", f"the visit where {PHRASE} came up"])
    enc = os.path.join(top, "encrypted", "J")
    os.makedirs(os.path.dirname(enc))
    shutil.copyfile(plain, enc)
    run(args.debrief, env_for(enc), ["encrypt"])
    return {"encrypt": plain, "decrypt": enc}


def timed(args, bases, top, env_for, command):
    """How long one uninterrupted run of `command` takes (seconds)."""
    folder = os.path.join(top, f"timing-{command}")
    os.makedirs(folder)
    j = os.path.join(folder, "J")
    shutil.copyfile(bases[command], j)
    extra = ["--yes"] if command == "decrypt" else []
    started = time.monotonic()
    run(args.debrief, env_for(j), [command, *extra])
    return time.monotonic() - started


def plant_decoys(j, n, outside):
    """Files named as the old swap named its own: J.old a link to a file outside, J.new a
    file with a second name outside. Returns their bytes."""
    victim = os.path.join(outside, f"victim-{n}")
    with open(victim, "wb") as f:
        f.write(b"someone else's file " * 100)
    os.symlink(victim, j + ".old")
    with open(j + ".new", "wb") as f:
        f.write(b"a file of the user's " * 100)
    os.link(j + ".new", os.path.join(outside, f"second-name-{n}"))
    return snapshot([victim, j + ".new"])


def one_run(args, n, bases, top, env_for, command, sig, at, outside):
    """One interrupted run; returns (problems, what was found)."""
    folder = os.path.join(top, f"run-{n}")
    os.makedirs(folder)
    j = os.path.join(folder, "J")
    shutil.copyfile(bases[command], j)
    was_encrypted = command == "decrypt"
    decoys = {} if args.no_decoys else plant_decoys(j, n, outside)

    env = env_for(j)
    extra = ["--yes"] if command == "decrypt" else []
    proc = subprocess.Popen([args.debrief, command, *extra], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(at)
    try:
        proc.send_signal(sig)
    except ProcessLookupError:
        pass
    _, err = proc.communicate()
    problems = []
    left_in_process = working_files(folder)
    if sig == signal.SIGINT and left_in_process:
        problems.append(f"after SIGINT (exit {proc.returncode}: {err.strip()}) left {left_in_process}")

    listed = run(args.debrief, env, ["list", "--json", "-n", "1000000"], check=False)
    if listed.returncode != 0:
        problems.append(f"list failed ({listed.returncode}): {listed.stderr.strip()}")
        return problems, None
    entries = len(json.loads(listed.stdout))
    if entries != args.entries + 1:
        problems.append(f"{entries} entries, expected {args.entries + 1}")
    now_encrypted = encrypted(j)
    if now_encrypted:
        plain = holding(folder, PHRASE)
        if plain:
            problems.append(f"plain text of the journal in {plain}")
    left = working_files(folder)
    if left:
        problems.append(f"working files left after list: {left}")
    if decoys and (snapshot(list(decoys)) != decoys or not os.path.islink(j + ".old")):
        problems.append("J.old's target or J.new changed")
    state = "new" if now_encrypted != was_encrypted else "old"
    tidied = "removed" in listed.stderr and "leftover" in listed.stderr
    return problems, (state, tidied, proc.returncode)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--debrief", default="target/debug/debrief")
    ap.add_argument("--gen", default="target/debug/examples/debrief-gen")
    ap.add_argument("--entries", type=int, default=3000)
    ap.add_argument("--runs", type=int, default=12)
    ap.add_argument("--seed", type=int, default=20261207)
    ap.add_argument("--no-decoys", action="store_true",
                    help="no J.old and J.new beside the journal (to see leftovers alone)")
    args = ap.parse_args()
    args.debrief = os.path.abspath(args.debrief)
    args.gen = os.path.abspath(args.gen)
    rng = random.Random(args.seed)

    top = tempfile.mkdtemp(prefix="kill-encrypt-")
    outside = os.path.join(top, "outside")
    os.makedirs(outside)
    key = os.path.join(top, "passphrase")
    with open(key, "w") as f:
        f.write("a passphrase for the kill test\n")

    def env_for(journal):
        return {
            "PATH": os.environ.get("PATH", ""),
            "HOME": top,
            "DEBRIEF_DB": journal,
            "DEBRIEF_PASSPHRASE_FILE": key,
            "DEBRIEF_BUSY_TIMEOUT_MS": "5000",
        }

    started = time.monotonic()
    bases = make_bases(args, top, env_for)
    took = {c: timed(args, bases, top, env_for, c) for c in ("encrypt", "decrypt")}
    tally = collections.Counter()
    problems = []
    for n in range(args.runs):
        command = ("encrypt", "decrypt")[n % 2]
        sig = (signal.SIGKILL, signal.SIGINT)[(n // 2) % 2]
        at = rng.uniform(0.05, 1.1) * took[command]
        found, what = one_run(args, n, bases, top, env_for, command, sig, at, outside)
        for p in found:
            problems.append(f"run {n} ({command}, {signal.Signals(sig).name} at {at:.2f} s): {p}")
        if what:
            state, tidied, code = what
            tally[(command, signal.Signals(sig).name, state)] += 1
            tally["tidied by the next list"] += tidied
            tally[f"exit {code}"] += 1
        shutil.rmtree(os.path.join(top, f"run-{n}"), ignore_errors=True)
    elapsed = time.monotonic() - started
    shutil.rmtree(top, ignore_errors=True)

    for p in problems:
        print(p, file=sys.stderr)
    states = ", ".join(
        f"{c} {s}: {tally[(c, s, 'old')]} old, {tally[(c, s, 'new')]} new"
        for c in ("encrypt", "decrypt") for s in ("SIGKILL", "SIGINT"))
    exits = ", ".join(f"{k[5:]}: {v}" for k, v in sorted(
        (k, v) for k, v in tally.items() if isinstance(k, str) and k.startswith("exit ")))
    print(f"{args.runs} interrupted runs on {args.entries + 1} entries in {elapsed:.1f} s "
          f"(uninterrupted: encrypt {took['encrypt']:.2f} s, decrypt {took['decrypt']:.2f} s); "
          f"{states}; leftovers removed by the next list in {tally['tidied by the next list']} runs; "
          f"exit codes {exits}; {len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
