package dev.byline.article;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.byline.support.As;
import dev.byline.support.Database;
import dev.byline.support.Fixtures;
import dev.byline.support.SqlStatements;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Renditions are shared through PostgreSQL (V18): an instance that never rendered an article serves the bytes another
 * read stored, in one statement, and every change, whoever commits it, deletes what it made stale. "Another instance"
 * is this one with its memory cleared; changes are made with SQL straight into the database, as another instance
 * (or an operator) would.
 */
@QuarkusTest
class StoredRenditionsTest {

    private static final String ARTICLES = "/api/v1/articles";

    @Inject
    EntityManagerFactory entityManagerFactory;

    @Inject
    DataSource dataSource;

    @Inject
    ReadCaches caches;

    @Inject
    StoredRenditions stored;

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void anInstanceThatNeverRenderedAnArticleServesTheStoredBytesInOneStatement() {
        String slug = Fixtures.unique("shared");
        String id = Fixtures.published(Map.of("headline", "Shared", "slug", slug, "standfirst", "Told <once>"));
        As.anonymous(() -> {
            Response first = given().get(ARTICLES + "/" + slug).then().statusCode(200).extract().response();
            assertTrue(storedRow(id), "the first read stored the rendition");

            caches.forget(null, true); // another instance: nothing in memory
            long[] statements = new long[1];
            Response elsewhere = given().get(ARTICLES + "/" + slug).then().statusCode(200).extract().response();
            caches.forget(null, true);
            statements[0] = SqlStatements.during(entityManagerFactory,
                    () -> given().get(ARTICLES + "/" + slug).then().statusCode(200));

            assertEquals(first.asString(), elsewhere.asString());
            assertEquals(first.header("ETag"), elsewhere.header("ETag"));
            assertEquals(first.header("Cache-Control"), elsewhere.header("Cache-Control"));
            assertEquals(1, statements[0], "a read of a stored rendition");
            // Compressed or not, the same JSON.
            caches.forget(null, true);
            given().header("Accept-Encoding", "gzip").get(ARTICLES + "/" + slug).then().statusCode(200)
                    .body("standfirst", equalTo("Told <once>"));
        });
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void everyChangeWhoeverCommitsItDeletesWhatItMadeStale() {
        String sourceSlug = Fixtures.source("Stale Agency", Map.of());
        String slug = Fixtures.unique("stale");
        String id = Fixtures.published(Map.of("headline", "Before", "slug", slug, "source", sourceSlug,
                "citedSources", List.of(Map.of("source", sourceSlug, "role", "cited"))));
        // The article row itself.
        assertStaleAfter(id, slug, "update article set headline = 'After', version = version + 1 where id = ?::uuid",
                "headline", "After");
        // Its source, named in the article and among its citations.
        assertStaleAfter(id, slug, "update source set name = 'Renamed Agency' where id = (select source_id from article"
                + " where id = ?::uuid)", "source.name", "Renamed Agency");
        // A citation.
        assertStaleAfter(id, slug, "update article_cited_source set note = 'A new note' where article_id = ?::uuid",
                "citedSources[0].note", "A new note");
        // A correction added.
        assertStaleAfter(id, slug, "insert into article_correction (article_id, text, created_at) values (?::uuid,"
                + " 'Corrected by hand.', now())", "corrections[0].text", "Corrected by hand.");
        // A language version added lists itself in the original.
        read(slug);
        assertTrue(storedRow(id));
        String french = Fixtures.published(Map.of("headline", "En français", "language", "fr", "translationOf", id));
        assertFalse(storedRow(id), "a new language version made the original's rendition stale");
        As.anonymous(() -> given().get(ARTICLES + "/" + slug).then().statusCode(200)
                .body("translations.id", contains(french)));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void aRenditionReadBeforeACommitIsNotStoredAfterIt() {
        String slug = Fixtures.unique("raced");
        String id = Fixtures.published(Map.of("headline", "Raced", "slug", slug));
        ReadCaches.Rendition rendition = kept(slug);
        long epoch = epoch();
        execute("delete from article_rendition where article_id = ?::uuid", id);

        // A commit between the read and the store moves the epoch: what was read is not stored.
        execute("update article set headline = 'Raced again', version = version + 1 where id = ?::uuid", id);
        stored.store(rendition, epoch);
        assertFalse(storedRow(id), "a rendition read before a commit was stored after it");

        // Under the current epoch it is.
        stored.store(rendition, epoch());
        assertTrue(storedRow(id));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void anotherRenderersBytesAreNeverServed() {
        String slug = Fixtures.unique("other-renderer");
        String id = Fixtures.published(Map.of("headline", "Mine", "slug", slug));
        read(slug);
        execute("update article_rendition set format = 'another-version', gzip = '\\x00'::bytea where article_id = ?::uuid",
                id);
        caches.forget(null, true);
        As.anonymous(() -> given().get(ARTICLES + "/" + slug).then().statusCode(200)
                .body("headline", equalTo("Mine")));
        assertTrue(storedRow(id), "rendered again and stored under this renderer's name");
        caches.forget(null, true);
        As.anonymous(() -> given().get(ARTICLES + "/" + slug).then().statusCode(200)
                .body("headline", equalTo("Mine")));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void onlyWhatAnybodyMayReadIsStored() {
        String draft = Fixtures.draft(Map.of("headline", "Not yet"));
        given().get(ARTICLES + "/" + draft).then().statusCode(200);
        String embargoed = Fixtures.draft(Map.of("headline", "Later"));
        given().contentType("application/json").body(Map.of("embargoedUntil", Instant.now().plusSeconds(3600).toString()))
                .post(ARTICLES + "/" + embargoed + "/publish").then().statusCode(200);
        given().get(ARTICLES + "/" + embargoed).then().statusCode(200);
        assertFalse(storedRow(draft));
        assertFalse(storedRow(embargoed));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void rowsPastTheirValidityAreNeitherServedNorKept() {
        String slug = Fixtures.unique("past");
        String id = Fixtures.published(Map.of("headline", "Valid for now", "slug", slug));
        read(slug);
        execute("update article_rendition set valid_until = now() - interval '1 second', gzip = '\\x00'::bytea"
                + " where article_id = ?::uuid", id);
        caches.forget(null, true);
        // The read statement skips it: rendered again (and stored again, valid this time).
        As.anonymous(() -> given().get(ARTICLES + "/" + slug).then().statusCode(200)
                .body("headline", equalTo("Valid for now")));
        execute("update article_rendition set valid_until = now() - interval '1 second' where article_id = ?::uuid", id);
        stored.forgetExpired();
        assertFalse(storedRow(id), "an expired row outlived the clean-up");
    }

    private void assertStaleAfter(String id, String slug, String sql, String path, String expected) {
        read(slug);
        assertTrue(storedRow(id), "stored before the change");
        execute(sql, id);
        assertFalse(storedRow(id), "still stored after: " + sql);
        caches.forget(null, true);
        As.anonymous(() -> given().get(ARTICLES + "/" + slug).then().statusCode(200).body(path, equalTo(expected)));
    }

    private void read(String slug) {
        caches.forget(null, true);
        As.anonymous(() -> given().get(ARTICLES + "/" + slug).then().statusCode(200));
    }

    /** The rendition this instance keeps of {@code slug}, read again until a read is kept (a notice may overlap it). */
    private ReadCaches.Rendition kept(String slug) {
        Instant deadline = Instant.now().plusSeconds(2);
        while (true) {
            As.anonymous(() -> given().get(ARTICLES + "/" + slug).then().statusCode(200));
            var rendition = caches.article(slug, Instant.now());
            if (rendition.isPresent()) {
                return rendition.get();
            }
            assertTrue(Instant.now().isBefore(deadline), "never kept");
        }
    }

    /** Runs {@code sql} with the article {@code id} as its one parameter. */
    private void execute(String sql, String id) {
        Database.execute(dataSource, sql, UUID.fromString(id));
    }

    private boolean storedRow(String id) {
        return Database.number(dataSource, "select count(*) from article_rendition where article_id = ?", UUID.fromString(id)) == 1;
    }

    private long epoch() {
        return Database.number(dataSource, "select value from article_rendition_epoch");
    }
}
