#!/usr/bin/env bash
# The Lambda API's benchmark, all figures side by side in one run (see BENCHMARKS.md): a warm
# invoke through the HTTP API with a keep-alive client against a bare keep-alive HTTP round
# trip on loopback, and invokes/s with 1 and 2 clients. Builds in release mode.
# Usage: Benchmarks/api.sh [--invokes N] [--seconds S]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product lambda-tutor-apibench
# The sandboxes' pid 1, found beside the bench binary.
swift build -c release --product lambda-tutor-init
exec .build/release/lambda-tutor-apibench "$@"
