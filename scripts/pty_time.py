#!/usr/bin/env python3
"""Time a command run inside a pseudo-terminal (for TUI start-up): median wall time in ms
and median peak RSS in KiB over N runs. Python's own start-up is not counted; peak RSS is
the command's own, read by /usr/bin/time.

usage: pty_time.py RUNS COMMAND [ARG...]
prints: <median_ms> <median_rss_kib>
"""
import os
import pty
import statistics
import sys
import tempfile
import time


def run_once(argv):
    rss_file = tempfile.NamedTemporaryFile(prefix="pty_time", delete=False)
    rss_file.close()
    wrapped = ["/usr/bin/time", "-f", "%M", "-o", rss_file.name] + argv
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(wrapped[0], wrapped)
    # Drain the terminal output so the child never blocks on a full pty buffer.
    while True:
        try:
            if not os.read(fd, 65536):
                break
        except OSError:
            break
    _, status = os.waitpid(pid, 0)
    elapsed = (time.perf_counter() - start) * 1000
    os.close(fd)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"pty_time: {' '.join(argv)} exited with {os.waitstatus_to_exitcode(status)}")
    with open(rss_file.name) as f:
        rss = int(f.read().split()[-1])
    os.unlink(rss_file.name)
    return elapsed, rss


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    runs = int(sys.argv[1])
    argv = sys.argv[2:]
    run_once(argv)  # warm-up
    results = [run_once(argv) for _ in range(runs)]
    ms = statistics.median(r[0] for r in results)
    rss = statistics.median(r[1] for r in results)
    print(f"{ms:.1f} {rss:.0f}")


if __name__ == "__main__":
    main()
