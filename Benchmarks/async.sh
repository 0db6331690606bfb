#!/usr/bin/env bash
# The async invocation scheduler's throughput and overhead per event against a synchronous
# loop of the same handler measured in the same run (see BENCHMARKS.md).
# Usage: Benchmarks/async.sh [EVENTS]   (default 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product lambda-tutor-asyncbench
exec .build/release/lambda-tutor-asyncbench "$@"
