#!/usr/bin/env bash
# Scores the release-notes parser against a labels file in the format of shared/labels/dev_gold.json
# and prints kind accuracy (high-confidence lines), scope accuracy and old-identifier F1.
# Usage: bench/score-notes.sh LABELS.json [--details]
# Exits non-zero when a figure is below 0.90 (the acceptance thresholds).
set -uo pipefail
if [ $# -lt 1 ] || [ ! -f "$1" ]; then
  echo "usage: $0 LABELS.json [--details]" >&2
  exit 1
fi
labels="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
details=false
[ "${2:-}" = "--details" ] && details=true
cd "$(dirname "${BASH_SOURCE[0]}")/.."
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
./mvnw -q -B test -Dtest=NotesParserGoldTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Djacoco.skip=true -Dlabels="$labels" -Ddetails="$details" >"$log" 2>&1
status=$?
grep -E '^(NotesParser on|lines [0-9]+:|[^ ].*#[0-9]+ \||    kind )|^\[ERROR\]   NotesParserGoldTest' "$log"
exit $status
