#!/usr/bin/env bash
# v1 -> v2 on the real wheels (not CI: it reads two ~70-190 MB wheels from PyPI by range requests):
# the API diff of 1.231.0 -> 2.0.0rc7, cold (empty model cache) and cached, then `check --to
# 2.0.0rc7` on the bundled demo and, when given, on a dev repository tree, with the size of each
# report: sites, files, changes reaching the code, groups by cause, text report lines.
# Usage: bench/v2-report.sh [DEV_REPO_DIR] [FROM] [TO]   (default FROM 1.231.0, TO 2.0.0rc7)
# e.g. git --git-dir=/work/.mirror/noelotpyrc+trading_polymarket_nautilus/repo archive HEAD | tar -x -C /tmp/x
#      bench/v2-report.sh /tmp/x
set -euo pipefail
DEV="${1:-}"
FROM="${2:-1.231.0}"
TO="${3:-2.0.0rc7}"
cd "$(dirname "$0")/.."
ROOT="$PWD"
JAR=target/nautilus-autoupdate.jar
if [[ ! -f "$JAR" ]]; then
  ./mvnw -q -B package -DskipTests
fi
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
# A model cache of our own, so the first diff is cold; the checks then share it.
export XDG_CACHE_HOME="$WORK/xdg"
RELEASES="$ROOT/../shared/data/nautilus/RELEASES.md"

ms() { echo $(( $(date +%s%N) / 1000000 )); }

diff_run() {
  local start
  start=$(ms)
  java -jar "$JAR" api-diff --from "$FROM" --to "$TO" --state-dir "$WORK/state" --no-introspect \
    --format json >"$WORK/diff.json"
  echo $(( $(ms) - start ))
}

cold_ms=$(diff_run)
cp "$WORK/diff.json" "$WORK/cold.json"
rm -rf "$WORK/state"
cached_ms=$(diff_run)
python3 - "$WORK/cold.json" "$cold_ms" "$cached_ms" "$FROM" "$TO" <<'PY'
import collections, json, sys
d = json.load(open(sys.argv[1]))
types = collections.Counter(c["type"] for c in d["changes"])
s = d.get("stats", {})
print(f"api-diff {sys.argv[4]} -> {sys.argv[5]}: {len(d['changes'])} breaks "
      f"({', '.join(f'{n} {t}' for t, n in types.most_common())})")
print(f"  cold {sys.argv[2]} ms wall (downloading {s.get('download_millis', '?')} ms, "
      f"{s.get('bytes_downloaded', '?')} bytes of {s.get('bytes_full_files', '?')}); "
      f"models cached {sys.argv[3]} ms wall, JVM start included")
PY

# check on a copy of a repository, with the given extra options; prints the report's figures.
check_run() {
  local name="$1" dir="$2"
  shift 2
  rm -rf "$WORK/repo"
  cp -r "$dir" "$WORK/repo"
  local start end rc=0
  start=$(ms)
  java -jar "$JAR" check --repo "$WORK/repo" --to "$TO" "$@" >"$WORK/report.txt" 2>"$WORK/err.txt" || rc=$?
  end=$(ms)
  if [[ $rc -ne 2 ]]; then
    echo "$name: check exited $rc: $(tail -1 "$WORK/err.txt")"
    return
  fi
  java -jar "$JAR" check --repo "$WORK/repo" --to "$TO" "$@" --format json >"$WORK/report.json" 2>/dev/null || true
  python3 - "$WORK/report.json" "$WORK/report.txt" "$name" "$((end - start))" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
text = open(sys.argv[2]).read().splitlines()
sites = sum(len(f["sites"]) for f in r["affected_files"])
reaching = len({s["change"] for f in r["affected_files"] for s in f["sites"]})
groups = r["groups"]
print(f"{sys.argv[3]}: {r['previous_version']} -> {r['version']}: {sites} sites in "
      f"{len(r['affected_files'])} files; {reaching} changes reach the code, in {len(groups)} groups; "
      f"{len(r['reviews'])} review items; text report {len(text)} lines; {sys.argv[4]} ms")
print(f"  {text[0]}")
for g in groups[:5]:
    print(f"  - {g['sites']} sites, {g['cause']}: {g['text'][:110]} -> {g['replacement']}")
PY
}

check_run "demo (examples/demo-strategy)" examples/demo-strategy --releases-md "$ROOT/examples/RELEASES.md"
if [[ -n "$DEV" ]]; then
  check_run "$DEV" "$DEV" --releases-md "$RELEASES"
fi
