#!/usr/bin/env bash
# End-to-end: the API model of a release PyPI no longer holds, built from the upstream source at its
# tag (GitHub's tarball endpoint, 302 to codeload), then diffed. Not run in CI (it needs GitHub and
# PyPI); this machine's sandbox cannot reach GitHub, so run it where it can.
# Usage: bench/model-from-tag.sh [FROM] [TO]   (default 1.200.0 1.201.0; GITHUB_TOKEN optional,
# it only raises GitHub's rate limit and goes to api.github.com alone)
set -euo pipefail
FROM="${1:-1.200.0}"
TO="${2:-1.201.0}"
cd "$(dirname "$0")/.."
JAR=target/nautilus-autoupdate.jar
if [[ ! -f "$JAR" ]]; then
  ./mvnw -q -B package -DskipTests
fi
STATE="$(mktemp -d)"
trap 'rm -rf "$STATE"' EXIT
# A fresh model cache, so the models are really built (not read from ~/.cache).
export XDG_CACHE_HOME="$STATE/cache"

start=$(date +%s%N)
java -jar "$JAR" api-diff --from "$FROM" --to "$TO" --state-dir "$STATE" --no-introspect --format json >"$STATE/out.json"
end=$(date +%s%N)

python3 - "$STATE/out.json" "$FROM" "$TO" $(((end - start) / 1000000)) <<'PY'
import json, sys
out, a, b, ms = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3], sys.argv[4]
for v in (a, b):
    src = [s for s in out["sources"].get(v, []) if s.startswith("model from ")]
    print(f"{v}: {src[0][len('model from '):] if src else out['sources'].get(v)}")
print(f"{len(out['changes'])} changes, {ms} ms (downloads included)")
PY
ls "$XDG_CACHE_HOME/nautilus-autoupdate/models/"
