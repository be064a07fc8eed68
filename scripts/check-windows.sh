#!/usr/bin/env bash
# Cross-build debrief for Windows (x86_64-pc-windows-gnu) and, where wine is installed, run
# the command-line story on the .exe: add, list, search, show, JSON, a date, trash, restore.
# Needs: the Rust target (rustup target add x86_64-pc-windows-gnu) and Debian's
# gcc-mingw-w64-x86-64; wine (Debian's wine64) to run it. Not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
target=x86_64-pc-windows-gnu

if ! rustup target list --installed 2>/dev/null | grep -qx "$target"; then
  if ! rustup target add "$target"; then
    echo "check-windows: the Rust target $target cannot be installed here; nothing was built" >&2
    exit 2
  fi
fi
if ! command -v x86_64-w64-mingw32-gcc >/dev/null; then
  echo "check-windows: x86_64-w64-mingw32-gcc is missing: apt-get install gcc-mingw-w64-x86-64" >&2
  exit 2
fi

cargo build --release --target "$target"
exe="$PWD/target/$target/release/debrief.exe"
echo "built $exe"

wine=""
for w in /usr/lib/wine/wine64 "$(command -v wine64 || true)" "$(command -v wine || true)"; do
  if [ -n "$w" ] && [ -x "$w" ]; then wine=$w; break; fi
done
if [ -z "$wine" ]; then
  echo "check-windows: built, not run: install wine (Debian: wine64) to run the CLI story" >&2
  exit 0
fi

export WINEDEBUG=-all WINEPREFIX="$(mktemp -d)/prefix"
work=$(mktemp -d)
db="Z:${work//\//\\}\\journal.db"
run() { "$wine" "$exe" --db "$db" "$@"; }
if ! version=$("$wine" "$exe" --version 2>/dev/null) || [ -z "$version" ]; then
  missing=$(WINEDEBUG=err+module "$wine" "$exe" --version 2>&1 | grep -o "Library [^ ]* (which" | head -1 || true)
  echo "check-windows: built, but this wine cannot run it${missing:+ (${missing% (which} is missing: Rust programs need it since Rust 1.78; a newer wine has it)}" >&2
  exit 3
fi
fail() { echo "check-windows: FAILED: $*" >&2; exit 1; }

run add "First entry from Windows #home-visit" --stress 6 | grep -q "Saved entry 1" || fail add
run add --at "yesterday 17:30" --kind checkin --sensation chest:tight:2 "Before court" | grep -q "Saved entry 2" || fail "add --at"
run list | grep -q "First entry from Windows" || fail list
run search windows | grep -q "#1" || fail search
run show 2 --json | grep -q '"sensation": "tight"' || fail "show --json"
run list --json --full | grep -q '"body"' || fail "list --json --full"
run delete 1 | grep -q "trash" || fail delete
run restore 1 | grep -q "Restored" || fail restore
run paths | grep -q "journal" || fail paths
echo "check-windows: the CLI story passed on $("$wine" --version 2>/dev/null || echo wine)"
