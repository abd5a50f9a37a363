# Sourced by .ci/run: makes `prometheus` and `promtool` available to the system tests, and exports
# their paths as PROMETHEUS_BIN and PROMTOOL_BIN.
# Installs Debian's package (without recommends, so without node-exporter) only when either
# binary is missing, and keeps its service from starting: the tests start their own Prometheus.

clocksync_install_prometheus() {
  if command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1; then
    echo "prometheus already installed: $(command -v prometheus)"
    return 0
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "error: prometheus and promtool are missing and there is no apt-get to install them" >&2
    return 1
  fi
  local sudo=()
  if (( EUID != 0 )); then
    command -v sudo >/dev/null 2>&1 || {
      echo "error: installing prometheus needs root (or sudo)" >&2
      return 1
    }
    sudo=(sudo)
  fi
  local candidate
  candidate=$(apt-cache policy prometheus 2>/dev/null || true)
  if [[ "$candidate" != *"Candidate: "[0-9]* ]]; then
    "${sudo[@]}" apt-get update -qq
  fi
  # policy-rc.d exit code 101 = "action forbidden": the package's service is not started.
  local policy=/usr/sbin/policy-rc.d own_policy=false
  if [[ ! -e "$policy" ]]; then
    printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
    "${sudo[@]}" chmod 755 "$policy"
    own_policy=true
  fi
  local status=0
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends prometheus >/dev/null || status=$?
  if [[ "$own_policy" == true ]]; then
    "${sudo[@]}" rm -f "$policy"
  fi
  if (( status != 0 )); then
    echo "error: apt-get install prometheus failed ($status)" >&2
    return "$status"
  fi
  echo "installed $(prometheus --version 2>&1 | head -1)"
}

clocksync_install_prometheus
PROMETHEUS_BIN=$(command -v prometheus)
PROMTOOL_BIN=$(command -v promtool)
export PROMETHEUS_BIN PROMTOOL_BIN
unset -f clocksync_install_prometheus
