package dev.byline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * No two packages of Byline depend on each other, directly or round a loop: a cycle means a rule lives in the wrong
 * place. Read from the compiled classes with the JDK's jdeps, so it sees what javac saw.
 */
class PackageCyclesTest {

    private static final Pattern EDGE = Pattern.compile("^\\s+(dev\\.byline[\\w.]*)\\s+->\\s+(dev\\.byline[\\w.]*)\\s");

    @Test
    void theMainCodeHasNoPackageCycle() {
        Path classes = Path.of("target", "classes");
        assertTrue(Files.isDirectory(classes), "compile first: no " + classes.toAbsolutePath());
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(new StringWriter()),
                "-verbose:package", "-filter:none", classes.toString());
        assertEquals(0, status, "jdeps failed");

        Map<String, Set<String>> uses = new TreeMap<>();
        out.toString().lines().map(EDGE::matcher).filter(Matcher::find)
                .filter(m -> !m.group(1).equals(m.group(2)))
                .forEach(m -> uses.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2)));
        assertTrue(uses.containsKey("dev.byline.article"), "jdeps output was not understood:\n" + out);

        assertEquals(List.of(), cycles(uses), "packages that depend on each other");
    }

    /** The check itself: a loop through three packages (the root one among them) is found from each of them. */
    @Test
    void aLoopThroughSeveralPackagesIsFound() {
        Map<String, Set<String>> uses = Map.of(
                "dev.byline", Set.of("dev.byline.web"),
                "dev.byline.web", Set.of("dev.byline.database"),
                "dev.byline.database", Set.of("dev.byline"),
                "dev.byline.article", Set.of("dev.byline.web"));

        assertEquals(List.of("dev.byline -> dev.byline.web -> dev.byline.database -> dev.byline",
                "dev.byline.database -> dev.byline -> dev.byline.web -> dev.byline.database",
                "dev.byline.web -> dev.byline.database -> dev.byline -> dev.byline.web"), cycles(new TreeMap<>(uses)));
        assertEquals(List.of(), cycles(Map.of("dev.byline.article", Set.of("dev.byline.web"))));
    }

    /** Each dependency that leads back to where it started, as the loop it closes. */
    private static List<String> cycles(Map<String, Set<String>> uses) {
        List<String> cycles = new ArrayList<>();
        for (String from : uses.keySet()) {
            for (String to : uses.get(from)) {
                pathBack(uses, to, from).ifPresent(path -> cycles.add(from + " -> " + String.join(" -> ", path)));
            }
        }
        return cycles;
    }

    /** A path of dependencies from {@code start} back to {@code target}, if there is one. */
    private static java.util.Optional<List<String>> pathBack(Map<String, Set<String>> uses, String start, String target) {
        Deque<List<String>> queue = new ArrayDeque<>(List.of(List.of(start)));
        Set<String> seen = new TreeSet<>(Set.of(start));
        while (!queue.isEmpty()) {
            List<String> path = queue.poll();
            String last = path.get(path.size() - 1);
            if (last.equals(target)) {
                return java.util.Optional.of(path);
            }
            for (String next : uses.getOrDefault(last, Set.of())) {
                if (seen.add(next)) {
                    List<String> longer = new ArrayList<>(path);
                    longer.add(next);
                    queue.add(longer);
                }
            }
        }
        return java.util.Optional.empty();
    }
}
