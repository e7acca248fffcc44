# Earful in a container: build with the Maven wrapper on a JDK, run on a JRE as a non-root user.
#
#   docker build -t earful .
#   docker run -p 7070:7070 -v earful-data:/data -e EARFUL_API_KEYS=write:CHANGE-ME-please earful
#
# Inside the container the server binds 0.0.0.0 so the published port reaches it. Earful refuses to
# serve a non-loopback address without API keys: set EARFUL_API_KEYS (read:KEY / write:KEY), or
# pass EARFUL_INSECURE=true if something in front of it (a private network, a proxy) does the
# access control.

FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
# Dependencies first, so a source change does not download them again.
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -q -B dependency:go-offline
COPY src src
COPY models models
COPY corpora corpora
RUN ./mvnw -q -B -DskipTests package

FROM eclipse-temurin:21-jre
RUN groupadd --system earful \
 && useradd --system --gid earful --home-dir /app --shell /usr/sbin/nologin earful \
 && mkdir -p /app /data \
 && chown earful:earful /data
COPY --from=build /src/target/earful.jar /app/earful.jar
# DJL (the sentence encoder's tokenizer) unpacks its native library once into a cache directory;
# the earful user's home (/app) is not writable, so point it at /tmp.
ENV DJL_CACHE_DIR=/tmp/djl \
    EARFUL_DATA=/data \
    EARFUL_HOST=0.0.0.0 \
    EARFUL_PORT=7070
VOLUME /data
EXPOSE 7070
USER earful
WORKDIR /app
# The JRE image has neither curl nor wget: the jar checks itself (GET /api/v1/health, open without
# a key; exit 0 when ready). A short-lived JVM with a small heap keeps the probe cheap.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["java", "-Xmx32m", "-XX:TieredStopAtLevel=1", "-jar", "/app/earful.jar", "health"]
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/earful.jar"]
CMD ["serve"]
