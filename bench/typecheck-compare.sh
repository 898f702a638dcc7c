#!/usr/bin/env bash
# The Java resolver (`check`) against type checkers run on stubs of both versions' API models
# (`api-diff --write-stubs`), on the dev set cases that have models here and on
# bench/typecheck/sample; not CI: needs the mirrors (../.mirror/<owner>+<name>/repo) and PyPI.
# Usage: bench/typecheck-compare.sh [--checkers ty,pyrefly,basedpyright] [--only REPO] [--all]
#        [--no-sample] [--mirrors DIR] [--json OUT]
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -f target/nautilus-autoupdate.jar ]]; then
  ./mvnw -q -B package -DskipTests
fi
exec python3 bench/typecheck/compare.py "$@"
