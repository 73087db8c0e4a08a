#!/usr/bin/env bash
# Reward-worker scaling on a many-core host with no Java: unpacks the portable bundle (built here by
# scripts/bundle.sh, carried as the ignored path target/bundle/scst-bus-workers.tar.xz), then runs
# 'reward-worker bench' for the cheap and the scene-graph group at 1, 2, 4 and 6 worker processes
# (RSICD train from testdata/, 12 partitions, 32 images x (5 + 1) a step) with an idle-CPU phase per
# count, and writes each group's markdown tables (the layout of BENCHMARKS.md), JSON and log to $OUT.
# Run from the repository root:  OUT=/some/dir scripts/device/scaling.sh
# Sized for about 5 minutes on 16 cores; every knob is an environment variable:
#   INSTANCES (1,2,4,6)  WARMUP (PT8S)  DURATION (PT7S)  IDLE (PT4S)  IN_FLIGHT (64)  SIGNAL_GROUPS (cheap scene-graph)
#   BUNDLE (target/bundle/scst-bus-workers.tar.xz)  GROUP_TIMEOUT (165 s per group)
set -uo pipefail
OUT=${OUT:?set OUT to the directory for the results}
BUNDLE=${BUNDLE:-target/bundle/scst-bus-workers.tar.xz}
INSTANCES=${INSTANCES:-1,2,4,6}
WARMUP=${WARMUP:-PT8S}
DURATION=${DURATION:-PT7S}
IDLE=${IDLE:-PT4S}
IN_FLIGHT=${IN_FLIGHT:-64}
SIGNAL_GROUPS=${SIGNAL_GROUPS:-cheap scene-graph}
GROUP_TIMEOUT=${GROUP_TIMEOUT:-165}
DATASET=testdata/rsicd/rsicd_5caps.json

mkdir -p "$OUT"
[ -f "$BUNDLE" ] || { echo "scaling.sh: no bundle at $BUNDLE (build it with scripts/bundle.sh)" >&2; exit 1; }
[ -f "$DATASET" ] || { echo "scaling.sh: run from the repository root ($DATASET missing)" >&2; exit 1; }
start=$(date +%s)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xJf "$BUNDLE" -C "$work"
rw="$work/scst-bus-workers/bin/reward-worker"
{
  echo "date: $(date -u +%FT%TZ)"; echo "host: $(uname -srm)"; echo "cores: $(nproc)"
  grep -m1 'model name' /proc/cpuinfo || true; free -g | head -2
  echo "bundle: $(cat "$work/scst-bus-workers/VERSION") $(du -h "$BUNDLE" | cut -f1)"
  echo "unpacked in $(( $(date +%s) - start )) s"
} > "$OUT/host.txt"
cat "$OUT/host.txt"

status=0
for group in $SIGNAL_GROUPS; do
  echo "== $group: instances $INSTANCES, warm-up $WARMUP, phases $DURATION, idle $IDLE, in flight $IN_FLIGHT"
  # the bench JVM (embedded broker, publisher, result reader); the workers get -Xmx1g each
  SCSTBUS_JAVA_OPTS="-Xmx4g" timeout --signal=TERM --kill-after=15 "$GROUP_TIMEOUT" "$rw" bench \
      --group "$group" --instances "$INSTANCES" --dataset-json "$DATASET" --partitions 12 \
      --warmup "$WARMUP" --duration "$DURATION" --idle "$IDLE" --in-flight "$IN_FLIGHT" --min-steps 20 \
      --no-progress --json "$OUT/bench-$group.json" > "$OUT/bench-$group.md" 2> "$OUT/bench-$group.log"
  rc=$?
  [ $rc -eq 0 ] || { echo "$group: bench exited with $rc (log: bench-$group.log)"; status=1; tail -5 "$OUT/bench-$group.log"; }
  cat "$OUT/bench-$group.md"
done
echo "total $(( $(date +%s) - start )) s" | tee -a "$OUT/host.txt"
exit $status
