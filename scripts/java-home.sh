# Sourced by ./demo and .ci/run: exports JAVA_HOME pointing at a JDK 21 or newer.
# Keeps JAVA_HOME when it already is one; otherwise looks under /usr/lib/jvm and at `java` on PATH.

java_major() {
  "$1/bin/java" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit}'
}

is_jdk21() {
  [[ -x "$1/bin/javac" ]] && (( $(java_major "$1") >= 21 ))
}

select_jdk21() {
  if [[ -n "${JAVA_HOME:-}" ]] && is_jdk21 "$JAVA_HOME"; then
    export PATH="$JAVA_HOME/bin:$PATH"
    return 0
  fi
  local candidate candidates=()
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  for candidate in /usr/lib/jvm/*/ /Library/Java/JavaVirtualMachines/*/Contents/Home/; do
    [[ -d "$candidate" ]] && candidates+=("${candidate%/}")
  done
  for candidate in "${candidates[@]}"; do
    if is_jdk21 "$candidate"; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "error: clocksync needs a JDK 21 or newer; set JAVA_HOME to one (found none on PATH or under /usr/lib/jvm)" >&2
  return 1
}
