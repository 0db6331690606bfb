#!/usr/bin/env bash
# Issue 15's reliability run: N events through async invocation and an SQS mapping over a randomly
# failing fake worker, with the machinery's overhead per event against the worker replayed alone (BENCHMARKS.md).
# Usage: Benchmarks/async.sh [EVENTS]   (default 10000, through async invocation and an SQS mapping each)
#        Benchmarks/async.sh --real [N] (default 300: a real Python handler in MiniLambda's environments,
#                                        failing at random; each end state checked against its answers)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product lambda-tutor-asyncbench
# The sandboxes' pid 1, found beside the bench binary (the real-handler phase starts environments).
if [ "${1:-}" = "--real" ]; then swift build -c release --product lambda-tutor-init; fi
exec .build/release/lambda-tutor-asyncbench "$@"
