#!/usr/bin/env bash
# Byline benchmark: start the packaged service, seed a catalogue straight through SQL, and measure GET endpoints
# at steady state: with wrk (closed loop), with pgbench (the database ceiling), with bench/OpenLoad.java (latency
# at a fixed arrival rate) and with change-feed long polls parked. Prints markdown tables and writes
# bench/results/<timestamp>.md and .json. See bench/README.md for what it measures and how to read it.
#
# Usage: bench/run.sh [options]
#   --build             rebuild target/quarkus-app first (it is only built when missing otherwise)
#   --install           install missing tools (psql, pgbench, wrk, curl, jq) with apt-get; without it, the
#                       script names what is missing and stops (pgbench alone missing: its row is skipped)
#   --fresh             delete the embedded database in bench/.data/pg and seed again from scratch
#   --articles N        articles in the catalogue (default 100000); seeding tops up to N
#   --duration D        measured run per row (default 15s)
#   --warmup D          one short warm-up run per row (default 5s); runs repeat until two in a row agree
#   --max-warmups K     at most K warm-up runs per row (default 6; at least 2)
#   --connections C     wrk connections and pgbench clients (default 16)
#   --threads T         wrk threads and pgbench threads (default 2)
#   --seed N            seed for the order of the rows and the slugs drawn (default: a random one, printed)
#   --polls N           change-feed long polls parked for the polls row (default 5000; 0 skips the row)
#   --open PCTS         open-model rows at these percentages of the Zipf row's throughput (default 50,80;
#                       0 skips them)
#   --open-connections C  connections of the open-model generator (default 64)
#   --search WORD       word for the search endpoint (default election)
#   --only REGEX        measure only the rows whose name matches (grep -E), besides their baselines
#   -h, --help          this text
# Environment: QUARKUS_HTTP_PORT (default 8089), BYLINE_EMBEDDED_POSTGRES_PORT (default 54329),
#   BENCH_JAVA_OPTS (default -Xmx256m), BENCH_ARTICLE_READ_SQL (default
#   src/main/resources/db/queries/article-read.sql), QUARKUS_DATASOURCE_JDBC_URL/USERNAME/PASSWORD for an
#   external PostgreSQL instead of the embedded one.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$BENCH_DIR")
DATA_DIR="$BENCH_DIR/.data"              # gitignored (bench/.gitignore)
RUN_DIR="$DATA_DIR/run"                  # this run's measurements, read by bench/Report.java
RESULTS_DIR="$BENCH_DIR/results"         # gitignored (root .gitignore)
JAR="$REPO_DIR/target/quarkus-app/quarkus-run.jar"
ARTICLE_READ_SQL=${BENCH_ARTICLE_READ_SQL:-$REPO_DIR/src/main/resources/db/queries/article-read.sql}
SLUGS="$DATA_DIR/slugs.txt"              # 100 syndicatable slugs, for the rows that rotate through them
PUBLIC_SLUGS="$DATA_DIR/public-slugs.txt" # every public slug, in Zipf rank order
PGBENCH_SCRIPT="$DATA_DIR/article-read.pgbench"

ARTICLES=100000
DURATION=15s
WARMUP=5s
MAX_WARMUPS=6
SETTLE_PERCENT=5                         # two warm-up runs in a row within this many percent: settled
CONNECTIONS=16
THREADS=2
SEED=""
POLLS=5000
POLL_WAIT=30                             # seconds, the most GET /api/v1/changes allows
OPEN_PERCENTS=50,80
OPEN_CONNECTIONS=64
SEARCH_WORD=election
ONLY=""
BUILD=false
INSTALL=false
FRESH=false
HTTP_PORT=${QUARKUS_HTTP_PORT:-8089}
PG_PORT=${BYLINE_EMBEDDED_POSTGRES_PORT:-54329}
JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx256m}
SEED_CHUNK=20000                         # articles per INSERT statement
READY_TIMEOUT=240                        # seconds; the first start runs initdb and Flyway
MAX_RUN_SECONDS=600                      # refuse runs longer than this
# A fixed seed for the Zipf ranks: the same articles are the popular ones in every run.
RANK_SEED=byline-zipf-1
# The service's rate limits stay on, so that every measured request goes through the rate-limit filter,
# but they are raised so far that wrk never meets them (a 429 would look like a fast endpoint).
RATE_LIMIT=1000000000                    # requests per window, for anonymous callers, keys, partners and comments
RATE_LIMIT_WINDOW=60                     # seconds
# BENCHMARK ONLY: a fixed partner key that bench/sql/api_key.sql stores in the benchmark database for
# the "+ key" rows. It is public (it is in this file and the README): never put it in a real database.
BENCH_KEY=byl_BENCHkey_benchmarkOnly0NotASecret00000000

BASE_URL="http://127.0.0.1:$HTTP_PORT"   # loopback only, never anything else
SERVICE_PID=
POLL_PID=
GC_MONITOR_PID=
GC_LOG=
EXTERNAL_DB=false
READY_SECONDS=
JSTAT=

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
            --install) INSTALL=true ;;
            --fresh) FRESH=true ;;
            --articles) ARTICLES=${2:?--articles needs a number}; shift ;;
            --duration) DURATION=${2:?--duration needs a value}; shift ;;
            --warmup) WARMUP=${2:?--warmup needs a value}; shift ;;
            --max-warmups) MAX_WARMUPS=${2:?--max-warmups needs a number}; shift ;;
            --connections) CONNECTIONS=${2:?--connections needs a number}; shift ;;
            --threads) THREADS=${2:?--threads needs a number}; shift ;;
            --seed) SEED=${2:?--seed needs a number}; shift ;;
            --polls) POLLS=${2:?--polls needs a number}; shift ;;
            --open) OPEN_PERCENTS=${2:?--open needs percentages such as 50,80}; shift ;;
            --open-connections) OPEN_CONNECTIONS=${2:?--open-connections needs a number}; shift ;;
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
    [[ $MAX_WARMUPS =~ ^[0-9]+$ ]] && ((MAX_WARMUPS >= 2)) || die "--max-warmups must be 2 or more"
    [[ $POLLS =~ ^[0-9]+$ ]] || die "--polls must be a number (0 skips the row)"
    [[ $OPEN_CONNECTIONS =~ ^[1-9][0-9]*$ ]] || die "--open-connections must be a positive number"
    [[ $OPEN_PERCENTS == 0 || $OPEN_PERCENTS =~ ^[1-9][0-9]?(,[1-9][0-9]?)*$ ]] \
        || die "--open takes percentages from 1 to 99 separated by commas (e.g. 50,80), or 0"
    [[ $OPEN_PERCENTS != 0 ]] || OPEN_PERCENTS=""
    if [[ -z $SEED ]]; then SEED=$((RANDOM * 32768 + RANDOM)); fi
    [[ $SEED =~ ^[0-9]+$ ]] && ((SEED < 1000000000)) || die "--seed must be a number below 1000000000"
    ((CONNECTIONS >= THREADS)) || die "wrk needs at least as many connections as threads"
    [[ $SEARCH_WORD =~ ^[a-z]+$ ]] || die "--search takes one lower-case word"
    [[ $HTTP_PORT =~ ^[0-9]+$ && $PG_PORT =~ ^[0-9]+$ ]] || die "ports must be numbers"
    (($(duration_seconds "$DURATION") <= MAX_RUN_SECONDS)) || die "--duration is capped at ${MAX_RUN_SECONDS}s"
    (($(duration_seconds "$WARMUP") <= MAX_RUN_SECONDS)) || die "--warmup is capped at ${MAX_RUN_SECONDS}s"
}

pgbench_works() { pgbench --version >/dev/null 2>&1; }

# psql, pgbench, wrk, curl and jq come from Debian packages, installed only with --install; nothing else is ever
# downloaded.
ensure_tools() {
    command -v java >/dev/null || die "java (17+) is required"
    local missing=() sudo=()
    [[ $(id -u) == 0 ]] || sudo=(sudo)
    command -v psql >/dev/null || missing+=(postgresql-client)
    command -v wrk >/dev/null || missing+=(wrk)
    command -v curl >/dev/null || missing+=(curl)
    command -v jq >/dev/null || missing+=(jq)
    if ((${#missing[@]})) && ! $INSTALL; then
        die "missing Debian packages: ${missing[*]} (install them, or run again with --install to apt-get them)"
    fi
    if ((${#missing[@]})); then
        log "Installing ${missing[*]} with apt-get"
        "${sudo[@]}" apt-get update -q
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
    fi
    # /usr/bin/pgbench (postgresql-client-common) is only a wrapper: Debian 12 ships PostgreSQL 15's pgbench itself
    # in the server package postgresql-15, which postgresql-contrib pulls in together with the client. (Debian then
    # creates a "main" cluster on port 5432 as it always does; the benchmark does not use it.)
    if ! pgbench_works && ! $INSTALL; then
        log "pgbench is missing: the pgbench row will be skipped (--install apt-gets postgresql-contrib)"
    elif ! pgbench_works; then
        log "pgbench is missing: installing postgresql-contrib with apt-get"
        "${sudo[@]}" apt-get update -q
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql-contrib \
            || log "could not install postgresql-contrib: the pgbench row will be skipped"
    fi
    # jstat comes with the JDK; without it the GC % column stays empty.
    JSTAT=$(command -v jstat || true)
    local java_bin
    java_bin=$(readlink -f "$(command -v java)")
    [[ -n $JSTAT || ! -x ${java_bin%/java}/jstat ]] || JSTAT=${java_bin%/java}/jstat
    [[ -n $JSTAT ]] || log "jstat not found (it comes with the JDK): no GC % this run"
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
# username and password. psql and pgbench read the PG* variables.
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

# Starts the service and waits until /q/health/ready answers 200, looking every 50 ms; READY_SECONDS is the
# time from launching the JVM to that answer.
start_service() {
    port_in_use "$HTTP_PORT" && die "something already listens on 127.0.0.1:$HTTP_PORT (set QUARKUS_HTTP_PORT)"
    local env_vars=(QUARKUS_HTTP_PORT="$HTTP_PORT" QUARKUS_HTTP_HOST=127.0.0.1
                    BYLINE_RATE_LIMIT_ENABLED=true BYLINE_RATE_LIMIT_WINDOW_SECONDS="$RATE_LIMIT_WINDOW"
                    BYLINE_RATE_LIMIT_ANONYMOUS_REQUESTS="$RATE_LIMIT" BYLINE_RATE_LIMIT_KEY_REQUESTS="$RATE_LIMIT"
                    BYLINE_RATE_LIMIT_PARTNER_REQUESTS="$RATE_LIMIT"
                    BYLINE_RATE_LIMIT_COMMENT_REQUESTS="$RATE_LIMIT"
                    # The parked-polls row holds --polls long polls with one partner key; the per-key cap
                    # (50 by default) would refuse all but 50 of them.
                    BYLINE_SYNDICATION_MAX_POLLS_PER_KEY="$(( POLLS > 50 ? POLLS : 50 ))")
    if ! $EXTERNAL_DB; then
        port_in_use "$PG_PORT" \
            && die "something already listens on 127.0.0.1:$PG_PORT (set BYLINE_EMBEDDED_POSTGRES_PORT)"
        if $FRESH; then
            log "--fresh: deleting $DATA_DIR/pg"
            rm -rf "$DATA_DIR/pg"
            FRESH=false
        fi
        env_vars+=(BYLINE_EMBEDDED_POSTGRES_DATA_DIR="$DATA_DIR/pg" BYLINE_EMBEDDED_POSTGRES_PORT="$PG_PORT")
    elif $FRESH; then
        log "--fresh has no effect on an external database"
    fi
    mkdir -p "$DATA_DIR"
    SERVICE_LOG="$DATA_DIR/service.log"
    log "Starting the service on $BASE_URL (java $JAVA_OPTS, rate limits $RATE_LIMIT per ${RATE_LIMIT_WINDOW}s), log in $SERVICE_LOG"
    local started_ns
    started_ns=$(date +%s%N)
    # exec, so that $! is the JVM itself. JAVA_OPTS is split into words on purpose. The open-file limit is
    # raised to the hard limit for the parked long polls (the JVM does so itself on Linux too).
    # shellcheck disable=SC2086
    (cd "$REPO_DIR" && ulimit -n "$(ulimit -Hn)" && exec env "${env_vars[@]}" java $JAVA_OPTS -jar "$JAR") >"$SERVICE_LOG" 2>&1 &
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
        sleep 0.05
    done
    READY_SECONDS=$(awk -v a="$started_ns" -v b="$(date +%s%N)" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
    log "Service ready (pid $SERVICE_PID) ${READY_SECONDS} s after the JVM was launched"
}

# Runs on every exit, including errors and Ctrl-C. SIGTERM lets Quarkus run its shutdown hooks,
# which also stop the embedded PostgreSQL (a separate process started through pg_ctl).
stop_service() {
    stop_polls
    stop_gc_monitor
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

# What seeding may change: when it is the same before and after, the first start was on an existing database.
db_fingerprint() {
    psql_run -At -c "select (select count(*) from article) || ',' || (select count(*) from comment) || ','
                            || (select count(*) from article_change) || ',' || (select count(*) from api_key)"
}

# check_access PATH: one anonymous GET and one with the bench key must answer 200 and show the raised
# limit in their RateLimit-Policy header, so that wrk measures the real work, not 401s or 429s.
check_access() {
    local path=$1 who status policy expected curl_args
    # The first article GET of a fresh JVM can take seconds on a busy machine: wait for it before checking.
    curl -s -o /dev/null --max-time 60 "$BASE_URL$path" || true
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

# Every public article's slug (the predicate of dev.byline.article.ArticleVisibility.PUBLIC), ordered by
# md5(RANK_SEED || slug): a random permutation fixed by that seed, so line k is the article of Zipf rank k.
dump_public_slugs() {
    psql_run -At -v rank_seed="$RANK_SEED" >"$PUBLIC_SLUGS" <<'SQL'
select a.slug from article a
where a.status in ('published', 'scheduled') and a.published_at <= now()
  and (a.embargoed_until is null or a.embargoed_until <= now())
  and (a.expires_at is null or a.expires_at > now())
order by md5(:'rank_seed' || a.slug), a.slug;
SQL
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

# The cursor at the head of the change feed: follow `next` with limit=1000 until a page comes back empty.
head_cursor() {
    local cursor="" page count pages=0
    while :; do
        page=$(curl -s --max-time 30 -H "Authorization: Bearer $BENCH_KEY" \
            "$BASE_URL/api/v1/changes?limit=1000${cursor:+&cursor=$cursor}") || return 1
        count=$(jq -r '.items | length' <<<"$page") || return 1
        cursor=$(jq -r '.next // empty | @uri' <<<"$page")
        [[ -n $cursor ]] || return 1
        ((count > 0)) || break
        ((++pages < 10000)) || return 1
    done
    echo "$cursor"
}

# pgbench needs the exact SQL of a cache-miss article GET, in $ARTICLE_READ_SQL with one JDBC `?` for the slug.
# Turns it into a pgbench script that draws a public slug per transaction from the table bench_slug. Returns 1
# (with PGBENCH_SKIPPED set) when that cannot be done.
prepare_pgbench() {
    PGBENCH_SKIPPED=""
    if [[ ! -f $ARTICLE_READ_SQL ]]; then
        PGBENCH_SKIPPED="${ARTICLE_READ_SQL#"$REPO_DIR"/} does not exist yet"
        return 1
    fi
    if ! pgbench_works; then
        PGBENCH_SKIPPED="pgbench is not installed"
        return 1
    fi
    local sql placeholders n
    # Without its -- comments (which may mention a '?'), outside string literals.
    sql=$(awk '{ out = ""; quoted = 0
                 for (i = 1; i <= length($0); i++) {
                     c = substr($0, i, 1)
                     if (c == "\047") quoted = !quoted
                     else if (!quoted && c == "-" && substr($0, i + 1, 1) == "-") break
                     out = out c
                 }
                 sub(/[ \t]+$/, "", out)
                 if (out != "") print out }' "$ARTICLE_READ_SQL")
    sql=${sql//\?\?/$'\x01'}                 # JDBC writes a literal ? (a jsonb operator) as ??
    placeholders=${sql//[^?]/}
    if ((${#placeholders} != 1)); then
        PGBENCH_SKIPPED="${ARTICLE_READ_SQL#"$REPO_DIR"/} has ${#placeholders} ? placeholders, expected exactly 1"
        return 1
    fi
    n=$(wc -l <"$PUBLIC_SLUGS")
    psql_run <<'SQL'
set client_min_messages = warning;
create table if not exists bench_slug (n int primary key, slug text not null);
truncate bench_slug;
SQL
    awk '{ print NR "\t" $0 }' "$PUBLIC_SLUGS" | psql_run -c '\copy bench_slug (n, slug) from stdin'
    psql_run -c 'analyze bench_slug'
    sql=${sql/\?/(select slug from bench_slug where n = :n)}
    sql=${sql//$'\x01'/?}
    [[ $sql =~ \;[[:space:]]*$ ]] || sql+=";"
    printf '\\set n random(1, %d)\n%s\n' "$n" "$sql" >"$PGBENCH_SCRIPT"
    log "pgbench script from ${ARTICLE_READ_SQL#"$REPO_DIR"/}, slugs from bench_slug ($n rows): $PGBENCH_SCRIPT"
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
# empty) goes with every request. In PATH, {slug} rotates through the 100 slugs in $SLUGS (bench/slugs.lua);
# {zipf} and {uniform} draw from every public slug in $PUBLIC_SLUGS (bench/catalogue.lua). For a STATUS other
# than 200, bench/status.lua counts the responses with any other status (wrk alone would let a 200 pass for a 304).
run_wrk() {
    local duration=$1 path=$2 header=$3 status=$4
    shift 4
    local args=(-t"$THREADS" -c"$CONNECTIONS" -d"$duration" --timeout 10s "$@")
    [[ -z $header ]] || args+=(-H "$header")
    if [[ $path == *'{slug}'* ]]; then
        args+=(-s "$BENCH_DIR/slugs.lua" "$BASE_URL" -- "$SLUGS" "$path")
    elif [[ $path == *'{zipf}'* ]]; then
        args+=(-s "$BENCH_DIR/catalogue.lua" "$BASE_URL" -- "$PUBLIC_SLUGS" zipf "$SEED" "${path/\{zipf\}/\{slug\}}")
    elif [[ $path == *'{each}'* ]]; then
        args+=(-s "$BENCH_DIR/catalogue.lua" "$BASE_URL" -- "$PUBLIC_SLUGS" each "$THREADS" "${path/\{each\}/\{slug\}}")
    elif [[ $path == *'{uniform}'* ]]; then
        args+=(-s "$BENCH_DIR/catalogue.lua" "$BASE_URL" -- "$PUBLIC_SLUGS" uniform "$SEED" "${path/\{uniform\}/\{slug\}}")
    elif [[ $status != 200 ]]; then
        args+=(-s "$BENCH_DIR/status.lua" "$BASE_URL$path" -- "$status")
    else
        args+=("$BASE_URL$path")
    fi
    wrk "${args[@]}" 2>&1
}

# run_pgbench DURATION [pgbench options]: the article read SQL with as many clients as wrk has connections.
run_pgbench() {
    local seconds
    seconds=$(duration_seconds "$1")
    shift
    pgbench -n -M prepared -c "$CONNECTIONS" -j "$THREADS" -T "$seconds" -f "$PGBENCH_SCRIPT" "$@" 2>&1
}

# run_row KIND DURATION PATH HEADER STATUS [--latency]: one run of a row with its tool; prints the tool's output.
run_row() {
    local kind=$1
    shift
    if [[ $kind == pgbench ]]; then
        local duration=$1
        shift 4
        if [[ ${1:-} == --latency ]]; then
            rm -f "$RUN_DIR"/pgbench-log.*
            run_pgbench "$duration" -l --log-prefix="$RUN_DIR/pgbench-log"
        else
            run_pgbench "$duration"
        fi
    else
        run_wrk "$@"
    fi
}

# throughput KIND OUTPUT: requests/s (wrk) or transactions/s (pgbench) from a tool's output; empty when absent.
throughput() {
    if [[ $1 == pgbench ]]; then
        awk '/^tps = / { printf "%.0f", $3; exit }' <<<"$2"
    else
        awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<<"$2"
    fi
}

# agree A B: true when the two throughputs are within SETTLE_PERCENT of the larger one (two zeros agree).
agree() {
    awk -v a="$1" -v b="$2" -v p="$SETTLE_PERCENT" \
        'BEGIN { m = (a > b) ? a : b; d = a - b; if (d < 0) d = -d; exit !(m == 0 || d <= p / 100 * m) }'
}

# The service's GC time, sampled every 250 ms for the whole run by one jstat (jstat -gcutil -t PID 250): its
# lines carry the service's uptime (Timestamp) and its total GC time GCT (young, full and concurrent), in
# seconds. One jstat for the run instead of two per row: starting a JVM twice per row cost seconds on a busy
# machine.
start_gc_monitor() {
    [[ -n $JSTAT && -n $SERVICE_PID ]] || return 0
    GC_LOG="$RUN_DIR/gc.log"
    "$JSTAT" -gcutil -t "$SERVICE_PID" 250 >"$GC_LOG" 2>&1 &
    GC_MONITOR_PID=$!
}

stop_gc_monitor() {
    [[ -n ${GC_MONITOR_PID:-} ]] || return 0
    kill "$GC_MONITOR_PID" 2>/dev/null || true
    wait "$GC_MONITOR_PID" 2>/dev/null || true
    GC_MONITOR_PID=
}

# The service's total GC time in seconds from the newest jstat line, taken 300 ms from now (so that it was
# sampled after what came before); empty without jstat.
gc_seconds() {
    [[ -n $GC_MONITOR_PID ]] && kill -0 "$GC_MONITOR_PID" 2>/dev/null || return 0
    sleep 0.3
    awk 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "GCT") c = i; next } c && NF >= c { v = $c } END { print v }' "$GC_LOG"
}

# add_row NAME KIND ROLE TWIN RPS P50 P99 P999 ERRORS GC WARMUPS SETTLED NOTE TARGET CANONICAL: one line of
# rows.tsv for bench/Report.java (tabs and newlines in the note become spaces).
add_row() {
    local fields=("$@")
    fields[12]=$(tr '\t\n' '  ' <<<"${fields[12]}" | sed 's/ *$//')
    (IFS=$'\t'; echo "${fields[*]}") >>"$RUN_DIR/rows.tsv"
}

raw_output() { printf '\n### %s\n\n```\n%s\n```\n' "$1" "$2" >>"$RUN_DIR/raw.md"; }

# measure_row SPEC CANONICAL: warm the row up until two runs in a row agree within SETTLE_PERCENT (at most
# MAX_WARMUPS runs), then measure it for DURATION and record it, with the share of that time the service spent
# in GC. SPEC is "name|path|header|status|role|twin|kind".
measure_row() {
    local name path header expect role twin kind
    IFS='|' read -r name path header expect role twin kind <<<"$1"
    local canonical=$2 curl_args=() status="" sample_path note="" out rps prev="" runs=0 settled=no history=()
    if [[ $header == *'@etag' ]]; then
        local current_etag
        current_etag=$(response_header "$path" ETag)
        [[ -n $current_etag ]] || die "GET $path sent no ETag"
        header=${header/@etag/$current_etag}
    fi
    if [[ $kind != pgbench ]]; then
        [[ -z $header ]] || curl_args=(-H "$header")
        sample_path=${path/\{slug\}/$FIRST_SLUG}
        sample_path=${sample_path/\{zipf\}/$FIRST_SLUG}
        sample_path=${sample_path/\{uniform\}/$FIRST_SLUG}
        status=$(http_status "$sample_path" "${curl_args[@]}")
        log "$name: GET $path${header:+ with ${header%%:*}} (sample request: HTTP $status)"
    else
        log "$name: pgbench -M prepared -c $CONNECTIONS -j $THREADS -f ${PGBENCH_SCRIPT#"$REPO_DIR"/}"
    fi
    while ((runs < MAX_WARMUPS)); do
        out=$(run_row "$kind" "$WARMUP" "$path" "$header" "$expect") || true
        rps=$(throughput "$kind" "$out")
        rps=${rps:-0}
        history+=("$rps")
        runs=$((runs + 1))
        if [[ -n $prev ]] && agree "$prev" "$rps"; then
            settled=yes
            break
        fi
        prev=$rps
    done
    log "  warm-up runs of $WARMUP: ${history[*]} per s; $([[ $settled == yes ]] && echo "settled after $runs" || echo "NOT settled after $runs")"
    local gc_before gc_after gc="" seconds
    seconds=$(duration_seconds "$DURATION")
    [[ $kind == pgbench ]] || gc_before=$(gc_seconds)
    if ! out=$(run_row "$kind" "$DURATION" "$path" "$header" "$expect" --latency); then
        log "  the measured run failed: $out"
        raw_output "$name" "$out"
        add_row "$name" "$kind" "$role" "$twin" "" "" "" "" 0 "" "$runs" "$settled" \
            "the measured run failed (see the raw output)" "" "$canonical"
        return 0
    fi
    [[ $kind == pgbench ]] || gc_after=$(gc_seconds)
    if [[ -n ${gc_before:-} && -n ${gc_after:-} ]]; then
        gc=$(awk -v a="$gc_before" -v b="$gc_after" -v s="$seconds" 'BEGIN { printf "%.2f", 100 * (b - a) / s }')
    fi
    raw_output "$name" "warm-up runs of $WARMUP: ${history[*]} per s (settled: $settled)"$'\n\n'"$out"
    rps=$(throughput "$kind" "$out")
    local p50="" p99="" errors=0
    if [[ $kind == pgbench ]]; then
        local failed aborted
        if compgen -G "$RUN_DIR/pgbench-log.*" >/dev/null; then
            read -r p50 p99 < <(cat "$RUN_DIR"/pgbench-log.* | awk '{ print $3 }' | sort -n \
                | awk '{ v[NR] = $1 } END { if (NR) { i = int(0.5 * NR + 0.999999); j = int(0.99 * NR + 0.999999)
                                                       printf "%.2f %.2f\n", v[i] / 1000, v[j] / 1000 } }')
            rm -f "$RUN_DIR"/pgbench-log.*
        fi
        failed=$(awk '/^number of failed transactions:/ { print $5; exit }' <<<"$out")
        aborted=$(grep -c 'aborted' <<<"$out" || true)
        errors=$((${failed:-0} + aborted))
        ((errors == 0)) || note="$failed failed transactions, $aborted aborted clients (see the raw output)"
        [[ -n $rps ]] || note="pgbench printed no tps (see the raw output)"
    else
        local non2xx sockerr unexpected
        p50=$(awk '$1 == "50%" { print $2 }' <<<"$out" | to_ms)
        p99=$(awk '$1 == "99%" { print $2 }' <<<"$out" | to_ms)
        # wrk prints these two lines only when the count is not zero.
        non2xx=$(awk -F': *' '/Non-2xx or 3xx responses/ { print $2 }' <<<"$out")
        sockerr=$(awk '/Socket errors:/ { gsub(/[^0-9 ]/, " "); s = 0; for (j = 1; j <= NF; j++) s += $j; print s }' <<<"$out")
        # Only bench/status.lua prints this line (rows that expect another status than 200).
        unexpected=$(awk '/^Unexpected statuses:/ { print $3 }' <<<"$out")
        errors=$((${non2xx:-0} + ${sockerr:-0} + ${unexpected:-0}))
        if ((errors > 0)) || [[ $status != "$expect" ]]; then
            note="${non2xx:-0} non-2xx/3xx responses, ${sockerr:-0} socket errors and ${unexpected:-0} responses other than $expect; a single GET $sample_path${header:+ with ${header%%:*}} before the run answered HTTP $status (expected $expect)."
        fi
        [[ -n $rps ]] || note="wrk printed no requests/s (see the raw output)"
    fi
    if [[ $rps == 0 ]]; then
        p50="" p99=""
        note="${note:+$note }No request was answered during the measured run."
    fi
    [[ $settled == yes ]] || note="${note:+$note }Warm-up runs never agreed within $SETTLE_PERCENT % (${history[*]} per s): not at steady state."
    log "  measured $DURATION: ${rps:-?} per s, p50 ${p50:-?} ms, p99 ${p99:-?} ms, $errors errors, GC ${gc:--} %"
    add_row "$name" "$kind" "$role" "$twin" "$rps" "$p50" "$p99" "" "$errors" "$gc" "$runs" "$settled" \
        "$note" "" "$canonical"
}

# measure_open PERCENT ZIPF_RPS CANONICAL: the Zipf article GET at PERCENT % of ZIPF_RPS, an open model
# (bench/OpenLoad.java): a warm-up of WARMUP at that rate, then DURATION measured.
measure_open() {
    local percent=$1 max=$2 canonical=$3 rate out name note=""
    rate=$(awk -v m="$max" -v p="$percent" 'BEGIN { printf "%.0f", m * p / 100 }')
    name="article by slug, Zipf, open model at $percent %"
    ((rate > 0)) || { log "$name: no rate (the Zipf row measured 0 requests/s)"; return 0; }
    log "$name: $rate requests/s for $WARMUP (not recorded) then $DURATION, at most $OPEN_CONNECTIONS connections"
    out=$(java -XX:+UseSerialGC -Xmx512m "$BENCH_DIR/OpenLoad.java" --url "$BASE_URL" --slugs "$PUBLIC_SLUGS" \
        --mode zipf --rate "$rate" --duration "$(duration_seconds "$DURATION")" \
        --warmup "$(duration_seconds "$WARMUP")" --connections "$OPEN_CONNECTIONS" --seed "$SEED" --timeout 10 \
        ${GC_LOG:+--gc-log "$GC_LOG"} 2>&1) || true
    raw_output "$name" "$out"
    value() { awk -F= -v k="$1" '$1 == k { sub(/^[^=]*=/, ""); print; exit }' <<<"$out"; }
    local achieved errors late first_error
    achieved=$(value achieved_rate)
    errors=$(value errors)
    late=$(value late_p99_ms)
    first_error=$(value first_error)
    if [[ -z $achieved ]]; then
        note="OpenLoad failed (see the raw output)"
    else
        ((${errors:-0} == 0)) || note="$errors requests failed (first: $first_error)."
        if awk -v a="$achieved" -v r="$rate" 'BEGIN { exit !(a < 0.95 * r) }'; then
            note="${note:+$note }Achieved only $achieved of $rate requests/s: the server (or the generator) could not keep up; the latencies include that queue."
        fi
        note="${note:+$note }Sending lag p99 (waiting for a free connection or a late scheduler): ${late:-?} ms; max latency $(value max_ms) ms."
    fi
    log "  achieved ${achieved:-?} per s, p50 $(value p50_ms) ms, p99 $(value p99_ms) ms, p99.9 $(value p999_ms) ms, ${errors:-?} errors"
    add_row "$name" open open "" "$achieved" "$(value p50_ms)" "$(value p99_ms)" "$(value p999_ms)" "${errors:-0}" \
        "$(value gc_percent)" "" "-" "$note" "$rate" "$canonical"
}

# Server-side sockets of the service in state ESTABLISHED, from /proc/net/tcp and tcp6 (the JVM listens on an
# IPv6 socket that also takes IPv4 connections).
established() {
    cat /proc/net/tcp /proc/net/tcp6 2>/dev/null \
        | awk -v port="$(printf ':%04X' "$HTTP_PORT")" '$2 ~ port "$" && $4 == "01" { n++ } END { print n + 0 }'
}

# start_polls CURSOR SECONDS: POLLS long polls on the change feed with a second wrk, in the background, each
# connection waiting POLL_WAIT s for a change that does not come (then asking again).
start_polls() {
    local cursor=$1 seconds=$2 need
    need=$((POLLS + CONNECTIONS + 256))
    log "Parking $POLLS long polls (GET /api/v1/changes?cursor=<head>&wait=$POLL_WAIT with the bench key) for up to ${seconds}s"
    # shellcheck disable=SC2016
    (ulimit -n "$need" 2>/dev/null || ulimit -n "$(ulimit -Hn)"
     exec wrk -t"$THREADS" -c"$POLLS" -d"${seconds}s" --timeout $((POLL_WAIT + 10))s \
         -s "$BENCH_DIR/poll.lua" "$BASE_URL" -- "$BENCH_KEY" "$cursor" "$POLL_WAIT") >"$RUN_DIR/polls.out" 2>&1 &
    POLL_PID=$!
    local deadline=$((SECONDS + 30)) now
    while (((now = $(established)) < POLLS)); do
        kill -0 "$POLL_PID" 2>/dev/null || { log "the polling wrk exited: $(cat "$RUN_DIR/polls.out")"; return 1; }
        ((SECONDS < deadline)) || { log "only $now of $POLLS poll connections established after 30 s"; break; }
        sleep 0.5
    done
    sleep 2                                  # let the last requests reach the service
    log "  $(established) connections open to the service"
}

stop_polls() {
    [[ -n ${POLL_PID:-} ]] || return 0
    kill -INT "$POLL_PID" 2>/dev/null || true
    wait "$POLL_PID" 2>/dev/null || true
    POLL_PID=
}

# Shuffles the numbers 0..N-1 with a seeded generator; prints one per line.
shuffled() {
    awk -v n="$1" -v seed="$2" 'BEGIN { srand(seed); for (i = 0; i < n; i++) a[i] = i
        for (i = n - 1; i > 0; i--) { j = int(rand() * (i + 1)); t = a[i]; a[i] = a[j]; a[j] = t }
        for (i = 0; i < n; i++) print a[i] }'
}

meta() { printf '%s\t%s\n' "$1" "$2" >>"$RUN_DIR/meta.tsv"; }

main() {
    parse_args "$@"
    ensure_tools
    ensure_jar
    configure_database
    trap stop_service EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    rm -rf "$RUN_DIR"
    mkdir -p "$RUN_DIR"
    log "Seed $SEED (row order and slugs drawn; run again with --seed $SEED for the same ones)"
    start_service
    local before after
    before=$(db_fingerprint)
    seed
    seed_key
    seed_comments
    seed_changes
    after=$(db_fingerprint)
    # Time to ready is measured on an existing, seeded database: restart when this start was the one that
    # created or filled it.
    if [[ $before != "$after" ]]; then
        log "Restarting the service to time a start on the seeded database"
        stop_service
        start_service
    fi
    local ready_seconds=$READY_SECONDS quarkus_started
    start_gc_monitor
    quarkus_started=$(grep -o 'started in [0-9.]*s' "$SERVICE_LOG" | tail -n 1 | grep -o '[0-9.]*[0-9]' || true)

    # ~100 published slugs for the by-slug endpoints, and some numbers for the report. Only articles
    # that may be syndicated, so that the ninjs row measures documents, not 404s.
    psql_run -At -c "select a.slug from article a join source s on s.id = a.source_id
                     where a.status = 'published' and a.published_at <= now()
                       and coalesce(a.syndicatable, s.syndicatable)
                     order by random() limit 100" >"$SLUGS"
    dump_public_slugs
    local total visible matches sources slug_count public_count
    total=$(psql_run -At -c 'select count(*) from article')
    visible=$(psql_run -At -c "select count(*) from article
                               where status in ('published', 'scheduled') and published_at <= now()")
    matches=$(psql_run -At -v word="$SEARCH_WORD" \
        <<<"select count(*) from article where search @@ websearch_to_tsquery('english', :'word');")
    sources=$(psql_run -At -c 'select count(*) from source')
    slug_count=$(wc -l <"$SLUGS")
    public_count=$(wc -l <"$PUBLIC_SLUGS")
    ((slug_count > 0 && public_count > 0)) || die "no published article to request by slug"
    log "Slugs: $slug_count for the rotating rows, $public_count public ones in ${PUBLIC_SLUGS#"$REPO_DIR"/} for the Zipf and uniform rows"

    # The 304 row revalidates one article with the ETag it has now (nothing changes it during a run).
    local etag auth
    FIRST_SLUG=$(head -n 1 "$SLUGS")
    check_access "/api/v1/articles/$FIRST_SLUG"
    etag=$(response_header "/api/v1/articles/$FIRST_SLUG" ETag)
    [[ -n $etag ]] || die "GET /api/v1/articles/$FIRST_SLUG sent no ETag"
    auth="Authorization: Bearer $BENCH_KEY"

    # One row per line: name | path | request header (or nothing) | status every response must have | role
    # (for the ratios: trivial, single, zipf, uniform, pgbench) | twin (a keyed row's anonymous twin) | kind.
    local uniform_name="article by slug, uniform"
    local specs=(
        "health (trivial)|/q/health/live||200|trivial||wrk"
        "article by slug|/api/v1/articles/{slug}||200|single||wrk"
        "article by slug, Zipf|/api/v1/articles/{zipf}||200|zipf||wrk"
        "$uniform_name|/api/v1/articles/{uniform}||200|uniform||wrk"
        "article by slug + key|/api/v1/articles/{slug}|$auth|200||article by slug|wrk"
        "article by slug, 304|/api/v1/articles/$FIRST_SLUG|If-None-Match: $etag|304|||wrk"
        "list|/api/v1/articles?limit=20||200|||wrk"
        "list + key|/api/v1/articles?limit=20|$auth|200||list|wrk"
        "list section=world|/api/v1/articles?section=world&limit=20||200|||wrk"
        "search q=$SEARCH_WORD|/api/v1/articles?q=$SEARCH_WORD&limit=20||200|||wrk"
    )
    local thread_count busiest deep
    thread_count=$(psql_run -At -c "select count(*) from comment c join article a on a.id = c.article_id
                                    where a.slug = 'bench-comment-thread'")
    busiest=$(psql_run -At -c "select c.id from comment c join article a on a.id = c.article_id
                               where a.slug = 'bench-comment-thread' and c.depth = 0 and c.status = 'approved'
                               order by c.reply_count desc limit 1")
    deep=$(deep_cursor)
    # The comment thread rows compare against the same article's single GET.
    specs+=(
        "thread article (single GET)|/api/v1/articles/bench-comment-thread||200|||wrk"
        "thread first page|/api/v1/articles/bench-comment-thread/comments?limit=20||200|||wrk"
        "thread page 101 (cursor)|/api/v1/articles/bench-comment-thread/comments?limit=20&cursor=$deep||200|||wrk"
        "replies of busiest thread|/api/v1/comments/$busiest/replies?limit=20||200|||wrk"
    )
    # Syndication: the three feed formats (the default 50 items), full text for a partner, a feed
    # revalidated with its ETag, ninjs, and a page of the change feed; compare with "article by slug".
    # The feed's ETag is read just before its row ("@etag"): a scheduled article falling due earlier in
    # the run would have changed it.
    specs+=(
        "feed RSS|/feeds/rss.xml||200|||wrk"
        "feed Atom|/feeds/atom.xml||200|||wrk"
        "feed JSON Feed|/feeds/feed.json||200|||wrk"
        "feed Atom + key (full text)|/feeds/atom.xml|$auth|200|||wrk"
        "feed section=world RSS|/feeds/sections/world/rss.xml||200|||wrk"
        "feed RSS, 304|/feeds/rss.xml|If-None-Match: @etag|304|||wrk"
        "article by slug as ninjs|/api/v1/articles/{slug}/ninjs||200|||wrk"
        "change feed, 100 changes + key|/api/v1/changes?limit=100|$auth|200|||wrk"
    )
    # The database ceiling: the SQL of a cache-miss article GET, straight through pgbench.
    local pgbench_name="pgbench: article read SQL (database ceiling)"
    if prepare_pgbench; then
        specs+=("$pgbench_name|-||-|pgbench||pgbench")
    else
        log "Skipping the pgbench row: $PGBENCH_SKIPPED"
    fi
    local polls_name="$uniform_name, $POLLS polls parked"
    local run_polls=false run_open=false
    if ((POLLS > 0)) && { [[ -z $ONLY ]] || grep -Eq -- "$ONLY" <<<"$polls_name"; }; then run_polls=true; fi
    if [[ -n $OPEN_PERCENTS ]] && { [[ -z $ONLY ]] || grep -Eq -- "$ONLY" <<<"article by slug, Zipf, open model at"; }; then
        run_open=true
    fi
    # --only: keep the two baselines (the trivial endpoint and article by slug), the matching rows, and the
    # rows the polls and open-model rows are compared with.
    if [[ -n $ONLY ]]; then
        local kept=() spec role
        for spec in "${specs[@]}"; do
            IFS='|' read -r _ _ _ _ role _ _ <<<"$spec"
            if [[ $role == trivial || $role == single ]] || grep -Eq -- "$ONLY" <<<"${spec%%|*}" \
                || { $run_polls && [[ $role == uniform ]]; } || { $run_open && [[ $role == zipf ]]; }; then
                kept+=("$spec")
            fi
        done
        specs=("${kept[@]}")
    fi
    # Random order: a row measured early or late (the JIT still compiling, the disk cache still filling) must
    # not always be the same one. The open-model rows need the Zipf row's throughput, so they come after; the
    # polls row comes last, because the service may hold parked requests for up to $POLL_WAIT s after it.
    local order=() i n=0
    mapfile -t order < <(shuffled "${#specs[@]}" "$SEED")
    local order_text=""
    for i in "${order[@]}"; do
        n=$((n + 1))
        order_text+="${order_text:+; }$n. ${specs[$i]%%|*}"
    done
    $run_open && order_text+="; then the open-model rows"
    $run_polls && order_text+="; then $polls_name"
    log "Row order (seed $SEED): $order_text"

    # A warm-up pass over every wrk row before any is measured. The JIT compiles the code paths the rows share
    # (Hibernate, Jackson, the filters) while it runs; without it the rows measured first came out up to 2x
    # slower than the same request measured again after the others (article by slug: 973 then ~1 380
    # req/s), which skewed every ratio to them.
    log "Warm-up pass: every wrk row for $WARMUP before measuring"
    local wpath wheader wexpect wkind
    for i in "${order[@]}"; do
        IFS="|" read -r _ wpath wheader wexpect _ _ wkind <<<"${specs[$i]}"
        [[ $wkind == wrk ]] || continue
        [[ $wheader != *'@etag' ]] || wheader="If-None-Match: $(response_header "$wpath" ETag)"
        run_wrk "$WARMUP" "$wpath" "$wheader" "$wexpect" >/dev/null 2>&1 || true
    done
    # A catalogue that has been read for a while has its renditions stored (V18, StoredRenditions): read every
    # public article once, so that the uniform row and pgbench meet the state they meet in production, whatever
    # the row order. One short run gives the rate; the second runs long enough to go through every slug.
    local public_count fill_rate fill_seconds
    public_count=$(wc -l <"$PUBLIC_SLUGS")
    fill_rate=$(run_wrk 5s '/api/v1/articles/{each}' "" 200 | awk '/^Requests\/sec/ { printf "%d", $2 }')
    if ((${fill_rate:-0} > 0)); then
        fill_seconds=$((public_count / fill_rate + 2))
        ((fill_seconds <= MAX_RUN_SECONDS)) || fill_seconds=$MAX_RUN_SECONDS
        log "Reading all $public_count public articles once (${fill_seconds}s at ~$fill_rate/s), so that their renditions are stored"
        run_wrk "${fill_seconds}s" '/api/v1/articles/{each}' "" 200 >/dev/null 2>&1 || true
        log "Stored renditions: $(psql_run -At -c 'select count(*) from article_rendition' 2>/dev/null || echo unknown)"
    fi
    # Other work on this 2-core machine skews every number: record how busy it was.
    local load
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    log "Load average before measuring: $load"
    local measure_started=$SECONDS
    for i in "${order[@]}"; do
        measure_row "${specs[$i]}" "$i"
    done

    local canonical=${#specs[@]}
    if $run_open; then
        local zipf_line zipf_rps="" pct
        zipf_line=$(awk -F'\t' '$3 == "zipf"' "$RUN_DIR/rows.tsv")
        [[ -z $zipf_line ]] || zipf_rps=$(cut -f5 <<<"$zipf_line")
        if [[ -z $zipf_rps || $(cut -f9 <<<"$zipf_line") != 0 ]]; then
            log "Skipping the open-model rows: the Zipf row failed or had errors"
            meta open_skipped "the Zipf row failed or had errors"
        else
            for pct in ${OPEN_PERCENTS//,/ }; do
                measure_open "$pct" "$zipf_rps" "$canonical"
                canonical=$((canonical + 1))
            done
        fi
    fi

    if $run_polls; then
        local cursor warm_seconds
        log "Finding the head of the change feed (pages of 1000)"
        if ! cursor=$(head_cursor); then
            log "Skipping the polls row: could not follow the change feed to its head"
            meta polls_skipped "could not follow the change feed to its head"
        else
            warm_seconds=$(duration_seconds "$WARMUP")
            POLL_NOTE=""
            if start_polls "$cursor" $((40 + MAX_WARMUPS * (warm_seconds + 2) + $(duration_seconds "$DURATION") + 20)); then
                measure_row "$polls_name|/api/v1/articles/{uniform}||200|polls|$uniform_name|wrk" "$canonical"
            fi
            stop_polls
            raw_output "parked long polls (the second wrk)" "$(cat "$RUN_DIR/polls.out")"
            POLL_NOTE=$(sed -n 's/^Polls: //p' "$RUN_DIR/polls.out")
            log "  ${POLL_NOTE:-the polling wrk printed no summary}"
            if [[ $POLL_NOTE =~ ([0-9]+)\ with\ changes,\ ([0-9]+)\ other ]] \
                && ((BASH_REMATCH[1] > 0 || BASH_REMATCH[2] > 0)); then
                POLL_NOTE="$POLL_NOTE: some polls did not stay parked."
            fi
            # The note goes on the row already written: rewrite its 13th field.
            if [[ -n $POLL_NOTE ]]; then
                awk -F'\t' -v OFS='\t' -v role=polls -v note="$POLL_NOTE" \
                    '$3 == role { $13 = ($13 == "" ? "" : $13 " ") "The parked polls: " note } { print }' \
                    "$RUN_DIR/rows.tsv" >"$RUN_DIR/rows.tmp" && mv "$RUN_DIR/rows.tmp" "$RUN_DIR/rows.tsv"
            fi
        fi
    elif ((POLLS == 0)); then
        meta polls_skipped "--polls 0"
    fi
    local measured_seconds=$((SECONDS - measure_started))

    local stamp commit dirty=false
    stamp=$(date -u +%Y%m%dT%H%M%SZ)
    commit=$(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)
    [[ -z $(git -C "$REPO_DIR" status --porcelain --untracked-files=no 2>/dev/null) ]] || dirty=true
    local java_version database
    java_version=$(java -version 2>&1 | head -n 1)
    if $EXTERNAL_DB; then database="external PostgreSQL at $PGHOST:$PGPORT/$PGDATABASE"
    else database="embedded PostgreSQL, data in bench/.data/pg"; fi
    meta stamp "$stamp"
    meta commit "$commit"
    meta uncommitted_changes "$dirty"
    meta cpus "$(nproc)"
    meta load_before "$load"
    meta java "$java_version"
    meta service_java_options "$JAVA_OPTS"
    meta database "$database"
    meta articles "$total"
    meta public_articles "$public_count"
    meta seed "$SEED"
    meta row_order "$order_text"
    meta duration "$DURATION"
    meta warmup "$WARMUP"
    meta max_warmups "$MAX_WARMUPS"
    meta settle_percent "$SETTLE_PERCENT"
    meta connections "$CONNECTIONS"
    meta threads "$THREADS"
    meta polls "$POLLS"
    meta open_connections "$OPEN_CONNECTIONS"
    meta ready_seconds "$ready_seconds"
    [[ -z $quarkus_started ]] || meta quarkus_started_seconds "$quarkus_started"
    [[ -z ${PGBENCH_SKIPPED:-} ]] || meta pgbench_skipped "$PGBENCH_SKIPPED"
    meta measuring_seconds "$measured_seconds"
    {
        echo "- Commit: $commit$($dirty && echo " with uncommitted changes")"
        echo "- Machine: $(nproc) CPUs, load average $load before measuring; $java_version; service JVM options: $JAVA_OPTS"
        echo "- Database: $database"
        echo "- Time to ready: $ready_seconds s from launching the JVM to the first 200 of /q/health/ready, on the existing database${quarkus_started:+ (the Quarkus log says: started in $quarkus_started s)}"
        echo "- Comment thread: $thread_count comments on one article (3 000 top-level, depths 1-6); pages of 20 top-level comments with 3 replies each"
        echo "- Catalogue: $total articles ($visible published, $public_count public), $sources sources; \"$SEARCH_WORD\" matches $matches articles"
        echo "- By-slug rows: \"article by slug\" (and + key, ninjs) rotate through $slug_count slugs; \"Zipf\" draws every public slug with P(rank k) ∝ 1/k (ranks fixed by md5('$RANK_SEED' || slug)); \"uniform\" draws every public slug alike"
        echo "- Order: seed $SEED; $order_text"
        echo "- Steady state: warm-up runs of $WARMUP until two in a row agree within $SETTLE_PERCENT % (at most $MAX_WARMUPS), after one warm-up pass over every wrk row; then $DURATION measured"
        echo "- wrk: -t$THREADS -c$CONNECTIONS --latency against 127.0.0.1:$HTTP_PORT; pgbench: -M prepared -c$CONNECTIONS -j$THREADS, the SQL of ${ARTICLE_READ_SQL#"$REPO_DIR"/} with its ? drawn uniformly from the public slugs$([[ -n ${PGBENCH_SKIPPED:-} ]] && echo " (skipped: $PGBENCH_SKIPPED)")"
        echo "- Open model: bench/OpenLoad.java, at most $OPEN_CONNECTIONS connections, ${OPEN_PERCENTS:-no} % of the Zipf row's requests/s, a $WARMUP warm-up at that rate then $DURATION"
        echo "- Parked polls: $POLLS × GET /api/v1/changes?cursor=<head>&wait=$POLL_WAIT with the bench key, a second wrk -c$POLLS"
        echo "- Rate limits: on, raised to $RATE_LIMIT requests per ${RATE_LIMIT_WINDOW} s for anonymous callers, keys and partners"
        echo "- \"+ key\" rows: Authorization: Bearer ${BENCH_KEY:0:12}_… (the benchmark partner key); \"304\" rows: GET /api/v1/articles/$FIRST_SLUG with If-None-Match: $etag, and /feeds/rss.xml with the ETag it had just before its row"
        echo "- Feeds: the latest 50 articles (the default); change feed: $(psql_run -At -c 'select count(*) from article_change') changes, the first page of 100"
        echo "- Measuring took $measured_seconds s"
    } >"$RUN_DIR/header.md"

    mkdir -p "$RESULTS_DIR"
    echo
    java "$BENCH_DIR/Report.java" "$RUN_DIR" "$RESULTS_DIR/$stamp.md" "$RESULTS_DIR/$stamp.json" \
        || die "bench/Report.java failed; the measurements are in ${RUN_DIR#"$REPO_DIR"/}"
    echo
    log "Report written to bench/results/$stamp.md and bench/results/$stamp.json"
}

main "$@"
