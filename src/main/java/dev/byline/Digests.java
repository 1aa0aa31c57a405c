package dev.byline;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two digests Byline uses, SHA-256 (API keys and edit tokens stored hashed, fingerprints of texts and feeds) and
 * HMAC-SHA256 (cursors, webhook signatures, clients' addresses, derived keys), named once. Every Java runtime has
 * both, so their absence is not a failure any caller could handle.
 */
public final class Digests {

    private static final String SHA_256 = "SHA-256";
    private static final String HMAC_SHA_256 = "HmacSHA256";

    private Digests() {
    }

    /** A fresh SHA-256 digest, for input fed in parts. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance(SHA_256);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(SHA_256 + " is part of every Java runtime", e);
        }
    }

    /** The SHA-256 of {@code text}'s UTF-8 bytes. */
    public static byte[] sha256(String text) {
        return sha256().digest(text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code secret} as a key for {@link #hmacSha256(Key)}. */
    public static SecretKeySpec hmacKey(byte[] secret) {
        return new SecretKeySpec(secret, HMAC_SHA_256);
    }

    /** A fresh HMAC-SHA256 under {@code key}, for input fed in parts. */
    public static Mac hmacSha256(Key key) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA_256);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(HMAC_SHA_256 + " is part of every Java runtime", e);
        }
    }

    /** Whether two digests are equal, in time that does not depend on where they differ. */
    public static boolean equal(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }
}
