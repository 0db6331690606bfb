#!/usr/bin/env bash
# Issue 15's reliability run: N events through async invocation and an SQS mapping over a randomly
# failing fake worker, with the machinery's overhead per event against the worker replayed alone (BENCHMARKS.md).
# Usage: Benchmarks/async.sh [EVENTS]   (default 10000, through async invocation and an SQS mapping each)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product lambda-tutor-asyncbench
exec .build/release/lambda-tutor-asyncbench "$@"
