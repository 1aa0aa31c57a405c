package dev.byline.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** Kept bodies are gzip members any client can read, and come back byte for byte, however many threads share them. */
class GzipTest {

    @Test
    void whatIsCompressedIsAGzipMemberThatInflatesToTheSameBytes() throws IOException {
        Random random = new Random(20261129);
        byte[] text = "{\"headline\":\"Votes counted\",\"body\":\"<p>Turnout rose.</p>\"}".repeat(80)
                .getBytes(StandardCharsets.UTF_8);
        byte[] noise = new byte[9_000];
        random.nextBytes(noise); // incompressible: the output outgrows its first guess
        for (byte[] body : new byte[][] {text, noise, new byte[0], "é".getBytes(StandardCharsets.UTF_8)}) {
            byte[] gzip = Gzip.compress(body);
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
                assertArrayEquals(body, in.readAllBytes(), "read by java.util.zip");
            }
            assertArrayEquals(body, Gzip.inflate(gzip, body.length), "inflated by Gzip");
        }
        assertTrue(Gzip.compress(text).length * 5 < text.length, "text compresses");
    }

    @Test
    void reusedCompressorsNeverMixBodies() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            java.util.List<Future<Boolean>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 400; i++) {
                byte[] body = ("article " + i + " ").repeat(50 + i).getBytes(StandardCharsets.UTF_8);
                results.add(pool.submit(() -> java.util.Arrays.equals(body,
                        Gzip.inflate(Gzip.compress(body), body.length))));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void gzipIsAcceptedUnlessRefused() {
        assertTrue(Gzip.accepted("gzip, deflate, br"));
        assertTrue(Gzip.accepted("br;q=1, gzip;q=0.5"));
        assertTrue(Gzip.accepted("*"));
        assertFalse(Gzip.accepted("gzip;q=0, *"));
        assertFalse(Gzip.accepted("identity"));
        assertFalse(Gzip.accepted(null));
    }
}
