#!/usr/bin/env bash
# Speed benchmark of the code scan + impact match (not a unit test).
# Downloads the sdist of a real nautilus_trader release from PyPI, keeps its .py/.pyi files,
# replicates them to about 1,000,000 lines, then prints files/s, MB/s and peak heap for a cold
# scan+match and for a second run on the unchanged tree (each workload RUNS times, default 3, with
# the median); then the whole check in-process with the models cached, on the normal path and on
# the target-only path (wall and CPU time: a shared machine's load shows in the first only); and
# ripgrep's time for the same identifiers. Workloads 4 and 5 need the models of 1.220.0 and 1.221.0
# in the shared model cache (made once online with api-diff if missing).
# Usage: [RUNS=n] [ONLY=check] bench/check-speed.sh [version] [target-lines]
set -euo pipefail
VERSION="${1:-1.221.0}"
TARGET_LINES="${2:-1000000}"
HERE="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$HERE/bench/out"
DL="${HOME}/.cache/nautilus-autoupdate-test/sdist-$VERSION"
# Outside this checkout: git would ignore bench/out/ and list nothing.
TREE="${HOME}/.cache/nautilus-autoupdate-test/bench-tree-$VERSION"
CHANGES="$HERE/src/test/resources/impact/mixed/changes.json"
mkdir -p "$OUT" "$DL"

if ! ls "$DL"/*.tar.gz >/dev/null 2>&1; then
  # The sdist's URL from PyPI's simple index (pip download would also build its metadata: slow).
  URL=$(curl -fsS -H "Accept: application/vnd.pypi.simple.v1+json" "https://pypi.org/simple/nautilus-trader/" |
    python3 -c "import json,sys; print([f['url'] for f in json.load(sys.stdin)['files'] if f['filename']=='nautilus_trader-$VERSION.tar.gz'][0])")
  curl -fsSL -o "$DL/nautilus_trader-$VERSION.tar.gz" "$URL"
fi
if [ ! -d "$TREE" ]; then
  SRC="$OUT/src-$VERSION"
  rm -rf "$SRC" && mkdir -p "$SRC"
  tar -xzf "$DL"/*.tar.gz -C "$SRC" --wildcards '*.py' '*.pyi'
  BASE="$(find "$SRC" -maxdepth 1 -mindepth 1 -type d | head -1)"
  LINES=$(find "$BASE" -name '*.py' -o -name '*.pyi' | xargs cat | wc -l)
  COPIES=$(( (TARGET_LINES + LINES - 1) / LINES ))
  echo "one copy: $LINES lines; making $COPIES copies"
  mkdir -p "$TREE"
  for i in $(seq 1 "$COPIES"); do
    cp -r "$BASE" "$TREE/copy_$i"
    # A distinct last line per copy, so the content-hash cache cannot share parses across copies.
    find "$TREE/copy_$i" \( -name '*.py' -o -name '*.pyi' \) -exec sh -c 'echo "# copy $0" >> "$1"' "$i" {} \;
  done
  rm -rf "$SRC"
fi
echo "tree: $(find "$TREE" -name '*.py' -o -name '*.pyi' | wc -l) files," \
  "$(find "$TREE" \( -name '*.py' -o -name '*.pyi' \) -print0 | xargs -0 cat | wc -l) lines," \
  "$(du -sh "$TREE" | cut -f1)"

cd "$HERE"
./mvnw -q -B test-compile -Dspotless.check.skip=true
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" >/dev/null
CP="target/classes:target/test-classes:$(cat "$OUT/cp.txt")"
# The JVM options bin/nautilus-autoupdate uses, read from it so the two cannot drift apart.
JVM="$(sed -n 's/^opts=(\(.*\))$/\1/p' bin/nautilus-autoupdate)"
[ -n "$JVM" ] || { echo "error: no opts=(...) line in bin/nautilus-autoupdate" >&2; exit 1; }
RUNS="${RUNS:-3}"
# The median cold time of the runs ($2...) and its MB/s (the tree's MB from the last output, $1).
median() {
  local mb
  mb="$(echo "$1" | sed -n 's/^cold .* MB=\([0-9.]*\) .*/\1/p')"
  shift
  printf '%s\n' "$@" | sort -n | awk -v mb="$mb" -v n="$#" \
    '{t[NR]=$1} END {m=t[int((NR+1)/2)]; printf "median cold of %d runs: %.2fs, %.1f MB/s\n", n, m, mb/m}'
}
# A workload: RUNS fresh JVMs, each a cold scan+match then a run on the unchanged tree; every run's
# figures, then the median cold time and MB/s (a shared 2-core machine varies by +-20 % run to run).
workload() {
  local label="$1"; shift
  echo "== $label"
  local times=()
  for i in $(seq 1 "$RUNS"); do
    rm -rf "$OUT/cache"
    local out
    out="$(java $JVM -Xmx1g -cp "$CP" nautilus.autoupdate.code.bench.ScanBenchmark "$TREE" "$OUT/cache" "$@")"
    if [ "$i" = 1 ]; then echo "$out" | grep -E '^(changes|words)'; fi
    echo "$out" | grep -E '^(cold|unchanged) .*files='
    times+=("$(echo "$out" | sed -n 's/^cold .* time=\([0-9.]*\)s.*/\1/p')")
  done
  median "$out" "${times[@]}"
}
# ONLY=check runs workloads 4 and 5 alone.
if [ "${ONLY:-}" != check ]; then
workload "workload 1: the mixed fixture's changes (one release's worth of breaks, 17 changes)" "$CHANGES"
workload "workload 2: the real notes of the latest release (1.220.0 to 1.221.0)" \
  "$HERE/examples/RELEASES.md" 1.220.0 1.221.0
RUNS=1 workload "workload 3: every change in the real notes from 1.200.0 to 1.221.0 (a team a year behind)" \
  "$HERE/examples/RELEASES.md" 1.200.0 1.221.0
fi

# The whole check in-process (CheckBenchmark: notes, both models read from the cache, the API diff
# made and cached, the scan, the judges, the report), offline, from 1.220.0 to 1.221.0. Workload 4:
# both models cached (the normal path). Workload 5: only the target's (1.220.0 left every index):
# the target's model alone judges every use of the package, so the scan reads every file.
MODELS="${XDG_CACHE_HOME:-$HOME/.cache}/nautilus-autoupdate/models"
for v in 1.220.0 1.221.0; do
  if [ ! -f "$MODELS/nautilus_trader-$v.json" ]; then
    # PyPI serves both wheels; api-diff reads them by range requests and caches their models.
    java $JVM -cp "$CP" nautilus.autoupdate.cli.Main api-diff --from 1.220.0 --to 1.221.0 \
      --package nautilus_trader >/dev/null
    break
  fi
done
check_workload() {
  local label="$1" xdg="$2"; shift 2
  echo "== $label"
  local times=()
  for i in $(seq 1 "$RUNS"); do
    rm -rf "$OUT/state"
    local out
    out="$(java $JVM -Xmx1g -cp "$CP" nautilus.autoupdate.code.bench.CheckBenchmark "$TREE" \
      "$OUT/state" "$xdg" "$HERE/examples/RELEASES.md" 1.220.0 1.221.0)"
    echo "$out"
    times+=("$(echo "$out" | sed -n 's/^cold .* time=\([0-9.]*\)s.*/\1/p')")
  done
  median "$out" "${times[@]}"
}
for kind in both target; do
  rm -rf "$OUT/xdg-$kind" && mkdir -p "$OUT/xdg-$kind/nautilus-autoupdate/models"
done
ln -s "$MODELS/nautilus_trader-1.220.0.json" "$MODELS/nautilus_trader-1.221.0.json" \
  "$OUT/xdg-both/nautilus-autoupdate/models/"
ln -s "$MODELS/nautilus_trader-1.221.0.json" "$OUT/xdg-target/nautilus-autoupdate/models/"
check_workload "workload 4: check in-process, 1.220.0 to 1.221.0, both models cached" "$OUT/xdg-both"
RUNS=1 check_workload "workload 5: check in-process, 1.220.0 to 1.221.0, only the target's model (every file read)" \
  "$OUT/xdg-target"

if ! command -v rg >/dev/null 2>&1; then
  (apt-get install -y ripgrep >/dev/null 2>&1 || sudo apt-get install -y ripgrep >/dev/null 2>&1) || true
fi
if command -v rg >/dev/null 2>&1; then
  ARGS=()
  for id in $(python3 -c "import json,sys; [print(o.split('.')[-1]) for c in json.load(open(sys.argv[1])) for o in c['old'] if '::' not in o]" "$CHANGES" | sort -u); do
    ARGS+=(-e "$id")
  done
  START=$(date +%s.%N)
  rg -c -F -t py "${ARGS[@]}" "$TREE" >/dev/null || true
  END=$(date +%s.%N)
  echo "ripgrep   time=$(echo "$END - $START" | bc)s for ${#ARGS[@]} identifiers (our cold time / this = the ratio to beat)"
else
  echo "ripgrep not available (apt-get install -y ripgrep)"
fi
