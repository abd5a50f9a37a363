# clocksync node agent. Build context: the project root, after ./mvnw package (see docker/build-images.sh):
#   docker build -f docker/agent.Dockerfile -t clocksync-agent .
# BASE_IMAGE is any JRE 21 image; the extract stage and the runtime share it, because a class
# data sharing archive only loads into the very JVM that wrote it.
ARG BASE_IMAGE=eclipse-temurin:21-jre

FROM ${BASE_IMAGE} AS extract
WORKDIR /build
ARG JAR_FILE=node-agent-service/target/node-agent-service-0.1.0-SNAPSHOT-exec.jar
COPY ${JAR_FILE} boot.jar
# application.jar + lib/, split into layers that change at different rates.
RUN java -Djarmode=tools -jar boot.jar extract --layers --application-filename application.jar --destination layers

FROM ${BASE_IMAGE}
WORKDIR /application
COPY --from=extract /build/layers/dependencies/ ./
COPY --from=extract /build/layers/spring-boot-loader/ ./
COPY --from=extract /build/layers/snapshot-dependencies/ ./
COPY --from=extract /build/layers/application/ ./
# Training run for a dynamic CDS archive (JDK 21's counterpart of JDK 25's AOT cache): the context
# is refreshed, then the JVM exits and writes the classes it loaded. Same flags as at run time.
RUN CLOCKSYNC_HMAC_KEY=cds-training-key-not-a-secret \
    java -XX:+UseSerialGC -Xmx64m -Xlog:cds=error -XX:ArchiveClassesAtExit=application.jsa -Dspring.context.exit=onRefresh \
         -jar application.jar --clocksync.agent.warmup-requests=0 --clocksync.agent.ntp.port=0 --logging.level.root=warn \
 && test -s application.jsa
# Labels last: the build date changes with every build and would invalidate every cached layer after it.
ARG BASE_IMAGE
ARG VERSION=0.1.0-SNAPSHOT
ARG REVISION=unknown
ARG CREATED=1970-01-01T00:00:00Z
LABEL org.opencontainers.image.title="clocksync-agent" \
      org.opencontainers.image.description="clocksync node agent: a disciplined clock served over REST to the clocksync time daemon" \
      org.opencontainers.image.vendor="clocksync" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.base.name="${BASE_IMAGE}"
USER 10001:10001
# Tomcat's work directory (java.io.tmpdir) is the only place written: the root filesystem may be read-only.
VOLUME ["/tmp"]
EXPOSE 8081 11123/udp
# A small fixed heap and the serial collector: an agent runs on every node, holds little, and should
# not start GC threads per core. JVM options can be added through JDK_JAVA_OPTIONS.
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-Xmx64m", "-XX:+ExitOnOutOfMemoryError", \
            "-XX:SharedArchiveFile=application.jsa", "-jar", "application.jar"]
