# Build with the project's own Maven wrapper, run on a JRE 17 as a non-root user.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY mvnw pom.xml openapi.yaml ./
COPY .mvn .mvn
RUN ./mvnw dependency:go-offline -q
COPY src src
RUN ./mvnw package -DskipTests -q

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin byline \
    && mkdir -p /data && chown byline /data
WORKDIR /app
COPY --from=build --chown=byline /src/target/quarkus-app/ /app/
USER byline
# With QUARKUS_DATASOURCE_JDBC_URL/_USERNAME/_PASSWORD set, Byline uses that server; otherwise it starts an
# embedded PostgreSQL keeping its data in the /data volume. JAVA_OPTS_APPEND takes JVM options, e.g. for a small
# heap "-Xmx256m -Xmn96m" (README, "Small heaps").
ENV BYLINE_EMBEDDED_POSTGRES_DATA_DIR=/data/postgres \
    JAVA_OPTS_APPEND=""
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS_APPEND -jar /app/quarkus-run.jar"]
