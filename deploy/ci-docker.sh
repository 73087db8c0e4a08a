# Sourced by .ci/run: makes Docker usable for the container tests (containers/), or fails CI saying why.
# Installs Debian's docker.io, debootstrap and docker-compose when missing; starts dockerd when no daemon
# answers, and then stops it when the sourcing shell exits, after removing the containers it ran.
# Needs root (or sudo) for what it installs or starts.

ci_docker_say() { echo "ci-docker: $*" >&2; }

ci_docker_sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 && ci_docker_sudo="sudo"
fi

ci_docker_missing=()
command -v dockerd >/dev/null 2>&1 || ci_docker_missing+=(docker.io)
command -v docker >/dev/null 2>&1 || ci_docker_missing+=(docker.io)
command -v debootstrap >/dev/null 2>&1 || [ -x /usr/sbin/debootstrap ] || ci_docker_missing+=(debootstrap)
command -v docker-compose >/dev/null 2>&1 || ci_docker_missing+=(docker-compose)
if [ ${#ci_docker_missing[@]} -gt 0 ]; then
  ci_docker_say "installing ${ci_docker_missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $ci_docker_sudo apt-get update -qq
  $ci_docker_sudo apt-get install -y -qq --no-install-recommends $(printf '%s\n' "${ci_docker_missing[@]}" | sort -u) >/dev/null
fi

ci_docker_pid=""
if ! docker info >/dev/null 2>&1; then
  ci_docker_say "no Docker daemon answers: starting dockerd"
  ci_docker_log=$(mktemp /tmp/ci-dockerd.XXXXXX.log)
  $ci_docker_sudo dockerd >"$ci_docker_log" 2>&1 &
  ci_docker_pid=$!
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && break
    sleep 1
  done
  if ! docker info >/dev/null 2>&1; then
    ci_docker_say "dockerd did not start; its log:"
    tail -n 40 "$ci_docker_log" >&2
    exit 1
  fi
fi

ci_docker_stop() {
  if [ -n "$ci_docker_pid" ]; then
    local ids
    ids=$(docker ps -aq)
    [ -z "$ids" ] || docker rm -f $ids >/dev/null 2>&1 || true
    $ci_docker_sudo kill "$ci_docker_pid" 2>/dev/null || true
    wait "$ci_docker_pid" 2>/dev/null || true
    ci_docker_say "stopped the dockerd started for this run"
  fi
}
trap ci_docker_stop EXIT
