package dev.byline.webhook;

import dev.byline.BylineConfig;
import dev.byline.Digests;
import dev.byline.database.ServerSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signing secrets of subscriptions, in the Standard Webhooks form: {@code whsec_} and 32 random bytes in base64,
 * shown to the partner once. Byline must sign with them, so unlike API keys they cannot be stored as hashes; they are
 * stored encrypted (AES-256-GCM, bound to their subscription's id) under a key derived from
 * {@code BYLINE_WEBHOOKS_SECRET_KEY}, or from a server secret kept in the database when that is unset.
 */
@ApplicationScoped
public class WebhookSecrets {

    static final String PREFIX = "whsec_";
    private static final int SECRET_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ServerSecrets serverSecrets;
    private final Optional<String> configuredKey;
    private volatile SecretKey sealingKey;

    public WebhookSecrets(ServerSecrets serverSecrets, BylineConfig config) {
        this.serverSecrets = serverSecrets;
        this.configuredKey = config.webhooks().secretKey().filter(key -> !key.isBlank());
    }

    /** A new signing key (the raw bytes; {@link #show} gives the form partners see). */
    static byte[] generate() {
        byte[] key = new byte[SECRET_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    /** The secret as the partner receives it: {@code whsec_<base64>}. */
    static String show(byte[] key) {
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /**
     * The {@code webhook-signature} header: {@code v1,} and the base64 HMAC-SHA256 of {@code id.timestamp.body}
     * under the subscription's key.
     */
    static String sign(byte[] key, String id, long timestamp, byte[] body) {
        Mac mac = Digests.hmacSha256(Digests.hmacKey(key));
        mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    }

    /** {@code key} encrypted for storage in the row of {@code subscription}: a fresh nonce, then the ciphertext. */
    byte[] seal(UUID subscription, byte[] key) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, subscription, nonce, key, 0, key.length);
        return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
    }

    /** The signing key stored as {@code sealed} in the row of {@code subscription}. */
    byte[] open(UUID subscription, byte[] sealed) {
        byte[] nonce = java.util.Arrays.copyOf(sealed, NONCE_BYTES);
        return crypt(Cipher.DECRYPT_MODE, subscription, nonce, sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    }

    private byte[] crypt(int mode, UUID subscription, byte[] nonce, byte[] input, int offset, int length) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, sealingKey(), new GCMParameterSpec(TAG_BITS, nonce));
            // The id is authenticated with the secret: a sealed secret copied into another row does not open there.
            cipher.updateAAD(subscription.toString().getBytes(StandardCharsets.US_ASCII));
            return cipher.doFinal(input, offset, length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A webhook signing secret could not be " + (mode == Cipher.ENCRYPT_MODE
                    ? "encrypted" : "decrypted (was BYLINE_WEBHOOKS_SECRET_KEY changed?)"), e);
        }
    }

    /** The AES key: derived from the server secret with HMAC, so that the stored secret serves this one purpose. */
    private SecretKey sealingKey() {
        SecretKey key = sealingKey;
        if (key == null) {
            Mac mac = Digests.hmacSha256(serverSecrets.hmacKey("webhook-secrets", configuredKey));
            key = new SecretKeySpec(mac.doFinal("byline webhook signing secrets v1".getBytes(StandardCharsets.UTF_8)), "AES");
            sealingKey = key;
        }
        return key;
    }
}
