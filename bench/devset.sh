#!/usr/bin/env bash
# Scores `check` and `fix` on the dev set of real upgrades (bench/devset/cases.json); not a CI test:
# it needs the repositories' git mirrors (brought with the workplace's `fetch`, under
# ../.mirror/<owner>+<name>/repo or --mirrors DIR) and, online, PyPI for the API diff.
# Usage: bench/devset.sh [--offline] [--verify [--all-uses]] [--served-only] [--only REPO] [--mirrors DIR] [--json OUT] [--cases FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -f target/nautilus-autoupdate.jar ]]; then
  ./mvnw -q -B package -DskipTests
fi
exec python3 bench/devset/score.py "$@"
