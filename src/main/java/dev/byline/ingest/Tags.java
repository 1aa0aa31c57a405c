package dev.byline.ingest;

import dev.byline.web.Patterns;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Article tags made from ninjs subjects and feed categories: lowercase ASCII slugs, at most 30. */
final class Tags {

    static final int MAX = 30;
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9]+");
    private static final Pattern SLUG = Pattern.compile(Patterns.SLUG);

    private Tags() {
    }

    /** The tags for {@code names}; what cannot become one is said in {@code notes}. */
    static List<String> of(List<String> names, List<String> notes) {
        Set<String> tags = new LinkedHashSet<>();
        List<String> skipped = new ArrayList<>();
        for (String name : names) {
            Optional<String> tag = slug(name);
            if (tag.isEmpty()) {
                skipped.add(name);
            } else if (tags.size() < MAX) {
                tags.add(tag.get());
            }
        }
        if (!skipped.isEmpty()) {
            notes.add("Not kept as tags (tags are lowercase ASCII words and hyphens): " + String.join(", ", skipped) + ".");
        }
        if (names.size() - skipped.size() > MAX) {
            notes.add("Only the first " + MAX + " subjects or categories were kept as tags.");
        }
        return List.copyOf(tags);
    }

    static Optional<String> slug(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String ascii = MARKS.matcher(Normalizer.normalize(name.toLowerCase(Locale.ROOT), Normalizer.Form.NFKD))
                .replaceAll("");
        String slug = NOT_SLUG.matcher(ascii).replaceAll("-").replaceAll("^-+|-+$", "");
        if (slug.length() > 100) {
            slug = slug.substring(0, 100).replaceAll("-+$", "");
        }
        return SLUG.matcher(slug).matches() ? Optional.of(slug) : Optional.empty();
    }
}
