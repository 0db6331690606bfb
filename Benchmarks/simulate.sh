#!/usr/bin/env bash
# The scaling simulator's benchmark, every figure side by side in one run (see BENCHMARKS.md):
# simulated invocations per second against a plain loop and a per-invocation simulation, and
# the latency of `simulate` in the REPL against `calc`, in-process and as whole processes.
# Builds both binaries in release mode. Usage: Benchmarks/simulate.sh [--repeat N]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product lambda-tutor-simbench >&2
swift build -c release --product lambda-tutor >&2
bin="$(swift build -c release --show-bin-path)"
exec "$bin/lambda-tutor-simbench" --tutor "$bin/lambda-tutor" "$@"
