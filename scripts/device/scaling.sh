#!/usr/bin/env bash
# Issue 17's figures on a many-core host with no Java (the lent 16-core GPU machine): one run of about
# 7.5 minutes (under 9) that unpacks the portable bundle and measures, writing everything under $OUT:
#   1. scaling: 'reward-worker bench' of the cheap and the scene-graph group at 1, 2, 4 and 6 worker
#      processes (latency phase: one step in flight; throughput phase: 64 in flight; idle CPU);
#   2. commit interval: the cheap group, one instance, commit.interval.ms 20, 50 and 100 (cost in
#      captions/s and CPU against the latency phase's p99);
#   3. vertical against horizontal: one process with --stream-threads 6 against six processes (the
#      six-process figures are part 1's), both groups;
#   4. 'reward-worker score' end to end, JVM start included: 50,000 RSICD candidates x 5 references
#      generated from testdata/ (scripts/score-input.py), cider_d, then bleu + rouge_l, on all cores and
#      on one core (taskset + -XX:ActiveProcessorCount=1).
# Each part is skipped, with a line saying so, when too little of the run's budget (TOTAL, 510 s) is left.
#
# WHAT TO CARRY AND THE COMMAND (the lead, on the device tool):
#   build here first:  scripts/bundle.sh   (writes target/bundle/scst-bus-workers.tar.xz: 48,640,532 B =
#                      46.4 MiB at 07e1a17; with the 18.3 MiB working tree that is 0.7 MiB over one
#                      64 MiB carry, so carry it in two pieces over two calls while the machine is warm:)
#   split -b 40M target/bundle/scst-bus-workers.tar.xz target/bundle/scst-bus-workers.tar.xz.part-
#   run(carry=["target/bundle/scst-bus-workers.tar.xz.part-aa"], timeout_s=60, command="true")
#   run(carry=["target/bundle/scst-bus-workers.tar.xz.part-ab"], timeout_s=600, command="scripts/device/scaling.sh")
#   (part-aa, an ignored path, stays on the warm machine between the two calls; the script joins the parts)
#   (an archive that fits, with the tree, under 64 MiB: carry it alone and run the same command.)
#   The working tree travels as usual (testdata/rsicd/rsicd_5caps.json is read). Results: $OUT/*.md
#   (tables as in BENCHMARKS.md), *.json, *.log, score.txt, host.txt, summary.txt.
# Knobs (environment): BUNDLE (target/bundle/scst-bus-workers.tar.xz)  INSTANCES (1,2,4,6)
#   WARMUP (PT5S)  DURATION (PT5S)  IDLE (PT3S)  IN_FLIGHT (64)  SIGNAL_GROUPS (cheap scene-graph)
#   COMMIT_INTERVALS (20 50 100)  STREAM_THREADS (6)  SCORE_ITEMS (50000)  TOTAL (510 s)  PARTS (1 2 3 4)
set -uo pipefail
OUT=${OUT:?set OUT to the directory for the results}
BUNDLE=${BUNDLE:-target/bundle/scst-bus-workers.tar.xz}
INSTANCES=${INSTANCES:-1,2,4,6}
WARMUP=${WARMUP:-PT5S}
DURATION=${DURATION:-PT5S}
IDLE=${IDLE:-PT3S}
IN_FLIGHT=${IN_FLIGHT:-64}
SIGNAL_GROUPS=${SIGNAL_GROUPS:-cheap scene-graph}
COMMIT_INTERVALS=${COMMIT_INTERVALS:-20 50 100}
STREAM_THREADS=${STREAM_THREADS:-6}
SCORE_ITEMS=${SCORE_ITEMS:-50000}
TOTAL=${TOTAL:-510}
PARTS=${PARTS:-1 2 3 4}
DATASET=testdata/rsicd/rsicd_5caps.json

mkdir -p "$OUT"
[ -f "$DATASET" ] || { echo "scaling.sh: run from the repository root ($DATASET missing)" >&2; exit 1; }
start=$(date +%s)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -f "$BUNDLE" ]; then
  tar -xJf "$BUNDLE" -C "$work"
elif ls "$BUNDLE".part-* > /dev/null 2>&1; then
  # carried in pieces (split -b 40M FILE FILE.part-), e.g. over two calls when one carry is too small
  cat "$BUNDLE".part-* | tar -xJf - -C "$work"
else
  echo "scaling.sh: no bundle at $BUNDLE nor $BUNDLE.part-* (build it with scripts/bundle.sh)" >&2; exit 1
fi
rw="$work/scst-bus-workers/bin/reward-worker"
{
  echo "date: $(date -u +%FT%TZ)"; echo "host: $(uname -srm)"; echo "cores: $(nproc)"
  grep -m1 'model name' /proc/cpuinfo || true; free -g | head -2
  echo "bundle: $(cat "$work/scst-bus-workers/VERSION") $(cat "$BUNDLE" "$BUNDLE".part-* 2>/dev/null | wc -c) bytes"
  echo "unpacked in $(( $(date +%s) - start )) s"
} > "$OUT/host.txt"
cat "$OUT/host.txt"

status=0
left() { echo $(( TOTAL - ($(date +%s) - start) )); }
# bench NAME NEED_S [bench options...]: one bench run, skipped if fewer than NEED_S seconds are left,
# cut off at what is left; tables to NAME.md, figures to NAME.json, log to NAME.log.
bench() {
  local name=$1 need=$2; shift 2
  local budget; budget=$(left)
  if [ "$budget" -lt "$need" ]; then
    echo "== $name: skipped, $budget s left of $TOTAL (needs about $need)" | tee -a "$OUT/summary.txt"
    return
  fi
  echo "== $name ($budget s left): $*"
  local t0; t0=$(date +%s)
  # the bench JVM (embedded broker, publisher, result reader); each worker process gets -Xmx1g
  SCSTBUS_JAVA_OPTS="-Xmx4g" timeout --signal=TERM --kill-after=15 "$budget" "$rw" bench \
      --dataset-json "$DATASET" --partitions 12 --warmup "$WARMUP" --duration "$DURATION" --min-steps 20 \
      --no-progress --json "$OUT/$name.json" "$@" > "$OUT/$name.md" 2> "$OUT/$name.log"
  local rc=$?
  echo "$name: exit $rc, $(( $(date +%s) - t0 )) s" | tee -a "$OUT/summary.txt"
  [ $rc -eq 0 ] || { status=1; tail -5 "$OUT/$name.log"; }
  cat "$OUT/$name.md"
}

for part in $PARTS; do
  case $part in
    1)  for group in $SIGNAL_GROUPS; do
          bench "scaling-$group" 100 --group "$group" --instances "$INSTANCES" --in-flight "$IN_FLIGHT" --idle "$IDLE"
        done ;;
    2)  for ms in $COMMIT_INTERVALS; do
          bench "commit-$ms" 25 --group cheap --instances 1 --in-flight "$IN_FLIGHT" --idle PT0S --commit-interval-ms "$ms"
        done ;;
    3)  for group in $SIGNAL_GROUPS; do
          # one JVM holds what six would: as much heap as they had together
          bench "threads-$group" 30 --group "$group" --instances 1 --stream-threads "$STREAM_THREADS" \
              --worker-heap "${STREAM_THREADS}g" --in-flight "$IN_FLIGHT" --idle "$IDLE"
        done ;;
    4)  if [ "$(left)" -lt 40 ]; then
          echo "== score: skipped, $(left) s left" | tee -a "$OUT/summary.txt"; continue
        fi
        python3 scripts/score-input.py "$DATASET" "$work/score.jsonl" "$work/df-dataset.json" --items "$SCORE_ITEMS"
        SCSTBUS_JAVA_OPTS="-Xmx2g" "$rw" score --tokenize none --df-from "$work/df-dataset.json" \
            --save-df "$work/df.tsv" --metrics cider_d < /dev/null > /dev/null
        pin=""; command -v taskset >/dev/null && pin="taskset -c 0"
        {
          echo "reward-worker score, $SCORE_ITEMS RSICD candidates x 5 references, --tokenize none, JVM start included"
          for cores in all one; do
            for metrics in cider_d bleu,rouge_l; do
              opts="-Xmx2g"; prefix=""
              [ "$cores" = one ] && { opts="-Xmx2g -XX:ActiveProcessorCount=1"; prefix=$pin; }
              extra=(); [ "$metrics" = cider_d ] && extra=(--df-from "$work/df.tsv")
              t0=$(date +%s%N)
              SCSTBUS_JAVA_OPTS="$opts" /usr/bin/env $prefix "$rw" score --tokenize none --metrics "$metrics" \
                  "${extra[@]}" < "$work/score.jsonl" > "$work/scores.jsonl"
              rc=$?
              ms=$(( ($(date +%s%N) - t0) / 1000000 ))
              echo "$metrics, $cores core(s)${prefix:+ ($prefix)}: exit $rc, wall $ms ms," \
                  "$(( SCORE_ITEMS * 1000 / (ms > 0 ? ms : 1) )) candidates/s; corpus $(tail -n 1 "$work/scores.jsonl")"
            done
          done
        } 2>&1 | tee "$OUT/score.txt" ;;
    *)  echo "unknown part $part" >&2; status=1 ;;
  esac
done
echo "total $(( $(date +%s) - start )) s" | tee -a "$OUT/host.txt" "$OUT/summary.txt"
exit $status
