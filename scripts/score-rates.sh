#!/usr/bin/env bash
# The 'reward-worker score' rates of issue 17 on this host, end to end (JVM start included), pinned to one
# core, against pycocoevalcap on the same items where it is importable (scripts/pycocoevalcap-score.py).
# Prints a table (median wall and CPU seconds of RUNS runs, candidates/s) and, for pycocoevalcap, the
# largest difference between its per-item values and the command's.
# Usage: scripts/score-rates.sh [ITEMS=50000] [RUNS=3] [CORE=1]   (environment variables)
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

# run NAME OUT COMMAND...: RUNS timed runs pinned to CORE, one line of medians
run() {
  local name=$1 out=$2; shift 2
  : > "$work/times"
  for _ in $(seq "$RUNS"); do
    if ! /usr/bin/time -f "%e %U %S" -o "$work/t" taskset -c "$CORE" "$@" < "$work/in.jsonl" > "$out" 2> "$work/err"; then
      echo "score-rates: $name failed:" >&2; cat "$work/err" >&2; exit 1
    fi
    cat "$work/t" >> "$work/times"
  done
  local wall cpu
  wall=$(awk '{print $1}' "$work/times" | median)
  cpu=$(awk '{print $2 + $3}' "$work/times" | median)
  printf '| %s | %s | %.2f | %.2f | %s |\n' "$name" "$RUNS" "$wall" "$cpu" "$(awk -v n="$ITEMS" -v w="$wall" 'BEGIN{printf "%d", n / w}')"
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
echo "| command | runs | wall s (median) | CPU s (median) | candidates/s |"
echo "|---|---:|---:|---:|---:|"
run "reward-worker score --metrics cider_d (--df-from table)" "$work/j-ciderd.jsonl" \
    "$rw" score --tokenize none --df-from "$work/df.tsv" --metrics cider_d
run "reward-worker score --metrics cider" "$work/j-cider.jsonl" "$rw" score --tokenize none --metrics cider
run "reward-worker score --metrics bleu,rouge_l" "$work/j-bleu.jsonl" "$rw" score --tokenize none --metrics bleu,rouge_l
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
