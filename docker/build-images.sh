#!/usr/bin/env bash
# Builds the clocksync images from the executable jars that `./mvnw package` leaves in target/:
#   docker/build-images.sh [--build-jars] [TAG]
# Uses docker when a Docker engine answers, else podman (CONTAINER_ENGINE=docker|podman forces one).
# BASE_IMAGE (or CLOCKSYNC_BASE_IMAGE, as exported by scripts/ci/setup-20-container-engine.sh)
# selects the JRE 21 base image; the Dockerfiles default to eclipse-temurin:21-jre.
set -euo pipefail
cd "$(dirname "$0")/.."

build_jars=false
if [[ "${1:-}" == --build-jars ]]; then
  build_jars=true
  shift
fi
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)
tag=${1:-$version}
agent_jar=node-agent-service/target/node-agent-service-$version-exec.jar
daemon_jar=time-daemon-service/target/time-daemon-service-$version-exec.jar

if [[ "$build_jars" == true || ! -f "$agent_jar" || ! -f "$daemon_jar" ]]; then
  source scripts/java-home.sh
  select_jdk21
  ./mvnw -B -q -Dmaven.test.skip=true -Dspotless.check.skip=true package -pl clock-core,node-agent-service,time-daemon-service
fi

engine=${CONTAINER_ENGINE:-}
if [[ -z "$engine" ]]; then
  if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
    engine=docker
  elif command -v podman >/dev/null 2>&1; then
    engine=podman
  else
    echo "error: neither a Docker engine nor podman is available" >&2
    exit 1
  fi
fi

base_image=${BASE_IMAGE:-${CLOCKSYNC_BASE_IMAGE:-}}
args=(--build-arg "VERSION=$version" --build-arg "CREATED=$(date -u +%Y-%m-%dT%H:%M:%SZ)")
revision=$(git rev-parse --short HEAD 2>/dev/null || true)
[[ -n "$revision" ]] && args+=(--build-arg "REVISION=$revision")
[[ -n "$base_image" ]] && args+=(--build-arg "BASE_IMAGE=$base_image")

for service in agent daemon; do
  jar_var=${service}_jar
  image=localhost/clocksync-$service:$tag
  echo "Building $image with $engine${base_image:+ on $base_image} ..."
  started=$SECONDS
  "$engine" build "${args[@]}" --build-arg "JAR_FILE=${!jar_var}" -f "docker/$service.Dockerfile" -t "$image" .
  echo "Built $image in $((SECONDS - started)) s"
done
"$engine" images --filter "reference=localhost/clocksync-*:$tag"
