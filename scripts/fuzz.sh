#!/usr/bin/env bash
# Runs each fuzz target for a bounded time (default 600 s each): the document reader, the note
# parser and the whole build into every exporter. New inputs go to fuzz/work/ (not committed);
# the small seed corpus in fuzz/corpus/ stays as it is. A crash leaves its input in
# fuzz/artifacts/TARGET/: add it as a regression test before fixing it.
#   scripts/fuzz.sh [SECONDS] [TARGET ...]
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
secs=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(document notes pipeline)
toolchain=+nightly
rustup toolchain list | grep -q nightly || toolchain=""
for t in "${targets[@]}"; do
  mkdir -p "work/$t"
  if [ -z "$toolchain" ]; then
    RUSTC_BOOTSTRAP=1 cargo fuzz run "$t" "work/$t" "corpus/$t" -- -max_total_time="$secs" -max_len=65536
  else
    cargo $toolchain fuzz run "$t" "work/$t" "corpus/$t" -- -max_total_time="$secs" -max_len=65536
  fi
done
