#!/usr/bin/env bash
# Builds every image docker-compose.yml (with docker-compose.local.yml) and the container tests use, on
# a machine with Docker and no image registry:
#   scst-bus/base:bookworm-jre17     Debian 12 minbase (debootstrap from Debian's mirror) + openjdk-17-jre-headless,
#                                    user 65532, writable /var/lib/scst-bus and /var/lib/kafka
#   scst-bus/base:bookworm           the same minbase without Java (xz-utils added, to unpack a .tar.xz): the
#                                    host on which BundleContainerTest runs the portable bundle (scripts/bundle.sh)
#   scst-bus/trainer:VERSION         trainer/target jars; entrypoint `trainer`, also `replay`
#   scst-bus/reward-worker:VERSION   reward-workers/target jars; entrypoint `reward-worker`, gRPC health check
#   scst-bus/broker:VERSION          broker/target jars; the project's KRaft broker on localhost:9092
# The bases are made once (one debootstrap) and cached as tarballs under $SCSTBUS_IMAGE_CACHE (default
# /var/cache/scst-bus, outside the clone): a later run imports them (or finds them in Docker) and takes
# seconds. Needs root (debootstrap, chroot) the first time, a running Docker daemon, and the modules built
# (./mvnw -B -ntp package -DskipTests; built here when missing).
# Environment: DEBIAN_MIRROR (default http://deb.debian.org/debian), SCSTBUS_IMAGE_CACHE.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache=${SCSTBUS_IMAGE_CACHE:-/var/cache/scst-bus}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$root/pom.xml" | head -n 1)
base=scst-bus/base:bookworm-jre17
plain=scst-bus/base:bookworm
export DOCKER_BUILDKIT=0   # the classic builder: no BuildKit image to pull, same on Docker 20.10 and newer

say() { echo "build-local-images: $*" >&2; }
seconds() { echo $(( $(date +%s) - $1 ))s; }

if ! docker info >/dev/null 2>&1; then
  say "no Docker daemon answers (docker info failed); start dockerd first (.ci/run does)"
  exit 1
fi

# Writes the minbase tarball $1 (no Java) when missing, and the JRE tarball $2 when missing, from one
# debootstrap.
build_base_tarballs() {
  local plain_tarball=$1 jre_tarball=$2 rootfs
  command -v debootstrap >/dev/null || { say "debootstrap is missing (apt-get install debootstrap)"; exit 1; }
  [ "$(id -u)" -eq 0 ] || { say "building the base needs root (debootstrap, chroot)"; exit 1; }
  rootfs=$(mktemp -d "$cache/rootfs.XXXXXX")
  # shellcheck disable=SC2064
  trap "umount '$rootfs/proc' 2>/dev/null || true; rm -rf '$rootfs'" EXIT
  local t=$(date +%s)
  # xz-utils: minbase has tar but no xz, and the portable bundle is a .tar.xz
  debootstrap --variant=minbase --include=xz-utils bookworm "$rootfs" "$mirror" >"$cache/debootstrap.log" 2>&1 \
    || { say "debootstrap failed, see $cache/debootstrap.log"; tail -n 20 "$cache/debootstrap.log" >&2; exit 1; }
  say "debootstrap bookworm minbase: $(seconds "$t")"
  # The images run as 65532 (as the Kubernetes manifests require); these folders are its to write
  # (named volumes mounted there start with this ownership).
  echo 'scst:x:65532:65532:scst-bus:/var/lib/scst-bus:/usr/sbin/nologin' >>"$rootfs/etc/passwd"
  echo 'scst:x:65532:' >>"$rootfs/etc/group"
  mkdir -p "$rootfs/var/lib/scst-bus/checkpoints" "$rootfs/var/lib/scst-bus/reports" "$rootfs/var/lib/kafka/data"
  chown -R 65532:65532 "$rootfs/var/lib/scst-bus" "$rootfs/var/lib/kafka"
  # what debootstrap downloaded (packages, package lists): the JRE step below fetches its own
  rm -f "$rootfs"/var/cache/apt/archives/*.deb
  find "$rootfs/var/lib/apt/lists" -maxdepth 1 -type f -delete
  if [ ! -s "$plain_tarball" ]; then
    tar -C "$rootfs" --numeric-owner -cf "$plain_tarball.partial" .
    mv "$plain_tarball.partial" "$plain_tarball"
  fi
  if [ ! -s "$jre_tarball" ]; then
    t=$(date +%s)
    mount -t proc proc "$rootfs/proc"   # the JRE's post-install needs /proc
    chroot "$rootfs" /bin/sh -c 'export DEBIAN_FRONTEND=noninteractive; apt-get update -qq &&
      apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >/dev/null &&
      apt-get clean && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin' \
      || { say "installing openjdk-17-jre-headless in the chroot failed"; exit 1; }
    umount "$rootfs/proc"
    say "openjdk-17-jre-headless in the chroot: $(seconds "$t")"
    tar -C "$rootfs" --numeric-owner -cf "$jre_tarball.partial" .
    mv "$jre_tarball.partial" "$jre_tarball"
  fi
  rm -rf "$rootfs"
  trap - EXIT
}

start=$(date +%s)
plain_tarball="$cache/base-bookworm.tar"
jre_tarball="$cache/base-bookworm-jre17.tar"
for image in "$base" "$plain"; do
  if docker image inspect "$image" >/dev/null 2>&1; then
    say "$image present"
    continue
  fi
  tarball=$jre_tarball
  [ "$image" = "$base" ] || tarball=$plain_tarball
  mkdir -p "$cache"
  [ -s "$tarball" ] || build_base_tarballs "$plain_tarball" "$jre_tarball"
  t=$(date +%s)
  docker import \
    --change 'ENV LANG=C.UTF-8 PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["bash"]' "$tarball" "$image" >/dev/null
  say "imported $image from $tarball: $(seconds "$t")"
done

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
