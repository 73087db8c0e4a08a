#!/usr/bin/env bash
# Makes `kubectl kustomize` available for the deployment tests
# (reward-workers/src/test/java/io/scstbus/rewards/deploy). Called by .ci/run; safe to run twice.
#
# Order: a kubectl already on PATH; else Debian's `kubectl` package where the configured apt sources
# have one; else Debian's `kubernetes-client` (bookworm: kubectl 1.20.2, whose built-in kustomize is
# v2.0.3 -- the manifests in deploy/ are written to render identically with it and with kustomize v5).
set -euo pipefail

if command -v kubectl >/dev/null 2>&1; then
  echo "kubectl present: $(kubectl version --client 2>/dev/null | head -n 1)"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "ci-install-kubectl: kubectl is missing and this user cannot install packages" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq

candidate() {
  apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ { print $2 }'
}

for package in kubectl kubernetes-client; do
  version="$(candidate "$package")"
  if [ -n "$version" ] && [ "$version" != "(none)" ]; then
    $SUDO apt-get install -y -qq --no-install-recommends "$package" >/dev/null
    echo "installed $package $version: $(kubectl version --client 2>/dev/null | head -n 1)"
    exit 0
  fi
done

echo "ci-install-kubectl: neither kubectl nor kubernetes-client is available from apt" >&2
exit 1
