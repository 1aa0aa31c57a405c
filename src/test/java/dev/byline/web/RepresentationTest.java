package dev.byline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The one builder every body goes out through: body, validators, cache, vary, answer. */
class RepresentationTest {

    private static final MediaType ATOM = MediaType.valueOf("application/atom+xml");
    private static final byte[] BODY = "<feed/>".getBytes(StandardCharsets.UTF_8);
    private static final Instant CHANGED = Instant.parse("2026-11-28T09:30:00.5Z");

    @Test
    void aCurrentCopyIsAnswered304WithoutRenderingTheBody() {
        AtomicInteger renders = new AtomicInteger();

        Response response = Representations.deferred(ATOM, () -> {
            renders.incrementAndGet();
            return BODY;
        }).tag("f-1").lastModified(CHANGED).cache(Caching.privateRevalidate())
                .answer(request(Map.of(HttpHeaders.IF_NONE_MATCH, "\"f-1\"")));

        assertEquals(304, response.getStatus());
        assertEquals(0, renders.get());
        assertEquals("\"f-1\"", response.getHeaderString(HttpHeaders.ETAG));
        assertEquals("private, no-cache", response.getHeaderString(HttpHeaders.CACHE_CONTROL));
        assertEquals("Accept-Encoding, Authorization, X-API-Key", response.getHeaderString(HttpHeaders.VARY));
        assertTrue(response.getHeaderString(HttpHeaders.LAST_MODIFIED).endsWith("09:30:00 GMT"));
        assertFalse(response.hasEntity());
    }

    @Test
    void anOlderCopyGetsTheBodyWithItsValidators() {
        Response response = Representations.of(BODY, ATOM).tag("f-2").lastModified(CHANGED)
                .cache(Caching.publicFor(60)).vary(Representations.varyByCredentials(true))
                .answer(request(Map.of(HttpHeaders.IF_NONE_MATCH, "\"f-1\"")));

        assertEquals(200, response.getStatus());
        assertEquals(BODY, response.getEntity());
        assertEquals("\"f-2\"", response.getHeaderString(HttpHeaders.ETAG));
        assertEquals("public, max-age=60, stale-while-revalidate=300",
                response.getHeaderString(HttpHeaders.CACHE_CONTROL));
        assertEquals("Accept, Accept-Encoding, Authorization, X-API-Key", response.getHeaderString(HttpHeaders.VARY));
    }

    @Test
    void withoutATagTheDigestOfTheBytesIsTheTagAndNobodyMayStoreIt() {
        Response response = Representations.ofJson(BODY).answer(request(Map.of()));

        assertEquals(200, response.getStatus());
        assertEquals("\"" + Representations.contentTag(BODY) + "\"", response.getHeaderString(HttpHeaders.ETAG));
        assertEquals(Caching.noStore(), response.getHeaderString(HttpHeaders.CACHE_CONTROL));
        assertNull(response.getHeaderString(HttpHeaders.LAST_MODIFIED));
    }

    @Test
    void anIfMatchNamingAnotherVersionIs412() {
        ProblemException refused = assertThrows(ProblemException.class, () -> Representations.ofJson(BODY)
                .tag(Representations.versionTag(3, BODY)).answer(request(Map.of(HttpHeaders.IF_MATCH, "\"v2-00\""))));

        assertEquals(ProblemType.PRECONDITION_FAILED, refused.type());
    }

    /** Request headers holding {@code values}, read as JAX-RS reads them. */
    private static HttpHeaders request(Map<String, String> values) {
        return (HttpHeaders) Proxy.newProxyInstance(HttpHeaders.class.getClassLoader(),
                new Class<?>[] {HttpHeaders.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getHeaderString")) {
                        return values.get((String) args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
