package dev.byline.article;

import dev.byline.database.Sql;
import dev.byline.web.Patterns;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The catalogue's languages that a search without a language filter names one by one (see {@link ArticleListing}):
 * those found at start-up, most common first, then those this instance writes, at most {@value #MAX}.
 *
 * <p>Only speed depends on this list, never what a search finds: an article in a language not on it is still matched
 * as its language reads the query, through a branch that reads the query once per article. Naming a language costs
 * planning one more branch (a fraction of a millisecond), hence the cap; a language another instance starts writing
 * in is named here after the next restart.
 */
@ApplicationScoped
public class SearchLanguages {

    static final int MAX = 6;
    private static final java.util.regex.Pattern LANGUAGE = java.util.regex.Pattern.compile(Patterns.LANGUAGE);
    private static final String IN_USE = """
            select array_agg(language order by n desc, language) from (
                select language, count(*) as n from article group by language
            ) counted""";

    private final Sql sql;
    private volatile List<String> known = List.of();

    public SearchLanguages(Sql sql) {
        this.sql = sql;
    }

    void load(@Observes StartupEvent startup) {
        List<String> inUse = sql.first(IN_USE, s -> { }, row -> {
            java.sql.Array languages = row.getArray(1);
            return languages == null ? List.<String>of() : Arrays.asList((String[]) languages.getArray());
        }).orElse(List.of());
        // Only well-formed tags: SQL written by hand may have stored anything, which the catch-all branch still finds.
        known = inUse.stream().filter(language -> LANGUAGE.matcher(language).matches()).limit(MAX).toList();
    }

    /** The languages to name, most common first. */
    List<String> known() {
        return known;
    }

    /** An article in {@code language} was written: name it from now on, if there is room. */
    void seen(String language) {
        List<String> current = known;
        if (language == null || current.size() >= MAX || current.contains(language)) {
            return;
        }
        synchronized (this) {
            List<String> latest = new ArrayList<>(known);
            if (latest.size() < MAX && !latest.contains(language)) {
                latest.add(language);
                known = List.copyOf(latest);
            }
        }
    }
}
