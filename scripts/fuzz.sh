#!/usr/bin/env bash
# Runs each fuzz target for a bounded time (default 600 s each): the document reader, the note
# parser, the whole build into every exporter, the graph JSON reader (`query`), and the
# PDF, DOCX and HTML readers. New inputs go to fuzz/work/ (not committed); the small seed corpus
# in fuzz/corpus/ stays as it is; put more seed files (real PDFs, say) in fuzz/work/TARGET/
# before a run. A crash leaves its input in fuzz/artifacts/TARGET/: add it as a regression test
# before fixing it.
#   scripts/fuzz.sh [SECONDS] [TARGET ...]
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
secs=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(document notes pipeline graph pdf pdf_layout docx html)
toolchain=+nightly
rustup toolchain list | grep -q nightly || toolchain=""
for t in "${targets[@]}"; do
  mkdir -p "work/$t"
  # whole files for the readers of binary formats (a real report is some hundred KB)
  len=65536
  case "$t" in pdf|docx|html) len=2097152 ;; esac
  seeds=("corpus/$t")
  # the HTML reader's seeds are whole pages: the dev reports here, the test pages there
  [ "$t" = html ] && seeds+=(../tests/fixtures/html)
  if [ -z "$toolchain" ]; then
    RUSTC_BOOTSTRAP=1 cargo fuzz run "$t" "work/$t" "${seeds[@]}" -- -max_total_time="$secs" -max_len="$len"
  else
    cargo $toolchain fuzz run "$t" "work/$t" "${seeds[@]}" -- -max_total_time="$secs" -max_len="$len"
  fi
done
