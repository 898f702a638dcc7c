#!/usr/bin/env bash
# Benchmark of `api-diff` on two real releases: cold (empty cache; download time reported apart)
# and cached. Targets: cold <= 20 s excluding downloads, cached <= 1 s.
# Usage: bench/api-diff.sh [FROM] [TO]   (default 1.219.0 1.220.0; needs network to PyPI)
set -euo pipefail
FROM="${1:-1.219.0}"
TO="${2:-1.220.0}"
cd "$(dirname "$0")/.."
JAR=target/nautilus-autoupdate.jar
if [[ ! -f "$JAR" ]]; then
  ./mvnw -q -B package -DskipTests
fi
STATE="$(mktemp -d)"
trap 'rm -rf "$STATE"' EXIT

run() {
  local start end
  start=$(date +%s%N)
  java -jar "$JAR" api-diff --from "$FROM" --to "$TO" --state-dir "$STATE" --no-introspect --format json >"$STATE/out.json"
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

field() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['stats'][sys.argv[2]])" "$STATE/out.json" "$1"; }

cold_ms=$(run)
cold_dl_ms=$(field download_millis)
cold_bytes=$(field bytes_downloaded)
full_bytes=$(field bytes_full_files)
changes=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['changes']))" "$STATE/out.json")
cached_ms=$(run)

echo "api-diff $FROM -> $TO: $changes breaks"
echo "cold:   ${cold_ms} ms wall, of which ${cold_dl_ms} ms downloading; $((cold_ms - cold_dl_ms)) ms excluding downloads (target <= 20000)"
echo "cached: ${cached_ms} ms wall including JVM start (target <= 1000)"
echo "bytes downloaded with range reads: ${cold_bytes}; without (whole wheels): ${full_bytes}"
