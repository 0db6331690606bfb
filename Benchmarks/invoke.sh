#!/usr/bin/env bash
# The mini runtime's benchmark, all figures side by side in one run (see BENCHMARKS.md).
# Builds in release mode, puts awslambdaric 4.2.2 into Benchmarks/.venv (PyPI), then runs
# lambda-tutor-bench. Usage: Benchmarks/invoke.sh [--invokes N] [--cold N] [--no-sandbox]
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=Benchmarks/.venv
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import awslambdaric" 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "awslambdaric==4.2.2"
fi
# The venv's python is a link to the interpreter itself, not a version-manager shim.
RIC_PYTHON="$(cd "$VENV" && pwd)/bin/python"

swift build -c release --product lambda-tutor-bench
# The sandboxes' pid 1, found beside the bench binary.
swift build -c release --product lambda-tutor-init
exec .build/release/lambda-tutor-bench --awslambdaric "$RIC_PYTHON" "$@"
