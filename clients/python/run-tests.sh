#!/usr/bin/env bash
# Tests of the Python client: unit tests of the join and the advantages, the cross-check against the
# Java trainer's advantages, and integration tests against a real broker (bin/broker) and real Java
# reward workers (bin/reward-worker), the SCST training program's included.
#   1. installs Debian's python3-confluent-kafka, python3-protobuf, protobuf-compiler, python3-grpcio,
#      python3-venv, python3-pip, python3-torch and python3-torchvision (CPU) when missing (apt-get
#      update only when an install needs it; waits for another apt to finish),
#   2. builds the Java launchers' jars when they are missing (./mvnw package -DskipTests),
#   3. installs the client as users do (README): a virtual environment with the system packages,
#      `pip install --no-build-isolation clients/python` (protoc runs in its build), then runs the tests
#      with that environment's python.
# Ends with the line "N passed, N failed"; exits non-zero on any failure.
# Usage: clients/python/run-tests.sh [test_module_or_id ...]   (default: every tests/test_*.py)
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
python=${SCSTBUS_PYTHON:-/usr/bin/python3}   # Debian's: it sees the dist-packages apt installs
packages=(python3-confluent-kafka python3-protobuf protobuf-compiler python3-grpcio python3-venv python3-pip
          python3-torch python3-torchvision)

fail() {
  echo "run-tests.sh: $*" >&2
  echo "0 passed, 1 failed"
  exit 1
}

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "run-tests.sh: installing ${missing[*]}" >&2
  as_root=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || fail "need root (or sudo) to apt-get install ${missing[*]}"
    as_root=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt=(apt-get -o DPkg::Lock::Timeout=600)   # another apt run (a sibling build) holds the lock: wait
  if ! "${as_root[@]}" "${apt[@]}" install -y -q "${missing[@]}" >&2; then
    "${as_root[@]}" "${apt[@]}" update -q >&2 || fail "apt-get update failed"
    "${as_root[@]}" "${apt[@]}" install -y -q "${missing[@]}" >&2 || fail "apt-get install ${missing[*]} failed"
  fi
fi

# Build when a launcher's jar is missing or older than the sources (bin/.launch's rule), here rather
# than inside a test's start-up wait.
built=yes
for m in broker reward-workers trainer; do
  jar=$(ls "$root/$m/target/$m"-*.jar 2>/dev/null | grep -v -- '-tests.jar' | head -n 1)
  if [ -z "$jar" ] || [ ! -d "$root/$m/target/lib" ] || [ -n "$(find "$root" \( -path "$root/.git" -o -name target \) \
      -prune -o \( -name '*.java' -o -name '*.proto' -o -name 'pom.xml' \) -newer "$jar" -print -quit)" ]; then
    built=no
  fi
done
if [ "$built" = no ]; then
  echo "run-tests.sh: building the Java launchers (./mvnw package -DskipTests)..." >&2
  (cd "$root" && ./mvnw -q -B -ntp -DskipTests package) >&2 || fail "the Java build failed"
  # Maven leaves an unchanged module's jar as it was: mark the launchers' jars current
  for m in broker reward-workers trainer; do
    touch "$(ls "$root/$m/target/$m"-*.jar | grep -v -- '-tests.jar' | head -n 1)"
  done
fi

# The README's set-up, in a fresh environment under the build folder: the system packages are
# visible (--system-site-packages), the client comes from pip's build of this checkout.
venv="$here/target/venv"
rm -rf "$venv" "$here/build"   # build/: setuptools' copy of an earlier build, which could hold deleted modules
"$python" -m venv --system-site-packages "$venv" >&2 || fail "python3 -m venv failed (apt-get install python3-venv)"
"$venv/bin/pip" install -q --no-build-isolation --no-index --disable-pip-version-check "$here" >&2 \
  || fail "pip install --no-build-isolation clients/python failed"
"$venv/bin/python" -m scstbus_client.train --help >/dev/null || fail "python3 -m scstbus_client.train --help failed"

cd "$here"
# Every wait inside the tests is bounded; this bounds the whole run (SIGTERM lets the tests stop
# the broker and workers they started).
timeout -k 30 "${SCSTBUS_PY_TEST_TIMEOUT_S:-900}" "$venv/bin/python" tests/run.py "$@"
rc=$?
if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
  echo "run-tests.sh: the tests ran past ${SCSTBUS_PY_TEST_TIMEOUT_S:-900} s" >&2
  echo "0 passed, 1 failed"
fi
exit $rc
