#!/usr/bin/env bash
# Whole-process time of the commands with a speed target, on a generated journal of each SIZE
# and on an empty one, so the targets in docs/PERFORMANCE.md can be checked on any machine:
# `checkin` and `log` (at most 15 ms at 100,000 entries), `review`, `cpd status` and
# `supervision prep` and `agenda` (at most 50 ms at 100,000 entries), and `trends` (at most
# 100 ms for every range), with the same rows read by plain sqlite3 as the floor.
#
#   scripts/bench-commands.sh [--runs N] SIZE...
#   scripts/bench-commands.sh 100000
#
# Needs: cargo, python3, sqlite3 and hyperfine (installed with apt-get when missing and running as
# root). The writing commands write to a copy of the journal made once per size, so it grows
# by one entry per run (a few hundred at most: nothing next to 100,000). Before the reading
# commands, 50 entries are added over the last four weeks, so a review has a period to read.
set -euo pipefail

runs=30
root=$(cd "$(dirname "$0")/.." && pwd)
sizes=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) sizes+=("$1"); shift ;;
  esac
done
[ ${#sizes[@]} -gt 0 ] || sizes=(100000)

for tool in hyperfine sqlite3; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      apt-get update -qq >/dev/null && apt-get install -y -qq "$tool" >/dev/null
    else
      echo "bench-commands: install $tool first" >&2; exit 1
    fi
  fi
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$root" && cargo build --release --quiet --bin debrief --example debrief-gen)
debrief="$root/target/release/debrief"
gen="$root/target/release/examples/debrief-gen"

checkin=(checkin --stress 6 --energy 4 --body chest:tight --body shoulders:tense:3
  --emotion anxious:2 --context home-visit --flag lone-late)

median() {
  hyperfine -N --style none --warmup 3 --runs "$runs" --export-json "$work/h.json" "$1" >/dev/null 2>&1 ||
    { echo "bench-commands: command failed: $1" >&2; exit 1; }
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.1f ms median (min %.1f, max %.1f)" % (r["median"]*1000, r["min"]*1000, r["max"]*1000))' "$work/h.json"
}

q() { python3 -c 'import shlex,sys; print(shlex.join(sys.argv[1:]))' "$@"; }

# The last four weeks: reflections, check-ins, a learning activity, a supervision note.
recent() {
  local db=$1 i
  for i in $(seq 1 50); do
    case $((i % 5)) in
      0) "$debrief" --db "$db" checkin --stress $((i % 11)) --body chest:tight --at "$((i / 2)) days ago" ;;
      1) "$debrief" --db "$db" add "A visit that stayed with me, number $i" --stress 7 --at "$((i / 2)) days ago" ;;
      2) "$debrief" --db "$db" learn "Podcast episode $i" --type podcast --minutes 40 --at "$((i / 2)) days ago" ;;
      3) "$debrief" --db "$db" add "Half a thought $i" --later --at "$((i / 2)) days ago" ;;
      4) "$debrief" --db "$db" add "Court next week $i" --tag court --star --for-supervision --at "$((i / 2)) days ago" ;;
    esac
  done >/dev/null
  "$debrief" --db "$db" supervision add --on "10 days ago" --agenda "support: the Jones visit" \
    --action "Book court skills day; due=3 days ago" --action "Read the policy" >/dev/null
  "$debrief" --db "$db" supervision agenda add "A lighter caseload?" >/dev/null
}

measure() {
  local label=$1 db=$2
  echo "checkin, $label:   $(median "$(q "$debrief" --db "$db" "${checkin[@]}")")"
  echo "log sleep, $label: $(median "$(q "$debrief" --db "$db" log sleep 7 --quality 6)")"
  recent "$db"
  for kind in week month supervision; do
    echo "review $kind, $label: $(median "$(q "$debrief" --db "$db" review "$kind")")"
  done
  echo "cpd status, $label: $(median "$(q "$debrief" --db "$db" cpd status)")"
  echo "supervision prep, $label: $(median "$(q "$debrief" --db "$db" supervision prep)")"
  echo "supervision agenda, $label: $(median "$(q "$debrief" --db "$db" supervision agenda)")"
  for range in 4w 3m 1y all; do
    echo "trends --range $range --json, $label: $(median "$(q "$debrief" --db "$db" trends --range "$range" --json)")"
  done
  echo "trends --signals, $label: $(median "$(q "$debrief" --db "$db" trends --signals)")"
  # The generated journal's own years (2015-2024): the last of them, and all ten.
  echo "trends 2024 --json, $label: $(median "$(q "$debrief" --db "$db" trends --since 2024-01-01 --until 2024-12-31 --json)")"
  # The floors, in plain sqlite3 (no figures, no output): reading every row of the period,
  # as trends did before days were kept summed, and reading the kept days, as they do now.
  echo "sqlite3 floor, all rows, $label: $(median "$(q sqlite3 "$db" "$floor_sql")")"
  echo "sqlite3 floor, kept days, $label: $(median "$(q sqlite3 "$db" "SELECT count(*), sum(length(summary)) FROM trend_days")")"
}

# What trends read for the whole journal: the entries through their covering index, then
# each detail table by the range of entry ids, each summed so sqlite3 steps every row.
floor_sql="SELECT count(*), sum(e.utc_offset_s), sum(length(e.kind)), sum(e.stress), sum(length(e.work_context)) FROM entries e INDEXED BY entries_trends WHERE e.deleted_ms IS NULL AND e.created_ms >= 0;
SELECT count(*), sum(length(t.name)) FROM entry_tags x JOIN tags t ON t.id = x.tag_id WHERE x.entry_id BETWEEN 0 AND 1e12;
SELECT count(*), sum(length(x.flag)) FROM difficulty_flags x WHERE x.entry_id BETWEEN 0 AND 1e12;
SELECT count(*), sum(length(x.region)), sum(x.intensity), sum(length(x.sensation)) FROM body_sensations x WHERE x.entry_id BETWEEN 0 AND 1e12;
SELECT count(*), sum(length(x.word)) FROM emotions x WHERE x.entry_id BETWEEN 0 AND 1e12;
SELECT count(*), sum(x.minutes) FROM recovery x WHERE x.entry_id BETWEEN 0 AND 1e12;"


empty="$work/empty.db"
"$debrief" --db "$empty" "${checkin[@]}" >/dev/null
measure "empty journal" "$empty"
for n in "${sizes[@]}"; do
  db="$work/j-$n.db"
  "$gen" -n "$n" --db "$db" >/dev/null
  measure "$n entries" "$db"
done
