#!/usr/bin/env bash
# Times the release binary on generated corpora: throughput (MB/s, words/s), peak memory,
# 1 vs 2 threads, linearity in input size, and a grep baseline over the same bytes.
#
#   benches/corpus.sh                 # 1 MB, 10 MB and 100 MB corpora, plus 100 copies of the seed
#   benches/corpus.sh 1 10            # only the sizes given (MB)
#   RUNS=3 benches/corpus.sh          # best of 3 runs per figure (default 1)
#   FORMATS=json,dot,html benches/corpus.sh   # the formats written (default json,dot: the
#                                     # issue's yardstick; the viewer page is not counted)
#   GENERATE_ONLY=1 benches/corpus.sh 100   # only write the corpora
#   PAPERS="1000" benches/corpus.sh 1   # also corpora of whole papers: copies of the seed (58 KB)
#                                     # up to each size given (MB), e.g. the issue's 1 GB of papers
#
# Corpora are written under ${BENCH_DIR:-/tmp/policykg-bench} and reused when present. Each is
# many copies of seeds/*.md and of the inputs of tests/cases/ and tests/fixtures/, with the title,
# the years and some URL hosts varied per copy so that the corpus merge has real work: some
# sources and actors unite across documents, others do not.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1 10 100)
RUNS=${RUNS:-1}
FORMATS=${FORMATS:-json,dot}
WORK=${BENCH_DIR:-/tmp/policykg-bench}
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
BIN=$TARGET/release/policykg
mkdir -p "$WORK"

if [ ! -x /usr/bin/time ]; then
    echo "installing GNU time (Debian package \`time\`) for peak memory" >&2
    apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
fi
cargo build --release --quiet

# the parts a corpus is made of: the seed and every case input (the text before `<!-- expect -->`)
PARTS=$WORK/parts
if [ ! -d "$PARTS" ]; then
    mkdir -p "$PARTS"
    cp seeds/*.md "$PARTS/"
    cp tests/fixtures/*.md "$PARTS/" 2>/dev/null || true
    for f in tests/cases/*/*.md tests/cases/*/*.txt; do
        [ -e "$f" ] || continue
        out="$PARTS/case-$(basename "$(dirname "$f")")-$(basename "$f")"
        awk 'NR == 1 { next } /^<!-- expect -->\r?$/ { exit } { print }' "$f" >"$out"
    done
fi

# corpus DIR MB: copies of the parts, varied, until DIR holds MB megabytes
corpus() {
    local dir=$1 mb=$2
    [ -f "$dir/.done" ] && return
    rm -rf "$dir" && mkdir -p "$dir"
    python3 - "$PARTS" "$dir" "$mb" <<'EOF'
import os, re, sys
parts, out, mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
texts = [(name, open(os.path.join(parts, name), encoding="utf-8", newline="").read())
         for name in sorted(os.listdir(parts))]
want, have, i = mb * 1000 * 1000, 0, 0
while have < want:
    for name, text in texts:
        stem, ext = os.path.splitext(name)
        # the title, the years and some URL hosts vary per copy
        t = text.replace("\n", f" (copy {i})\n", 1)
        t = re.sub(r"\b20([12])[0-9]\b", lambda m: f"20{m.group(1)}{i % 10}", t)
        t = t.replace("https://www.", f"https://www{i % 4}.")
        with open(os.path.join(out, f"{i:06d}-{stem}{ext}"), "w", encoding="utf-8", newline="") as f:
            f.write(t)
        have += len(t.encode())
        if have >= want:
            break
    i += 1
EOF
    touch "$dir/.done"
}

# the seed's actor and agreement names, for grep -F
PHRASES=$WORK/phrases.txt
if [ ! -s "$PHRASES" ]; then
    python3 - graphs/*.json >"$PHRASES" <<'EOF'
import json, sys
names = set()
for path in sys.argv[1:]:
    for n in json.load(open(path))["nodes"]:
        if n["kind"] in ("actor", "agreement"):
            names.add(n["label"])
            names.update(n.get("aliases", []))
print("\n".join(sorted(names)))
EOF
fi

# best wall time, the CPU time (user + system) of that run and the peak RSS over RUNS runs of a
# command: prints "seconds cpu-seconds kilobytes"
measure() {
    local best="" cpu="" mem=0
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -f "%e %U %S %M" -o "$WORK/time.txt" "$@" >/dev/null 2>"$WORK/stderr.txt" || true
        read -r t u s m <"$WORK/time.txt"
        if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then
            best=$t
            cpu=$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')
        fi
        [ "$m" -gt "$mem" ] && mem=$m
    done
    echo "$best $cpu $mem"
}

row() { # label dir
    local label=$1 dir=$2 bytes words docs largest
    bytes=$(find "$dir" -type f -name '*.*' ! -name '.done' -printf '%s\n' | awk '{ s += $1 } END { print s }')
    largest=$(find "$dir" -type f ! -name '.done' -printf '%s\n' | sort -n | tail -1)
    docs=$(find "$dir" -type f ! -name '.done' | wc -l)
    # (find | xargs: a corpus of 100 MB is more files than one command line holds)
    words=$(find "$dir" -type f ! -name .done -print0 | xargs -0 cat | wc -w)
    local out=$WORK/out
    read -r t1 c1 m1 < <(measure bash -c "'$BIN' build '$dir' --out '$out' --jobs 1 --format '$FORMATS' --quiet")
    local corpus_mb
    corpus_mb=$(awk -v b="$(stat -c %s "$out/corpus.json")" 'BEGIN { printf "%.1f", b / 1e6 }')
    read -r t2 c2 m2 < <(measure bash -c "'$BIN' build '$dir' --out '$out' --jobs 2 --format '$FORMATS' --quiet")
    read -r tg _ _ < <(measure bash -c "find '$dir' -type f ! -name .done -print0 | xargs -0 cat | grep -o -F -f '$PHRASES' | wc -l")
    echo "$label $bytes $t1 $c1" >>"$WORK/linearity.txt"
    awk -v l="$label" -v n="$docs" -v b="$bytes" -v w="$words" -v t1="$t1" -v t2="$t2" -v tg="$tg" -v c1="$c1" -v c2="$c2" \
        -v m1="$m1" -v m2="$m2" -v big="$largest" -v cj="$corpus_mb" 'BEGIN {
        mb = b / 1e6
        # (GNU time counts hundredths: grep over a small corpus can take less than one)
        g = tg > 0 ? sprintf("%.1f", mb / tg) : "> " sprintf("%.0f", mb / 0.01)
        r = tg > 0 ? sprintf("%.3f", (mb / t1) / (mb / tg)) : "< " sprintf("%.3f", (mb / t1) / (mb / 0.01))
        printf "| %s | %d | %.1f | %.2f s (cpu %.2f s) | %.2f | %.2f M | %.2f s (cpu %.2f s) | %.2f | %.2fx | %s | %s | %d / %d | %.2f | %s |\n",
            l, n, mb, t1, c1, mb / t1, w / t1 / 1e6, t2, c2, mb / t2, t1 / t2, g, r,
            m1 / 1024, m2 / 1024, big / 1e6, cj
    }'
}

if [ -n "${GENERATE_ONLY:-}" ]; then
    for mb in "${SIZES[@]}"; do corpus "$WORK/corpus-${mb}mb" "$mb"; done
    exit 0
fi
echo "policykg $(git rev-parse --short HEAD 2>/dev/null || echo '?'), --format $FORMATS, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| corpus | docs | MB | 1 thread | MB/s | words/s | 2 threads | MB/s | speed-up | grep MB/s | policykg/grep (1 thread) | peak MB (1 / 2 threads) | largest doc MB | corpus.json MB |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
SEED100=$WORK/seed-x100
if [ ! -f "$SEED100/.done" ]; then
    rm -rf "$SEED100" && mkdir -p "$SEED100"
    for i in $(seq -w 1 100); do cp seeds/india-us-defense-relations.md "$SEED100/seed-$i.md"; done
    touch "$SEED100/.done"
fi
rm -f "$WORK/linearity.txt"
row "seed x100" "$SEED100"
for mb in "${SIZES[@]}"; do
    corpus "$WORK/corpus-${mb}mb" "$mb"
    row "${mb} MB" "$WORK/corpus-${mb}mb"
done
# papers DIR MB: copies of the seed until DIR holds MB megabytes (a corpus of whole papers, where
# the corpora above are mostly documents of a few hundred bytes)
for mb in ${PAPERS:-}; do
    dir=$WORK/papers-${mb}mb
    if [ ! -f "$dir/.done" ]; then
        rm -rf "$dir" && mkdir -p "$dir"
        size=$(stat -c %s seeds/india-us-defense-relations.md)
        for i in $(seq -w 1 $(((mb * 1000 * 1000 + size - 1) / size))); do
            cp seeds/india-us-defense-relations.md "$dir/seed-$i.md"
        done
        touch "$dir/.done"
    fi
    row "${mb} MB of papers" "$dir"
done
echo
# linearity: each corpus against the previous size (ten times the input should cost ten times)
grep -E '^[0-9]+ MB [0-9]' "$WORK/linearity.txt" | awk '{
    if (NR > 1) printf "linearity: %s MB -> %s MB: input x%.1f, time x%.1f, cpu x%.1f\n", pmb, $1, $3 / pb, $4 / pt, $5 / pc
    pmb = $1; pb = $3; pt = $4; pc = $5
}'
