import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Measures the rows of the Byline benchmark against a service that bench/run.sh has started and seeded, and writes
 * what it measured for bench/Report.java. Run from source (JDK 17, no build): {@code java bench/Measure.java
 * --name value ...}; run.sh passes every option (see {@link #Measure(Map)}).
 *
 * <p>In order: checks that the service answers 200 with the raised rate limits, anonymously and with the bench
 * key; turns article-read.sql into a pgbench script; defines the rows, keeps those {@code --only} selects and
 * shuffles them with {@code --seed}; warms every wrk row once and reads every public article once; then measures
 * each row at steady state (warm-up runs until two in a row agree within {@value #SETTLE_PERCENT} %), the
 * open-model rows (bench/OpenLoad.java) at percentages of the Zipf row's rate, and last the uniform row with
 * {@code --polls} change-feed long polls parked by a second wrk. One jstat samples the service's GC time for the
 * whole run.
 *
 * <p>Writes into {@code --run-dir}, for Report.java: rows.tsv (the format Report.java documents), raw.md (every tool's
 * output), header.md (the run's settings and facts), and appends this run's settings to meta.tsv, where run.sh
 * wrote what it knows of the service and the catalogue.
 */
public class Measure {

    /** Two warm-up runs in a row within this many percent of the larger: settled. */
    static final int SETTLE_PERCENT = 5;
    /** Seconds a parked poll waits, the most GET /api/v1/changes allows. */
    static final int POLL_WAIT = 30;
    /** The longest tool run (the pass that reads every article once). */
    static final int MAX_RUN_SECONDS = 600;
    static final String UNIFORM = "article by slug, uniform";
    static final String OPEN_PREFIX = "article by slug, Zipf, open model at";

    /** One row: path and header of its requests, the status each must have, its role in the ratios and its tool. */
    record Spec(String name, String path, String header, String expect, String role, String twin, String kind) {
    }

    /** One line of rows.tsv; empty strings for what was not measured. */
    record Row(String name, String kind, String role, String twin, String rps, String p50, String p99, String p999,
            long errors, String gc, String warmups, String settled, String note, String target, int canonical) {

        Row withNote(String newNote) {
            return new Row(name, kind, role, twin, rps, p50, p99, p999, errors, gc, warmups, settled, newNote, target,
                    canonical);
        }

        String tsv() {
            String cleanNote = note.replaceAll("[\t\n\r]", " ").stripTrailing();
            return String.join("\t", name, kind, role, twin, rps, p50, p99, p999, Long.toString(errors), gc, warmups,
                    settled, cleanNote, target, Integer.toString(canonical));
        }
    }

    /** A tool's exit status and its output (stdout and stderr), trailing whitespace removed. */
    record ToolRun(int exit, String output) {
    }

    /** Stops the run with a message (no stack trace): the service answered something the benchmark cannot use. */
    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message);
        }
    }

    private static final Pattern NEXT = Pattern.compile("\"next\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern NO_ITEMS = Pattern.compile("\"items\"\\s*:\\s*\\[\\s*\\]");
    private static final Pattern POLL_CHANGES = Pattern.compile("([0-9]+) with changes, ([0-9]+) other");

    private final Path runDir;
    private final Path benchDir;
    private final Path repoDir;
    private final String url;
    private final int httpPort;
    private final Path slugs;
    private final Path publicSlugs;
    private final long seed;
    /** wrk runs of the Zipf and uniform rows so far (see {@link #nextDrawSeed()}). */
    private long catalogueRuns;
    private final String duration;
    private final String warmup;
    private final int maxWarmups;
    private final int zipfMaxWarmups;
    private final int connections;
    private final int threads;
    private final int polls;
    private final List<Integer> openPercents;
    private final int openConnections;
    private final String search;
    private final Pattern only;
    private final String key;
    private final String rateLimit;
    private final String rateLimitWindow;
    private final String deepCursor;
    private final String busiestComment;
    private final Path articleReadSql;
    private final String noPgbench;
    private final String servicePid;
    private final String jstat;
    private final Path pgbenchScript;
    private final Path gcLog;
    private final String firstSlug;
    private final long publicCount;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Set<Process> children = ConcurrentHashMap.newKeySet();
    private final List<Row> rows = new ArrayList<>();
    private Process gcMonitor;
    private Process pollsWrk;

    /**
     * Options, all as {@code --name value}: run-dir, bench-dir, url, slugs (the 100 rotated slugs), public-slugs
     * (every public slug in Zipf rank order), seed, duration, warmup, max-warmups, zipf-max-warmups, connections,
     * threads, polls, open (percentages such as 50,80, or empty), open-connections, search, only (a regular
     * expression, or empty), key, rate-limit, rate-limit-window, deep-cursor, busiest-comment, article-read-sql,
     * no-pgbench (why the pgbench row cannot run, or empty), service-pid (for jstat).
     */
    Measure(Map<String, String> o) throws IOException {
        runDir = Path.of(required(o, "run-dir"));
        benchDir = Path.of(required(o, "bench-dir")).toAbsolutePath();
        repoDir = benchDir.getParent();
        url = required(o, "url");
        httpPort = URI.create(url).getPort();
        slugs = Path.of(required(o, "slugs"));
        publicSlugs = Path.of(required(o, "public-slugs"));
        seed = Long.parseLong(required(o, "seed"));
        duration = required(o, "duration");
        warmup = required(o, "warmup");
        maxWarmups = Integer.parseInt(required(o, "max-warmups"));
        zipfMaxWarmups = Integer.parseInt(required(o, "zipf-max-warmups"));
        connections = Integer.parseInt(required(o, "connections"));
        threads = Integer.parseInt(required(o, "threads"));
        polls = Integer.parseInt(required(o, "polls"));
        String open = o.getOrDefault("open", "");
        openPercents = open.isEmpty() ? List.of()
                : Stream.of(open.split(",")).map(Integer::valueOf).toList();
        openConnections = Integer.parseInt(required(o, "open-connections"));
        search = required(o, "search");
        String onlyRegex = o.getOrDefault("only", "");
        only = onlyRegex.isEmpty() ? null : Pattern.compile(onlyRegex);
        key = required(o, "key");
        rateLimit = required(o, "rate-limit");
        rateLimitWindow = required(o, "rate-limit-window");
        deepCursor = required(o, "deep-cursor");
        busiestComment = o.getOrDefault("busiest-comment", "");
        articleReadSql = Path.of(required(o, "article-read-sql"));
        noPgbench = o.getOrDefault("no-pgbench", "");
        servicePid = o.getOrDefault("service-pid", "");
        jstat = findJstat();
        pgbenchScript = runDir.resolve("article-read.pgbench");
        gcLog = runDir.resolve("gc.log");
        try (Stream<String> lines = nonBlankLines(slugs)) {
            firstSlug = lines.findFirst().orElseThrow(() -> new Failure("no slugs in " + slugs));
        }
        try (Stream<String> lines = nonBlankLines(publicSlugs)) {
            publicCount = lines.count();
        }
        if (publicCount == 0) {
            throw new Failure("no public slugs in " + publicSlugs);
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        try {
            Measure measure = new Measure(options);
            Runtime.getRuntime().addShutdownHook(new Thread(measure::stopChildren));
            measure.run();
        } catch (Failure | IllegalArgumentException e) {   // bad options too, such as an --only that is no regex
            log("ERROR: " + e.getMessage());
            System.exit(1);
        }
    }

    void run() throws IOException, InterruptedException {
        Files.createDirectories(runDir);
        String articlePath = "/api/v1/articles/" + firstSlug;
        checkAccess(articlePath);
        // The 304 row revalidates one article with the ETag it has now (nothing changes it during a run).
        String etag = responseHeader(articlePath, "", "ETag");
        if (etag.isEmpty()) {
            throw new Failure("GET " + articlePath + " sent no ETag");
        }
        String pgbenchSkipped = preparePgbench();
        if (!pgbenchSkipped.isEmpty()) {
            log("Skipping the pgbench row: " + pgbenchSkipped);
            meta("pgbench_skipped", pgbenchSkipped);
        }
        String pollsName = UNIFORM + ", " + polls + " polls parked";
        boolean runPolls = polls > 0 && selected(pollsName);
        boolean runOpen = !openPercents.isEmpty() && selected(OPEN_PREFIX);
        List<Spec> specs = new ArrayList<>();
        for (Spec spec : specs(etag, pgbenchSkipped.isEmpty())) {
            // --only keeps the two baselines, the matching rows, and the rows the polls and open-model rows are
            // compared with.
            if (only == null || spec.role().equals("trivial") || spec.role().equals("single") || selected(spec.name())
                    || runPolls && spec.role().equals("uniform") || runOpen && spec.role().equals("zipf")) {
                specs.add(spec);
            }
        }
        // Random order: a row measured early or late (the JIT still compiling, the disk cache still filling) must
        // not always be the same one. The open-model rows need the Zipf row's throughput, so they come after; the
        // polls row comes last, because the service may hold parked requests for up to POLL_WAIT s after it.
        List<Spec> order = shuffled(specs, seed);
        StringBuilder orderText = new StringBuilder();
        for (int i = 0; i < order.size(); i++) {
            orderText.append(i == 0 ? "" : "; ").append(i + 1).append(". ").append(order.get(i).name());
        }
        if (runOpen) {
            orderText.append("; then the open-model rows");
        }
        if (runPolls) {
            orderText.append("; then ").append(pollsName);
        }
        log("Row order (seed " + seed + "): " + orderText);
        startGcMonitor();

        // A warm-up pass over every wrk row before any is measured. The JIT compiles the code paths the rows share
        // (Hibernate, Jackson, the filters) while it runs; without it the rows measured first came out up to 2x
        // slower than the same request measured again after the others (article by slug: 973 then ~1 380 req/s),
        // which skewed every ratio to them.
        log("Warm-up pass: every wrk row for " + warmup + " before measuring");
        for (Spec spec : order) {
            if (spec.kind().equals("wrk")) {
                String header = spec.header();
                if (header.endsWith("@etag")) {
                    header = "If-None-Match: " + responseHeader(spec.path(), "", "ETag");
                }
                runWrk(warmup, spec.path(), header, spec.expect(), false);
            }
        }
        readEveryArticle();
        // Other work on this 2-core machine skews every number: record how busy it was.
        String[] loadavg = Files.readString(Path.of("/proc/loadavg")).trim().split(" +");
        String load = loadavg[0] + " " + loadavg[1] + " " + loadavg[2];
        log("Load average before measuring: " + load);
        long measureStarted = System.nanoTime();
        for (Spec spec : order) {
            rows.add(measureRow(spec, specs.indexOf(spec)));
            writeRows();
        }

        int canonical = specs.size();
        if (runOpen) {
            Optional<Row> zipf = rows.stream().filter(r -> r.role().equals("zipf")).findFirst();
            if (zipf.isEmpty() || zipf.get().rps().isEmpty() || zipf.get().errors() != 0) {
                log("Skipping the open-model rows: the Zipf row failed or had errors");
                meta("open_skipped", "the Zipf row failed or had errors");
            } else {
                for (int percent : openPercents) {
                    measureOpen(percent, Double.parseDouble(zipf.get().rps()), canonical++).ifPresent(rows::add);
                    writeRows();
                }
            }
        }
        if (runPolls) {
            measurePolls(pollsName, canonical);
        } else if (polls == 0) {
            meta("polls_skipped", "--polls 0");
        }
        long measuredSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - measureStarted);
        stopGcMonitor();

        meta("load_before", load);
        meta("seed", Long.toString(seed));
        meta("row_order", orderText.toString());
        meta("duration", duration);
        meta("warmup", warmup);
        meta("max_warmups", Integer.toString(maxWarmups));
        meta("zipf_max_warmups", Integer.toString(zipfLimit()));
        meta("settle_percent", Integer.toString(SETTLE_PERCENT));
        meta("connections", Integer.toString(connections));
        meta("threads", Integer.toString(threads));
        meta("polls", Integer.toString(polls));
        meta("open_connections", Integer.toString(openConnections));
        meta("measuring_seconds", Long.toString(measuredSeconds));
        writeHeader(load, orderText.toString(), etag, pgbenchSkipped, measuredSeconds);
    }

    /** header.md: the markdown bullets that describe the run, from run.sh's facts (meta.tsv) and this run's own. */
    private void writeHeader(String load, String orderText, String etag, String pgbenchSkipped, long measuredSeconds)
            throws IOException {
        Map<String, String> f = new HashMap<>();
        for (String line : Files.readAllLines(runDir.resolve("meta.tsv"))) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                f.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        String sqlName = repoDir.relativize(articleReadSql.toAbsolutePath()).toString();
        List<String> bullets = List.of(
                "Commit: " + f.get("commit")
                        + ("true".equals(f.get("uncommitted_changes")) ? " with uncommitted changes" : ""),
                "Machine: " + f.get("cpus") + " CPUs, load average " + load + " before measuring; " + f.get("java")
                        + "; service JVM options: " + f.get("service_java_options"),
                "Database: " + f.get("database"),
                "Time to ready: " + f.get("ready_seconds") + " s from launching the JVM to the first 200 of "
                        + "/q/health/ready, on the existing database" + (f.containsKey("quarkus_started_seconds")
                        ? " (the Quarkus log says: started in " + f.get("quarkus_started_seconds") + " s)" : "")
                        + (f.containsKey("ready_seconds_cds") ? "; " + f.get("ready_seconds_cds")
                                + " s with a class-data archive recorded by the start before (-XX:SharedArchiveFile)"
                                : ""),
                "Comment thread: " + f.get("thread_comments") + " comments on one article (3 000 top-level, depths "
                        + "1-6); pages of 20 top-level comments with 3 replies each",
                "Catalogue: " + f.get("articles") + " articles (" + f.get("published_articles") + " published, "
                        + publicCount + " public), " + f.get("sources") + " sources; \"" + search + "\" matches "
                        + f.get("search_matches") + " articles",
                "By-slug rows: \"article by slug\" (and + key, ninjs) rotate through " + f.get("rotating_slugs")
                        + " slugs; \"Zipf\" draws every public slug with P(rank k) ∝ 1/k (ranks fixed by md5('"
                        + f.get("rank_seed") + "' || slug)); \"uniform\" draws every public slug alike",
                "Order: seed " + seed + "; " + orderText,
                "Steady state: warm-up runs of " + warmup + " until two in a row agree within " + SETTLE_PERCENT
                        + " % (at most " + maxWarmups + ", for the Zipf row " + zipfLimit() + "), after one warm-up "
                        + "pass over every wrk row; then " + duration + " measured",
                "wrk: -t" + threads + " -c" + connections + " --latency against " + URI.create(url).getAuthority()
                        + "; pgbench: -M prepared -c" + connections + " -j" + threads + ", the SQL of " + sqlName
                        + " with its ? drawn uniformly from the public slugs"
                        + (pgbenchSkipped.isEmpty() ? "" : " (skipped: " + pgbenchSkipped + ")"),
                "Open model: bench/OpenLoad.java, at most " + openConnections + " connections, "
                        + (openPercents.isEmpty() ? "no" : openPercents.stream().map(String::valueOf)
                                .collect(Collectors.joining(",")))
                        + " % of the Zipf row's requests/s, a " + warmup + " warm-up at that rate then " + duration,
                "Parked polls: " + polls + " × GET /api/v1/changes?cursor=<head>&wait=" + POLL_WAIT
                        + " with the bench key, a second wrk -c" + polls,
                "Rate limits: on, raised to " + rateLimit + " requests per " + rateLimitWindow
                        + " s for anonymous callers, keys and partners",
                "\"+ key\" rows: Authorization: Bearer " + key.substring(0, 12) + "_… (the benchmark partner key); "
                        + "\"304\" rows: GET /api/v1/articles/" + firstSlug + " with If-None-Match: " + etag
                        + ", and /feeds/rss.xml with the ETag it had just before its row",
                "Feeds: the latest 50 articles (the default); change feed: " + f.get("changes")
                        + " changes, the first page of 100",
                "Measuring took " + measuredSeconds + " s");
        Files.writeString(runDir.resolve("header.md"), bullets.stream().map(b -> "- " + b + "\n")
                .collect(Collectors.joining()), StandardCharsets.UTF_8);
    }

    /** The rows, in the order of the report's table. Their names are what --only matches. */
    private List<Spec> specs(String etag, boolean pgbench) {
        String auth = "Authorization: Bearer " + key;
        List<Spec> specs = new ArrayList<>(List.of(
                wrk("health (trivial)", "/q/health/live", "", "200", "trivial", ""),
                wrk("article by slug", "/api/v1/articles/{slug}", "", "200", "single", ""),
                wrk("article by slug, Zipf", "/api/v1/articles/{zipf}", "", "200", "zipf", ""),
                wrk(UNIFORM, "/api/v1/articles/{uniform}", "", "200", "uniform", ""),
                wrk("article by slug + key", "/api/v1/articles/{slug}", auth, "200", "", "article by slug"),
                wrk("article by slug, 304", "/api/v1/articles/" + firstSlug, "If-None-Match: " + etag, "304", "", ""),
                wrk("list", "/api/v1/articles?limit=20", "", "200", "", ""),
                wrk("list + key", "/api/v1/articles?limit=20", auth, "200", "", "list"),
                wrk("list section=world", "/api/v1/articles?section=world&limit=20", "", "200", "", ""),
                wrk("search q=" + search, "/api/v1/articles?q=" + search + "&limit=20", "", "200", "", ""),
                // The comment thread rows compare against the same article's single GET.
                wrk("thread article (single GET)", "/api/v1/articles/bench-comment-thread", "", "200", "", ""),
                wrk("thread first page", "/api/v1/articles/bench-comment-thread/comments?limit=20", "", "200", "", ""),
                wrk("thread page 101 (cursor)", "/api/v1/articles/bench-comment-thread/comments?limit=20&cursor="
                        + deepCursor, "", "200", "", ""),
                wrk("replies of busiest thread", "/api/v1/comments/" + busiestComment + "/replies?limit=20", "", "200",
                        "", ""),
                // Syndication: the three feed formats (the default 50 items), full text for a partner, a feed
                // revalidated with its ETag, ninjs, and a page of the change feed. The feed's ETag is read just
                // before its row ("@etag"): a scheduled article falling due earlier in the run would have changed it.
                wrk("feed RSS", "/feeds/rss.xml", "", "200", "", ""),
                wrk("feed Atom", "/feeds/atom.xml", "", "200", "", ""),
                wrk("feed JSON Feed", "/feeds/feed.json", "", "200", "", ""),
                wrk("feed Atom + key (full text)", "/feeds/atom.xml", auth, "200", "", ""),
                wrk("feed section=world RSS", "/feeds/sections/world/rss.xml", "", "200", "", ""),
                wrk("feed RSS, 304", "/feeds/rss.xml", "If-None-Match: @etag", "304", "", ""),
                wrk("article by slug as ninjs", "/api/v1/articles/{slug}/ninjs", "", "200", "", ""),
                wrk("change feed, 100 changes + key", "/api/v1/changes?limit=100", auth, "200", "", "")));
        if (pgbench) {
            // The database ceiling: the SQL of a cache-miss article GET, straight through pgbench.
            specs.add(new Spec("pgbench: article read SQL (database ceiling)", "-", "", "-", "pgbench", "", "pgbench"));
        }
        return specs;
    }

    private static Spec wrk(String name, String path, String header, String expect, String role, String twin) {
        return new Spec(name, path, header, expect, role, twin, "wrk");
    }

    private boolean selected(String name) {
        return only == null || only.matcher(name).find();
    }

    /** Fisher-Yates with a generator seeded by --seed: the same seed gives the same order. */
    static <T> List<T> shuffled(List<T> items, long seed) {
        List<T> out = new ArrayList<>(items);
        Random random = new Random(seed);
        for (int i = out.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T t = out.get(i);
            out.set(i, out.get(j));
            out.set(j, t);
        }
        return out;
    }

    private int zipfLimit() {
        return Math.max(maxWarmups, zipfMaxWarmups);
    }

    // ---------------------------------------------------------------------------------------------- measuring

    /**
     * Warms the row up until two runs in a row agree within SETTLE_PERCENT (at most --max-warmups runs; for the
     * Zipf row, whose memory cache fills slowly from cold, at most the larger of that and --zipf-max-warmups), then
     * measures it for --duration, with the share of that time the service spent in GC.
     */
    private Row measureRow(Spec spec, int canonical) throws IOException, InterruptedException {
        String header = spec.header();
        if (header.endsWith("@etag")) {
            String current = responseHeader(spec.path(), "", "ETag");
            if (current.isEmpty()) {
                throw new Failure("GET " + spec.path() + " sent no ETag");
            }
            header = header.replace("@etag", current);
        }
        boolean pgbench = spec.kind().equals("pgbench");
        String status = "";
        String samplePath = "";
        String with = header.isEmpty() ? "" : " with " + header.substring(0, header.indexOf(':'));
        if (pgbench) {
            log(spec.name() + ": pgbench -M prepared -c " + connections + " -j " + threads + " -f "
                    + repoDir.relativize(pgbenchScript.toAbsolutePath()));
        } else {
            samplePath = spec.path().replace("{slug}", firstSlug).replace("{zipf}", firstSlug)
                    .replace("{uniform}", firstSlug);
            status = httpStatus(samplePath, header);
            log(spec.name() + ": GET " + spec.path() + with + " (sample request: HTTP " + status + ")");
        }
        int limit = spec.role().equals("zipf") ? zipfLimit() : maxWarmups;
        List<Long> history = new ArrayList<>();
        boolean settled = false;
        while (history.size() < limit) {
            long rps = throughput(spec.kind(), runTool(spec, warmup, header, false).output()).map(Long::valueOf)
                    .orElse(0L);
            if (!history.isEmpty() && agree(history.get(history.size() - 1), rps)) {
                history.add(rps);
                settled = true;
                break;
            }
            history.add(rps);
        }
        int runs = history.size();
        String historyText = history.stream().map(String::valueOf).collect(Collectors.joining(" "));
        log("  warm-up runs of " + warmup + ": " + historyText + " per s; "
                + (settled ? "settled after " : "NOT settled after ") + runs);
        Double gcBefore = pgbench ? null : gcSeconds();
        ToolRun run = runTool(spec, duration, header, true);
        if (run.exit() != 0) {
            log("  the measured run failed: " + run.output());
            raw(spec.name(), run.output());
            return new Row(spec.name(), spec.kind(), spec.role(), spec.twin(), "", "", "", "", 0, "",
                    Integer.toString(runs), settled ? "yes" : "no", "the measured run failed (see the raw output)", "",
                    canonical);
        }
        Double gcAfter = pgbench ? null : gcSeconds();
        String gc = gcBefore == null || gcAfter == null ? ""
                : fixed2(100 * (gcAfter - gcBefore) / seconds(duration));
        String out = run.output();
        raw(spec.name(), "warm-up runs of " + warmup + ": " + historyText + " per s (settled: "
                + (settled ? "yes" : "no") + ")\n\n" + out);
        String rps = throughput(spec.kind(), out).orElse("");
        String p50 = "";
        String p99 = "";
        long errors;
        String note = "";
        if (pgbench) {
            List<Long> latencies = pgbenchLatencies();
            if (!latencies.isEmpty()) {
                p50 = fixed2(percentile(latencies, 0.5) / 1000.0);
                p99 = fixed2(percentile(latencies, 0.99) / 1000.0);
            }
            String failed = field(out, "^number of failed transactions:\\s*(\\S+)").orElse("");
            long aborted = out.lines().filter(l -> l.contains("aborted")).count();
            errors = (failed.isEmpty() ? 0 : Long.parseLong(failed)) + aborted;
            if (errors != 0) {
                note = failed + " failed transactions, " + aborted + " aborted clients (see the raw output)";
            }
            if (rps.isEmpty()) {
                note = "pgbench printed no tps (see the raw output)";
            }
        } else {
            p50 = field(out, "^\\s*50%\\s+(\\S+)").map(Measure::toMillis).orElse("");
            p99 = field(out, "^\\s*99%\\s+(\\S+)").map(Measure::toMillis).orElse("");
            // wrk prints these two lines only when the count is not zero.
            long non2xx = field(out, "Non-2xx or 3xx responses:\\s*(\\d+)").map(Long::parseLong).orElse(0L);
            long socketErrors = field(out, "Socket errors:(.*)").map(Measure::sumOfNumbers).orElse(0L);
            // Only bench/status.lua prints this line (rows that expect another status than 200).
            long unexpected = field(out, "^Unexpected statuses:\\s*(\\d+)").map(Long::parseLong).orElse(0L);
            errors = non2xx + socketErrors + unexpected;
            if (errors > 0 || !status.equals(spec.expect())) {
                note = non2xx + " non-2xx/3xx responses, " + socketErrors + " socket errors and " + unexpected
                        + " responses other than " + spec.expect() + "; a single GET " + samplePath + with
                        + " before the run answered HTTP " + status + " (expected " + spec.expect() + ").";
            }
            if (rps.isEmpty()) {
                note = "wrk printed no requests/s (see the raw output)";
            }
        }
        if (rps.equals("0")) {
            p50 = "";
            p99 = "";
            note = join(note, "No request was answered during the measured run.");
        }
        if (!settled) {
            note = join(note, "Warm-up runs never agreed within " + SETTLE_PERCENT + " % (" + historyText
                    + " per s): not at steady state.");
        }
        log("  measured " + duration + ": " + or(rps, "?") + " per s, p50 " + or(p50, "?") + " ms, p99 " + or(p99, "?")
                + " ms, " + errors + " errors, GC " + or(gc, "-") + " %");
        return new Row(spec.name(), spec.kind(), spec.role(), spec.twin(), rps, p50, p99, "", errors, gc,
                Integer.toString(runs), settled ? "yes" : "no", note, "", canonical);
    }

    /** True when the two throughputs are within SETTLE_PERCENT of the larger one (two zeros agree). */
    static boolean agree(long a, long b) {
        long max = Math.max(a, b);
        return max == 0 || Math.abs(a - b) * 100 <= (long) SETTLE_PERCENT * max;
    }

    /**
     * A catalogue that has been read for a while has its renditions stored (V18, StoredRenditions): read every
     * public article once, so that the uniform row and pgbench meet the state they meet in production, whatever the
     * row order. One short run gives the rate; the second runs long enough to go through every slug.
     */
    private void readEveryArticle() throws IOException, InterruptedException {
        String path = "/api/v1/articles/{each}";
        long rate = field(runWrk("5s", path, "", "200", false).output(), "^Requests/sec:\\s*([0-9.]+)")
                .map(v -> (long) Double.parseDouble(v)).orElse(0L);
        if (rate > 0) {
            long seconds = Math.min(publicCount / rate + 2, MAX_RUN_SECONDS);
            log("Reading all " + publicCount + " public articles once (" + seconds + "s at ~" + rate
                    + "/s), so that their renditions are stored");
            runWrk(seconds + "s", path, "", "200", false);
            ToolRun count = exec(List.of("psql", "-X", "-q", "-At", "-c",
                    "select count(*) from article_rendition"), 60);
            log("Stored renditions: " + (count.exit() == 0 ? count.output() : "unknown"));
        }
    }

    /**
     * The Zipf article GET at PERCENT % of the Zipf row's rate, an open model (bench/OpenLoad.java): a warm-up of
     * --warmup at that rate, then --duration measured. Empty when there is no rate to send at.
     */
    private Optional<Row> measureOpen(int percent, double zipfRps, int canonical) throws IOException,
            InterruptedException {
        long rate = Math.round(zipfRps * percent / 100);
        String name = OPEN_PREFIX + " " + percent + " %";
        if (rate <= 0) {
            log(name + ": no rate (the Zipf row measured 0 requests/s)");
            return Optional.empty();
        }
        log(name + ": " + rate + " requests/s for " + warmup + " (not recorded) then " + duration + ", at most "
                + openConnections + " connections");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-Xmx512m",
                benchDir.resolve("OpenLoad.java").toString(), "--url", url, "--slugs", publicSlugs.toString(),
                "--mode", "zipf", "--rate", Long.toString(rate),
                "--duration", Long.toString(seconds(duration)), "--warmup", Long.toString(seconds(warmup)),
                "--connections", Integer.toString(openConnections), "--seed", Long.toString(seed), "--timeout", "10"));
        if (gcMonitor != null) {
            command.addAll(List.of("--gc-log", gcLog.toString()));
        }
        String out = exec(command, seconds(warmup) + seconds(duration) + 120).output();
        raw(name, out);
        Map<String, String> values = new HashMap<>();
        out.lines().filter(l -> l.indexOf('=') > 0)
                .forEach(l -> values.putIfAbsent(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        String achieved = values.getOrDefault("achieved_rate", "");
        String errors = values.getOrDefault("errors", "");
        String note = "";
        if (achieved.isEmpty()) {
            note = "OpenLoad failed (see the raw output)";
        } else {
            if (!errors.isEmpty() && Long.parseLong(errors) != 0) {
                note = errors + " requests failed (first: " + values.getOrDefault("first_error", "") + ").";
            }
            if (Double.parseDouble(achieved) < 0.95 * rate) {
                note = join(note, "Achieved only " + achieved + " of " + rate + " requests/s: the server (or the "
                        + "generator) could not keep up; the latencies include that queue.");
            }
            note = join(note, "Sending lag p99 (waiting for a free connection or a late scheduler): "
                    + values.getOrDefault("late_p99_ms", "?") + " ms; max latency " + values.getOrDefault("max_ms", "")
                    + " ms.");
        }
        log("  achieved " + or(achieved, "?") + " per s, p50 " + values.getOrDefault("p50_ms", "") + " ms, p99 "
                + values.getOrDefault("p99_ms", "") + " ms, p99.9 " + values.getOrDefault("p999_ms", "") + " ms, "
                + or(errors, "?") + " errors");
        return Optional.of(new Row(name, "open", "open", "", achieved, values.getOrDefault("p50_ms", ""),
                values.getOrDefault("p99_ms", ""), values.getOrDefault("p999_ms", ""),
                errors.isEmpty() ? 0 : Long.parseLong(errors), values.getOrDefault("gc_percent", ""), "", "-", note,
                Long.toString(rate), canonical));
    }

    /**
     * The uniform article GET again while --polls change-feed long polls are parked by a second wrk, each waiting
     * POLL_WAIT s at the head of the feed for a change that does not come (then asking again).
     */
    private void measurePolls(String name, int canonical) throws IOException, InterruptedException {
        log("Finding the head of the change feed (pages of 1000)");
        Optional<String> cursor = headCursor();
        if (cursor.isEmpty()) {
            log("Skipping the polls row: could not follow the change feed to its head");
            meta("polls_skipped", "could not follow the change feed to its head");
            return;
        }
        long seconds = 40 + maxWarmups * (seconds(warmup) + 2) + seconds(duration) + 20;
        Row row = null;
        if (startPolls(cursor.get(), seconds)) {
            row = measureRow(new Spec(name, "/api/v1/articles/{uniform}", "", "200", "polls", UNIFORM, "wrk"),
                    canonical);
        }
        stopPolls();
        Path out = runDir.resolve("polls.out");
        String pollsOut = Files.exists(out) ? Files.readString(out).stripTrailing() : "";
        raw("parked long polls (the second wrk)", pollsOut);
        String note = pollsOut.lines().filter(l -> l.startsWith("Polls: ")).map(l -> l.substring(7)).findFirst()
                .orElse("");
        log("  " + (note.isEmpty() ? "the polling wrk printed no summary" : note));
        Matcher m = POLL_CHANGES.matcher(note);
        if (m.find() && (Long.parseLong(m.group(1)) > 0 || Long.parseLong(m.group(2)) > 0)) {
            note = note + ": some polls did not stay parked.";
        }
        if (row != null) {
            if (!note.isEmpty()) {
                row = row.withNote(join(row.note(), "The parked polls: " + note));
            }
            rows.add(row);
            writeRows();
        }
    }

    /** The cursor at the head of the change feed: follow `next` with limit=1000 until a page comes back empty. */
    private Optional<String> headCursor() throws InterruptedException {
        String cursor = "";
        for (int pages = 0; pages < 10_000; pages++) {
            String body;
            try {
                body = get("/api/v1/changes?limit=1000" + (cursor.isEmpty() ? "" : "&cursor=" + cursor),
                        "Authorization: Bearer " + key, 30).body();
            } catch (IOException | IllegalArgumentException e) {
                return Optional.empty();
            }
            String next = null;
            for (Matcher m = NEXT.matcher(body); m.find(); ) {
                next = m.group(1);       // the page's own "next" comes after its items
            }
            if (next == null) {
                return Optional.empty();
            }
            cursor = URLEncoder.encode(next, StandardCharsets.UTF_8);
            if (NO_ITEMS.matcher(body).find()) {
                return Optional.of(cursor);
            }
        }
        return Optional.empty();
    }

    /** Starts the polling wrk and waits (at most 30 s) until the service has --polls established connections. */
    private boolean startPolls(String cursor, long seconds) throws IOException, InterruptedException {
        log("Parking " + polls + " long polls (GET /api/v1/changes?cursor=<head>&wait=" + POLL_WAIT
                + " with the bench key) for up to " + seconds + "s");
        Path out = runDir.resolve("polls.out");
        pollsWrk = new ProcessBuilder("wrk", "-t" + threads, "-c" + polls, "-d" + seconds + "s",
                "--timeout", (POLL_WAIT + 10) + "s", "-s", benchDir.resolve("poll.lua").toString(), url, "--", key,
                cursor, Integer.toString(POLL_WAIT))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        children.add(pollsWrk);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int open;
        while ((open = established()) < polls) {
            if (!pollsWrk.isAlive()) {
                log("the polling wrk exited: " + Files.readString(out).stripTrailing());
                return false;
            }
            if (System.nanoTime() > deadline) {
                log("only " + open + " of " + polls + " poll connections established after 30 s");
                break;
            }
            Thread.sleep(500);
        }
        Thread.sleep(2000);                 // let the last requests reach the service
        log("  " + established() + " connections open to the service");
        return true;
    }

    /** SIGINT, so that wrk stops and prints its report, poll.lua's summary included. */
    private void stopPolls() throws InterruptedException {
        if (pollsWrk == null) {
            return;
        }
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(pollsWrk.pid())).start().waitFor();
        } catch (IOException e) {
            pollsWrk.destroy();
        }
        if (!pollsWrk.waitFor(60, TimeUnit.SECONDS)) {
            pollsWrk.destroyForcibly().waitFor();
        }
        children.remove(pollsWrk);
        pollsWrk = null;
    }

    /**
     * Server-side sockets of the service in state ESTABLISHED, from /proc/net/tcp and tcp6 (the JVM listens on an
     * IPv6 socket that also takes IPv4 connections).
     */
    private int established() throws IOException {
        String port = String.format(":%04X", httpPort);
        int n = 0;
        for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(file);
            if (!Files.exists(path)) {
                continue;
            }
            for (String line : Files.readAllLines(path)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 3 && f[1].endsWith(port) && f[3].equals("01")) {
                    n++;
                }
            }
        }
        return n;
    }

    // --------------------------------------------------------------------------------------------- the tools

    private ToolRun runTool(Spec spec, String length, String header, boolean latency) throws IOException,
            InterruptedException {
        if (!spec.kind().equals("pgbench")) {
            return runWrk(length, spec.path(), header, spec.expect(), latency);
        }
        List<String> command = new ArrayList<>(List.of("pgbench", "-n", "-M", "prepared", "-c",
                Integer.toString(connections), "-j", Integer.toString(threads), "-T", Long.toString(seconds(length)),
                "-f", pgbenchScript.toString()));
        if (latency) {
            deletePgbenchLogs();
            command.addAll(List.of("-l", "--log-prefix=" + runDir.resolve("pgbench-log")));
        }
        return exec(command, seconds(length) + 60);
    }

    /**
     * The seed of the next catalogue draw: a different one for every wrk run, the same series for the same --seed.
     * With one seed for every run, each warm-up replayed the draws of the one before, which the memory cache then
     * held: warm-ups of the Zipf and uniform rows "settled" on a replay, and each measured run began with one.
     */
    private String nextDrawSeed() {
        return Long.toString(seed + 1_000_000_000L * catalogueRuns++);
    }

    /**
     * wrk -t -c -d against PATH with HEADER ('Name: value', or empty) on every request. In PATH, {slug} rotates
     * through the 100 slugs (bench/slugs.lua); {zipf}, {uniform} and {each} draw from every public slug
     * (bench/catalogue.lua). For a STATUS other than 200, bench/status.lua counts the responses with any other
     * status (wrk alone would let a 200 pass for a 304).
     */
    private ToolRun runWrk(String length, String path, String header, String status, boolean latency)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + length,
                "--timeout", "10s"));
        if (latency) {
            command.add("--latency");
        }
        if (!header.isEmpty()) {
            command.addAll(List.of("-H", header));
        }
        String catalogue = benchDir.resolve("catalogue.lua").toString();
        if (path.contains("{slug}")) {
            command.addAll(List.of("-s", benchDir.resolve("slugs.lua").toString(), url, "--", slugs.toString(), path));
        } else if (path.contains("{zipf}")) {
            command.addAll(List.of("-s", catalogue, url, "--", publicSlugs.toString(), "zipf", nextDrawSeed(),
                    path.replace("{zipf}", "{slug}")));
        } else if (path.contains("{each}")) {
            command.addAll(List.of("-s", catalogue, url, "--", publicSlugs.toString(), "each",
                    Integer.toString(threads), path.replace("{each}", "{slug}")));
        } else if (path.contains("{uniform}")) {
            command.addAll(List.of("-s", catalogue, url, "--", publicSlugs.toString(), "uniform", nextDrawSeed(),
                    path.replace("{uniform}", "{slug}")));
        } else if (!status.equals("200")) {
            command.addAll(List.of("-s", benchDir.resolve("status.lua").toString(), url + path, "--", status));
        } else {
            command.add(url + path);
        }
        return exec(command, seconds(length) + 60);
    }

    /** Runs a tool to its end (killed after TIMEOUT seconds), its output through a file in the run directory. */
    private ToolRun exec(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Path out = runDir.resolve("tool.out");
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        } catch (IOException e) {
            return new ToolRun(127, command.get(0) + ": " + e.getMessage());
        }
        children.add(process);
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            return new ToolRun(process.exitValue(), Files.readString(out).stripTrailing());
        } finally {
            children.remove(process);
        }
    }

    /** requests/s (wrk) or transactions/s (pgbench) from a tool's output, as a whole number; empty when absent. */
    static Optional<String> throughput(String kind, String output) {
        return field(output, kind.equals("pgbench") ? "^tps = ([0-9.]+)" : "^Requests/sec:\\s*([0-9.]+)")
                .map(v -> String.format(Locale.ROOT, "%.0f", Double.parseDouble(v)));
    }

    /** The first group of the first line that matches. */
    static Optional<String> field(String output, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(output);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static long sumOfNumbers(String text) {
        return Stream.of(text.replaceAll("[^0-9]+", " ").trim().split(" ")).filter(s -> !s.isEmpty())
                .mapToLong(Long::parseLong).sum();
    }

    /** A wrk latency such as 812.33us, 1.20ms, 2.01s or 1.50m in milliseconds, with two decimals. */
    static String toMillis(String value) {
        double factor = 1;
        String number = value;
        if (value.endsWith("us")) {
            factor = 0.001;
            number = value.substring(0, value.length() - 2);
        } else if (value.endsWith("ms")) {
            number = value.substring(0, value.length() - 2);
        } else if (value.endsWith("m")) {
            factor = 60_000;
            number = value.substring(0, value.length() - 1);
        } else if (value.endsWith("s")) {
            factor = 1000;
            number = value.substring(0, value.length() - 1);
        }
        return fixed2(Double.parseDouble(number) * factor);
    }

    /** The latencies of pgbench's per-transaction log (its third column, in µs), sorted; the log is deleted. */
    private List<Long> pgbenchLatencies() throws IOException {
        List<Long> latencies = new ArrayList<>();
        for (Path log : pgbenchLogs()) {
            for (String line : Files.readAllLines(log)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 2) {
                    latencies.add(Long.parseLong(f[2]));
                }
            }
        }
        deletePgbenchLogs();
        latencies.sort(null);
        return latencies;
    }

    /** The value at rank ceil(q × N) of sorted values, as pgbench's report would read it. */
    static long percentile(List<Long> sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }

    private List<Path> pgbenchLogs() throws IOException {
        try (Stream<Path> files = Files.list(runDir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("pgbench-log.")).toList();
        }
    }

    private void deletePgbenchLogs() throws IOException {
        for (Path log : pgbenchLogs()) {
            Files.deleteIfExists(log);
        }
    }

    // -------------------------------------------------------------------------------------------------- GC

    /**
     * The service's GC time, sampled every 250 ms for the whole run by one jstat (jstat -gcutil -t PID 250): its
     * lines carry the service's uptime and its total GC time GCT (young, full and concurrent), in seconds. One jstat
     * for the run instead of two per row: starting a JVM twice per row cost seconds on a busy machine.
     */
    private void startGcMonitor() throws IOException {
        if (jstat.isEmpty() || servicePid.isEmpty()) {
            return;
        }
        gcMonitor = new ProcessBuilder(jstat, "-gcutil", "-t", servicePid, "250").redirectErrorStream(true)
                .redirectOutput(gcLog.toFile()).start();
        children.add(gcMonitor);
    }

    /** jstat comes with the JDK that runs this program (or is on the PATH); without it the GC % column stays empty. */
    private static String findJstat() {
        Stream<Path> candidates = Stream.concat(Stream.of(Path.of(System.getProperty("java.home"), "bin")),
                Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).filter(d -> !d.isEmpty()).map(Path::of));
        Optional<Path> found = candidates.map(d -> d.resolve("jstat")).filter(Files::isExecutable).findFirst();
        if (found.isEmpty()) {
            log("jstat not found (it comes with the JDK): no GC % this run");
        }
        return found.map(Path::toString).orElse("");
    }

    private void stopGcMonitor() throws InterruptedException {
        if (gcMonitor != null) {
            gcMonitor.destroy();
            gcMonitor.waitFor();
            children.remove(gcMonitor);
        }
    }

    /**
     * The service's total GC time in seconds from the newest complete jstat line, read 300 ms from now (so that it
     * was sampled after what came before); null without jstat.
     */
    private Double gcSeconds() throws IOException, InterruptedException {
        if (gcMonitor == null || !gcMonitor.isAlive()) {
            return null;
        }
        Thread.sleep(300);
        String text = Files.readString(gcLog);
        List<String> lines = text.substring(0, text.lastIndexOf('\n') + 1).lines().toList();
        if (lines.isEmpty()) {
            return null;
        }
        int column = List.of(lines.get(0).trim().split("\\s+")).indexOf("GCT");
        Double value = null;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (column >= 0 && f.length > column && f[column].matches("[0-9.]+")) {
                value = Double.valueOf(f[column]);
            }
        }
        return value;
    }

    // ------------------------------------------------------------------------------------------------- HTTP

    /**
     * One anonymous GET and one with the bench key must answer 200 and show the raised limit in their
     * RateLimit-Policy header, so that wrk measures the real work, not 401s or 429s.
     */
    private void checkAccess(String path) throws InterruptedException {
        // The first article GET of a fresh JVM can take seconds on a busy machine: wait for it before checking.
        try {
            get(path, "", 60);
        } catch (IOException e) {
            // the checks below say what is wrong
        }
        for (String who : List.of("anonymous", "partner")) {
            String header = who.equals("anonymous") ? "" : "Authorization: Bearer " + key;
            HttpResponse<String> response;
            try {
                response = get(path, header, 5);
            } catch (IOException e) {
                throw new Failure("GET " + path + " as " + who + " answered no HTTP status (" + e + ")");
            }
            int status = response.statusCode();
            if (status == 401 && who.equals("partner")) {
                throw new Failure("the bench key was refused (401). A key with its prefix " + key.substring(0, 12)
                        + " exists in this database but is revoked, expired or has another secret: delete that api_key"
                        + " row (or use --fresh)");
            }
            if (status != 200) {
                throw new Failure("GET " + path + " as " + who + " answered HTTP " + status + ", expected 200");
            }
            String policy = response.headers().firstValue("RateLimit-Policy").orElse("");
            String expected = "\"" + who + "\";q=" + rateLimit + ";w=" + rateLimitWindow;
            if (!policy.equals(expected)) {
                throw new Failure("GET " + path + " as " + who + ": RateLimit-Policy is '" + policy + "', expected '"
                        + expected + "' (rate limits not raised?)");
            }
            log("GET " + path + " as " + who + ": HTTP " + status + ", RateLimit-Policy " + policy);
        }
    }

    /** The HTTP status of one GET, 000 when none came within 5 s. */
    private String httpStatus(String path, String header) throws InterruptedException {
        try {
            return Integer.toString(get(path, header, 5).statusCode());
        } catch (IOException | IllegalArgumentException e) {
            return "000";
        }
    }

    /** One response header of a GET, empty when absent or when no answer came. */
    private String responseHeader(String path, String header, String name) throws InterruptedException {
        try {
            return get(path, header, 5).headers().firstValue(name).orElse("");
        } catch (IOException | IllegalArgumentException e) {
            return "";
        }
    }

    private HttpResponse<String> get(String path, String header, int timeoutSeconds) throws IOException,
            InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
                .timeout(Duration.ofSeconds(timeoutSeconds)).GET();
        if (!header.isEmpty()) {
            int colon = header.indexOf(':');
            request.header(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    // --------------------------------------------------------------------------------------------- pgbench

    /**
     * pgbench needs the exact SQL of a cache-miss article GET, in --article-read-sql with one JDBC `?` for the slug.
     * Turns it into a pgbench script that draws a public slug per transaction from the table bench_slug (which run.sh
     * fills). Returns why that cannot be done, or an empty string.
     */
    private String preparePgbench() throws IOException {
        String name = repoDir.relativize(articleReadSql.toAbsolutePath()).toString();
        if (!Files.exists(articleReadSql)) {
            return name + " does not exist yet";
        }
        if (!noPgbench.isEmpty()) {
            return noPgbench;
        }
        // Without its -- comments (which may mention a '?'), outside string literals.
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(articleReadSql)) {
            StringBuilder out = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '\'') {
                    quoted = !quoted;
                } else if (!quoted && c == '-' && i + 1 < line.length() && line.charAt(i + 1) == '-') {
                    break;
                }
                out.append(c);
            }
            String text = out.toString().replaceAll("[ \t]+$", "");
            if (!text.isEmpty()) {
                kept.add(text);
            }
        }
        String sql = String.join("\n", kept).replace("??", "\u0001");   // JDBC writes a literal ? as ??
        long placeholders = sql.chars().filter(c -> c == '?').count();
        if (placeholders != 1) {
            return name + " has " + placeholders + " ? placeholders, expected exactly 1";
        }
        sql = sql.replace("?", "(select slug from bench_slug where n = :n)").replace("\u0001", "?");
        if (!sql.matches("(?s).*;\\s*")) {
            sql += ";";
        }
        Files.writeString(pgbenchScript, "\\set n random(1, " + publicCount + ")\n" + sql + "\n");
        log("pgbench script from " + name + ", slugs from bench_slug (" + publicCount + " rows): "
                + repoDir.relativize(pgbenchScript.toAbsolutePath()));
        return "";
    }

    // ------------------------------------------------------------------------------------------------ output

    private void writeRows() throws IOException {
        Files.writeString(runDir.resolve("rows.tsv"),
                rows.stream().map(r -> r.tsv() + "\n").collect(Collectors.joining()));
    }

    private void raw(String title, String output) throws IOException {
        append("raw.md", "\n### " + title + "\n\n```\n" + output + "\n```\n");
    }

    private void meta(String key, String value) throws IOException {
        append("meta.tsv", key + "\t" + value + "\n");
    }

    private void append(String file, String text) throws IOException {
        Files.writeString(runDir.resolve(file), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** Stops whatever tool still runs (on Ctrl-C, or when run.sh stops this program). */
    private void stopChildren() {
        children.forEach(Process::destroy);
    }

    static void log(String message) {
        System.err.printf("[bench %s] %s%n", LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")), message);
    }

    // ------------------------------------------------------------------------------------------------ small

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private static Stream<String> nonBlankLines(Path file) throws IOException {
        return Files.lines(file).map(String::strip).filter(l -> !l.isEmpty());
    }

    /** A wrk-style duration (15, 15s, 2m, 1h) in seconds. */
    static long seconds(String length) {
        Matcher m = Pattern.compile("([1-9][0-9]*)([smh]?)").matcher(length);
        if (!m.matches()) {
            throw new IllegalArgumentException("bad duration '" + length + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> n * 60;
            case "h" -> n * 3600;
            default -> n;
        };
    }

    private static String fixed2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String join(String note, String more) {
        return note.isEmpty() ? more : note + " " + more;
    }

    private static String or(String value, String fallback) {
        return value.isEmpty() ? fallback : value;
    }
}
