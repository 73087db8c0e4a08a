#!/usr/bin/env bash
# Builds every image docker-compose.yml (with docker-compose.local.yml) and the container tests use, on
# a machine with Docker and no image registry:
#   scst-bus/base:bookworm-jre17     Debian 12 minbase (debootstrap from Debian's mirror) + openjdk-17-jre-headless,
#                                    user 65532, writable /var/lib/scst-bus and /var/lib/kafka
#   scst-bus/trainer:VERSION         trainer/target jars; entrypoint `trainer`, also `replay`
#   scst-bus/reward-worker:VERSION   reward-workers/target jars; entrypoint `reward-worker`, gRPC health check
#   scst-bus/broker:VERSION          broker/target jars; the project's KRaft broker on localhost:9092
# The base is made once and cached as a tarball under $SCSTBUS_IMAGE_CACHE (default /var/cache/scst-bus,
# outside the clone): a later run imports it (or finds it in Docker) and takes seconds. Needs root
# (debootstrap, chroot) the first time, a running Docker daemon, and the modules built
# (./mvnw -B -ntp package -DskipTests; built here when missing).
# Environment: DEBIAN_MIRROR (default http://deb.debian.org/debian), SCSTBUS_IMAGE_CACHE.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache=${SCSTBUS_IMAGE_CACHE:-/var/cache/scst-bus}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$root/pom.xml" | head -n 1)
base=scst-bus/base:bookworm-jre17
export DOCKER_BUILDKIT=0   # the classic builder: no BuildKit image to pull, same on Docker 20.10 and newer

say() { echo "build-local-images: $*" >&2; }
seconds() { echo $(( $(date +%s) - $1 ))s; }

if ! docker info >/dev/null 2>&1; then
  say "no Docker daemon answers (docker info failed); start dockerd first (.ci/run does)"
  exit 1
fi

build_base_tarball() {
  local tarball=$1 rootfs
  command -v debootstrap >/dev/null || { say "debootstrap is missing (apt-get install debootstrap)"; exit 1; }
  [ "$(id -u)" -eq 0 ] || { say "building the base needs root (debootstrap, chroot)"; exit 1; }
  rootfs=$(mktemp -d "$cache/rootfs.XXXXXX")
  # shellcheck disable=SC2064
  trap "umount '$rootfs/proc' 2>/dev/null || true; rm -rf '$rootfs'" EXIT
  local t=$(date +%s)
  debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$cache/debootstrap.log" 2>&1 \
    || { say "debootstrap failed, see $cache/debootstrap.log"; tail -n 20 "$cache/debootstrap.log" >&2; exit 1; }
  say "debootstrap bookworm minbase: $(seconds "$t")"
  t=$(date +%s)
  mount -t proc proc "$rootfs/proc"   # the JRE's post-install needs /proc
  chroot "$rootfs" /bin/sh -c 'export DEBIAN_FRONTEND=noninteractive; apt-get update -qq &&
    apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >/dev/null &&
    apt-get clean && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin' \
    || { say "installing openjdk-17-jre-headless in the chroot failed"; exit 1; }
  umount "$rootfs/proc"
  say "openjdk-17-jre-headless in the chroot: $(seconds "$t")"
  # The images run as 65532 (as the Kubernetes manifests require); these folders are its to write
  # (named volumes mounted there start with this ownership).
  echo 'scst:x:65532:65532:scst-bus:/var/lib/scst-bus:/usr/sbin/nologin' >>"$rootfs/etc/passwd"
  echo 'scst:x:65532:' >>"$rootfs/etc/group"
  mkdir -p "$rootfs/var/lib/scst-bus/checkpoints" "$rootfs/var/lib/scst-bus/reports" "$rootfs/var/lib/kafka/data"
  chown -R 65532:65532 "$rootfs/var/lib/scst-bus" "$rootfs/var/lib/kafka"
  tar -C "$rootfs" --numeric-owner -cf "$tarball.partial" .
  mv "$tarball.partial" "$tarball"
  rm -rf "$rootfs"
  trap - EXIT
}

start=$(date +%s)
if docker image inspect "$base" >/dev/null 2>&1; then
  say "$base present"
else
  mkdir -p "$cache"
  tarball="$cache/base-bookworm-jre17.tar"
  [ -s "$tarball" ] || build_base_tarball "$tarball"
  t=$(date +%s)
  docker import \
    --change 'ENV LANG=C.UTF-8 PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["bash"]' "$tarball" "$base" >/dev/null
  say "imported $base from $tarball: $(seconds "$t")"
fi

# The program images: each module's jar and runtime classpath (target/lib), hard-linked into a build
# context under target/ so that the classic builder sends only those files.
for module in trainer reward-workers broker; do
  if ! ls "$root/$module/target/$module-$version.jar" >/dev/null 2>&1 || [ ! -d "$root/$module/target/lib" ]; then
    say "$module is not built; building the jars (./mvnw package -DskipTests)"
    (cd "$root" && ./mvnw -B -ntp -q package -DskipTests)
  fi
done

for module in trainer reward-workers broker; do
  image=${module%s}   # reward-workers -> reward-worker
  context="$root/$module/target/image-context"
  rm -rf "$context"
  mkdir -p "$context/lib"
  cp -l "$root/$module/target/$module-$version.jar" "$root/$module/target/lib/"*.jar "$context/lib/" 2>/dev/null \
    || cp "$root/$module/target/$module-$version.jar" "$root/$module/target/lib/"*.jar "$context/lib/"
  cp "$root/deploy/images/launcher" "$root/deploy/images/worker-health" "$context/"
  t=$(date +%s)
  # (newer clients print a deprecation notice for the classic builder: shown only when the build fails)
  docker build -q --network host --build-arg "BASE=$base" -f "$root/deploy/images/$image.Dockerfile" \
    -t "scst-bus/$image:$version" "$context" >"$root/$module/target/image-build.log" 2>&1 \
    || { say "docker build of scst-bus/$image failed:"; cat "$root/$module/target/image-build.log" >&2; exit 1; }
  rm -rf "$context"
  say "scst-bus/$image:$version: $(seconds "$t"), $(docker image inspect -f '{{.Size}}' "scst-bus/$image:$version" \
    | awk '{ printf "%.0f MB", $1 / 1e6 }')"
done
# the images these builds replaced (untagged now)
docker image prune -f --filter dangling=true --filter label=io.scstbus.image=true >/dev/null
say "done in $(seconds "$start")"
