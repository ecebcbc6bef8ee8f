#!/usr/bin/env bash
# Times Graphviz on each diagram of graphs/ (`dot -Tpng FILE`, no other options, as a user runs
# it), best of RUNS (default 3), and prints the PNG's size: the benchmark behind the README's
# figure for the seed's relationship diagram (under 5 s, at most 3,000 px on its longer side).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
for f in "${@:-graphs/*.dot}"; do
  for f in $f; do
    best=""
    for _ in $(seq "$runs"); do
      start=$(date +%s.%N)
      dot -Tpng "$f" > /tmp/policykg-diagram.png
      t=$(echo "$(date +%s.%N) - $start" | bc)
      if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
    done
    size=$(python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); print("%d x %d px" % struct.unpack(">II", d[16:24]))' /tmp/policykg-diagram.png)
    printf '%-55s %6.2f s  %s\n' "$f" "$best" "$size"
  done
done
