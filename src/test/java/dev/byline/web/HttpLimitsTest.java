package dev.byline.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.byline.support.RawHttp;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * What the HTTP layer itself refuses, below JAX-RS: a request line or headers over the limits, and a body that does
 * not arrive. Each is a problem+json with the headers every API response carries; none may hold a worker thread.
 */
@QuarkusTest
class HttpLimitsTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    /** The test profile's body timeout (application.properties), with room for a loaded machine. */
    private static final Duration BODY_PATIENCE = Duration.ofSeconds(20);

    @TestHTTPResource("/api/v1/sections")
    URI sectionsUrl;

    @Test
    void theLongestValidSearchFitsInARequestLine() {
        // 500 characters is the contract's maximum; each is 9 bytes on the wire once percent-encoded as UTF-8.
        given().queryParam("q", "日".repeat(500)).queryParam("tag", List.of("trade", "shipping"))
                .when().get("/api/v1/articles")
                .then().statusCode(200);
    }

    @Test
    void aRequestLineOverTheLimitIs414Problem() throws IOException {
        RawHttp.Response response = RawHttp.exchange("GET /api/v1/articles?q=" + "a".repeat(20_000)
                + " HTTP/1.1\r\nHost: localhost\r\n\r\n");

        assertProblem(response, 414, "/problems/uri-too-long");
        assertTrue(response.body().contains("16384"), response.body());
    }

    @Test
    void headersOverTheLimitAre431Problem() throws IOException {
        RawHttp.Response response = RawHttp.exchange("GET /api/v1/sections HTTP/1.1\r\nHost: localhost\r\n"
                + "X-Padding: " + "a".repeat(40_000) + "\r\n\r\n");

        assertProblem(response, 431, "/problems/headers-too-large");
    }

    @Test
    void anArticleReadWithHeadersOverTheLimitIs431ProblemToo() throws IOException {
        // The route that answers anonymous article reads from memory runs before the limits route: it must not
        // answer this one.
        RawHttp.Response response = RawHttp.exchange("GET /api/v1/articles/some-article HTTP/1.1\r\n"
                + "Host: localhost\r\nX-Padding: " + "a".repeat(40_000) + "\r\n\r\n");

        assertProblem(response, 431, "/problems/headers-too-large");
    }

    /**
     * Requests the HTTP codec cannot parse never reach Byline: Quarkus 3.33 creates its Vert.x server without an
     * invalid-request handler and offers no hook to set one, so Vert.x answers them with an empty 400, 414 or 431 and
     * closes the connection. Limits above keep every valid request (and any merely too long) out of that path.
     */
    @Test
    void requestsTheCodecCannotParseAreRefusedByVertxWithAnEmptyResponse() throws IOException {
        RawHttp.Response control = RawHttp.exchange("GET /api/v1/sections HTTP/1.1\r\nHost: localhost\r\n"
                + "X-Note: a\u0001b\r\n\r\n");
        assertEquals(400, control.status());
        assertEquals("", control.body());

        RawHttp.Response absurd = RawHttp.exchange("GET /api/v1/articles?q=" + "a".repeat(200_000)
                + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertEquals(414, absurd.status());
        assertEquals("", absurd.body());
    }

    @Test
    void slowBodiesHoldNoWorkerThreadAndTimeOutWith408() throws Exception {
        int workers = ConfigProvider.getConfig().getOptionalValue("quarkus.thread-pool.max-threads", Integer.class)
                .orElse(Math.max(8 * Runtime.getRuntime().availableProcessors(), 200));
        List<Socket> trickles = new ArrayList<>();
        try {
            for (int i = 0; i < workers + 30; i++) {
                Socket socket = RawHttp.connect();
                trickles.add(socket);
                // A public write whose body is declared but only begun: one byte of a hundred.
                RawHttp.write(socket, "POST /api/v1/comments/" + UUID.randomUUID() + "/reports HTTP/1.1\r\n"
                        + "Host: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{");
            }

            long started = System.nanoTime();
            HttpResponse<String> read = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                    HttpRequest.newBuilder(sectionsUrl).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertEquals(200, read.statusCode());
            assertTrue(millis < 5_000, "with " + trickles.size() + " bodies trickling (worker pool " + workers
                    + "), a public read took " + millis + " ms");
            assertEquals(0, threadsReadingBodies(), "no thread may wait for a body");

            Socket first = trickles.get(0);
            first.setSoTimeout((int) BODY_PATIENCE.toMillis());
            RawHttp.Response timedOut = RawHttp.read(first);
            assertProblem(timedOut, 408, "/problems/request-timeout");
            assertEquals("close", timedOut.header("Connection"));
        } finally {
            for (Socket socket : trickles) {
                socket.close();
            }
        }
    }

    /** Threads blocked reading a request body, as Quarkus REST does on a worker for a blocking endpoint. */
    private static long threadsReadingBodies() {
        return Thread.getAllStackTraces().values().stream()
                .filter(stack -> Arrays.stream(stack).anyMatch(frame -> frame.getMethodName().equals("readBlocking")))
                .count();
    }

    private static void assertProblem(RawHttp.Response response, int status, String type) {
        assertEquals(status, response.status(), response.toString());
        assertEquals(PROBLEM_JSON, response.header("Content-Type"));
        assertTrue(response.body().contains("\"type\":\"" + type + "\""), response.body());
        assertTrue(response.body().contains("\"status\":" + status), response.body());
        assertEquals("nosniff", response.header("X-Content-Type-Options"));
        assertEquals("default-src 'none'; frame-ancestors 'none'", response.header("Content-Security-Policy"));
        assertEquals("no-store", response.header("Cache-Control"));
    }
}
