#!/usr/bin/env bash
# The 'reward-worker score' rates of issue 17 on this host, end to end (JVM start included), pinned to one
# core, against pycocoevalcap on the same items where it is importable (scripts/pycocoevalcap-score.py).
# Prints a table (median wall and CPU seconds of RUNS runs, candidates/s) and, for pycocoevalcap, the
# largest difference between its per-item values and the command's.
# Usage: scripts/score-rates.sh [ITEMS=50000] [RUNS=3] [CORE=1] [BASELINE=DIR]   (environment variables)
# BASELINE: another checkout (e.g. a worktree of main); its bin/reward-worker is timed too, its runs
# interleaved with this tree's, so that a host whose speed drifts between runs biases neither.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ITEMS=${ITEMS:-50000} RUNS=${RUNS:-3} CORE=${CORE:-1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rw="$root/bin/reward-worker"
python3 "$root/scripts/score-input.py" "$root/testdata/rsicd/rsicd_5caps.json" "$work/in.jsonl" "$work/df.json" \
    --items "$ITEMS"
"$rw" score --tokenize none --df-from "$work/df.json" --save-df "$work/df.tsv" --metrics cider_d </dev/null >/dev/null

# median of column $1 of stdin
median() { sort -g | awk '{v[NR]=$1} END{print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }

# timed TIMES OUT COMMAND...: one run pinned to CORE, its "wall user system" appended to TIMES
timed() {
  local times=$1 out=$2; shift 2
  if ! /usr/bin/time -f "%e %U %S" -o "$work/t" taskset -c "$CORE" "$@" < "$work/in.jsonl" > "$out" 2> "$work/err"; then
    echo "score-rates: $* failed:" >&2; cat "$work/err" >&2; exit 1
  fi
  cat "$work/t" >> "$times"
}

# row NAME TIMES: one table line of medians (and the range of the wall times)
row() {
  local wall cpu range
  wall=$(awk '{print $1}' "$2" | median)
  cpu=$(awk '{print $2 + $3}' "$2" | median)
  range=$(awk '{print $1}' "$2" | sort -g | awk 'NR==1{lo=$1} {hi=$1} END{print lo "-" hi}')
  printf '| %s | %s | %.2f (%s) | %.2f | %s |\n' "$1" "$(wc -l < "$2")" "$wall" "$range" "$cpu" \
    "$(awk -v n="$ITEMS" -v w="$wall" 'BEGIN{printf "%d", n / w}')"
}

# run NAME OUT COMMAND...: RUNS timed runs, one line of medians
run() {
  local name=$1 out=$2; shift 2
  : > "$work/times"
  for _ in $(seq "$RUNS"); do timed "$work/times" "$out" "$@"; done
  row "$name" "$work/times"
}

# score NAME OUT ARGS...: 'reward-worker score ARGS' like run, and BASELINE's interleaved with it when set
score() {
  local name=$1 out=$2; shift 2
  : > "$work/times"; : > "$work/base-times"
  for _ in $(seq "$RUNS"); do
    timed "$work/times" "$out" "$rw" score "$@"
    if [ -n "${BASELINE:-}" ]; then timed "$work/base-times" "$work/base.jsonl" "$BASELINE/bin/reward-worker" score "$@"; fi
  done
  if [ -n "${BASELINE:-}" ]; then
    row "BASELINE: $name" "$work/base-times"
    cmp -s "$out" "$work/base.jsonl" || echo "score-rates: note: output differs from BASELINE's for $name" >&2
  fi
  row "$name" "$work/times"
}

# worst NAME A B: the largest per-item difference of the keys both outputs have
worst() {
  python3 - "$1" "$2" "$3" <<'PY'
import json, sys
name, a, b = sys.argv[1:]
rows_a = [json.loads(l) for l in open(a) if '"corpus"' not in l]
rows_b = [json.loads(l) for l in open(b) if '"corpus"' not in l]
assert len(rows_a) == len(rows_b), (len(rows_a), len(rows_b))
keys = [k for k in rows_a[0] if k != "id" and k in rows_b[0]]
print(f"{name}: largest per-item difference " + ", ".join(
    f"{k} {max(abs(x[k] - y[k]) for x, y in zip(rows_a, rows_b)):.1e}" for k in keys))
PY
}

echo "host: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load $(cut -d' ' -f1-3 /proc/loadavg); $ITEMS items, pinned to core $CORE"
echo
echo "${BASELINE:+baseline: $BASELINE at $(git -C "$BASELINE" rev-parse --short HEAD); }this tree: $(git -C "$root" rev-parse --short HEAD)"
echo
echo "| command | runs | wall s, median (range) | CPU s (median) | candidates/s |"
echo "|---|---:|---:|---:|---:|"
score "reward-worker score --metrics cider_d (--df-from table)" "$work/j-ciderd.jsonl" \
    --tokenize none --df-from "$work/df.tsv" --metrics cider_d
score "reward-worker score --metrics cider" "$work/j-cider.jsonl" --tokenize none --metrics cider
score "reward-worker score --metrics bleu,rouge_l" "$work/j-bleu.jsonl" --tokenize none --metrics bleu,rouge_l
if python3 -c 'import pycocoevalcap' 2>/dev/null; then
  RUNS=1 run "pycocoevalcap Cider" "$work/p-cider.jsonl" python3 "$root/scripts/pycocoevalcap-score.py" --metrics cider
  RUNS=1 run "pycocoevalcap Bleu + Rouge" "$work/p-bleu.jsonl" python3 "$root/scripts/pycocoevalcap-score.py" --metrics bleu,rouge_l
  echo
  worst "cider" "$work/j-cider.jsonl" "$work/p-cider.jsonl"
  worst "bleu + rouge_l" "$work/j-bleu.jsonl" "$work/p-bleu.jsonl"
else
  echo
  echo "pycocoevalcap is not importable: no comparison (pip install pycocoevalcap, or PYTHONPATH=its sources)"
fi
