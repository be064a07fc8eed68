#!/usr/bin/env bash
# Time debrief and jrnl side by side on the same generated journals, whole processes,
# with the sqlite3 command-line tool on the same data as the floor.
#
#   scripts/bench-vs-jrnl.sh [--jrnl-max N] [--runs N] [--out FILE] SIZE...
#   scripts/bench-vs-jrnl.sh 1000 10000 100000          # jrnl only up to 10,000 (default)
#   scripts/bench-vs-jrnl.sh --jrnl-max 100000 100000   # include jrnl's slow runs
#
# Needs: cargo, python3 with venv and pip (jrnl is installed from PyPI into a temporary
# virtual environment), and hyperfine, sqlite3 and GNU time (installed with apt-get when
# missing and running as root). Writes a Markdown table to --out (default
# target/bench-vs-jrnl.md) and to standard output. Medians of --runs runs (default 10;
# jrnl runs fewer times on large journals because each run takes seconds).
set -euo pipefail

jrnl_max=10000
runs=10
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/target/bench-vs-jrnl.md"
sizes=()
while [ $# -gt 0 ]; do
  case "$1" in
    --jrnl-max) jrnl_max=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) sizes+=("$1"); shift ;;
  esac
done
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)

need() { command -v "$1" >/dev/null 2>&1; }
if ! need hyperfine || ! need sqlite3 || [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ] && need apt-get; then
    apt-get update -qq >/dev/null && apt-get install -y -qq hyperfine sqlite3 time >/dev/null
  else
    echo "bench-vs-jrnl: install hyperfine, sqlite3 and time first" >&2; exit 1
  fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# shellcheck source=scripts/bench-common.sh
. "$root/scripts/bench-common.sh"
build_release

echo "== installing jrnl into a temporary virtual environment" >&2
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check jrnl
jrnl="$work/venv/bin/jrnl"
jrnl_version=$("$jrnl" --version 2>/dev/null | head -n 1 || echo "jrnl")

# rss_mb COMMAND-LINE: median peak resident set size over 3 runs, in MB.
rss_mb() {
  local v=()
  for _ in 1 2 3; do
    eval "/usr/bin/time -f %M -o '$work/rss' $1" >/dev/null 2>&1
    v+=("$(tail -n 1 "$work/rss")")
  done
  printf '%s\n' "${v[@]}" | sort -n | sed -n 2p | awk '{printf "%.1f", $1/1024}'
}

ratio() { python3 -c 'import sys; a,b=sys.argv[1:]; print("–" if a in ("","–") or b in ("","–") else "%.0f×" % (float(a)/float(b)) if float(a) >= 10 * float(b) else "%.1f×" % (float(a)/float(b)))' "$1" "$2"; }

rows=()
row() { rows+=("| $1 | $2 | $3 | $4 | $5 | $6 | $7 | $(ratio "$5" "$3") | $(ratio "$3" "$7") |"); }

for n in "${sizes[@]}"; do
  echo "== $n entries: generating" >&2
  db="$work/debrief-$n.db"; txt="$work/jrnl-$n.txt"
  "$gen" -n "$n" --db "$db" --jrnl "$txt" 2>/dev/null
  export XDG_CONFIG_HOME="$work/config-$n"
  mkdir -p "$XDG_CONFIG_HOME/jrnl"
  cat > "$XDG_CONFIG_HOME/jrnl/jrnl.yaml" <<YAML
colors: {body: none, date: none, tags: none, title: none}
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: $txt
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%Y-%m-%d %I:%M:%S %p'
version: v4.2
YAML
  with_jrnl=0; [ "$n" -le "$jrnl_max" ] && with_jrnl=1
  jr=$runs; [ "$n" -ge 10000 ] && jr=$(( runs < 5 ? runs : 5 ))
  cp "$db" "$work/add-$n.db"
  empty="$work/empty-$n.db"
  "$debrief" --db "$empty" add "first" >/dev/null

  measure() { # label, debrief command line, jrnl command line, sqlite3 SQL
    local label=$1 dcmd=$2 jcmd=$3 sql=$4 dm dr jm="–" jrss="–" sm
    echo "   $label" >&2
    dm=$(median_ms "$runs" "$dcmd")
    dr=$(rss_mb "$dcmd")
    if [ $with_jrnl = 1 ]; then
      jm=$(median_ms "$jr" "$jcmd")
      jrss=$(rss_mb "$jcmd")
    fi
    sm=$(median_ms "$runs" "$(q sqlite3 "$db" "$sql")")
    row "$label" "$n" "$dm" "$dr" "$jm" "$jrss" "$sm"
  }
  measure "add" "$(q "$debrief" --db "$work/add-$n.db" add "A short note after the visit")" \
    "$(q "$jrnl" "A short note after the visit")" \
    "BEGIN; INSERT INTO entries (uuid, kind, created_ms, utc_offset_s, updated_ms, body) VALUES (lower(hex(randomblob(16))), 'reflection', 0, 0, 0, 'note'); ROLLBACK;"
  measure "list newest 10" "$(q "$debrief" --db "$db" list -n 10)" "$(q "$jrnl" -n 10)" \
    "SELECT id, created_ms, title, substr(body, 1, 80) FROM entries WHERE deleted_ms IS NULL ORDER BY created_ms DESC, id DESC LIMIT 10;"
  measure "search a rare word" "$(q "$debrief" --db "$db" search trampoline)" "$(q "$jrnl" -contains trampoline)" \
    "SELECT rowid, snippet(entries_fts, -1, '[', ']', '…', 14) FROM entries_fts WHERE entries_fts MATCH 'trampoline' LIMIT 20;"
  measure "search a common phrase" "$(q "$debrief" --db "$db" search home visit)" "$(q "$jrnl" -contains "home visit")" \
    "SELECT rowid, snippet(entries_fts, -1, '[', ']', '…', 14) FROM entries_fts WHERE entries_fts MATCH 'home visit' LIMIT 20;"
  measure "tag filter, newest 50" "$(q "$debrief" --db "$db" list --tag court -n 50)" "$(q "$jrnl" @court -n 50)" \
    "SELECT e.id, e.title FROM entries e JOIN entry_tags et ON et.entry_id = e.id JOIN tags t ON t.id = et.tag_id WHERE t.name = 'court' ORDER BY e.created_ms DESC LIMIT 50;"
  measure "export all entries as JSON" "$(q "$debrief" --db "$db" export --allow-identifiers)" "$(q "$jrnl" --export json)" \
    "SELECT json_group_array(json_object('id', id, 'title', title, 'body', body)) FROM entries;"
  measure "export, identifiers redacted" "$(q "$debrief" --db "$db" export --redact)" "$(q "$jrnl" --export json)" \
    "SELECT json_group_array(json_object('id', id, 'title', title, 'body', body)) FROM entries;"
  echo "   add on an empty journal" >&2
  addcmd=$(q "$debrief" --db "$empty" add note)
  row "add (empty journal)" 1 "$(median_ms "$runs" "$addcmd")" "$(rss_mb "$addcmd")" "–" "–" "–"
  echo "   first frame of the terminal interface" >&2
  read -r ms kib < <(DEBRIEF_EXIT_AFTER_FIRST_FRAME=1 python3 "$root/scripts/pty_time.py" "$runs" "$debrief" --db "$db")
  read -r base _ < <(python3 "$root/scripts/pty_time.py" "$runs" true)
  row "TUI first frame (pty; \`true\` takes $base ms)" "$n" "$ms" "$(awk -v k="$kib" 'BEGIN{printf "%.1f", k/1024}')" "–" "–" "–"
done

{
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr); $(date -u +%Y-%m-%d)."
  echo "debrief $("$debrief" --version | awk '{print $2}'), $jrnl_version, sqlite3 $(sqlite3 --version | awk '{print $1}'), hyperfine $(hyperfine --version | awk '{print $2}')."
  echo
  echo "| operation | entries | debrief ms | debrief MB | jrnl ms | jrnl MB | sqlite3 ms | jrnl ÷ debrief | debrief ÷ sqlite3 |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
} | tee "$out"
echo "written to $out" >&2
