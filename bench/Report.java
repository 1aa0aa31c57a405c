import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns what bench/Measure.java measured into the report: bench/results/STAMP.md (markdown) and STAMP.json (every
 * row, machine-readable), and prints the tables. Run from source: {@code java bench/Report.java RUN_DIR MD_FILE JSON_FILE}.
 *
 * <p>RUN_DIR holds what run.sh (meta.tsv) and Measure.java (all four) wrote:
 * <ul>
 * <li>{@code rows.tsv}: one line per measured row, in the order they ran, tab-separated: name, kind (wrk, pgbench,
 * open, polls), role (trivial, single, zipf, uniform, pgbench, polls, or empty), twin (for a "+ key" row, the
 * anonymous row it is compared with), requests/s, p50 ms, p99 ms, p99.9 ms, errors, GC %, warm-up runs, settled
 * (yes, no or -), note, target rate (open rows), position in the canonical row order.</li>
 * <li>{@code meta.tsv}: key, tab, value: the run's settings and facts, copied into the JSON's "run".</li>
 * <li>{@code header.md}: the markdown bullets that describe the run; {@code raw.md}: the raw tool outputs.</li>
 * </ul>
 * Ratios are computed here, after every row ran, because the rows run in a random order.
 */
public class Report {

    record Row(int ran, String name, String kind, String role, String twin, Double rps, Double p50, Double p99,
            Double p999, long errors, Double gc, int warmups, String settled, String note, Double target, int canonical) {

        boolean failed() {
            return rps == null || errors > 0;
        }
    }

    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: java bench/Report.java RUN_DIR MD_FILE JSON_FILE");
        }
        Path dir = Path.of(args[0]);
        List<Row> rows = readRows(dir.resolve("rows.tsv"));
        Map<String, String> meta = readMeta(dir.resolve("meta.tsv"));
        String header = readOr(dir.resolve("header.md"), "");
        String raw = readOr(dir.resolve("raw.md"), "");

        Optional<Row> trivial = role(rows, "trivial");
        Optional<Row> single = role(rows, "single");
        Optional<Row> uniform = role(rows, "uniform");
        Optional<Row> pgbench = role(rows, "pgbench");
        Optional<Row> polls = role(rows, "polls");

        List<Row> table = rows.stream().filter(r -> !r.kind().equals("open"))
                .sorted(Comparator.comparingInt(Row::canonical)).toList();
        List<Row> open = rows.stream().filter(r -> r.kind().equals("open"))
                .sorted(Comparator.comparingInt(Row::canonical)).toList();

        StringBuilder tables = new StringBuilder();
        tables.append("| Run # | Endpoint | Requests/s | p50 ms | p99 ms | Errors | GC % | Warm-up runs | vs trivial | vs article by slug |\n");
        tables.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : table) {
            String ratio = ratio(row, trivial);
            if (row.failed()) {
                ratio += " (errors!)";
            }
            tables.append("| ").append(row.ran()).append(" | ").append(row.name()).append(" | ")
                    .append(row.rps() == null ? "failed" : whole(row.rps())).append(" | ")
                    .append(num(row.p50())).append(" | ").append(num(row.p99())).append(" | ")
                    .append(row.errors()).append(" | ").append(num(row.gc())).append(" | ")
                    .append(warmups(row)).append(" | ").append(ratio).append(" | ")
                    .append(ratio(row, single)).append(" |\n");
        }

        StringBuilder summary = new StringBuilder();
        summary.append("\"vs trivial\" = the row's requests/s divided by those of /q/health/live in this run; "
                + "\"vs article by slug\" = divided by those of the anonymous GET rotating through 100 slugs. "
                + "\"GC %\" = the share of the measured run's wall time the service spent in GC (jstat GCT). "
                + "Compare ratios between runs on the same machine, not absolute numbers.\n\n");

        Map<String, Object> ratios = new LinkedHashMap<>();
        String ceiling;
        if (pgbench.isEmpty()) {
            ceiling = "- Database ceiling: not measured (" + meta.getOrDefault("pgbench_skipped", "no pgbench row in this run") + ")";
        } else if (uniform.isEmpty() || uniform.get().failed() || pgbench.get().failed()) {
            ceiling = "- Database ceiling: pgbench ran at " + num0(pgbench.get().rps()) + " transactions/s; no ratio ("
                    + (uniform.isEmpty() ? "the uniform row did not run" : "a row had errors") + ")";
        } else {
            double r = uniform.get().rps() / pgbench.get().rps();
            ratios.put("uniform_vs_pgbench", round(r));
            ceiling = "- Database ceiling: article by slug, uniform ran at " + whole(uniform.get().rps())
                    + " requests/s, **" + sig(r) + "** of pgbench's " + whole(pgbench.get().rps())
                    + " transactions/s on the same SQL (\"vs pgbench\"; goal ≥ 0.5)";
        }
        summary.append(ceiling).append('\n');

        String parked;
        if (polls.isEmpty()) {
            parked = "- Parked long polls: not measured (" + meta.getOrDefault("polls_skipped", "no polls row in this run") + ")";
        } else {
            Row p = polls.get();
            Optional<Row> base = rows.stream().filter(r -> r.name().equals(p.twin())).findFirst();
            if (base.isEmpty() || p.rps() == null || base.get().rps() == null || base.get().rps() == 0) {
                parked = "- Parked long polls: no ratio (a row failed or did not run)";
            } else {
                double r = p.rps() / base.get().rps();
                ratios.put("polls_vs_without", round(r));
                parked = "- Parked long polls: " + p.name() + " ran at " + whole(p.rps()) + " requests/s, **" + sig(r)
                        + "** of the same GET without them (" + whole(base.get().rps()) + " requests/s; goal ≥ 0.8)"
                        + (p.errors() > 0 ? ", with " + p.errors() + " errors" : "");
            }
        }
        summary.append(parked).append('\n');
        if (meta.containsKey("ready_seconds")) {
            summary.append("- Time to ready: ").append(meta.get("ready_seconds"))
                    .append(" s from starting the JVM to the first 200 of /q/health/ready, on the existing database")
                    .append(meta.containsKey("quarkus_started_seconds")
                            ? " (Quarkus's own log: started in " + meta.get("quarkus_started_seconds") + " s)" : "")
                    .append(meta.containsKey("ready_seconds_cds") ? "; **" + meta.get("ready_seconds_cds")
                            + " s** with a class-data archive recorded by a start before" : "")
                    .append(" (goal < 2 s)\n");
        }

        summary.append("\nCost of authentication, keyed/anonymous requests/s:\n\n");
        Map<String, Object> auth = new LinkedHashMap<>();
        for (Row keyed : table) {
            if (keyed.twin().isEmpty() || keyed.role().equals("polls")) {
                continue;
            }
            Optional<Row> anon = rows.stream().filter(r -> r.name().equals(keyed.twin())).findFirst();
            if (anon.isEmpty()) {
                summary.append("- ").append(keyed.twin()).append(": - (not measured in this run)\n");
            } else if (keyed.failed() || anon.get().failed()) {
                summary.append("- ").append(keyed.twin()).append(": - (a row had errors)\n");
            } else {
                double r = keyed.rps() / anon.get().rps();
                auth.put(keyed.twin(), round(r));
                summary.append("- ").append(keyed.twin()).append(": **").append(String.format(Locale.ROOT, "%.2f", r))
                        .append("** (").append(whole(keyed.rps())).append(" requests/s with the key, ")
                        .append(whole(anon.get().rps())).append(" without)\n");
            }
        }
        if (table.stream().noneMatch(r -> !r.twin().isEmpty() && !r.role().equals("polls"))) {
            summary.append("- (no \"+ key\" row in this run)\n");
        }
        ratios.put("keyed_vs_anonymous", auth);

        if (open.isEmpty() && meta.containsKey("open_skipped")) {
            summary.append("\nLatency at a fixed arrival rate: not measured (").append(meta.get("open_skipped")).append(")\n");
        }
        if (!open.isEmpty()) {
            summary.append("\nLatency at a fixed arrival rate (open model, bench/OpenLoad.java; latency from each "
                    + "request's intended send time):\n\n");
            summary.append("| Run # | Row | Target req/s | Achieved req/s | p50 ms | p99 ms | p99.9 ms | Errors | GC % |\n");
            summary.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Row row : open) {
                summary.append("| ").append(row.ran()).append(" | ").append(row.name()).append(" | ")
                        .append(num0(row.target())).append(" | ").append(row.rps() == null ? "failed" : whole(row.rps()))
                        .append(" | ").append(num(row.p50())).append(" | ").append(num(row.p99())).append(" | ")
                        .append(num(row.p999())).append(" | ").append(row.errors()).append(" | ")
                        .append(num(row.gc())).append(" |\n");
            }
        }

        List<String> notes = new ArrayList<>();
        for (Row row : rows) {
            if (!row.note().isEmpty()) {
                notes.add("- " + row.name() + ": " + row.note());
            }
        }
        if (!notes.isEmpty()) {
            summary.append("\nNotes (a row with errors did not measure the real work; one whose warm-up runs never agreed was not at "
                    + "steady state):\n\n");
            notes.forEach(n -> summary.append(n).append('\n'));
        }

        String title = "# Byline benchmark " + meta.getOrDefault("stamp", "");
        String markdown = title + "\n\n" + header + "\n" + tables + "\n" + summary + "\n<details><summary>Raw tool output</summary>\n"
                + raw + "\n</details>\n";
        Files.writeString(Path.of(args[1]), markdown, StandardCharsets.UTF_8);

        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, Object> run = new LinkedHashMap<>();
        meta.forEach((k, v) -> run.put(k, NUMBER.matcher(v).matches() ? (Object) Double.valueOf(v) : v));
        json.put("run", run);
        json.put("row_order", rows.stream().map(Row::name).toList());
        List<Object> jsonRows = new ArrayList<>();
        for (Row row : rows.stream().sorted(Comparator.comparingInt(Row::canonical)).toList()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", row.name());
            r.put("kind", row.kind());
            r.put("run_position", row.ran());
            r.put("requests_per_second", round(row.rps()));
            r.put("p50_ms", round(row.p50()));
            r.put("p99_ms", round(row.p99()));
            r.put("p999_ms", round(row.p999()));
            r.put("errors", row.errors());
            r.put("ratio", ratioValue(row, trivial).map(Report::round).orElse(null));
            r.put("ratio_to_article_by_slug", ratioValue(row, single).map(Report::round).orElse(null));
            r.put("gc_percent", round(row.gc()));
            r.put("warmup_runs", row.warmups());
            r.put("settled", row.settled().equals("-") ? null : row.settled().equals("yes"));
            if (row.target() != null) {
                r.put("target_rate", round(row.target()));
            }
            if (row.role().equals("uniform") && ratios.containsKey("uniform_vs_pgbench")) {
                r.put("ratio_to_pgbench", ratios.get("uniform_vs_pgbench"));
            }
            if (row.role().equals("polls") && ratios.containsKey("polls_vs_without")) {
                r.put("ratio_to_without_polls", ratios.get("polls_vs_without"));
            }
            r.put("note", row.note().isEmpty() ? null : row.note());
            jsonRows.add(r);
        }
        json.put("rows", jsonRows);
        json.put("ratios", ratios);
        Files.writeString(Path.of(args[2]), toJson(json, "") + "\n", StandardCharsets.UTF_8);

        System.out.print(tables);
        System.out.println();
        System.out.print(summary);
    }

    private static Optional<Row> role(List<Row> rows, String role) {
        return rows.stream().filter(r -> r.role().equals(role)).findFirst();
    }

    private static Optional<Double> ratioValue(Row row, Optional<Row> base) {
        if (base.isEmpty() || row.rps() == null || base.get().rps() == null || base.get().rps() == 0) {
            return Optional.empty();
        }
        return Optional.of(row.rps() / base.get().rps());
    }

    /** Three significant digits: the trivial endpoint is often 50-100x faster than the rest. */
    private static String ratio(Row row, Optional<Row> base) {
        return ratioValue(row, base).map(Report::sig).orElse("-");
    }

    private static String sig(double v) {
        return v == 0 ? "0" : new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    private static String warmups(Row row) {
        return switch (row.settled()) {
            case "no" -> row.warmups() + " (not settled)";
            case "-" -> "-";
            default -> Integer.toString(row.warmups());
        };
    }

    private static String whole(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.0f", v);
    }

    private static String num0(Double v) {
        return whole(v);
    }

    private static String num(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static Double round(Double v) {
        return v == null ? null : Math.round(v * 1e6) / 1e6;
    }

    private static List<Row> readRows(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        int ran = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 15) {
                throw new IllegalArgumentException("rows.tsv: expected 15 fields, got " + f.length + ": " + line);
            }
            rows.add(new Row(++ran, f[0], f[1], f[2], f[3], dbl(f[4]), dbl(f[5]), dbl(f[6]), dbl(f[7]),
                    f[8].isEmpty() ? 0 : Long.parseLong(f[8]), dbl(f[9]), f[10].isEmpty() ? 0 : Integer.parseInt(f[10]),
                    f[11].isEmpty() ? "-" : f[11], f[12], dbl(f[13]), Integer.parseInt(f[14])));
        }
        return rows;
    }

    private static Double dbl(String s) {
        return s.isEmpty() || s.equals("-") ? null : Double.valueOf(s);
    }

    private static Map<String, String> readMeta(Path file) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    meta.put(line.substring(0, tab), line.substring(tab + 1));
                }
            }
        }
        return meta;
    }

    private static String readOr(Path file, String fallback) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : fallback;
    }

    /** A small JSON writer: maps, lists, strings, numbers, booleans and null. */
    private static String toJson(Object value, String indent) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Boolean || value instanceof Long || value instanceof Integer) {
            return value.toString();
        }
        if (value instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                return "null";
            }
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
        }
        if (value instanceof String s) {
            StringBuilder b = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            b.append(String.format("\\u%04x", (int) c));
                        } else {
                            b.append(c);
                        }
                    }
                }
            }
            return b.append('"').toString();
        }
        String inner = indent + "  ";
        if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                return "{}";
            }
            StringBuilder b = new StringBuilder("{\n");
            int i = 0;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                b.append(inner).append(toJson(e.getKey().toString(), inner)).append(": ").append(toJson(e.getValue(), inner));
                b.append(++i < map.size() ? ",\n" : "\n");
            }
            return b.append(indent).append('}').toString();
        }
        if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                return "[]";
            }
            StringBuilder b = new StringBuilder("[\n");
            for (int i = 0; i < list.size(); i++) {
                b.append(inner).append(toJson(list.get(i), inner)).append(i + 1 < list.size() ? ",\n" : "\n");
            }
            return b.append(indent).append(']').toString();
        }
        throw new IllegalArgumentException("cannot write " + value.getClass() + " as JSON");
    }
}
