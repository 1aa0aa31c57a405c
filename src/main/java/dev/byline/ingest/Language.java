package dev.byline.ingest;

import dev.byline.web.Patterns;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The language an import is stored in, and where that came from: the document itself, the request's
 * Content-Language, or the default.
 *
 * @param value a BCP 47 tag as articles store it ({@code en}, {@code pt-BR})
 * @param from where it was found, for the report
 */
public record Language(String value, String from) {

    static final Language DEFAULT = new Language("en", "default: neither the document nor Content-Language named one");
    private static final Pattern TAG = Pattern.compile(Patterns.LANGUAGE);

    /**
     * {@code tag} in the case articles store it ({@code en-us} becomes {@code en-US}, {@code zh-hant} {@code zh-Hant});
     * empty when it is not a language tag of a form articles accept.
     */
    static Optional<String> normalise(String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        String[] parts = tag.trim().replace('_', '-').split("-");
        StringBuilder out = new StringBuilder(parts[0].toLowerCase(Locale.ROOT));
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            out.append('-').append(part.length() == 4
                    ? part.substring(0, 1).toUpperCase(Locale.ROOT) + part.substring(1).toLowerCase(Locale.ROOT)
                    : part.toUpperCase(Locale.ROOT));
        }
        String normalised = out.toString();
        return TAG.matcher(normalised).matches() ? Optional.of(normalised) : Optional.empty();
    }
}
