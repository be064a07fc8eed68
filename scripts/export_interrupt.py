#!/usr/bin/env python3
"""Exports stopped by SIGINT or SIGTERM: a journal of many entries (moved in from a jrnl
export) is exported again and again with `export -o FILE` (a bundle, one Markdown file) and
`export --format md -o DIR/` (a file an entry), and each run is sent SIGINT or SIGTERM at a
random moment. Afterwards the destination holds either nothing at all or the whole export
(a bundle that parses with every entry, a folder with a file for every entry), and no
working file (`*.partial`) is left anywhere.

    python3 scripts/export_interrupt.py                  # 3000 entries, 30 stops
    python3 scripts/export_interrupt.py --entries 20000 --runs 60 --debrief target/release/debrief

Exits non-zero when a stop left a partial export or a working file. Needs only Python 3.
"""

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time


def make_journal(debrief, env, tmp, entries):
    """A journal of `entries` entries, moved in from a jrnl export in one import."""
    rows = [
        {
            "title": f"Entry {n}",
            "body": f"visit {n} " + "words of a reflection " * 40,
            "date": f"20{10 + n % 15:02d}-{1 + n % 12:02d}-{1 + n % 28:02d}",
            "time": f"{n % 24:02d}:{n % 60:02d}",
            "tags": [],
            "starred": False,
        }
        for n in range(entries)
    ]
    src = os.path.join(tmp, "jrnl.json")
    with open(src, "w") as f:
        json.dump({"entries": rows}, f)
    subprocess.run(
        [debrief, "import", src, "--format", "jrnl"], env=env, check=True, capture_output=True
    )
    out = subprocess.run(
        [debrief, "export"], env=env, check=True, capture_output=True, text=True
    ).stdout
    return len(json.loads(out)["entries"])


def timed(debrief, env, args):
    start = time.monotonic()
    subprocess.run([debrief, *args], env=env, check=True, capture_output=True)
    return time.monotonic() - start


def check(dest, kind, total):
    """'absent', 'whole', or what is wrong."""
    if not os.path.exists(dest):
        return "absent"
    if kind == "folder":
        files = os.listdir(dest)
        return "whole" if len(files) == total else f"a folder of {len(files)} of {total} files"
    with open(dest, encoding="utf-8") as f:
        text = f.read()
    if kind == "json":
        try:
            n = len(json.loads(text)["entries"])
        except (ValueError, KeyError) as e:
            return f"a bundle that does not parse ({e})"
        return "whole" if n == total else f"a bundle of {n} of {total} entries"
    n = text.count("\n## ")
    return "whole" if n == total else f"Markdown of {n} of {total} entries"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--debrief", default="target/debug/debrief")
    ap.add_argument("--entries", type=int, default=3000)
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--seed", type=int, default=20261207)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": tmp,
            "TZ": "Europe/London",
            "DEBRIEF_DB": os.path.join(tmp, "journal.db"),
        }
        total = make_journal(args.debrief, env, tmp, args.entries)
        out = os.path.join(tmp, "out")
        os.mkdir(out)
        kinds = {
            "json": ["export", "-o"],
            "md": ["export", "--format", "md", "-o"],
            "folder": ["export", "--format", "md", "-o"],
        }
        # How long each export takes whole, to stop it anywhere in that time.
        spans = {}
        for kind, cmd in kinds.items():
            dest = os.path.join(out, f"probe-{kind}" + ("/" if kind == "folder" else ""))
            spans[kind] = timed(args.debrief, env, [*cmd, dest])
        counts = {"absent": 0, "whole": 0}
        problems = []
        for run in range(args.runs):
            kind = rng.choice(list(kinds))
            sig = rng.choice([signal.SIGINT, signal.SIGTERM])
            dest = os.path.join(out, f"run{run}-{kind}")
            target = dest + "/" if kind == "folder" else dest
            proc = subprocess.Popen(
                [args.debrief, *kinds[kind], target],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            time.sleep(rng.uniform(0.0, spans[kind] * 1.1))
            proc.send_signal(sig)
            _, err = proc.communicate()
            verdict = check(dest, kind, total)
            if verdict in counts:
                counts[verdict] += 1
            else:
                problems.append(f"run {run} ({kind}, {signal.Signals(sig).name}): {verdict}")
        for root, dirs, files in os.walk(out):
            for name in dirs + files:
                if ".partial" in name:
                    problems.append(f"working file left: {os.path.join(root, name)}")
        print(
            f"{args.runs} exports of {total} entries stopped by SIGINT/SIGTERM: "
            f"{counts['absent']} left nothing, {counts['whole']} had finished; "
            f"{len(problems)} problems (whole export: "
            + ", ".join(f"{k} {v:.2f} s" for k, v in spans.items())
            + ")"
        )
        for p in problems:
            print("  " + p)
        return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
