#!/usr/bin/env bash
# Start-up time and idle memory of the tutor, side by side with Python in one run.
#
#   Benchmarks/startup.sh [--runs N] [--reference OLDER-LAMBDA-TUTOR]
#
# --reference: a copy of an older build, measured in the same run (before/after of a change).
# Builds lambda-tutor the way it is shipped — release, Swift libraries linked statically (it
# touches fewer pages of the Swift runtime and Foundation: ~4 MB less RSS) — in a build folder
# of its own, then measures (interleaved, same load for both):
#   - `printf 'quit\n' | lambda-tutor`: process start, the full bundled lesson catalog parsed,
#     progress loaded, one command, clean exit;
#   - `python3 -c pass` with the real interpreter (not a pyenv shim, which adds a shell script);
# and the resident memory of the interactive REPL idle at its prompt (run inside tmux).
# Goals (issue 2): start-up at most 2x Python's, idle REPL at most 30 MB RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=50
reference=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --reference) reference=(--reference "$2"); shift 2 ;;
    *) echo "usage: $0 [--runs N] [--reference OLDER-LAMBDA-TUTOR]" >&2; exit 2 ;;
  esac
done
scratch=.build-release-static
swift build -c release --static-swift-stdlib --product lambda-tutor --scratch-path "$scratch" >&2
exec python3 Benchmarks/startup.py --binary "$(swift build -c release --static-swift-stdlib --scratch-path "$scratch" --show-bin-path)/lambda-tutor" --runs "$runs" "${reference[@]}"
