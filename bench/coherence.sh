#!/usr/bin/env bash
# Two Byline instances on one database: an edit made through instance A must be served by instance B within a
# second, although B keeps the article rendered in memory. Also a key revoked through A must stop working on B.
#
# Usage: bench/coherence.sh [ROUNDS]   (default 20 edits)
# Starts both instances from target/quarkus-app (build it first: ./mvnw package -DskipTests) on loopback ports
# 8391 and 8392, A with an embedded PostgreSQL on port 54391 in a throwaway folder that B connects to. Needs curl.
# Prints the time from A's 200 to B's first response with the new headline, for each round, and the worst.
set -euo pipefail

REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAR="$REPO_DIR/target/quarkus-app/quarkus-run.jar"
ROUNDS=${1:-20}
A=http://127.0.0.1:8391
B=http://127.0.0.1:8392
PG_PORT=54391
# A made-up admin key for this throwaway database only.
ADMIN=byl_COHERENT_coherenceCheckOnly00000000000000
DATA=$(mktemp -d)
PIDS=()

log() { printf '[coherence %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$DATA"
}
trap cleanup EXIT

[[ -f $JAR ]] || { log "no $JAR: run ./mvnw package -DskipTests first"; exit 1; }
command -v curl >/dev/null || { log "curl is needed"; exit 1; }

wait_ready() {
    for _ in $(seq 1 240); do
        curl -sf "$1/q/health/ready" >/dev/null && return 0
        sleep 0.5
    done
    log "$1 did not become ready"; exit 1
}

common=(QUARKUS_HTTP_HOST=127.0.0.1 BYLINE_RATE_LIMIT_ENABLED=false BYLINE_ADMIN_KEY=$ADMIN)
log "starting instance A (embedded PostgreSQL in $DATA)"
env "${common[@]}" QUARKUS_HTTP_PORT=8391 BYLINE_EMBEDDED_POSTGRES_DATA_DIR="$DATA/pg" \
    BYLINE_EMBEDDED_POSTGRES_PORT=$PG_PORT java -Xmx256m -jar "$JAR" >"$DATA/a.log" 2>&1 &
PIDS+=($!)
wait_ready $A
log "starting instance B on the same database"
env "${common[@]}" QUARKUS_HTTP_PORT=8392 QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" \
    QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres \
    java -Xmx256m -jar "$JAR" >"$DATA/b.log" 2>&1 &
PIDS+=($!)
wait_ready $B

auth=(-H "Authorization: Bearer $ADMIN")
id=$(curl -sf "${auth[@]}" -H 'Content-Type: application/json' \
    -d '{"headline":"Coherence round 0","slug":"coherence-check","bodyText":"Two instances, one story."}' \
    $A/api/v1/articles | sed -E 's/.*"id":"([^"]+)".*/\1/')
curl -sf "${auth[@]}" -X POST $A/api/v1/articles/$id/publish >/dev/null

now_ms() { date +%s%3N; }
worst=0
for round in $(seq 1 "$ROUNDS"); do
    curl -sf $B/api/v1/articles/coherence-check >/dev/null   # B renders and keeps it
    etag=$(curl -sf -o /dev/null -D - "${auth[@]}" $A/api/v1/articles/$id | tr -d '\r' | sed -n 's/^[Ee][Tt]ag: //p')
    curl -sf "${auth[@]}" -X PATCH -H 'Content-Type: application/merge-patch+json' -H "If-Match: $etag" \
        -d "{\"headline\":\"Coherence round $round\"}" $A/api/v1/articles/$id >/dev/null
    written=$(now_ms)
    while ! curl -sf $B/api/v1/articles/coherence-check | grep -q "\"Coherence round $round\""; do
        if (( $(now_ms) - written > 5000 )); then log "round $round: B still served the old headline after 5 s"; exit 1; fi
    done
    took=$(( $(now_ms) - written ))
    (( took > worst )) && worst=$took
    echo "round $round: B served the edit $took ms after A acknowledged it"
done
echo "worst of $ROUNDS rounds: $worst ms (goal: under 1000 ms)"

# A key revoked through A stops working on B.
key=$(curl -sf "${auth[@]}" -H 'Content-Type: application/json' -d '{"name":"coherence","roles":["editor"]}' \
    $A/api/v1/keys | sed -E 's/.*"secret":"([^"]+)".*/\1/')
key_id=$(curl -sf "${auth[@]}" "$A/api/v1/keys?limit=100" | grep -o "\"id\":\"[^\"]*\",\"prefix\":\"${key:0:12}\"" \
    | sed -E 's/"id":"([^"]+)".*/\1/')
curl -sf -H "Authorization: Bearer $key" "$B/api/v1/articles?status=draft" >/dev/null   # B now knows the key
curl -sf "${auth[@]}" -X DELETE $A/api/v1/keys/$key_id >/dev/null
revoked=$(now_ms)
until [[ $(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $key" "$B/api/v1/articles?status=draft") == 401 ]]; do
    if (( $(now_ms) - revoked > 5000 )); then log "B still accepted the revoked key after 5 s"; exit 1; fi
done
echo "revoked key refused by B $(( $(now_ms) - revoked )) ms after A acknowledged the revocation"
