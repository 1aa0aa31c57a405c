package dev.byline.comment;

import dev.byline.Digests;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret a comment's author receives once, to edit or delete it without an account. Only its SHA-256 is stored,
 * and it is compared in constant time.
 */
final class EditTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private EditTokens() {
    }

    /** A new token, to give the author once. */
    static String issue() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return "bct_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** What is stored of a token. */
    static byte[] hash(String token) {
        return Digests.sha256(token);
    }

    /** Whether {@code token} is {@code comment}'s edit token. */
    static boolean matches(Comment comment, String token) {
        return Digests.equal(hash(token), comment.editTokenHash);
    }
}
