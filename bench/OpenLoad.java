import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-model load for the Byline benchmark: GET one article per request at a FIXED ARRIVAL RATE, whatever the
 * server does, and the latency of each request measured from the moment it was MEANT to be sent.
 *
 * <p>wrk is a closed loop: each connection sends its next request only when the previous answer came, so when the
 * server slows down, wrk slows down with it and the queue a real audience would build never shows in its
 * percentiles ("coordinated omission"). Here request i is due at start + i / rate. Each of the {@code --connections}
 * keep-alive connections has its own thread, which takes the next request of the schedule, waits until it is due
 * and sends it, or sends it at once when it is already late because every connection was busy; either way its
 * latency runs from the due time, so time spent waiting for a connection (queueing) counts, as it would for a reader.
 *
 * <p>It speaks HTTP/1.1 over plain sockets (GET with a Host header, like wrk; Content-Length or chunked bodies are
 * read and dropped). java.net.http.HttpClient was tried first: it cost about 0.6 ms of CPU per request on the
 * 2-core benchmark machine, so the generator, not the service, would have set the rate; plain sockets cost about
 * 0.05 ms. Each response's status must be 200; anything else, a timeout or an I/O error counts as an error.
 *
 * <p>Run it straight from source (JDK 17, no build):
 * <pre>
 * java bench/OpenLoad.java --url http://127.0.0.1:8089 --slugs bench/.data/public-slugs.txt --mode zipf \
 *      --rate 1000 --duration 15 --warmup 5 [--connections 64] [--seed 1] [--timeout 10] [--gc-log FILE]
 * </pre>
 * The slug file holds one slug per line in rank order (line 1 the most popular), as bench/catalogue.lua reads it:
 * {@code zipf} draws rank k with probability (1/k) / H(N), {@code uniform} every slug alike. The first
 * {@code --warmup} seconds run at the same rate but are not recorded (they warm this JVM and its connections).
 * With {@code --gc-log FILE} (the output of {@code jstat -gcutil -t PID 250}, which bench/Measure.java keeps for
 * the service), the share of the measured part that the service spent in GC is printed too.
 *
 * <p>Prints {@code key=value} lines: target_rate, achieved_rate (answers per second over the measured part),
 * requests, ok, errors (non-200 answers, timeouts and I/O failures), p50_ms, p90_ms, p99_ms, p999_ms, max_ms
 * (over the 200 answers), late_p99_ms (how long after its due time a request could be sent: time waiting for a
 * free connection, or a scheduler that fell behind), gc_percent, first_error.
 */
public class OpenLoad {

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        String url = required(options, "url");
        Path slugFile = Path.of(required(options, "slugs"));
        String mode = options.getOrDefault("mode", "zipf");
        double rate = Double.parseDouble(required(options, "rate"));
        double durationSeconds = Double.parseDouble(options.getOrDefault("duration", "15"));
        double warmupSeconds = Double.parseDouble(options.getOrDefault("warmup", "5"));
        int connections = Integer.parseInt(options.getOrDefault("connections", "64"));
        long seed = Long.parseLong(options.getOrDefault("seed", "1"));
        long timeoutSeconds = Long.parseLong(options.getOrDefault("timeout", "10"));
        String template = options.getOrDefault("path", "/api/v1/articles/{slug}");
        String gcLog = options.get("gc-log");
        if (!mode.equals("zipf") && !mode.equals("uniform")) {
            throw new IllegalArgumentException("--mode is zipf or uniform");
        }
        if (rate <= 0 || durationSeconds <= 0 || warmupSeconds < 0 || connections < 1) {
            throw new IllegalArgumentException("--rate, --duration and --connections must be positive");
        }

        List<String> slugs = new ArrayList<>();
        for (String line : Files.readAllLines(slugFile, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                slugs.add(line.strip());
            }
        }
        if (slugs.isEmpty()) {
            throw new IllegalArgumentException("no slugs in " + slugFile);
        }
        URI base = URI.create(url);
        if (!"http".equals(base.getScheme()) || base.getHost() == null) {
            throw new IllegalArgumentException("--url must be http://host:port");
        }
        String host = base.getHost();
        int port = base.getPort() < 0 ? 80 : base.getPort();
        byte[][] requests = new byte[slugs.size()][];
        for (int i = 0; i < requests.length; i++) {
            requests[i] = ("GET " + template.replace("{slug}", slugs.get(i)) + " HTTP/1.1\r\nHost: " + host + ":" + port
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        }
        Sampler sampler = mode.equals("zipf") ? new Zipf(requests.length, seed) : new Uniform(requests.length, seed);

        long intervalNanos = Math.round(1e9 / rate);
        long warmupCount = Math.round(warmupSeconds * rate);
        long measuredCount = Math.round(durationSeconds * rate);
        if (measuredCount > 50_000_000L) {
            throw new IllegalArgumentException("rate * duration is too large (at most 50 000 000 requests)");
        }
        long total = warmupCount + measuredCount;
        // Which article each request asks for, drawn up front so that the draws cost nothing while sending.
        int[] targets = new int[(int) Math.min(total, Integer.MAX_VALUE)];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = sampler.next();
        }
        int[] latencyMicros = new int[(int) measuredCount];   // by request index; -1 when it failed
        Arrays.fill(latencyMicros, -1);
        int[] lateMicros = new int[(int) measuredCount];
        AtomicLong errors = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        AtomicLong lastAnswer = new AtomicLong(Long.MIN_VALUE);
        AtomicLong nextRequest = new AtomicLong();
        String[] firstError = {""};
        int timeoutMillis = (int) (timeoutSeconds * 1000);
        GcLog gc = gcLog == null ? null : new GcLog(Path.of(gcLog));

        long start = System.nanoTime() + 200_000_000L;        // the first request is due in 200 ms
        long measureFrom = start + warmupCount * intervalNanos;
        long measureTo = start + total * intervalNanos;
        // Each connection has its own thread. A free thread takes the next request of the schedule, waits until
        // it is due (or sends it at once when it is already late: every connection was busy) and measures from
        // the due time, so queueing for a connection counts.
        Thread[] workers = new Thread[connections];
        for (int c = 0; c < connections; c++) {
            workers[c] = new Thread(() -> {
                Connection connection = new Connection(host, port, timeoutMillis);
                long i;
                while ((i = nextRequest.getAndIncrement()) < total) {
                    long due = start + i * intervalNanos;
                    long wait;
                    while ((wait = due - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    long sentAt = System.nanoTime();
                    String error;
                    try {
                        int status = connection.get(requests[targets[(int) i]]);
                        error = status == 200 ? null : "HTTP " + status;
                    } catch (IOException e) {
                        error = e.toString();
                        connection.close();
                    }
                    long answeredAt = System.nanoTime();
                    if (i < warmupCount) {
                        continue;
                    }
                    int index = (int) (i - warmupCount);
                    lateMicros[index] = (int) Math.min(Integer.MAX_VALUE, (sentAt - due) / 1000);
                    lastAnswer.accumulateAndGet(answeredAt, Math::max);
                    if (error == null) {
                        latencyMicros[index] = (int) Math.min(Integer.MAX_VALUE, (answeredAt - due) / 1000);
                        ok.incrementAndGet();
                    } else {
                        errors.incrementAndGet();
                        synchronized (firstError) {
                            if (firstError[0].isEmpty()) {
                                firstError[0] = error;
                            }
                        }
                    }
                }
                connection.close();
            }, "connection-" + c);
            workers[c].setDaemon(true);
            workers[c].start();
        }
        if (gc != null) {
            sleepUntil(measureFrom);
            gc.sample(0);
            sleepUntil(measureTo + 300_000_000L);             // a line sampled after the measured part ended
            gc.sample(1);
        }
        for (Thread worker : workers) {
            worker.join();
        }

        int[] latencies = Arrays.stream(latencyMicros).filter(v -> v >= 0).sorted().toArray();
        int[] late = lateMicros.clone();
        Arrays.sort(late);
        double measuredSeconds = (measureTo - measureFrom) / 1e9;
        Map<String, String> out = new java.util.LinkedHashMap<>();
        out.put("target_rate", format(rate));
        // Answers per second from the first measured due time to the last answer: below the target when the
        // server (or this generator) could not keep up and the answers spread over a longer time.
        double answeredSeconds = Math.max(measuredSeconds, (lastAnswer.get() - measureFrom) / 1e9);
        out.put("achieved_rate", format(ok.get() / answeredSeconds));
        out.put("requests", Long.toString(measuredCount));
        out.put("ok", Long.toString(ok.get()));
        out.put("errors", Long.toString(errors.get()));
        out.put("p50_ms", percentile(latencies, 50));
        out.put("p90_ms", percentile(latencies, 90));
        out.put("p99_ms", percentile(latencies, 99));
        out.put("p999_ms", percentile(latencies, 99.9));
        out.put("max_ms", latencies.length == 0 ? "" : format(latencies[latencies.length - 1] / 1000.0));
        out.put("late_p99_ms", percentile(late, 99));
        out.put("gc_percent", gc == null ? "" : gc.percent());
        out.put("first_error", firstError[0].replaceAll("\\s+", " "));
        out.forEach((key, value) -> System.out.println(key + "=" + value));
    }

    private static void sleepUntil(long nanoTime) {
        long wait;
        while ((wait = nanoTime - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    /**
     * One keep-alive HTTP/1.1 connection over a plain socket: writes a GET, reads the status line and the headers,
     * and skips the body (Content-Length or chunked). Reconnects when the server closed it.
     */
    static final class Connection {
        private final String host;
        private final int port;
        private final int timeoutMillis;
        private Socket socket;
        private InputStream in;
        private OutputStream out;
        private final byte[] line = new byte[8192];

        Connection(String host, int port, int timeoutMillis) {
            this.host = host;
            this.port = port;
            this.timeoutMillis = timeoutMillis;
        }

        int get(byte[] request) throws IOException {
            if (socket == null) {
                socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(host, port), timeoutMillis);
                socket.setSoTimeout(timeoutMillis);
                in = new BufferedInputStream(socket.getInputStream(), 65536);
                out = socket.getOutputStream();
            }
            out.write(request);
            out.flush();
            String statusLine = readLine();
            if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
                throw new IOException("not an HTTP/1.1 status line: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            String header;
            while (!(header = readLine()).isEmpty()) {
                int colon = header.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.contains("chunked");
                    case "connection" -> close = value.contains("close");
                    default -> { }
                }
            }
            boolean bodyless = status == 204 || status == 304 || (status >= 100 && status < 200);
            if (!bodyless) {
                if (chunked) {
                    long size;
                    while ((size = Long.parseLong(readLine().split(";", 2)[0].trim(), 16)) > 0) {
                        skip(size);
                        readLine();
                    }
                    while (!readLine().isEmpty()) {
                        // trailers
                    }
                } else if (length >= 0) {
                    skip(length);
                } else {
                    close = true;                      // the body runs to the end of the connection
                    while (in.read(line) >= 0) {
                        // discard
                    }
                }
            }
            if (close) {
                close();
            }
            return status;
        }

        private String readLine() throws IOException {
            int n = 0;
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new EOFException("the server closed the connection");
                }
                if (n < line.length) {
                    line[n++] = (byte) b;
                }
            }
            if (n > 0 && line[n - 1] == '\r') {
                n--;
            }
            return new String(line, 0, n, StandardCharsets.ISO_8859_1);
        }

        private void skip(long count) throws IOException {
            while (count > 0) {
                long skipped = in.skip(count);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new EOFException("the server closed the connection");
                    }
                    skipped = 1;
                }
                count -= skipped;
            }
        }

        void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
            socket = null;
        }
    }

    /** The nearest-rank percentile, in milliseconds, of values in microseconds sorted ascending. */
    private static String percentile(int[] sortedMicros, double p) {
        if (sortedMicros.length == 0) {
            return "";
        }
        int rank = (int) Math.ceil(p / 100.0 * sortedMicros.length);
        return format(sortedMicros[Math.max(0, Math.min(sortedMicros.length - 1, rank - 1))] / 1000.0);
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    interface Sampler {
        int next();
    }

    /** Rank k (0-based index k - 1) with probability (1/k) / H(N): a binary search over the cumulative table. */
    static final class Zipf implements Sampler {
        private final double[] cdf;
        private final SplittableRandom random;

        Zipf(int n, long seed) {
            cdf = new double[n];
            double h = 0;
            for (int k = 1; k <= n; k++) {
                h += 1.0 / k;
                cdf[k - 1] = h;
            }
            for (int k = 0; k < n; k++) {
                cdf[k] /= h;
            }
            cdf[n - 1] = 1.0;
            random = new SplittableRandom(seed);
        }

        @Override
        public int next() {
            double u = random.nextDouble();
            int lo = 0;
            int hi = cdf.length - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cdf[mid] > u) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return lo;
        }
    }

    static final class Uniform implements Sampler {
        private final int n;
        private final SplittableRandom random;

        Uniform(int n, long seed) {
            this.n = n;
            random = new SplittableRandom(seed);
        }

        @Override
        public int next() {
            return random.nextInt(n);
        }
    }

    /**
     * GC time of the service from the file that bench/Measure.java fills with {@code jstat -gcutil -t PID 250}: each
     * line holds the service's uptime (Timestamp) and its total GC time (GCT: young, full and concurrent), in seconds.
     * The newest line at the start of the measured part and the newest just after its end give the share of that
     * time spent in GC.
     */
    static final class GcLog {
        private final Path file;
        private final double[][] samples = new double[2][];

        GcLog(Path file) {
            this.file = file;
        }

        void sample(int slot) {
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                if (lines.size() < 2) {
                    return;
                }
                List<String> header = Arrays.asList(lines.get(0).trim().split("\\s+"));
                String[] values = lines.get(lines.size() - 1).trim().split("\\s+");
                int uptime = header.indexOf("Timestamp");
                int gct = header.indexOf("GCT");
                if (uptime >= 0 && gct >= 0 && values.length == header.size()) {
                    samples[slot] = new double[] {Double.parseDouble(values[uptime]), Double.parseDouble(values[gct])};
                }
            } catch (IOException | NumberFormatException e) {
                // no GC share then
            }
        }

        String percent() {
            double[] before = samples[0];
            double[] after = samples[1];
            if (before == null || after == null || after[0] <= before[0]) {
                return "";
            }
            return format(100.0 * (after[1] - before[1]) / (after[0] - before[0]));
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
