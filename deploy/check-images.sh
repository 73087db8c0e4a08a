#!/usr/bin/env bash
# Builds the image tarballs with Jib and checks them without a registry or a Docker engine.
#
#   deploy/check-images.sh                 # both images, on an empty base (offline)
#   deploy/check-images.sh reward-workers  # one module
#   BASE=eclipse-temurin:17-jre deploy/check-images.sh   # the real base (needs registry access)
#
# Offline, the base image cannot be pulled, so the default here is Jib's empty base `scratch`: the
# tarball then holds exactly the layers Jib adds (classpath, resources, classes) and the image config
# (entrypoint, user, ports, environment) -- everything the build controls -- but no JRE, so it is not
# runnable as an image. To check that the layers are complete, the script runs the entrypoint's main
# class from the extracted layers with the local JDK 17 (`--help`).
set -euo pipefail
cd "$(dirname "$0")/.."

BASE="${BASE:-scratch}"
MODULES=("$@")
[ ${#MODULES[@]} -gt 0 ] || MODULES=(reward-workers trainer)
projects=$(IFS=,; echo "${MODULES[*]}")

./mvnw -B -q -Pimages -pl "$projects" -am package -DskipTests -Djib.from.image="$BASE"

declare -A MAIN=(
  [reward-workers]=io.scstbus.rewards.cli.RewardWorkerCommand
  [trainer]=io.scstbus.trainer.cli.TrainerCommand
)
declare -A PORTS=(
  [reward-workers]="50051/tcp 9404/tcp"
  [trainer]=""
)

status=0
for module in "${MODULES[@]}"; do
  tarball="$module/target/jib-image.tar"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  echo "== $tarball ($(du -h "$tarball" | cut -f1), base $BASE)"
  python3 - "$tarball" "$work" "${MAIN[$module]}" "${PORTS[$module]}" <<'PY' || status=1
import json, sys, tarfile
tarball, work, main_class, ports = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4].split()
failures = []
def check(ok, what):
    print(("  ok   " if ok else "  FAIL ") + what)
    if not ok:
        failures.append(what)
with tarfile.open(tarball) as outer:
    manifest = json.load(outer.extractfile("manifest.json"))[0]
    config = json.load(outer.extractfile(manifest["Config"]))["config"]
    names = []
    for layer in manifest["Layers"]:
        with tarfile.open(fileobj=outer.extractfile(layer), mode="r:gz") as inner:
            names += inner.getnames()
            inner.extractall(work, filter="data") if hasattr(tarfile, "data_filter") else inner.extractall(work)
entry = config.get("Entrypoint") or []
check(config.get("User") == "65532:65532", f"runs as non-root 65532:65532 (User={config.get('User')})")
check(bool(entry) and entry[-1] == main_class, f"entrypoint main class {main_class}")
check("-XX:MaxRAMPercentage=75.0" in entry, "heap sized from the container limit (-XX:MaxRAMPercentage=75.0)")
check("-XX:+ExitOnOutOfMemoryError" in entry, "exits on OutOfMemoryError")
check(sorted(config.get("ExposedPorts") or {}) == sorted(ports), f"exposed ports {ports}")
check("app/jib-classpath-file" in names, "classpath file present")
libs = [n for n in names if n.startswith("app/libs/") and n.endswith(".jar")]
print(f"  info {len(libs)} jars in app/libs")
if main_class.startswith("io.scstbus.rewards"):
    nlp = [n for n in libs if any(k in n for k in ("stanford-corenlp", "opennlp", "extjwnl"))]
    check(bool(nlp), "NLP libraries/models in the image: " + ", ".join(sorted(n[9:] for n in nlp)))
if main_class.startswith("io.scstbus.trainer"):
    check("-Dai.djl.offline=true" in entry, "DJL offline (-Dai.djl.offline=true)")
    check("DJL_CACHE_DIR=/tmp/djl.ai" in (config.get("Env") or []), "DJL cache under /tmp (DJL_CACHE_DIR)")
json.dump(entry, open(f"{work}/entrypoint.json", "w"))
sys.exit(1 if failures else 0)
PY
  # Run the entrypoint with the local JDK against the extracted layers (paths /app -> $work/app).
  mapfile -t entry < <(python3 -c 'import json,sys; print("\n".join(json.load(open(sys.argv[1]))))' "$work/entrypoint.json")
  sed "s#/app/#$work/app/#g" "$work/app/jib-classpath-file" > "$work/classpath"
  args=()
  for a in "${entry[@]:1}"; do
    [ "$a" = "@/app/jib-classpath-file" ] && a="@$work/classpath"
    args+=("$a")
  done
  if java "${args[@]}" --help > "$work/help.txt" 2>&1; then
    echo "  ok   ${entry[-1]} --help runs from the image's layers: $(head -n 1 "$work/help.txt")"
  else
    echo "  FAIL ${entry[-1]} --help from the image's layers:"; sed 's/^/       /' "$work/help.txt" | head -n 15
    status=1
  fi
  rm -rf "$work"
  trap - EXIT
done
exit $status
