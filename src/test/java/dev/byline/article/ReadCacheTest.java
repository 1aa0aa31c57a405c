package dev.byline.article;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.byline.support.As;
import dev.byline.support.Database;
import dev.byline.support.Fixtures;
import dev.byline.support.SqlStatements;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Rendered articles, lists and feeds are kept in memory, and nobody can tell except by the speed: a change is served
 * at once when made through this instance, within a second when made by another instance (here: SQL straight into
 * the shared database, as another instance would write), and time rules still flip visibility at their second.
 */
@QuarkusTest
class ReadCacheTest {

    private static final String ARTICLES = "/api/v1/articles";
    private static final Duration ANOTHER_INSTANCE = Duration.ofSeconds(1);

    @Inject
    EntityManagerFactory entityManagerFactory;

    @Inject
    DataSource dataSource;

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void anEditMadeThroughAnotherInstanceIsServedWithinASecond() {
        String slug = Fixtures.unique("elsewhere");
        String id = Fixtures.published(Map.of("headline", "Before the edit", "slug", slug));
        As.anonymous(() -> {
            String before = given().get(ARTICLES + "/" + slug).then().statusCode(200)
                    .body("headline", equalTo("Before the edit")).extract().header("ETag");
            assertEquals(0, readFromMemory(slug), "a later read came from memory");

            assertEquals(1, Database.execute(dataSource,
                    "update article set headline = 'After the edit', version = version + 1 where id = ?", UUID.fromString(id)));

            Response after = awaitRead(slug, r -> "After the edit".equals(r.path("headline")));
            assertNotEquals(before, after.header("ETag"));
            // A client revalidating with the old tag gets the new article, not a 304.
            given().header("If-None-Match", before).get(ARTICLES + "/" + slug).then().statusCode(200)
                    .body("headline", equalTo("After the edit"));
        });
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void aSourceRenamedThroughAnotherInstanceReachesArticlesAlreadyRendered() {
        String source = Fixtures.source("Old Agency Name", Map.of());
        String slug = Fixtures.unique("renamed");
        Fixtures.published(Map.of("headline", "Sourced story", "slug", slug, "source", source));
        As.anonymous(() -> {
            given().get(ARTICLES + "/" + slug).then().statusCode(200).body("source.name", equalTo("Old Agency Name"));
            assertEquals(1, Database.execute(dataSource,
                    "update source set name = 'New Agency Name', version = version + 1 where slug = ?", source));
            awaitRead(slug, r -> "New Agency Name".equals(r.path("source.name")));
        });
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void aWriteThroughThisInstanceIsReadBackAtOnce() {
        String tag = Fixtures.unique("cachetag");
        String slug = Fixtures.unique("own-write");
        String id = Fixtures.published(Map.of("headline", "First headline", "slug", slug, "tags", java.util.List.of(tag)));
        String etag = As.editor(() -> given().get(ARTICLES + "/" + id).then().statusCode(200).extract().header("ETag"));
        As.anonymous(() -> {
            given().get(ARTICLES + "/" + slug).then().statusCode(200).body("headline", equalTo("First headline"));
            given().queryParam("tag", tag).get(ARTICLES).then().statusCode(200)
                    .body("items.headline", contains("First headline"));
            long cached = SqlStatements.during(entityManagerFactory,
                    () -> given().queryParam("tag", tag).get(ARTICLES).then().statusCode(200));
            assertEquals(0, cached, "the same list asked again came from memory");
        });

        given().contentType("application/merge-patch+json").header("If-Match", etag)
                .body(Map.of("headline", "Second headline")).patch(ARTICLES + "/" + id).then().statusCode(200);
        Fixtures.published(Map.of("headline", "Another story", "tags", java.util.List.of(tag)));

        As.anonymous(() -> {
            given().get(ARTICLES + "/" + slug).then().statusCode(200).body("headline", equalTo("Second headline"));
            given().queryParam("tag", tag).get(ARTICLES).then().statusCode(200)
                    .body("items.headline", contains("Another story", "Second headline"));
        });
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void aRenderedArticleGoesAtItsExpiryAndNotASecondLater() {
        Instant expires = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.MILLIS);
        String slug = Fixtures.unique("expiring");
        Fixtures.published(Map.of("headline", "Short-lived", "slug", slug, "expiresAt", expires.toString()));
        As.anonymous(() -> {
            given().get(ARTICLES + "/" + slug).then().statusCode(200);
            Instant gone = null;
            while (gone == null && Instant.now().isBefore(expires.plusSeconds(3))) {
                int status = given().get(ARTICLES + "/" + slug).then().extract().statusCode();
                Instant at = Instant.now();
                if (status == 410) {
                    gone = at;
                } else {
                    assertEquals(200, status);
                    assertTrue(at.isBefore(expires.plusMillis(200)),
                            "still served " + Duration.between(expires, at) + " after expiry");
                }
            }
            assertTrue(gone != null && !gone.isBefore(expires), "410 only once expired, at " + gone);
        });
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void anArticleFromMemoryIsTheSameAnswerAsTheFirstRead() {
        String slug = Fixtures.unique("same-answer");
        Fixtures.published(Map.of("headline", "Told twice", "slug", slug, "standfirst", "Angle <b>brackets</b> & more"));
        As.anonymous(() -> {
            Response first = given().get(ARTICLES + "/" + slug).then().statusCode(200).extract().response();
            assertEquals(0, readFromMemory(slug));
            Response again = given().get(ARTICLES + "/" + slug).then().statusCode(200).extract().response();
            // A query the route leaves to ArticleResource: the JAX-RS answer, which the router's must equal.
            Response resource = given().queryParam("format", "json").get(ARTICLES + "/" + slug).then().statusCode(200)
                    .extract().response();
            assertEquals(first.asString(), again.asString());
            assertEquals(resource.asString(), again.asString());
            for (String header : java.util.List.of("ETag", "Cache-Control", "Vary", "Content-Type", "RateLimit-Policy",
                    "X-Content-Type-Options", "Content-Security-Policy", "Referrer-Policy")) {
                assertEquals(first.header(header), again.header(header), header);
                assertEquals(resource.header(header), again.header(header), header);
            }
            assertEquals("Accept, Accept-Encoding, Authorization, X-API-Key", again.header("Vary"));
            // A revalidation is a 304 with the validators and costs nothing from the rate limit.
            given().header("If-None-Match", "W/" + again.header("ETag")).get(ARTICLES + "/" + slug).then()
                    .statusCode(304).header("ETag", equalTo(again.header("ETag")))
                    .header("Cache-Control", equalTo(again.header("Cache-Control")));
            given().head(ARTICLES + "/" + slug).then().statusCode(200).header("ETag", equalTo(again.header("ETag")))
                    .header("Content-Length", org.hamcrest.Matchers.notNullValue());
            // Asking for ninjs, or with a query, is not this answer.
            given().redirects().follow(false).queryParam("format", "ninjs").get(ARTICLES + "/" + slug).then()
                    .statusCode(303).header("Location", org.hamcrest.Matchers.endsWith("/" + slug + "/ninjs"));
            given().queryParam("format", "json").get(ARTICLES + "/" + slug).then().statusCode(200)
                    .header("ETag", equalTo(again.header("ETag")));
        });
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void anArticleFromMemoryCarriesTheBrowserPolicyAndCountsUnderItsTemplate() {
        String slug = Fixtures.unique("from-a-page");
        Fixtures.published(Map.of("headline", "Read from a page", "slug", slug));
        String origin = "https://reader.example";
        As.anonymous(() -> {
            given().get(ARTICLES + "/" + slug).then().statusCode(200);
            assertEquals(0, readFromMemory(slug));
            Response router = given().header("Origin", origin).get(ARTICLES + "/" + slug).then().statusCode(200)
                    .extract().response();
            Response resource = given().header("Origin", origin).queryParam("format", "json")
                    .get(ARTICLES + "/" + slug).then().statusCode(200).extract().response();
            for (String header : java.util.List.of("Vary", "Access-Control-Allow-Origin",
                    "Access-Control-Expose-Headers", "X-Content-Type-Options", "Content-Security-Policy",
                    "Referrer-Policy")) {
                assertEquals(resource.headers().getValues(header), router.headers().getValues(header), header);
            }
            assertEquals("*", router.header("Access-Control-Allow-Origin"));
        });
        String metrics = given().noFilters().accept("text/plain").get("/q/metrics").then().statusCode(200)
                .extract().asString();
        assertTrue(metrics.contains("uri=\"/api/v1/articles/{idOrSlug}\""), "the template is the metric's URI");
        assertTrue(!metrics.contains(slug), "no series per article");
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void whatThePublicMayNotReadIsAnsweredByTheResourceWithoutReadingTwice() {
        String slug = Fixtures.unique("handed-on");
        String id = Fixtures.published(Map.of("headline", "Renamed soon", "slug", slug));
        String renamed = Fixtures.unique("handed-on-renamed");
        String etag = given().get(ARTICLES + "/" + id).then().statusCode(200).extract().header("ETag");
        given().contentType("application/merge-patch+json").header("If-Match", etag)
                .body(Map.of("slug", renamed)).patch(ARTICLES + "/" + id).then().statusCode(200);
        String draft = Fixtures.unique("handed-on-draft");
        Fixtures.draft(Map.of("headline", "Not yet", "slug", draft));
        As.anonymous(() -> {
            long moved = SqlStatements.during(entityManagerFactory, () -> given().redirects().follow(false)
                    .get(ARTICLES + "/" + slug).then().statusCode(301)
                    .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/articles/" + renamed)));
            long unknown = SqlStatements.during(entityManagerFactory, () -> given()
                    .get(ARTICLES + "/" + Fixtures.unique("nothing-here")).then().statusCode(404)
                    .contentType("application/problem+json"));
            long hidden = SqlStatements.during(entityManagerFactory, () -> given().get(ARTICLES + "/" + draft)
                    .then().statusCode(404).contentType("application/problem+json"));
            // One statement for the article (and one to store its rendition, which the moved slug's next reader
            // uses), one more for a tombstone when there is none: never read twice.
            assertEquals(2, moved, "a moved slug");
            assertEquals(2, unknown, "an unknown slug");
            assertEquals(1, hidden, "a draft");
        });
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void anArticleFromMemoryGoesGzipCompressedToClientsThatAcceptIt() throws Exception {
        String slug = Fixtures.unique("compressed");
        Fixtures.published(Map.of("headline", "Squeezed", "slug", slug, "bodyHtml",
                "<p>" + "A paragraph that repeats itself. ".repeat(60) + "</p>"));
        As.anonymous(() -> {
            given().get(ARTICLES + "/" + slug).then().statusCode(200);
            assertEquals(0, readFromMemory(slug));
        });
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        java.net.URI uri = java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port + ARTICLES + "/" + slug);
        java.net.http.HttpResponse<byte[]> plain = client.send(java.net.http.HttpRequest.newBuilder(uri).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        java.net.http.HttpResponse<byte[]> gzip = client.send(java.net.http.HttpRequest.newBuilder(uri)
                .header("Accept-Encoding", "br;q=1, gzip;q=0.5").build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        java.net.http.HttpResponse<byte[]> refused = client.send(java.net.http.HttpRequest.newBuilder(uri)
                .header("Accept-Encoding", "gzip;q=0, *").build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, gzip.statusCode());
        assertEquals("gzip", gzip.headers().firstValue("Content-Encoding").orElse(null));
        assertTrue(gzip.body().length * 3 < plain.body().length, "compressed to " + gzip.body().length + " bytes");
        try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(
                new java.io.ByteArrayInputStream(gzip.body()))) {
            assertEquals(new String(plain.body(), java.nio.charset.StandardCharsets.UTF_8),
                    new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
        assertTrue(plain.headers().firstValue("Content-Encoding").isEmpty());
        assertEquals(plain.headers().firstValue("ETag"), gzip.headers().firstValue("ETag"));
        assertNotEquals("gzip", refused.headers().firstValue("Content-Encoding").orElse("identity"),
                "gzip;q=0 refuses gzip");
        // Over HTTP/2 (h2c) the server compresses by itself: still one layer of gzip.
        java.net.http.HttpResponse<byte[]> h2 = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_2).build()
                .send(java.net.http.HttpRequest.newBuilder(uri).header("Accept-Encoding", "gzip").build(),
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        byte[] h2Body = h2.body();
        if (h2.headers().firstValue("Content-Encoding").filter("gzip"::equals).isPresent()) {
            try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(
                    new java.io.ByteArrayInputStream(h2Body))) {
                h2Body = in.readAllBytes();
            }
        }
        assertEquals(new String(plain.body(), java.nio.charset.StandardCharsets.UTF_8),
                new String(h2Body, java.nio.charset.StandardCharsets.UTF_8));
    }

    private static Response awaitRead(String slug, Predicate<ExtractableResponse<Response>> done) {
        Instant deadline = Instant.now().plus(ANOTHER_INSTANCE);
        while (true) {
            ExtractableResponse<Response> read = given().get(ARTICLES + "/" + slug).then().statusCode(200).extract();
            if (done.test(read)) {
                return read.response();
            }
            assertTrue(Instant.now().isBefore(deadline), "still the old article after " + ANOTHER_INSTANCE);
        }
    }

    /**
     * The statements a read of {@code slug} costs once it is kept: a read that overlaps the notice of the write that
     * made the article (it arrives a few milliseconds after the commit) is not kept, so look again for a second.
     */
    private long readFromMemory(String slug) {
        Instant deadline = Instant.now().plus(ANOTHER_INSTANCE);
        long statements;
        do {
            statements = SqlStatements.during(entityManagerFactory,
                    () -> given().get(ARTICLES + "/" + slug).then().statusCode(200));
        } while (statements > 0 && Instant.now().isBefore(deadline));
        return statements;
    }
}
