#!/usr/bin/env bash
# BENCHMARKS.md "Captioner speed by model size": short runs of bin/trainer on the real sample images
# (testdata/captioning/rs_samples.json, 5 train images, 29 caption pairs) per model preset, embedded bus,
# and the frozen-feature cache against a trained encoder. Prints one table row per run from the runs'
# --summary-json (CE images/s, SCST step split); the summaries stay in OUT.
# Usage: [CE_EPOCHS=2] [SCST_STEPS=3] scripts/model-speed.sh [OUT_DIR] [PRESET_OR_VARIANT...]   (default: all)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$(mkdir -p "${1:-runs/model-speed}" && cd "${1:-runs/model-speed}" && pwd)
shift || true
variants=("$@")
[ ${#variants[@]} -gt 0 ] || variants=(tiny small small-frozen medium large)
testdata="$root/testdata"

for variant in "${variants[@]}"; do
  preset=${variant%-frozen}
  frozen=false
  [ "$variant" = "$preset" ] || frozen=true
  cat > "$out/$variant.yaml" <<EOF
preset: smoke
data:
  name: rs-samples
  annotations: [{path: $testdata/captioning/rs_samples.json}]
  images: $testdata
  counts: $testdata/dior/dior_counts_samples.json
model: {preset: $preset, frozen: $frozen, vocab_min_count: 1}
ce: {epochs: ${CE_EPOCHS:-2}, batch_size: 8}
scst: {steps: ${SCST_STEPS:-3}, images_per_step: 5, samples_per_image: 4}
eval: {batch_size: 8}
checkpoint: {dir: null}
EOF
  "$root/bin/trainer" --config "$out/$variant.yaml" --run-id "speed-$variant" --seed 1 --device cpu \
      --summary-json "$out/$variant.json" > "$out/$variant.log" 2>&1
done

python3 - "$out" "${variants[@]}" <<'EOF'
import json, sys
out, variants = sys.argv[1], sys.argv[2:]
print("| model | CE images/s | SCST step s | encode | sample | publish | reward wait | backward |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for v in variants:
    s = json.load(open(f"{out}/{v}.json"))
    p = s["scst_phase_seconds"]
    n = s["steps"]
    print(f"| {v} | {s['ce_images_per_second']:.2f} | {s['scst_seconds'] / n:.2f} | " + " | ".join(
        f"{p[k] / n:.2f}" for k in ("encode", "sample", "publish", "reward_wait", "backward")) + " |")
EOF
