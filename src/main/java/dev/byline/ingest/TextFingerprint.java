package dev.byline.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    static String normalise(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return NOT_WORDS.matcher(folded).replaceAll(" ").strip();
    }
}
