# Sourced by .ci/run (or by hand: `source scripts/ci/setup-20-container-engine.sh`): gives the
# container tests a Docker-compatible engine.
#
# Where a Docker engine already answers, nothing here runs. Otherwise (Linux, root) it provisions
# rootful podman (and the standalone docker-compose, which validates and runs docker/compose.yaml
# against podman) with all of its state under one folder, CLOCKSYNC_PODMAN_HOME (default
# /var/tmp/clocksync-podman), builds a JRE 21 base image without any registry (debootstrap from
# this machine's Debian mirror), starts podman's Docker-compatible API on a socket there, and
# exports what Testcontainers and the tests need: DOCKER_HOST, TESTCONTAINERS_RYUK_DISABLED,
# TESTCONTAINERS_HOST_OVERRIDE and CLOCKSYNC_BASE_IMAGE. Every step skips what is already there.
# Stop the API service with: kill "$(cat "$CLOCKSYNC_PODMAN_HOME/service.pid")"

clocksync_docker_answers() {
  local host=${DOCKER_HOST:-unix:///var/run/docker.sock}
  [[ "$host" == unix://* ]] || { command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; return; }
  [[ -S "${host#unix://}" ]] && curl -fsS --max-time 5 --unix-socket "${host#unix://}" http://localhost/_ping >/dev/null 2>&1
}

clocksync_podman() {
  TMPDIR="$CLOCKSYNC_PODMAN_HOME/tmp" podman "$@"
}

clocksync_debian_mirror() {
  # The first Debian archive the machine's apt sources name (not the security archive).
  local uri
  uri=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null \
    | grep -v '^[[:space:]]*#' | grep -oE 'https?://[^ ]+/debian/?( |$)' | grep -v -- '-security' | head -1 | tr -d ' ' || true)
  echo "${uri:-http://deb.debian.org/debian}"
}

clocksync_install_podman() {
  local missing=() tool
  for tool in podman runc netavark debootstrap docker-compose; do
    command -v "$tool" >/dev/null 2>&1 || [[ -x "/usr/lib/podman/$tool" ]] || missing+=("$tool")
  done
  [[ -x /usr/lib/podman/aardvark-dns ]] || missing+=(aardvark-dns)
  if ((${#missing[@]} == 0)); then
    echo "podman already installed: $(podman --version)"
    return 0
  fi
  command -v apt-get >/dev/null 2>&1 || {
    echo "error: no Docker engine answers, and podman cannot be installed here without apt-get" >&2
    return 1
  }
  # docker-compose (the standalone 1.29) validates and runs docker/compose.yaml against podman's API.
  local packages=(podman runc netavark aardvark-dns iptables debootstrap docker-compose)
  # No systemd units of these packages should start (policy-rc.d 101 = action forbidden).
  local policy=/usr/sbin/policy-rc.d own_policy=false status=0
  if [[ ! -e "$policy" ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && own_policy=true
  fi
  if ! apt-cache policy podman 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    apt-get update -qq || status=$?
  fi
  ((status == 0)) && { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${packages[@]}" >/dev/null || status=$?; }
  [[ "$own_policy" == true ]] && rm -f "$policy"
  if ((status != 0)); then
    echo "error: apt-get install ${packages[*]} failed ($status)" >&2
    return "$status"
  fi
  echo "installed $(podman --version)"
}

clocksync_write_podman_config() {
  local home=$CLOCKSYNC_PODMAN_HOME
  mkdir -p "$home/storage" "$home/run" "$home/tmp" "$home/networks"
  # The host's hard nofile limit is below podman's default (1048576): containers would not start.
  # crun refuses hybrid cgroup hierarchies; runc with cgroupfs works without systemd.
  cat >"$home/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "$home/events.log"
tmp_dir = "$home/run/libpod"
image_copy_tmp_dir = "$home/tmp"

[network]
network_backend = "netavark"
network_config_dir = "$home/networks"
CONF
  cat >"$home/storage.conf" <<CONF
[storage]
driver = "overlay"
graphroot = "$home/storage"
runroot = "$home/run/storage"
CONF
  export CONTAINERS_CONF="$home/containers.conf" CONTAINERS_STORAGE_CONF="$home/storage.conf"
}

clocksync_build_base_image() {
  local jre=$CLOCKSYNC_BASE_IMAGE debian=localhost/clocksync-debian:trixie
  if clocksync_podman image exists "$jre"; then
    echo "base image $jre already built"
    return 0
  fi
  local started=$SECONDS
  if ! clocksync_podman image exists "$debian"; then
    local rootfs="$CLOCKSYNC_PODMAN_HOME/tmp/rootfs" mirror
    mirror=$(clocksync_debian_mirror)
    rm -rf "$rootfs"
    echo "debootstrap trixie from $mirror ..."
    debootstrap --variant=minbase trixie "$rootfs" "$mirror" >"$CLOCKSYNC_PODMAN_HOME/debootstrap.log" 2>&1 || {
      echo "error: debootstrap failed; see $CLOCKSYNC_PODMAN_HOME/debootstrap.log" >&2
      return 1
    }
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
    tar -C "$rootfs" -c . | clocksync_podman import --quiet - "$debian" >/dev/null || return 1
    rm -rf "$rootfs"
  fi
  local context="$CLOCKSYNC_PODMAN_HOME/tmp/jre-context"
  mkdir -p "$context"
  cat >"$context/Containerfile" <<CONTAINERFILE
FROM $debian
RUN apt-get update \\
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openjdk-21-jre-headless ca-certificates \\
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb
ENV JAVA_HOME=/usr/lib/jvm/java-21-openjdk-amd64
CONTAINERFILE
  clocksync_podman build --quiet --tag "$jre" "$context" >"$CLOCKSYNC_PODMAN_HOME/jre-build.log" 2>&1 || {
    echo "error: building $jre failed; see $CLOCKSYNC_PODMAN_HOME/jre-build.log" >&2
    return 1
  }
  rm -rf "$context"
  echo "built base image $jre in $((SECONDS - started)) s"
}

clocksync_start_podman_service() {
  local socket="$CLOCKSYNC_PODMAN_HOME/podman.sock"
  export DOCKER_HOST="unix://$socket"
  if clocksync_docker_answers; then
    echo "podman API already answering on $DOCKER_HOST"
    return 0
  fi
  rm -f "$socket"
  # Detached from this shell's output, so that a CI log pipe is not held open by it.
  TMPDIR="$CLOCKSYNC_PODMAN_HOME/tmp" setsid podman system service --time=0 "unix://$socket" \
    </dev/null >>"$CLOCKSYNC_PODMAN_HOME/service.log" 2>&1 &
  echo $! >"$CLOCKSYNC_PODMAN_HOME/service.pid"
  disown 2>/dev/null || true
  local i
  for i in $(seq 100); do
    clocksync_docker_answers && { echo "podman API answering on $DOCKER_HOST"; return 0; }
    sleep 0.1
  done
  echo "error: podman system service did not answer on $socket; see $CLOCKSYNC_PODMAN_HOME/service.log" >&2
  return 1
}

clocksync_setup_container_engine() {
  local own_socket="unix://${CLOCKSYNC_PODMAN_HOME:-/var/tmp/clocksync-podman}/podman.sock"
  if [[ "${DOCKER_HOST:-}" != "$own_socket" ]] && clocksync_docker_answers; then
    echo "a Docker engine answers at ${DOCKER_HOST:-unix:///var/run/docker.sock}: using it"
    return 0
  fi
  if [[ "$(uname -s)" != Linux || $EUID -ne 0 ]]; then
    echo "no Docker engine answers, and rootful podman can only be provisioned as root on Linux:" \
      "the container tests will skip (and fail with CI=true)" >&2
    return 0
  fi
  local started=$SECONDS
  export CLOCKSYNC_PODMAN_HOME=${CLOCKSYNC_PODMAN_HOME:-/var/tmp/clocksync-podman}
  export CLOCKSYNC_BASE_IMAGE=${CLOCKSYNC_BASE_IMAGE:-localhost/clocksync-jre:21}
  clocksync_install_podman || return 1
  clocksync_write_podman_config
  clocksync_build_base_image || return 1
  clocksync_start_podman_service || return 1
  # Stages of earlier image builds that no tag refers to any more.
  clocksync_podman image prune -f >/dev/null 2>&1 || true
  export TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=localhost
  echo "container engine ready in $((SECONDS - started)) s (DOCKER_HOST=$DOCKER_HOST, base image $CLOCKSYNC_BASE_IMAGE)"
}

clocksync_setup_container_engine
unset -f clocksync_docker_answers clocksync_podman clocksync_debian_mirror clocksync_install_podman \
  clocksync_write_podman_config clocksync_build_base_image clocksync_start_podman_service \
  clocksync_setup_container_engine
