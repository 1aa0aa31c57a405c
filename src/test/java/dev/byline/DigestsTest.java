package dev.byline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Digests computes the standard algorithms byte for byte: stored API-key and edit-token hashes, cursors and webhook
 * signatures made before it existed must still match.
 */
class DigestsTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void sha256OfTextIsTheStandardDigestOfItsUtf8Bytes() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                HEX.formatHex(Digests.sha256("abc")));
        assertEquals(HEX.formatHex(Digests.sha256("é")),
                HEX.formatHex(Digests.sha256().digest("é".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void hmacSha256MatchesRfc4231() {
        // RFC 4231, test case 2.
        byte[] mac = Digests.hmacSha256(Digests.hmacKey("Jefe".getBytes(StandardCharsets.US_ASCII)))
                .doFinal("what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII));
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", HEX.formatHex(mac));
    }

    @Test
    void equalComparesWholeDigests() {
        assertTrue(Digests.equal(Digests.sha256("a"), Digests.sha256("a")));
        assertFalse(Digests.equal(Digests.sha256("a"), Digests.sha256("b")));
    }
}
