#!/usr/bin/env bash
# Whole-process time of `debrief checkin` (and `debrief log`) on a generated journal of each
# SIZE and on an empty one, so the target (at most 15 ms median at 100,000 entries, and no
# slower than on an empty journal) can be checked on any machine.
#
#   scripts/bench-checkin.sh [--runs N] SIZE...
#   scripts/bench-checkin.sh 100000
#
# Needs: cargo, and hyperfine (installed with apt-get when missing and running as root).
# Each run writes to a copy of the journal made once per size, so the journal grows by one
# check-in per run (a few hundred entries at most: nothing next to 100,000).
set -euo pipefail

runs=30
root=$(cd "$(dirname "$0")/.." && pwd)
sizes=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) sizes+=("$1"); shift ;;
  esac
done
[ ${#sizes[@]} -gt 0 ] || sizes=(100000)

if ! command -v hyperfine >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq >/dev/null && apt-get install -y -qq hyperfine >/dev/null
  else
    echo "bench-checkin: install hyperfine first" >&2; exit 1
  fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$root" && cargo build --release --quiet --bin debrief --example debrief-gen)
debrief="$root/target/release/debrief"
gen="$root/target/release/examples/debrief-gen"

checkin=(checkin --stress 6 --energy 4 --body chest:tight --body shoulders:tense:3
  --emotion anxious:2 --context home-visit --flag lone-late)

median() {
  hyperfine -N --style none --warmup 3 --runs "$runs" --export-json "$work/h.json" "$1" >/dev/null 2>&1 ||
    { echo "bench-checkin: command failed: $1" >&2; exit 1; }
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.1f ms median (min %.1f, max %.1f)" % (r["median"]*1000, r["min"]*1000, r["max"]*1000))' "$work/h.json"
}

q() { python3 -c 'import shlex,sys; print(shlex.join(sys.argv[1:]))' "$@"; }

empty="$work/empty.db"
"$debrief" --db "$empty" "${checkin[@]}" >/dev/null
echo "checkin, empty journal:   $(median "$(q "$debrief" --db "$empty" "${checkin[@]}")")"
echo "log sleep, empty journal: $(median "$(q "$debrief" --db "$empty" log sleep 7 --quality 6)")"
for n in "${sizes[@]}"; do
  db="$work/j-$n.db"
  "$gen" -n "$n" --db "$db" >/dev/null
  echo "checkin, $n entries: $(median "$(q "$debrief" --db "$db" "${checkin[@]}")")"
  echo "log sleep, $n entries: $(median "$(q "$debrief" --db "$db" log sleep 7 --quality 6)")"
done
