#!/usr/bin/env bash
# Runs the engine-vs-sklearn side by side (see sklearn_compare.py). Usage:
#   bench/opinion/sklearn_compare.sh BUILD_DIR [participants comments votes]
set -euo pipefail
exec /usr/bin/python3 "$(dirname "$0")/sklearn_compare.py" "$@"
