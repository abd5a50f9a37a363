# The chrony container of the chart's nodeClock.mode=discipline: Debian's chrony and nothing else.
# It runs as root with every capability dropped but CAP_SYS_TIME (the chart sets that), reads its
# chrony.conf from a ConfigMap, and its only source is the clocksync agent in its pod.
#   docker build -f docker/chrony.Dockerfile -t clocksync-chrony .
ARG BASE_IMAGE=debian:trixie-slim
FROM ${BASE_IMAGE}
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chrony \
 && rm -rf /var/lib/apt/lists/* /etc/chrony/chrony.conf \
 && mkdir -p /run/chrony /var/lib/chrony
ARG VERSION=0.1.0-SNAPSHOT
LABEL org.opencontainers.image.title="clocksync-chrony" \
      org.opencontainers.image.description="chrony for clocksync's nodeClock.mode=discipline: disciplines a node's clock from its clocksync agent" \
      org.opencontainers.image.vendor="clocksync" \
      org.opencontainers.image.version="${VERSION}"
ENTRYPOINT ["chronyd", "-d", "-n", "-u", "root"]
