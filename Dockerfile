# Pressroom's image: built by Maven in a JDK image, run from a JRE image as a non-root user.
# Not built here (no Docker engine on the development machines): see docs/deploying.md.

# ---- build: the same command as README's, tests skipped (CI runs them)
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q package -DskipTests \
 && cp web-javalin/target/pressroom.jar /pressroom.jar

# ---- run
FROM eclipse-temurin:17-jre
# curl for HEALTHCHECK only
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 pressroom \
 && useradd --system --uid 10001 --gid pressroom --home-dir /app --shell /usr/sbin/nologin pressroom \
 && mkdir -p /app /data/files \
 && chown -R pressroom:pressroom /app /data
WORKDIR /app
COPY --from=build --chown=pressroom:pressroom /pressroom.jar /app/pressroom.jar

# PORT: Railway and most platforms inject it; PRESSROOM_STORAGE_DIR: mount a volume (or a NAS) there.
# Without DATABASE_URL the server starts its embedded PostgreSQL under /app/data (not for production).
ENV PORT=7070 \
    PRESSROOM_STORAGE_DIR=/data/files \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 7070
VOLUME ["/data"]
USER pressroom:pressroom

HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${PORT}/health/ready" >/dev/null || exit 1

# exec form: the JVM is PID 1 and gets SIGTERM, so in-flight requests drain on `docker stop`
ENTRYPOINT ["java", "-jar", "/app/pressroom.jar"]
CMD ["serve"]
