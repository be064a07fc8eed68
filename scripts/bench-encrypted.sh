#!/usr/bin/env bash
# Time debrief on a plain journal and on the same journal encrypted (SQLCipher, its default
# key derivation), whole processes, for the operations of scripts/bench-vs-jrnl.sh; and the
# key derivation alone (opening an empty encrypted journal against an empty plain one).
# The same journal is also encrypted under a raw 256-bit key (SQLCipher takes a passphrase
# written x'64 hex digits' as the key itself): the same cipher, page checks and page size,
# without the derivation, so the cost of encryption is measured, not estimated by subtracting
# a noisy 125 ms.
#
#   scripts/bench-encrypted.sh [--runs N] [--out FILE] SIZE...
#   scripts/bench-encrypted.sh 100000
#
# Needs: cargo, python3, and hyperfine (installed with apt-get when missing and running as
# root). Writes a Markdown table to --out (default target/bench-encrypted.md) and to standard
# output. Medians of --runs runs (default 10).
set -euo pipefail

runs=10
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/target/bench-encrypted.md"
sizes=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) sizes+=("$1"); shift ;;
  esac
done
[ ${#sizes[@]} -gt 0 ] || sizes=(10000)

if ! command -v hyperfine >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq >/dev/null && apt-get install -y -qq hyperfine >/dev/null
  else
    echo "bench-encrypted: install hyperfine first" >&2; exit 1
  fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=scripts/bench-common.sh
. "$root/scripts/bench-common.sh"
build_release
pass="$work/passphrase"
echo "a passphrase for the benchmark" > "$pass"
raw="$work/raw-key"
printf "x'%s'" "$(python3 -c 'print("5c" * 32)')" > "$raw"
# Only the encrypted runs are given the passphrase.
unset DEBRIEF_PASSPHRASE_FILE

ratio() { python3 -c 'import sys; a,b=map(float,sys.argv[1:]); print("%.2f×" % (a/b))' "$1" "$2"; }

rows=()
echo "== key derivation" >&2
"$debrief" --db "$work/empty-plain.db" add first >/dev/null
"$debrief" --db "$work/empty-enc.db" --passphrase-file "$pass" add first >/dev/null
p=$(median_ms "$runs" "$(q "$debrief" --db "$work/empty-plain.db" list -n 1)")
e=$(median_ms "$runs" "$(q "$debrief" --db "$work/empty-enc.db" --passphrase-file "$pass" list -n 1)")
kdf=$(python3 -c "print('%.1f' % ($e - $p))")
"$debrief" --db "$work/empty-raw.db" --passphrase-file "$raw" add first >/dev/null
r=$(median_ms "$runs" "$(q "$debrief" --db "$work/empty-raw.db" --passphrase-file "$raw" list -n 1)")
rows+=("| open a journal of 1 entry (the difference is the key derivation: $kdf ms) | 1 | $p | $e | $(ratio "$e" "$p") | $r | $(ratio "$r" "$p") |")

for n in "${sizes[@]}"; do
  echo "== $n entries: generating and encrypting" >&2
  plain="$work/plain-$n.db"; enc="$work/enc-$n.db"; rawenc="$work/raw-$n.db"
  "$gen" -n "$n" --db "$plain" 2>/dev/null
  cp "$plain" "$enc"; cp "$plain" "$rawenc"
  "$debrief" --db "$enc" --passphrase-file "$pass" encrypt >/dev/null
  "$debrief" --db "$rawenc" --passphrase-file "$raw" encrypt >/dev/null
  for f in plain enc raw; do cp "$work/$f-$n.db" "$work/add-$f-$n.db"; done
  measure() { # label, debrief arguments...
    local label=$1; shift
    echo "   $label" >&2
    local pm em rm
    pm=$(median_ms "$runs" "$(q "$debrief" --db "${PLAIN_DB:-$plain}" "$@")")
    em=$(median_ms "$runs" "$(q "$debrief" --db "${ENC_DB:-$enc}" --passphrase-file "$pass" "$@")")
    rm=$(median_ms "$runs" "$(q "$debrief" --db "${RAW_DB:-$rawenc}" --passphrase-file "$raw" "$@")")
    rows+=("| $label | $n | $pm | $em | $(ratio "$em" "$pm") | $rm | $(ratio "$rm" "$pm") |")
  }
  PLAIN_DB="$work/add-plain-$n.db" ENC_DB="$work/add-enc-$n.db" RAW_DB="$work/add-raw-$n.db" \
    measure "add" add "A short note after the visit"
  measure "list newest 10" list -n 10
  measure "search a rare word" search trampoline
  measure "search a common phrase" search home visit
  measure "tag filter, newest 50" list --tag court -n 50
  measure "export all entries as JSON" export --allow-identifiers
  measure "export, identifiers redacted" export --redact
  measure "check --all" check --all
  echo "   first frame of the terminal interface" >&2
  read -r pm _ < <(DEBRIEF_EXIT_AFTER_FIRST_FRAME=1 python3 "$root/scripts/pty_time.py" "$runs" "$debrief" --db "$plain")
  read -r em _ < <(DEBRIEF_EXIT_AFTER_FIRST_FRAME=1 python3 "$root/scripts/pty_time.py" "$runs" "$debrief" --db "$enc" --passphrase-file "$pass")
  read -r rm _ < <(DEBRIEF_EXIT_AFTER_FIRST_FRAME=1 python3 "$root/scripts/pty_time.py" "$runs" "$debrief" --db "$rawenc" --passphrase-file "$raw")
  rows+=("| TUI first frame (pty) | $n | $pm | $em | $(ratio "$em" "$pm") | $rm | $(ratio "$rm" "$pm") |")
done

{
  echo "Machine: $(nproc) cores, $(uname -sr); $(date -u +%Y-%m-%d). debrief $("$debrief" --version | awk '{print $2}'), hyperfine $(hyperfine --version | awk '{print $2}')."
  echo
  echo "| operation | entries | plain ms | encrypted ms | encrypted ÷ plain | raw key ms (no derivation) | raw key ÷ plain |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
} | tee "$out"
echo "written to $out" >&2
