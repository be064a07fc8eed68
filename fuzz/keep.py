#!/usr/bin/env python3
"""Keep inputs of a minimised fuzz corpus, of every size, as regression inputs.

    cargo fuzz cmin -s none TARGET corpus/TARGET      # first, in fuzz/
    python3 keep.py TARGET [--count 200]

Writes ../tests/fuzz-inputs/TARGET/kept.hex: one input a line, hex-encoded (inputs are any
bytes): COUNT inputs spread evenly over the corpus sorted by size (none over 4 KiB), so
both the short edge cases and the long structured ones are kept. `cargo test` replays every line (tests/integration/fuzz_inputs.rs).
"""

import argparse
import os

ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
ap.add_argument("target")
ap.add_argument("--count", type=int, default=200)
args = ap.parse_args()

here = os.path.dirname(os.path.abspath(__file__))
corpus = os.path.join(here, "corpus", args.target)
inputs = []
for name in os.listdir(corpus):
    with open(os.path.join(corpus, name), "rb") as f:
        inputs.append(f.read())
inputs = sorted({b for b in inputs if len(b) <= 4096}, key=lambda b: (len(b), b))
if len(inputs) > args.count:
    step = len(inputs) / args.count
    inputs = [inputs[int(i * step)] for i in range(args.count)]
out = os.path.join(here, "..", "tests", "fuzz-inputs", args.target, "kept.hex")
with open(out, "w") as f:
    for data in inputs:
        f.write(data.hex() + "\n")
print(f"{args.target}: kept {len(inputs)} of {len(os.listdir(corpus))} ({sum(map(len, inputs))} bytes) in {out}")
