# Sourced by .ci/run (or by hand): the clock tools the system tests run against, from Debian's
# archive: libfaketime (a process with a really different wall clock), chrony (a real NTP client:
# chronyd -Q queries, chronyd -x runs without touching the clock) and ntpsec's ntpdig (a second
# client). Installs only what is missing, keeps chrony's service from starting, and exports
# FAKETIME_LIB, CHRONYD_BIN, CHRONYC_BIN and NTPDIG_BIN. Nothing here changes this machine's clock.

clocksync_faketime_lib() {
  local candidate
  for candidate in /usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1 \
    /usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1 /usr/lib/faketime/libfaketime.so.1; do
    [[ -f "$candidate" ]] && { echo "$candidate"; return 0; }
  done
  return 1
}

clocksync_install_clock_tools() {
  local missing=()
  clocksync_faketime_lib >/dev/null || missing+=(libfaketime)
  { command -v chronyd >/dev/null 2>&1 || [[ -x /usr/sbin/chronyd ]]; } || missing+=(chrony)
  command -v ntpdig >/dev/null 2>&1 || missing+=(ntpsec-ntpdig)
  if ((${#missing[@]} == 0)); then
    echo "clock tools already installed: libfaketime, chrony, ntpdig"
    return 0
  fi
  command -v apt-get >/dev/null 2>&1 || {
    echo "error: ${missing[*]} missing and there is no apt-get to install them" >&2
    return 1
  }
  local sudo=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null 2>&1 || { echo "error: installing ${missing[*]} needs root (or sudo)" >&2; return 1; }
    sudo=(sudo)
  fi
  if [[ "$(apt-cache policy "${missing[0]}" 2>/dev/null)" != *"Candidate: "[0-9]* ]]; then
    "${sudo[@]}" apt-get update -qq
  fi
  # policy-rc.d exit code 101 = "action forbidden": chrony's service must not start and discipline
  # this machine's clock; the tests run their own chronyd that never touches it.
  local policy=/usr/sbin/policy-rc.d own_policy=false status=0
  if [[ ! -e "$policy" ]]; then
    printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
    "${sudo[@]}" chmod 755 "$policy"
    own_policy=true
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || status=$?
  [[ "$own_policy" == true ]] && "${sudo[@]}" rm -f "$policy"
  if ((status != 0)); then
    echo "error: apt-get install ${missing[*]} failed ($status)" >&2
    return "$status"
  fi
  echo "installed ${missing[*]}"
}

clocksync_install_clock_tools
FAKETIME_LIB=$(clocksync_faketime_lib || true)
CHRONYD_BIN=$(command -v chronyd || echo /usr/sbin/chronyd)
CHRONYC_BIN=$(command -v chronyc || echo /usr/bin/chronyc)
NTPDIG_BIN=$(command -v ntpdig || true)
export FAKETIME_LIB CHRONYD_BIN CHRONYC_BIN NTPDIG_BIN
