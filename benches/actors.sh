#!/usr/bin/env bash
# Times the release binary on corpora of many distinct actors, the shape where the corpus's
# viewer page and exporters meet thousands of entities in one component: each paper names two
# presidents and a foreign minister (names made of random syllables, the same on every run) of
# two of ten states, and a firm, in three footnoted sentences. The states join everyone into one
# component. Prints, for each size, the seconds and peak memory of `--format json` (the build)
# and of each format given.
#
#   benches/actors.sh                      # 6,000 and 24,000 papers; json, then html
#   benches/actors.sh 1000                 # only the sizes given (papers)
#   FORMATS="html graphml ttl" benches/actors.sh 6000
#
# Corpora are written under ${BENCH_DIR:-/tmp/policykg-bench}/actors-N and reused when present.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(6000 24000)
FORMATS=${FORMATS:-html}
WORK=${BENCH_DIR:-/tmp/policykg-bench}
BIN=${CARGO_TARGET_DIR:-$PWD/target}/release/policykg
cargo build --release --quiet

syllables=(ka lo mi ra te su no vi de ba zo ri pe xa gu fi ho ne ta wu)
states=(India China Pakistan Japan Brazil France Germany Kenya Chile Canada)
# a name of two words into $NAME (no subshell: it would draw the same numbers every time)
name() {
    local word i w
    NAME=""
    for word in 1 2; do
        w=""
        for ((i = 0; i < 2 + RANDOM % 2; i++)); do w+=${syllables[RANDOM % 20]}; done
        NAME+="${NAME:+ }${w^}"
    done
}

for size in "${SIZES[@]}"; do
    dir=$WORK/actors-$size
    if [ ! -d "$dir" ]; then
        mkdir -p "$dir"
        RANDOM=7
        for ((d = 0; d < size; d++)); do
            i=$((RANDOM % 10))
            a=${states[i]}
            b=${states[(i + 1 + RANDOM % 9) % 10]}
            name; p1=$NAME
            name; p2=$NAME
            name; p3=$NAME
            name; firm=$NAME
            cat > "$dir/p$(printf %06d "$d").md" <<EOF
# Paper $d

President $p1 of $a met President $p2 of $b to sign a trade accord.[^1] Foreign Minister $p3 said $a supports $b.[^2] The deal benefits $firm Inc., a company based in $a.[^3]

[^1]: Jane Doe, "Talks $d," *Daily Times*, March 3, 2024, https://example.com/$d/a.
[^2]: John Roe, "Views $d," *Policy Review*, 2023.
[^3]: Ibid.
EOF
        done
    fi
    for format in json $FORMATS; do
        out=$WORK/actors-out
        rm -rf "$out"
        /usr/bin/time -f "$size papers, --format $format: %e s, peak %M KB" \
            "$BIN" build "$dir" --out "$out" --format "$format" --quiet
    done
    rm -rf "$WORK/actors-out"
done
