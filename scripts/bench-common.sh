# Shared by the benchmark scripts (sourced, not run): quoting, hyperfine's median, and the
# release build of debrief and its journal generator. Expects $root and $work to be set.

# q ARG...: the arguments as one POSIX-quoted command line.
q() { python3 -c 'import shlex,sys; print(shlex.join(sys.argv[1:]))' "$@"; }

# median_ms RUNS COMMAND-LINE: hyperfine's median in milliseconds (no shell in between).
median_ms() {
  local n=$1 cmd=$2
  hyperfine -N --style none --warmup 1 --runs "$n" --export-json "$work/h.json" "$cmd" >/dev/null 2>&1 ||
    { echo "$(basename "$0"): command failed: $cmd" >&2; exit 1; }
  python3 -c 'import json,sys; print("%.1f" % (json.load(open(sys.argv[1]))["results"][0]["median"]*1000))' "$work/h.json"
}

# build_release: debrief and debrief-gen in release mode; sets $debrief and $gen.
build_release() {
  echo "== building debrief (release)" >&2
  (cd "$root" && cargo build --release --quiet --bin debrief --example debrief-gen)
  debrief="$root/target/release/debrief"
  gen="$root/target/release/examples/debrief-gen"
}
