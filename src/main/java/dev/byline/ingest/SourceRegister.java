package dev.byline.ingest;

import dev.byline.source.Source;
import dev.byline.source.SourceKind;
import dev.byline.source.SourceRef;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The source register as imports read it: every source's name and aliases, matched as whole words in any letter
 * case. A name that two sources share names neither: the import says so instead of guessing.
 */
final class SourceRegister {

    /** A register entry. */
    record Known(String slug, String name, SourceKind kind, List<String> aliases) {
        SourceRef ref() {
            return new SourceRef(slug, name, kind);
        }

        static Known of(Source source) {
            return new Known(source.slug, source.name, source.kind, List.copyOf(source.aliases));
        }
    }

    /** One way of writing a source: its name, one of its aliases, or its slug. */
    record Form(Known source, String on) {
    }

    /**
     * What a piece of text matched.
     *
     * @param written the words as written
     * @param forms every source they name (more than one: ambiguous)
     */
    record Match(String written, int start, int end, List<Form> forms) {
        boolean isUnique() {
            return forms.stream().map(f -> f.source().slug()).distinct().count() == 1;
        }

        Form form() {
            return forms.get(0);
        }

        String candidates() {
            return forms.stream().map(f -> f.source().slug()).distinct().sorted().collect(Collectors.joining(", "));
        }
    }

    /** Letters, marks and digits: a name must not start or end inside a word. */
    static final String BEFORE = "(?<![\\p{L}\\p{M}\\p{N}])";
    static final String AFTER = "(?![\\p{L}\\p{M}\\p{N}])";
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final Map<String, List<Form>> byWords;
    private final Map<String, List<Form>> bySlug;
    private final String names;
    private final Pattern anywhere;

    SourceRegister(List<Known> sources) {
        Map<String, List<Form>> words = new LinkedHashMap<>();
        Map<String, List<Form>> slugs = new LinkedHashMap<>();
        for (Known source : sources) {
            words.computeIfAbsent(fold(source.name()), k -> new ArrayList<>()).add(new Form(source, "name"));
            for (String alias : source.aliases()) {
                if (!fold(alias).equals(fold(source.name()))) {
                    words.computeIfAbsent(fold(alias), k -> new ArrayList<>()).add(new Form(source, "alias"));
                }
            }
            slugs.computeIfAbsent(source.slug(), k -> new ArrayList<>()).add(new Form(source, "slug"));
        }
        words.remove("");
        this.byWords = words;
        this.bySlug = slugs;
        // Longest first, so that "Press Trust of India" wins over "Press" at the same place.
        this.names = words.isEmpty() ? "(?!)" : words.keySet().stream()
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .map(SourceRegister::regex)
                .collect(Collectors.joining("|", "(?:", ")"));
        this.anywhere = Pattern.compile(BEFORE + "(?iu:" + names + ")" + AFTER);
    }

    /** An alternation of every name and alias, for cue patterns; match it case-insensitively. */
    String names() {
        return names;
    }

    boolean isEmpty() {
        return byWords.isEmpty();
    }

    /** The sources that exactly {@code written} names (whole string, any case); also a slug when asked. */
    Optional<Match> named(String written, boolean orSlug) {
        if (written == null || written.isBlank()) {
            return Optional.empty();
        }
        String folded = fold(written);
        List<Form> forms = byWords.get(folded);
        if (forms == null && orSlug) {
            forms = bySlug.get(written.strip());
        }
        return forms == null ? Optional.empty() : Optional.of(new Match(written.strip(), 0, written.length(), forms));
    }

    /** Every name or alias standing as whole words in {@code text}, left to right, longest at each place. */
    List<Match> findIn(String text) {
        List<Match> found = new ArrayList<>();
        if (text == null) {
            return found;
        }
        Matcher matcher = anywhere.matcher(text);
        while (matcher.find()) {
            found.add(new Match(matcher.group(), matcher.start(), matcher.end(), byWords.get(fold(matcher.group()))));
        }
        return found;
    }

    /** The forms of a name matched by {@link #names()} inside a larger pattern. */
    List<Form> formsOf(String written) {
        return byWords.getOrDefault(fold(written), List.of());
    }

    /** The same words in any case, width and spacing: {@code "ＡＮＩ "} and {@code "ani"} fold alike. */
    static String fold(String text) {
        return WHITESPACE.matcher(Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT))
                .replaceAll(" ").strip();
    }

    /** A folded name as a pattern: its words quoted, any run of whitespace between them. */
    private static String regex(String folded) {
        return WHITESPACE.splitAsStream(folded).map(Pattern::quote).collect(Collectors.joining("\\s+"));
    }
}
