#!/usr/bin/env bash
# The sandbox's cost, side by side in one run: the runtime benchmark of a revision before the
# sandbox (default 32b7bb3, each environment in a mount namespace and a root of its own), of
# any further revisions given with more --base, and of this checkout, with and without
# namespaces, interleaved round by round so all see the same load (see BENCHMARKS.md,
# "Runtime: the sandbox's cost"). --no-refused leaves out the run with namespaces refused.
# Usage: Benchmarks/sandbox-cost.sh [--rounds N] [--base REV]... [--no-refused] [--invokes N] [--cold N]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=3
BASES=()
REFUSED=1
ARGS=()
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) ROUNDS="$2"; shift 2 ;;
        --base) BASES+=("$2"); shift 2 ;;
        --no-refused) REFUSED=0; shift ;;
        *) ARGS+=("$1"); shift ;;
    esac
done
[ ${#BASES[@]} -eq 0 ] && BASES=(32b7bb3)
[ ${#ARGS[@]} -eq 0 ] && ARGS=(--invokes 2000 --cold 40)

VENV=Benchmarks/.venv
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import awslambdaric" 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "awslambdaric==4.2.2"
fi
RIC_PYTHON="$(cd "$VENV" && pwd)/bin/python"

# Each base revision, built in a folder of its own beside the environments' (not under /tmp).
base_dir() { echo "${TMPDIR_BENCH:-/var/tmp}/lambda-tutor-bench-base-$(git rev-parse --short "$1")"; }
for BASE in "${BASES[@]}"; do
    BASE_DIR="$(base_dir "$BASE")"
    if [ ! -x "$BASE_DIR/.build/release/lambda-tutor-bench" ]; then
        rm -rf "$BASE_DIR" && mkdir -p "$BASE_DIR/.build"
        git archive "$BASE" | tar -x -C "$BASE_DIR"
        [ -f Package.resolved ] && cp Package.resolved "$BASE_DIR/"
        cp -r .build/checkouts .build/repositories "$BASE_DIR/.build/" 2>/dev/null || true
        (cd "$BASE_DIR" && swift build -c release --product lambda-tutor-bench)
    fi
done
swift build -c release --product lambda-tutor-bench
swift build -c release --product lambda-tutor-init

for round in $(seq 1 "$ROUNDS"); do
    for BASE in "${BASES[@]}"; do
        echo "## round $round: $BASE"
        "$(base_dir "$BASE")/.build/release/lambda-tutor-bench" --awslambdaric "$RIC_PYTHON" "${ARGS[@]}"
    done
    echo "## round $round: this checkout"
    .build/release/lambda-tutor-bench --awslambdaric "$RIC_PYTHON" "${ARGS[@]}"
    if [ "$REFUSED" = 1 ]; then
        echo "## round $round: this checkout, namespaces refused"
        .build/release/lambda-tutor-bench --awslambdaric "$RIC_PYTHON" --no-sandbox "${ARGS[@]}"
    fi
done
