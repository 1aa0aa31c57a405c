package dev.byline.security;

import dev.byline.Digests;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape of API keys: {@code byl_<8-character public prefix>_<32-character secret>}, base62, about 190 random bits.
 *
 * <p>A plain SHA-256 is enough to store them: unlike passwords they are long random strings that cannot be guessed
 * from a dictionary, and a fast hash keeps authentication cheap on every request.
 */
final class KeySecrets {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final Pattern FORMAT = Pattern.compile("^(byl_[0-9A-Za-z]{8})_[0-9A-Za-z]{32}$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeySecrets() {
    }

    static String generate() {
        return "byl_" + random(8) + "_" + random(32);
    }

    /** The public prefix of a well-formed key, or empty for anything else. */
    static Optional<String> prefixOf(String key) {
        Matcher matcher = FORMAT.matcher(key);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    static byte[] hash(String key) {
        return Digests.sha256(key);
    }

    static boolean matches(String key, byte[] storedHash) {
        return Digests.equal(hash(key), storedHash);
    }

    private static String random(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}
