package dev.byline.ingest;

import dev.byline.Digests;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The fingerprint that recognises the same story sent again: a SHA-256 of its headline and body with letter case,
 * spacing and punctuation evened out, so that a copy re-typed with other quotes, dashes or line breaks is the same.
 */
final class TextFingerprint {

    private static final Pattern NOT_WORDS = Pattern.compile("[^\\p{L}\\p{M}\\p{N}]+");

    private TextFingerprint() {
    }

    static String of(String headline, String body) {
        String normalised = normalise(headline + "\n" + (body == null ? "" : body));
        return HexFormat.of().formatHex(Digests.sha256(normalised));
    }

    static String normalise(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return NOT_WORDS.matcher(folded).replaceAll(" ").strip();
    }
}
