#!/usr/bin/env bash
# Byline benchmark: start the packaged service, seed a catalogue straight through SQL, measure a few
# GET endpoints with wrk (anonymous, with an API key, and a 304 revalidation) and print a markdown
# table (also saved to bench/results/<timestamp>.md). See bench/README.md for what it measures and
# how to read it.
#
# Usage: bench/run.sh [options]
#   --build             rebuild target/quarkus-app first (it is only built when missing otherwise)
#   --fresh             delete the embedded database in bench/.data/pg and seed again from scratch
#   --articles N        articles in the catalogue (default 100000); seeding tops up to N
#   --duration D        measured wrk run per endpoint (default 15s)
#   --warmup D          unmeasured wrk run before each measured one (default 5s)
#   --connections C     wrk connections (default 16)
#   --threads T         wrk threads (default 2)
#   --search WORD       word for the search endpoint (default election)
#   --only REGEX        measure only the rows whose name matches (grep -E), besides the two baselines
#   -h, --help          this text
# Environment: QUARKUS_HTTP_PORT (default 8089), BYLINE_EMBEDDED_POSTGRES_PORT (default 54329),
#   BENCH_JAVA_OPTS (default -Xmx512m), QUARKUS_DATASOURCE_JDBC_URL/USERNAME/PASSWORD for an
#   external PostgreSQL instead of the embedded one.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$BENCH_DIR")
DATA_DIR="$BENCH_DIR/.data"              # gitignored (bench/.gitignore)
RESULTS_DIR="$BENCH_DIR/results"         # gitignored (root .gitignore)
JAR="$REPO_DIR/target/quarkus-app/quarkus-run.jar"

ARTICLES=100000
DURATION=15s
WARMUP=5s
CONNECTIONS=16
THREADS=2
SEARCH_WORD=election
ONLY=""
BUILD=false
FRESH=false
HTTP_PORT=${QUARKUS_HTTP_PORT:-8089}
PG_PORT=${BYLINE_EMBEDDED_POSTGRES_PORT:-54329}
JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx512m}
SEED_CHUNK=20000                         # articles per INSERT statement
READY_TIMEOUT=240                        # seconds; the first start runs initdb and Flyway
MAX_RUN_SECONDS=600                      # refuse wrk runs longer than this
# The service's rate limits stay on, so that every measured request goes through the rate-limit filter,
# but they are raised so far that wrk never meets them (a 429 would look like a fast endpoint).
RATE_LIMIT=1000000000                    # requests per window, for anonymous callers, keys, partners and comments
RATE_LIMIT_WINDOW=60                     # seconds
# BENCHMARK ONLY: a fixed partner key that bench/sql/api_key.sql stores in the benchmark database for
# the "+ key" rows. It is public (it is in this file and the README): never put it in a real database.
BENCH_KEY=byl_BENCHkey_benchmarkOnly0NotASecret00000000

BASE_URL="http://127.0.0.1:$HTTP_PORT"   # loopback only, never anything else
SERVICE_PID=
EXTERNAL_DB=false

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }

# wrk durations: a number with an optional s/m/h unit. Prints seconds.
duration_seconds() {
    [[ $1 =~ ^([1-9][0-9]*)([smh]?)$ ]] || die "bad duration '$1' (expected e.g. 15s, 2m)"
    local n=${BASH_REMATCH[1]}
    case ${BASH_REMATCH[2]} in
        m) n=$((n * 60)) ;;
        h) n=$((n * 3600)) ;;
    esac
    echo "$n"
}

parse_args() {
    while (($#)); do
        case $1 in
            --build) BUILD=true ;;
            --fresh) FRESH=true ;;
            --articles) ARTICLES=${2:?--articles needs a number}; shift ;;
            --duration) DURATION=${2:?--duration needs a value}; shift ;;
            --warmup) WARMUP=${2:?--warmup needs a value}; shift ;;
            --connections) CONNECTIONS=${2:?--connections needs a number}; shift ;;
            --threads) THREADS=${2:?--threads needs a number}; shift ;;
            --search) SEARCH_WORD=${2:?--search needs a word}; shift ;;
            --only) ONLY=${2:?--only needs a regular expression}; shift ;;
            -h|--help) usage; exit 0 ;;
            *) usage >&2; die "unknown option '$1'" ;;
        esac
        shift
    done
    [[ $ARTICLES =~ ^[1-9][0-9]*$ ]] || die "--articles must be a positive number"
    [[ $CONNECTIONS =~ ^[1-9][0-9]*$ ]] || die "--connections must be a positive number"
    [[ $THREADS =~ ^[1-9][0-9]*$ ]] || die "--threads must be a positive number"
    ((CONNECTIONS >= THREADS)) || die "wrk needs at least as many connections as threads"
    [[ $SEARCH_WORD =~ ^[a-z]+$ ]] || die "--search takes one lower-case word"
    [[ $HTTP_PORT =~ ^[0-9]+$ && $PG_PORT =~ ^[0-9]+$ ]] || die "ports must be numbers"
    (($(duration_seconds "$DURATION") <= MAX_RUN_SECONDS)) || die "--duration is capped at ${MAX_RUN_SECONDS}s"
    (($(duration_seconds "$WARMUP") <= MAX_RUN_SECONDS)) || die "--warmup is capped at ${MAX_RUN_SECONDS}s"
}

# psql, wrk and curl come from Debian packages when missing; nothing else is ever downloaded.
ensure_tools() {
    command -v java >/dev/null || die "java (17+) is required"
    local missing=()
    command -v psql >/dev/null || missing+=(postgresql-client)
    command -v wrk >/dev/null || missing+=(wrk)
    command -v curl >/dev/null || missing+=(curl)
    command -v jq >/dev/null || missing+=(jq)
    ((${#missing[@]} == 0)) && return 0
    local sudo=()
    [[ $(id -u) == 0 ]] || sudo=(sudo)
    log "Installing ${missing[*]} with apt-get"
    "${sudo[@]}" apt-get update -q
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
}

ensure_jar() {
    if $BUILD || [[ ! -f $JAR ]]; then
        log "Building the service (./mvnw -q package -DskipTests)"
        (cd "$REPO_DIR" && ./mvnw -q package -DskipTests)
    fi
    [[ -f $JAR ]] || die "no $JAR after the build"
}

# The seeder talks to the same database as the service: the embedded one on a fixed port, or the
# server in QUARKUS_DATASOURCE_JDBC_URL (jdbc:postgresql://host[:port]/db[?...]) with its
# username and password. psql reads the PG* variables.
configure_database() {
    if [[ -n ${QUARKUS_DATASOURCE_JDBC_URL:-} ]]; then
        EXTERNAL_DB=true
        local url=$QUARKUS_DATASOURCE_JDBC_URL hostport
        [[ $url =~ ^jdbc:postgresql://([^/?]*)(/([^?]*))?(\?.*)?$ ]] \
            || die "cannot read QUARKUS_DATASOURCE_JDBC_URL '$url' (expected jdbc:postgresql://host:port/db)"
        hostport=${BASH_REMATCH[1]%%,*}          # the first host of a multi-host URL
        export PGDATABASE=${BASH_REMATCH[3]:-postgres}
        if [[ $hostport =~ ^\[(.*)\](:([0-9]+))?$ || $hostport =~ ^([^:]*)(:([0-9]+))?$ ]]; then
            export PGHOST=${BASH_REMATCH[1]:-localhost} PGPORT=${BASH_REMATCH[3]:-5432}
        fi
        export PGUSER=${QUARKUS_DATASOURCE_USERNAME:-postgres}
        export PGPASSWORD=${QUARKUS_DATASOURCE_PASSWORD:-}
        log "Using the external PostgreSQL at $PGHOST:$PGPORT/$PGDATABASE as $PGUSER"
    else
        export PGHOST=127.0.0.1 PGPORT=$PG_PORT PGDATABASE=postgres PGUSER=postgres PGPASSWORD=postgres
    fi
}

psql_run() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# http_status PATH [curl options such as -H 'Name: value']: prints the HTTP status, 000 when none came.
http_status() {
    local path=$1
    shift
    curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$@" "$BASE_URL$path" || true
}

# response_header PATH NAME [curl options]: prints the value of one response header of a GET (empty if
# absent).
response_header() {
    local path=$1 name=$2
    shift 2
    curl -s -o /dev/null -D - --max-time 5 "$@" "$BASE_URL$path" \
        | awk -v name="$name" 'BEGIN { name = tolower(name) ":" }
                               { sub(/\r$/, "") }
                               tolower($1) == name { sub(/^[^:]*:[ \t]*/, ""); print; exit }' || true
}

start_service() {
    port_in_use "$HTTP_PORT" && die "something already listens on 127.0.0.1:$HTTP_PORT (set QUARKUS_HTTP_PORT)"
    local env_vars=(QUARKUS_HTTP_PORT="$HTTP_PORT" QUARKUS_HTTP_HOST=127.0.0.1
                    BYLINE_RATE_LIMIT_ENABLED=true BYLINE_RATE_LIMIT_WINDOW_SECONDS="$RATE_LIMIT_WINDOW"
                    BYLINE_RATE_LIMIT_ANONYMOUS_REQUESTS="$RATE_LIMIT" BYLINE_RATE_LIMIT_KEY_REQUESTS="$RATE_LIMIT"
                    BYLINE_RATE_LIMIT_PARTNER_REQUESTS="$RATE_LIMIT"
                    BYLINE_RATE_LIMIT_COMMENT_REQUESTS="$RATE_LIMIT")
    if ! $EXTERNAL_DB; then
        port_in_use "$PG_PORT" \
            && die "something already listens on 127.0.0.1:$PG_PORT (set BYLINE_EMBEDDED_POSTGRES_PORT)"
        if $FRESH; then
            log "--fresh: deleting $DATA_DIR/pg"
            rm -rf "$DATA_DIR/pg"
        fi
        env_vars+=(BYLINE_EMBEDDED_POSTGRES_DATA_DIR="$DATA_DIR/pg" BYLINE_EMBEDDED_POSTGRES_PORT="$PG_PORT")
    elif $FRESH; then
        log "--fresh has no effect on an external database"
    fi
    mkdir -p "$DATA_DIR"
    SERVICE_LOG="$DATA_DIR/service.log"
    log "Starting the service on $BASE_URL (java $JAVA_OPTS, rate limits $RATE_LIMIT per ${RATE_LIMIT_WINDOW}s), log in $SERVICE_LOG"
    # exec, so that $! is the JVM itself. JAVA_OPTS is split into words on purpose.
    # shellcheck disable=SC2086
    (cd "$REPO_DIR" && exec env "${env_vars[@]}" java $JAVA_OPTS -jar "$JAR") >"$SERVICE_LOG" 2>&1 &
    SERVICE_PID=$!

    local deadline=$((SECONDS + READY_TIMEOUT))
    until [[ $(http_status /q/health/ready) == 200 ]]; do
        if ! kill -0 "$SERVICE_PID" 2>/dev/null; then
            tail -n 40 "$SERVICE_LOG" >&2 || true
            grep -qi 'checksum mismatch' "$SERVICE_LOG" \
                && log "Flyway refused the existing schema: try again with --fresh"
            die "the service exited during start-up (log above)"
        fi
        if ((SECONDS >= deadline)); then
            tail -n 40 "$SERVICE_LOG" >&2 || true
            die "the service was not ready after ${READY_TIMEOUT}s"
        fi
        sleep 1
    done
    log "Service ready (pid $SERVICE_PID)"
}

# Runs on every exit, including errors and Ctrl-C. SIGTERM lets Quarkus run its shutdown hooks,
# which also stop the embedded PostgreSQL (a separate process started through pg_ctl).
stop_service() {
    [[ -n $SERVICE_PID ]] || return 0
    local i
    if kill -0 "$SERVICE_PID" 2>/dev/null; then
        log "Stopping the service (pid $SERVICE_PID)"
        kill -TERM "$SERVICE_PID" 2>/dev/null || true
        for ((i = 0; i < 60; i++)); do
            kill -0 "$SERVICE_PID" 2>/dev/null || break
            sleep 0.5
        done
        if kill -0 "$SERVICE_PID" 2>/dev/null; then
            log "Service still running after 30 s, killing it"
            kill -KILL "$SERVICE_PID" 2>/dev/null || true
        fi
    fi
    wait "$SERVICE_PID" 2>/dev/null || true
    SERVICE_PID=
    # If the JVM had to be killed, its PostgreSQL may have outlived it: fast-shutdown that server
    # (only ours: the one whose pid file is in our data directory and which is still postgres).
    local pidfile="$DATA_DIR/pg/postmaster.pid" pg_pid
    if ! $EXTERNAL_DB && [[ -f $pidfile ]]; then
        pg_pid=$(head -n 1 "$pidfile" 2>/dev/null || true)
        if [[ $pg_pid =~ ^[0-9]+$ ]] && [[ $(cat "/proc/$pg_pid/comm" 2>/dev/null) == postgres ]]; then
            log "Stopping the embedded PostgreSQL left behind (pid $pg_pid)"
            kill -INT "$pg_pid" 2>/dev/null || true
            for ((i = 0; i < 60; i++)); do
                kill -0 "$pg_pid" 2>/dev/null || break
                sleep 0.5
            done
        fi
    fi
}

seed() {
    local existing started lo hi inserted
    existing=$(psql_run -At -c 'select count(*) from article')
    if ((existing >= ARTICLES)); then
        log "Catalogue already has $existing articles (>= $ARTICLES): not seeding"
        return 0
    fi
    log "Seeding articles $((existing + 1))..$ARTICLES"
    started=$SECONDS
    psql_run -f "$BENCH_DIR/sql/setup.sql"
    for ((lo = existing + 1; lo <= ARTICLES; lo += SEED_CHUNK)); do
        hi=$((lo + SEED_CHUNK - 1))
        ((hi <= ARTICLES)) || hi=$ARTICLES
        inserted=$(psql_run -At -v lo="$lo" -v hi="$hi" -f "$BENCH_DIR/sql/articles.sql")
        log "  articles $lo..$hi: $inserted inserted ($((SECONDS - started)) s so far)"
    done
    log "  VACUUM ANALYZE"
    psql_run -f "$BENCH_DIR/sql/finish.sql"
    log "Seeded in $((SECONDS - started)) s"
}

# The benchmark key, on every run: the insert does nothing when a key with its prefix already exists.
seed_key() {
    psql_run -v key="$BENCH_KEY" -f "$BENCH_DIR/sql/api_key.sql"
}

# check_access PATH: one anonymous GET and one with the bench key must answer 200 and show the raised
# limit in their RateLimit-Policy header, so that wrk measures the real work, not 401s or 429s.
check_access() {
    local path=$1 who status policy expected curl_args
    for who in anonymous partner; do
        curl_args=()
        [[ $who == anonymous ]] || curl_args=(-H "Authorization: Bearer $BENCH_KEY")
        status=$(http_status "$path" "${curl_args[@]}")
        if [[ $status == 401 && $who == partner ]]; then
            die "the bench key was refused (401). A key with its prefix ${BENCH_KEY:0:12} exists in this database but is revoked, expired or has another secret: delete that api_key row (or use --fresh)"
        fi
        [[ $status == 200 ]] || die "GET $path as $who answered HTTP $status, expected 200"
        policy=$(response_header "$path" RateLimit-Policy "${curl_args[@]}")
        expected="\"$who\";q=$RATE_LIMIT;w=$RATE_LIMIT_WINDOW"
        [[ $policy == "$expected" ]] \
            || die "GET $path as $who: RateLimit-Policy is '$policy', expected '$expected' (rate limits not raised?)"
        log "GET $path as $who: HTTP $status, RateLimit-Policy $policy"
    done
}

# The change feed: one 'published' change per syndicated article (bench/sql/changes.sql), once.
seed_changes() {
    local started=$SECONDS
    psql_run -f "$BENCH_DIR/sql/changes.sql"
    log "Change feed: $(psql_run -At -c 'select count(*) from article_change') changes ($((SECONDS - started)) s)"
}

# One article with 30 000 comments at mixed depths (bench/sql/comments.sql), seeded once.
seed_comments() {
    local started=$SECONDS inserted
    inserted=$(psql_run -At -f "$BENCH_DIR/sql/comments.sql" | tail -n 1)
    log "Comment thread: $inserted comments seeded ($((SECONDS - started)) s)"
}

# A cursor deep into the thread: follow `next` through 100 pages of 20 top-level comments.
deep_cursor() {
    local cursor="" i
    for ((i = 0; i < 100; i++)); do
        cursor=$(curl -s --max-time 10 "$BASE_URL/api/v1/articles/bench-comment-thread/comments?limit=20${cursor:+&cursor=$cursor}" \
            | jq -r '.next // empty')
        [[ -n $cursor ]] || die "the thread ended before page $((i + 1))"
    done
    echo "$cursor"
}

# Converts a wrk latency such as 812.33us, 1.20ms or 2.01s to milliseconds.
to_ms() {
    awk '{ v = $1
           if (v ~ /us$/)      { sub(/us$/, "", v); v /= 1000 }
           else if (v ~ /ms$/) { sub(/ms$/, "", v) }
           else if (v ~ /m$/)  { sub(/m$/, "", v); v *= 60000 }
           else if (v ~ /s$/)  { sub(/s$/, "", v); v *= 1000 }
           printf "%.2f", v }'
}

# run_wrk DURATION PATH HEADER STATUS [--latency]: prints wrk's report. HEADER ('Name: value', or
# empty) goes with every request. A path containing {slug} rotates through the slugs in
# $DATA_DIR/slugs.txt with bench/slugs.lua (which puts each slug in place of {slug}). For a STATUS other than 200, bench/status.lua counts the
# responses with any other status (wrk alone would let a 200 pass for a 304).
run_wrk() {
    local duration=$1 path=$2 header=$3 status=$4
    shift 4
    local args=(-t"$THREADS" -c"$CONNECTIONS" -d"$duration" --timeout 10s "$@")
    [[ -z $header ]] || args+=(-H "$header")
    if [[ $path == *'{slug}'* ]]; then
        args+=(-s "$BENCH_DIR/slugs.lua" "$BASE_URL" -- "$DATA_DIR/slugs.txt" "$path")
    elif [[ $status != 200 ]]; then
        args+=(-s "$BENCH_DIR/status.lua" "$BASE_URL$path" -- "$status")
    else
        args+=("$BASE_URL$path")
    fi
    wrk "${args[@]}" 2>&1
}

main() {
    parse_args "$@"
    ensure_tools
    ensure_jar
    configure_database
    trap stop_service EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    start_service
    seed
    seed_key
    seed_comments
    seed_changes

    # ~100 published slugs for the by-slug endpoints, and some numbers for the report. Only articles
    # that may be syndicated, so that the ninjs row measures documents, not 404s.
    psql_run -At -c "select a.slug from article a join source s on s.id = a.source_id
                     where a.status = 'published' and a.published_at <= now()
                       and coalesce(a.syndicatable, s.syndicatable)
                     order by random() limit 100" >"$DATA_DIR/slugs.txt"
    local total visible matches sources slug_count
    total=$(psql_run -At -c 'select count(*) from article')
    visible=$(psql_run -At -c "select count(*) from article
                               where status in ('published', 'scheduled') and published_at <= now()")
    matches=$(psql_run -At -v word="$SEARCH_WORD" \
        <<<"select count(*) from article where search @@ websearch_to_tsquery('english', :'word');")
    sources=$(psql_run -At -c 'select count(*) from source')
    slug_count=$(wc -l <"$DATA_DIR/slugs.txt")
    ((slug_count > 0)) || die "no published article to request by slug"

    # The 304 row revalidates one article with the ETag it has now (nothing changes it during a run).
    local first_slug etag auth
    first_slug=$(head -n 1 "$DATA_DIR/slugs.txt")
    check_access "/api/v1/articles/$first_slug"
    etag=$(response_header "/api/v1/articles/$first_slug" ETag)
    [[ -n $etag ]] || die "GET /api/v1/articles/$first_slug sent no ETag"
    auth="Authorization: Bearer $BENCH_KEY"

    # One row per line: name | path | request header (or nothing) | status every response must have.
    local specs=(
        "health (trivial)|/q/health/live||200"
        "article by slug|/api/v1/articles/{slug}||200"
        "article by slug + key|/api/v1/articles/{slug}|$auth|200"
        "article by slug, 304|/api/v1/articles/$first_slug|If-None-Match: $etag|304"
        "list|/api/v1/articles?limit=20||200"
        "list + key|/api/v1/articles?limit=20|$auth|200"
        "list section=world|/api/v1/articles?section=world&limit=20||200"
        "search q=$SEARCH_WORD|/api/v1/articles?q=$SEARCH_WORD&limit=20||200"
    )
    # Keyed row and its anonymous twin: their requests/s ratio is the cost of authentication.
    local pairs=("article by slug + key|article by slug" "list + key|list")
    local thread_count busiest deep
    thread_count=$(psql_run -At -c "select count(*) from comment c join article a on a.id = c.article_id
                                    where a.slug = 'bench-comment-thread'")
    busiest=$(psql_run -At -c "select c.id from comment c join article a on a.id = c.article_id
                               where a.slug = 'bench-comment-thread' and c.depth = 0 and c.status = 'approved'
                               order by c.reply_count desc limit 1")
    deep=$(deep_cursor)
    # The comment thread rows compare against the same article's single GET (the first of the four).
    specs+=(
        "thread article (single GET)|/api/v1/articles/bench-comment-thread||200"
        "thread first page|/api/v1/articles/bench-comment-thread/comments?limit=20||200"
        "thread page 101 (cursor)|/api/v1/articles/bench-comment-thread/comments?limit=20&cursor=$deep||200"
        "replies of busiest thread|/api/v1/comments/$busiest/replies?limit=20||200"
    )
    # Syndication: the three feed formats (the default 50 items), full text for a partner, a feed
    # revalidated with its ETag, ninjs, and a page of the change feed; compare with "article by slug".
    # The feed's ETag is read just before its row ("@etag"): a scheduled article falling due earlier in
    # the run would have changed it.
    specs+=(
        "feed RSS|/feeds/rss.xml||200"
        "feed Atom|/feeds/atom.xml||200"
        "feed JSON Feed|/feeds/feed.json||200"
        "feed Atom + key (full text)|/feeds/atom.xml|$auth|200"
        "feed section=world RSS|/feeds/sections/world/rss.xml||200"
        "feed RSS, 304|/feeds/rss.xml|If-None-Match: @etag|304"
        "article by slug as ninjs|/api/v1/articles/{slug}?format=ninjs||200"
        "change feed, 100 changes + key|/api/v1/changes?limit=100|$auth|200"
    )
    # --only: keep the two baselines (the trivial endpoint and article by slug) and the matching rows.
    if [[ -n $ONLY ]]; then
        local kept=() spec
        for i in "${!specs[@]}"; do
            spec=${specs[$i]}
            if ((i < 2)) || grep -Eq -- "$ONLY" <<<"${spec%%|*}"; then kept+=("$spec"); fi
        done
        specs=("${kept[@]}")
    fi
    local rows=() raw="" notes=() trivial_rps="" single_rps="" i load
    local -A rps_of=() failed=()
    # A warm-up pass over every row before any is measured. The JIT compiles the code paths the rows share
    # (Hibernate, Jackson, the filters) while it runs; without it the rows measured first came out up to 2x
    # slower than the same request measured again after the others (article by slug: 973 then ~1 380
    # req/s), which skewed every ratio to them.
    log "Warm-up pass: every row for $WARMUP before measuring"
    for i in "${!specs[@]}"; do
        local wname wpath wheader wexpect
        IFS='|' read -r wname wpath wheader wexpect <<<"${specs[$i]}"
        [[ $wheader != *'@etag' ]] || wheader="If-None-Match: $(response_header "$wpath" ETag)"
        run_wrk "$WARMUP" "$wpath" "$wheader" "$wexpect" >/dev/null 2>&1 || true
    done
    # Other work on this 2-core machine skews every number: record how busy it was.
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    log "Load average before measuring: $load"
    for i in "${!specs[@]}"; do
        local name path header expect sample_path out rps p50 p99 non2xx sockerr unexpected ratio vs_single status
        local curl_args=()
        IFS='|' read -r name path header expect <<<"${specs[$i]}"
        if [[ $header == *'@etag' ]]; then
            local current_etag
            current_etag=$(response_header "$path" ETag)
            [[ -n $current_etag ]] || die "GET $path sent no ETag"
            header=${header/@etag/$current_etag}
        fi
        [[ -z $header ]] || curl_args=(-H "$header")
        sample_path=${path/\{slug\}/$first_slug}
        status=$(http_status "$sample_path" "${curl_args[@]}")
        log "$name: GET $path${header:+ with ${header%%:*}} (sample request: HTTP $status); warm-up $WARMUP, then $DURATION"
        run_wrk "$WARMUP" "$path" "$header" "$expect" >/dev/null || true
        if ! out=$(run_wrk "$DURATION" "$path" "$header" "$expect" --latency); then
            log "wrk failed for $path: $out"
            rows+=("| $name | wrk failed | - | - | - | - | - | - |")
            notes+=("- $name: wrk failed (see the raw output below).")
            raw+=$'\n'"### $name"$'\n\n```\n'"$out"$'\n```\n'
            failed[$name]=1
            continue
        fi
        raw+=$'\n'"### $name"$'\n\n```\n'"$out"$'\n```\n'
        rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<<"$out")
        rps_of[$name]=$rps
        p50=$(awk '$1 == "50%" { print $2 }' <<<"$out" | to_ms)
        p99=$(awk '$1 == "99%" { print $2 }' <<<"$out" | to_ms)
        # wrk prints these two lines only when the count is not zero.
        non2xx=$(awk -F': *' '/Non-2xx or 3xx responses/ { print $2 }' <<<"$out")
        non2xx=${non2xx:-0}
        sockerr=$(awk '/Socket errors:/ { gsub(/[^0-9 ]/, " "); s = 0; for (j = 1; j <= NF; j++) s += $j; print s }' <<<"$out")
        sockerr=${sockerr:-0}
        # Only bench/status.lua prints this line (rows that expect another status than 200).
        unexpected=$(awk '/^Unexpected statuses:/ { print $3 }' <<<"$out")
        unexpected=${unexpected:-0}
        ((i > 0)) || trivial_rps=$rps   # the first row, /q/health/live, is the baseline
        ((i != 1)) || single_rps=$rps   # the second, article by slug, is the one for reads of real content
        # Three significant digits: the trivial endpoint is often 50-100x faster than the rest.
        ratio=$(awk -v a="$rps" -v b="$trivial_rps" 'BEGIN { if (b > 0) printf "%.3g", a / b; else print "-" }')
        if ((non2xx > 0 || sockerr > 0 || unexpected > 0)) || [[ $status != "$expect" ]]; then
            ratio="$ratio (errors!)"
            failed[$name]=1
            notes+=("- $name: $non2xx non-2xx/3xx responses, $sockerr socket errors and $unexpected responses other than $expect; a single \`GET $sample_path\`${header:+ with ${header%%:*}} before the run answered HTTP $status (expected $expect).")
        fi
        vs_single=$(awk -v a="$rps" -v b="$single_rps" 'BEGIN { if (b > 0) printf "%.3g", a / b; else print "-" }')
        rows+=("| $name | $rps | $p50 | $p99 | $non2xx | $sockerr | $ratio | $vs_single |")
    done

    # The cost of authentication: requests/s with the bench key divided by the same GET without it.
    local auth_lines=() pair keyed anon auth_ratio
    for pair in "${pairs[@]}"; do
        IFS='|' read -r keyed anon <<<"$pair"
        if [[ -z ${rps_of[$keyed]:-} || -z ${rps_of[$anon]:-} ]]; then
            auth_lines+=("- $anon: - (not measured in this run)")
            continue
        fi
        if [[ -n ${failed[$keyed]:-} || -n ${failed[$anon]:-} ]]; then
            auth_lines+=("- $anon: - (a row had errors)")
            continue
        fi
        auth_ratio=$(awk -v a="${rps_of[$keyed]}" -v b="${rps_of[$anon]}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
        auth_lines+=("- $anon: **$auth_ratio** (${rps_of[$keyed]} requests/s with the key, ${rps_of[$anon]} without)")
    done

    local stamp commit dirty="" report
    stamp=$(date -u +%Y%m%dT%H%M%SZ)
    commit=$(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)
    [[ -z $(git -C "$REPO_DIR" status --porcelain --untracked-files=no 2>/dev/null) ]] || dirty=" with uncommitted changes"
    local table
    table=$(
        echo "| Endpoint | Requests/s | p50 ms | p99 ms | Non-2xx/3xx | Socket errors | vs trivial | vs article by slug |"
        echo "|---|---:|---:|---:|---:|---:|---:|---:|"
        printf '%s\n' "${rows[@]}"
    )
    mkdir -p "$RESULTS_DIR"
    report="$RESULTS_DIR/$stamp.md"
    {
        echo "# Byline benchmark $stamp"
        echo
        echo "- Commit: $commit$dirty"
        echo "- Machine: $(nproc) CPUs, load average $load before measuring; $(java -version 2>&1 | head -n 1); service JVM options: $JAVA_OPTS"
        if $EXTERNAL_DB; then echo "- Database: external PostgreSQL at $PGHOST:$PGPORT/$PGDATABASE"
        else echo "- Database: embedded PostgreSQL, data in bench/.data/pg"; fi
        echo "- Comment thread: $thread_count comments on one article (3 000 top-level, depths 1-6); pages of 20 top-level comments with 3 replies each"
        echo "- Catalogue: $total articles ($visible public), $sources sources; \"$SEARCH_WORD\" matches $matches articles; by-slug requests rotate through $slug_count slugs"
        echo "- wrk: -t$THREADS -c$CONNECTIONS -d$DURATION --latency against 127.0.0.1:$HTTP_PORT, after a $WARMUP warm-up per endpoint"
        echo "- Rate limits: on, raised to $RATE_LIMIT requests per ${RATE_LIMIT_WINDOW} s for anonymous callers, keys and partners"
        echo "- \"+ key\" rows: Authorization: Bearer ${BENCH_KEY:0:12}_… (the benchmark partner key); \"304\" rows: GET /api/v1/articles/$first_slug with If-None-Match: $etag, and /feeds/rss.xml with the ETag it had just before its row"
        echo "- Feeds: the latest 50 articles (the default); change feed: $(psql_run -At -c 'select count(*) from article_change') changes, the first page of 100"
        echo
        echo "$table"
        echo
        echo "\"vs trivial\" = the endpoint's requests/s divided by those of /q/health/live in this run;"
        echo "\"vs article by slug\" = divided by those of the anonymous single-article GET."
        echo "Compare ratios between runs on the same machine, not absolute numbers."
        echo
        echo "Cost of authentication, keyed/anonymous requests/s:"
        echo
        printf '%s\n' "${auth_lines[@]}"
        if ((${#notes[@]})); then
            echo
            echo "Errors (these rows did not measure the real work):"
            echo
            printf '%s\n' "${notes[@]}"
        fi
        echo
        echo "<details><summary>Raw wrk output</summary>"
        echo "$raw"
        echo "</details>"
    } >"$report"

    echo
    echo "$table"
    echo
    echo "Cost of authentication, keyed/anonymous requests/s:"
    printf '%s\n' "${auth_lines[@]}"
    if ((${#notes[@]})); then
        echo
        printf '%s\n' "${notes[@]}"
    fi
    echo
    log "Report written to ${report#"$REPO_DIR"/}"
}

main "$@"
