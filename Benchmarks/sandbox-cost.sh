#!/usr/bin/env bash
# The sandbox's cost, side by side in one run: the runtime benchmark of a revision before the
# sandbox (default 32b7bb3, each environment in a mount namespace and a root of its own) and
# of this checkout, with and without namespaces, interleaved round by round so all three see
# the same load (see BENCHMARKS.md, "Runtime: the sandbox's cost").
# Usage: Benchmarks/sandbox-cost.sh [--rounds N] [--base REV] [--invokes N] [--cold N]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=3
BASE=32b7bb3
ARGS=()
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) ROUNDS="$2"; shift 2 ;;
        --base) BASE="$2"; shift 2 ;;
        *) ARGS+=("$1"); shift ;;
    esac
done
[ ${#ARGS[@]} -eq 0 ] && ARGS=(--invokes 2000 --cold 40)

VENV=Benchmarks/.venv
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import awslambdaric" 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "awslambdaric==4.2.2"
fi
RIC_PYTHON="$(cd "$VENV" && pwd)/bin/python"

# The base revision, built in a folder of its own beside the environments' (not under /tmp).
BASE_DIR="${TMPDIR_BENCH:-/var/tmp}/lambda-tutor-bench-base-$(git rev-parse --short "$BASE")"
if [ ! -x "$BASE_DIR/.build/release/lambda-tutor-bench" ]; then
    rm -rf "$BASE_DIR" && mkdir -p "$BASE_DIR/.build"
    git archive "$BASE" | tar -x -C "$BASE_DIR"
    [ -f Package.resolved ] && cp Package.resolved "$BASE_DIR/"
    cp -r .build/checkouts .build/repositories "$BASE_DIR/.build/" 2>/dev/null || true
    (cd "$BASE_DIR" && swift build -c release --product lambda-tutor-bench)
fi
swift build -c release --product lambda-tutor-bench
swift build -c release --product lambda-tutor-init

for round in $(seq 1 "$ROUNDS"); do
    echo "## round $round: before the sandbox ($BASE)"
    "$BASE_DIR/.build/release/lambda-tutor-bench" --awslambdaric "$RIC_PYTHON" "${ARGS[@]}"
    echo "## round $round: the sandbox (this checkout)"
    .build/release/lambda-tutor-bench --awslambdaric "$RIC_PYTHON" "${ARGS[@]}"
    echo "## round $round: this checkout, namespaces refused"
    .build/release/lambda-tutor-bench --awslambdaric "$RIC_PYTHON" --no-sandbox "${ARGS[@]}"
done
