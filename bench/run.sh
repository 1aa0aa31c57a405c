#!/usr/bin/env bash
# Byline benchmark: start the packaged service, seed a catalogue straight through SQL, and measure GET endpoints
# at steady state: with wrk (closed loop), with pgbench (the database ceiling), with bench/OpenLoad.java (latency
# at a fixed arrival rate) and with change-feed long polls parked. Prints markdown tables and writes
# bench/results/<timestamp>.md and .json. See bench/README.md for what it measures and how to read it.
# This script prepares (tools, build, service, database, slugs); bench/Measure.java runs the rows and
# bench/Report.java writes the report.
#
# Usage: bench/run.sh [options]
#   --build             rebuild target/quarkus-app first (it is only built when missing otherwise)
#   --install           install missing tools (psql, pgbench, wrk, curl, jq) with apt-get; without it, the
#                       script names what is missing and stops (pgbench alone missing: its row is skipped)
#   --fresh             delete the embedded database in bench/.data/pg and seed again from scratch
#   --no-cds            skip the second ready time (a start with a class-data archive recorded by a start before)
#   --articles N        articles in the catalogue (default 100000); seeding tops up to N
#   --duration D        measured run per row (default 15s)
#   --warmup D          one short warm-up run per row (default 5s); runs repeat until two in a row agree
#   --max-warmups K     at most K warm-up runs per row (default 6; at least 2)
#   --zipf-max-warmups K  at most K warm-up runs for the Zipf row, whose cache fills slowly (default 10; the
#                       larger of this and --max-warmups applies)
#   --connections C     wrk connections and pgbench clients (default 16)
#   --threads T         wrk threads and pgbench threads (default 2)
#   --seed N            seed for the order of the rows and the slugs drawn (default: a random one, printed)
#   --polls N           change-feed long polls parked for the polls row (default 5000; 0 skips the row)
#   --open PCTS         open-model rows at these percentages of the Zipf row's throughput (default 50,80;
#                       0 skips them)
#   --open-connections C  connections of the open-model generator (default 64)
#   --search WORD       word for the search endpoint (default election)
#   --only REGEX        measure only the rows whose name matches (a regular expression, as grep -E finds
#                       it), besides their baselines
#   -h, --help          this text
# Environment: QUARKUS_HTTP_PORT (default 8089), BYLINE_EMBEDDED_POSTGRES_PORT (default 54329),
#   BENCH_JAVA_OPTS (default -Xmx256m -Xmn96m), BENCH_ARTICLE_READ_SQL (default
#   src/main/resources/db/queries/article-read.sql), QUARKUS_DATASOURCE_JDBC_URL/USERNAME/PASSWORD for an
#   external PostgreSQL instead of the embedded one.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$BENCH_DIR")
DATA_DIR="$BENCH_DIR/.data"              # gitignored (bench/.gitignore)
RUN_DIR="$DATA_DIR/run"                  # this run's measurements, written by Measure.java, read by Report.java
RESULTS_DIR="$BENCH_DIR/results"         # gitignored (root .gitignore)
JAR="$REPO_DIR/target/quarkus-app/quarkus-run.jar"
CDS_ARCHIVE="$DATA_DIR/byline.jsa"        # the class-data archive of the second ready time (made each run)
ARTICLE_READ_SQL=${BENCH_ARTICLE_READ_SQL:-$REPO_DIR/src/main/resources/db/queries/article-read.sql}
SLUGS="$DATA_DIR/slugs.txt"              # 100 syndicatable slugs, for the rows that rotate through them
PUBLIC_SLUGS="$DATA_DIR/public-slugs.txt" # every public slug, in Zipf rank order

ARTICLES=100000
DURATION=15s
WARMUP=5s
MAX_WARMUPS=6
ZIPF_MAX_WARMUPS=10                      # from a cold cache the Zipf row needed more than 6 runs to settle
CONNECTIONS=16
THREADS=2
SEED=""
POLLS=5000
OPEN_PERCENTS=50,80
OPEN_CONNECTIONS=64
SEARCH_WORD=election
ONLY=""
BUILD=false
INSTALL=false
FRESH=false
NO_CDS=false
HTTP_PORT=${QUARKUS_HTTP_PORT:-8089}
PG_PORT=${BYLINE_EMBEDDED_POSTGRES_PORT:-54329}
JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx256m -Xmn96m}
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
MEASURE_PID=
EXTERNAL_DB=false
READY_SECONDS=

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }

# check_duration OPTION VALUE: a wrk duration (a number with an optional s/m/h unit) of at most MAX_RUN_SECONDS.
check_duration() {
    [[ $2 =~ ^([1-9][0-9]*)([smh]?)$ ]] || die "bad $1 '$2' (expected e.g. 15s, 2m)"
    local n=${BASH_REMATCH[1]}
    case ${BASH_REMATCH[2]} in m) n=$((n * 60)) ;; h) n=$((n * 3600)) ;; esac
    ((n <= MAX_RUN_SECONDS)) || die "$1 is capped at ${MAX_RUN_SECONDS}s"
}

parse_args() {
    while (($#)); do
        case $1 in
            --build) BUILD=true ;;
            --install) INSTALL=true ;;
            --fresh) FRESH=true ;;
            --no-cds) NO_CDS=true ;;
            --articles) ARTICLES=${2:?--articles needs a number}; shift ;;
            --duration) DURATION=${2:?--duration needs a value}; shift ;;
            --warmup) WARMUP=${2:?--warmup needs a value}; shift ;;
            --max-warmups) MAX_WARMUPS=${2:?--max-warmups needs a number}; shift ;;
            --zipf-max-warmups) ZIPF_MAX_WARMUPS=${2:?--zipf-max-warmups needs a number}; shift ;;
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
    { [[ $MAX_WARMUPS =~ ^[0-9]+$ ]] && ((MAX_WARMUPS >= 2)); } || die "--max-warmups must be 2 or more"
    { [[ $ZIPF_MAX_WARMUPS =~ ^[0-9]+$ ]] && ((ZIPF_MAX_WARMUPS >= 2)); } || die "--zipf-max-warmups must be 2 or more"
    [[ $POLLS =~ ^[0-9]+$ ]] || die "--polls must be a number (0 skips the row)"
    [[ $OPEN_CONNECTIONS =~ ^[1-9][0-9]*$ ]] || die "--open-connections must be a positive number"
    [[ $OPEN_PERCENTS == 0 || $OPEN_PERCENTS =~ ^[1-9][0-9]?(,[1-9][0-9]?)*$ ]] \
        || die "--open takes percentages from 1 to 99 separated by commas (e.g. 50,80), or 0"
    [[ $OPEN_PERCENTS != 0 ]] || OPEN_PERCENTS=""
    if [[ -z $SEED ]]; then SEED=$(((RANDOM * 32768 + RANDOM) % 1000000000)); fi
    { [[ $SEED =~ ^[0-9]+$ ]] && ((SEED < 1000000000)); } || die "--seed must be a number below 1000000000"
    ((CONNECTIONS >= THREADS)) || die "wrk needs at least as many connections as threads"
    [[ $SEARCH_WORD =~ ^[a-z]+$ ]] || die "--search takes one lower-case word"
    [[ $HTTP_PORT =~ ^[0-9]+$ && $PG_PORT =~ ^[0-9]+$ ]] || die "ports must be numbers"
    check_duration --duration "$DURATION"
    check_duration --warmup "$WARMUP"
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

# Starts the service (with the JVM options given, after JAVA_OPTS) and waits until /q/health/ready answers 200,
# looking every 50 ms; READY_SECONDS is the time from launching the JVM to that answer.
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
    log "Starting the service on $BASE_URL (java $JAVA_OPTS${*:+ $*}, rate limits $RATE_LIMIT per ${RATE_LIMIT_WINDOW}s), log in $SERVICE_LOG"
    local started_ns
    started_ns=$(date +%s%N)
    # exec, so that $! is the JVM itself. JAVA_OPTS is split into words on purpose. The open-file limit is
    # raised to the hard limit for the parked long polls (the JVM does so itself on Linux too).
    # shellcheck disable=SC2086
    (cd "$REPO_DIR" && ulimit -n "$(ulimit -Hn)" && exec env "${env_vars[@]}" java $JAVA_OPTS "$@" -jar "$JAR") >"$SERVICE_LOG" 2>&1 &
    SERVICE_PID=$!

    local deadline=$((SECONDS + READY_TIMEOUT))
    until [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$BASE_URL/q/health/ready" || true) == 200 ]]; do
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

# A few reads of each kind, so that the class-data archive also holds the classes the first requests load.
touch_read_paths() {
    local path slug
    slug=$(psql_run -At -c "select slug from article where status = 'published' and published_at <= now() limit 1")
    for path in "/api/v1/articles/$slug" "/api/v1/articles?limit=20" "/api/v1/articles?q=$SEARCH_WORD" \
                "/feeds/rss.xml" "/feeds/atom.xml" "/feeds/feed.json" "/api/v1/sections" "/q/openapi"; do
        curl -s -o /dev/null --max-time 10 "$BASE_URL$path" || true
    done
}

# Measure.java ends its tools (wrk, pgbench, jstat, OpenLoad) itself when it gets SIGTERM.
stop_measure() {
    [[ -n $MEASURE_PID ]] || return 0
    kill -TERM "$MEASURE_PID" 2>/dev/null || true
    wait "$MEASURE_PID" 2>/dev/null || true
    MEASURE_PID=
}

# Runs on every exit, including errors and Ctrl-C. SIGTERM lets Quarkus run its shutdown hooks,
# which also stop the embedded PostgreSQL (a separate process started through pg_ctl).
stop_service() {
    stop_measure
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

# What seeding may change: when it is the same before and after, the first start was on an existing database.
db_fingerprint() {
    psql_run -At -c "select (select count(*) from article) || ',' || (select count(*) from comment) || ','
                            || (select count(*) from article_change) || ',' || (select count(*) from api_key)"
}

# The benchmark key, on every run (the insert does nothing when a key with its prefix already exists); one
# article with 30 000 comments at mixed depths, once; the change feed, one 'published' change per syndicated
# article, once.
seed_key_comments_changes() {
    local started=$SECONDS inserted
    psql_run -v key="$BENCH_KEY" -f "$BENCH_DIR/sql/api_key.sql"
    inserted=$(psql_run -At -f "$BENCH_DIR/sql/comments.sql" | tail -n 1)
    log "Comment thread: $inserted comments seeded ($((SECONDS - started)) s)"
    started=$SECONDS
    psql_run -f "$BENCH_DIR/sql/changes.sql"
    log "Change feed: $(psql_run -At -c 'select count(*) from article_change') changes ($((SECONDS - started)) s)"
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

# pgbench draws the slug of each transaction from the table bench_slug: every public slug, numbered 1..N.
fill_bench_slug() {
    psql_run <<'SQL'
set client_min_messages = warning;
create table if not exists bench_slug (n int primary key, slug text not null);
truncate bench_slug;
SQL
    awk '{ print NR "\t" $0 }' "$PUBLIC_SLUGS" | psql_run -c '\copy bench_slug (n, slug) from stdin'
    psql_run -c 'analyze bench_slug'
}

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
    seed_key_comments_changes
    after=$(db_fingerprint)
    # Time to ready is measured on an existing, seeded database: restart when this start was the one that
    # created or filled it.
    if [[ $before != "$after" ]]; then
        log "Restarting the service to time a start on the seeded database"
        stop_service
        start_service
    fi
    local quarkus_started ready_plain ready_cds=""
    quarkus_started=$(grep -o 'started in [0-9.]*s' "$SERVICE_LOG" | tail -n 1 | grep -o '[0-9.]*[0-9]' || true)
    ready_plain=$READY_SECONDS
    # And with a class-data archive (AppCDS, README "Faster start"): one start records the classes a start and a
    # few reads load (the JVM writes the archive when it exits), the next maps them instead of loading them.
    if [[ $NO_CDS == false ]]; then
        stop_service
        rm -f "$CDS_ARCHIVE"
        start_service -XX:ArchiveClassesAtExit="$CDS_ARCHIVE"
        touch_read_paths
        stop_service
        if [[ -s $CDS_ARCHIVE ]]; then
            start_service -XX:SharedArchiveFile="$CDS_ARCHIVE"
            if grep -q 'Unable to use shared archive' "$SERVICE_LOG"; then
                log "The JVM could not use the class-data archive: no ready time with it"
            else
                ready_cds=$READY_SECONDS
            fi
        else
            log "The JVM wrote no class-data archive: no ready time with it"
            start_service
        fi
    fi

    # ~100 published slugs for the by-slug endpoints, and some numbers for the report. Only articles
    # that may be syndicated, so that the ninjs row measures documents, not 404s.
    psql_run -At -c "select a.slug from article a join source s on s.id = a.source_id
                     where a.status = 'published' and a.published_at <= now()
                       and coalesce(a.syndicatable, s.syndicatable)
                     order by random() limit 100" >"$SLUGS"
    dump_public_slugs
    local total visible matches sources changes thread_count busiest slug_count public_count deep
    IFS='|' read -r total visible matches sources changes thread_count busiest < <(psql_run -At -v word="$SEARCH_WORD" <<'SQL'
select (select count(*) from article),
       (select count(*) from article where status in ('published', 'scheduled') and published_at <= now()),
       (select count(*) from article where search @@ websearch_to_tsquery('english', :'word')),
       (select count(*) from source), (select count(*) from article_change),
       (select count(*) from comment c join article a on a.id = c.article_id where a.slug = 'bench-comment-thread'),
       (select c.id from comment c join article a on a.id = c.article_id
        where a.slug = 'bench-comment-thread' and c.depth = 0 and c.status = 'approved'
        order by c.reply_count desc limit 1);
SQL
    )
    slug_count=$(wc -l <"$SLUGS")
    public_count=$(wc -l <"$PUBLIC_SLUGS")
    ((slug_count > 0 && public_count > 0)) || die "no published article to request by slug"
    log "Slugs: $slug_count for the rotating rows, $public_count public ones in ${PUBLIC_SLUGS#"$REPO_DIR"/} for the Zipf and uniform rows"
    deep=$(deep_cursor)
    local no_pgbench=""
    if ! pgbench_works; then
        no_pgbench="pgbench is not installed"
    elif [[ -f $ARTICLE_READ_SQL ]]; then
        fill_bench_slug
    fi

    local commit dirty=false java_version database
    commit=$(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)
    [[ -z $(git -C "$REPO_DIR" status --porcelain --untracked-files=no 2>/dev/null) ]] || dirty=true
    java_version=$(java -version 2>&1 | head -n 1)
    if $EXTERNAL_DB; then database="external PostgreSQL at $PGHOST:$PGPORT/$PGDATABASE"
    else database="embedded PostgreSQL, data in bench/.data/pg"; fi
    # The facts of the run that Measure.java puts into the report's header, and Report.java into its JSON.
    printf '%s\t%s\n' commit "$commit" uncommitted_changes "$dirty" cpus "$(nproc)" java "$java_version" \
        service_java_options "$JAVA_OPTS" database "$database" ready_seconds "$ready_plain" \
        ${ready_cds:+ready_seconds_cds "$ready_cds"} \
        ${quarkus_started:+quarkus_started_seconds "$quarkus_started"} articles "$total" \
        published_articles "$visible" public_articles "$public_count" sources "$sources" \
        search_matches "$matches" rotating_slugs "$slug_count" rank_seed "$RANK_SEED" \
        thread_comments "$thread_count" changes "$changes" >"$RUN_DIR/meta.tsv"

    # In the background, so that a signal reaches this script's traps (which stop it) at once. The polling wrk
    # it starts holds --polls connections: raise the open-file limit (past the hard limit only as root).
    (ulimit -n $((POLLS + CONNECTIONS + 256)) 2>/dev/null || ulimit -n "$(ulimit -Hn)"
     exec java -XX:+UseSerialGC -Xmx256m "$BENCH_DIR/Measure.java" --run-dir "$RUN_DIR" --bench-dir "$BENCH_DIR" \
        --url "$BASE_URL" --slugs "$SLUGS" --public-slugs "$PUBLIC_SLUGS" --seed "$SEED" --duration "$DURATION" \
        --warmup "$WARMUP" --max-warmups "$MAX_WARMUPS" --zipf-max-warmups "$ZIPF_MAX_WARMUPS" \
        --connections "$CONNECTIONS" --threads "$THREADS" --polls "$POLLS" --open "$OPEN_PERCENTS" \
        --open-connections "$OPEN_CONNECTIONS" --search "$SEARCH_WORD" --only "$ONLY" --key "$BENCH_KEY" \
        --rate-limit "$RATE_LIMIT" --rate-limit-window "$RATE_LIMIT_WINDOW" --deep-cursor "$deep" \
        --busiest-comment "$busiest" --article-read-sql "$ARTICLE_READ_SQL" --no-pgbench "$no_pgbench" \
        --service-pid "$SERVICE_PID") &
    MEASURE_PID=$!
    wait "$MEASURE_PID" || die "bench/Measure.java failed (see above); what it measured is in ${RUN_DIR#"$REPO_DIR"/}"
    MEASURE_PID=

    local stamp
    stamp=$(date -u +%Y%m%dT%H%M%SZ)
    printf 'stamp\t%s\n' "$stamp" >>"$RUN_DIR/meta.tsv"
    mkdir -p "$RESULTS_DIR"
    echo
    java "$BENCH_DIR/Report.java" "$RUN_DIR" "$RESULTS_DIR/$stamp.md" "$RESULTS_DIR/$stamp.json" \
        || die "bench/Report.java failed; the measurements are in ${RUN_DIR#"$REPO_DIR"/}"
    echo
    log "Report written to bench/results/$stamp.md and bench/results/$stamp.json"
}

main "$@"
