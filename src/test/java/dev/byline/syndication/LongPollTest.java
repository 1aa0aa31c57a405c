package dev.byline.syndication;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.byline.Roles;
import dev.byline.support.Keys;
import dev.byline.support.SqlStatements;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import java.io.OutputStream;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Long polls on GET /api/v1/changes: woken at once by a commit, empty after the wait, capped per key, and holding no
 * thread while they wait.
 *
 * <p>Polls that must wait side by side are sent with the JDK's HTTP client, which needs no thread per request; the
 * responses this class asserts on go through REST Assured and so through the contract.
 */
@QuarkusTest
class LongPollTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    static Newsroom newsroom;

    @Inject
    ChangeWatch watch;

    @Inject
    PollQuota quota;

    @Inject
    EntityManagerFactory entityManagerFactory;

    @BeforeAll
    static void keys() {
        newsroom = new Newsroom();
    }

    /** A long poll of 30 s sent without REST Assured, so that hundreds can wait at once. */
    private static CompletableFuture<HttpResponse<String>> park(String key, String cursor) {
        URI uri = URI.create("http://localhost:" + RestAssured.port + "/api/v1/changes?wait=30&cursor="
                + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        return CLIENT.sendAsync(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + key)
                .timeout(PATIENCE).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String keyIdOf(String secret) {
        return Keys.service().authenticate(secret).orElseThrow().keyId().toString();
    }

    /** Polls {@code condition} until it holds, failing after {@code within}. */
    private static void until(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    /** A long poll of 25 s from {@code cursor} through REST Assured, and when its answer arrived. */
    private static Map.Entry<CompletableFuture<Response>, CompletableFuture<Long>> pollFrom(String cursor) {
        CompletableFuture<Response> poll = CompletableFuture.supplyAsync(() -> newsroom.asPartner()
                .queryParam("cursor", cursor).queryParam("wait", 25)
                .when().get("/api/v1/changes").then().extract().response());
        return Map.entry(poll, poll.thenApply(response -> System.nanoTime()));
    }

    @Test
    void aLongPollReturnsAsSoonAsAChangeCommitsWithTheHeadersOfAnyPage() throws Exception {
        String end = newsroom.endOfChangeFeed();
        int before = watch.waiting();
        var poll = pollFrom(end);
        until("the poll waits", PATIENCE, () -> watch.waiting() > before);

        String id = newsroom.published(Map.of("headline", "Breaking"));
        long published = System.nanoTime();
        Response page = poll.getKey().get(30, TimeUnit.SECONDS);

        page.then().statusCode(200)
                .header("ETag", not(emptyOrNullString()))
                .header("Last-Modified", not(emptyOrNullString()))
                .header("Cache-Control", equalTo("private, no-cache"))
                .header("Vary", equalTo("Accept-Encoding, Authorization, X-API-Key"))
                .header("Link", containsString("rel=\"next\""))
                .header("RateLimit-Policy", startsWith("\"partner\""))
                .header("RateLimit", startsWith("\"partner\""))
                .body("items[0].articleId", equalTo(id))
                .body("items[0].kind", equalTo("published"));
        long millis = TimeUnit.NANOSECONDS.toMillis(poll.getValue().get() - published);
        // Under the 5 s re-check while listening: the commit's notice woke it.
        assertTrue(millis < 3_000, "the poll answered " + millis + " ms after the publish, of a 25 s wait");
    }

    @Test
    void aChangeCommittedByAnotherWriterWakesThePoll() throws Exception {
        String id = newsroom.published(Map.of("headline", "Updated through another instance"));
        String end = newsroom.endOfChangeFeed();
        int before = watch.waiting();
        var poll = pollFrom(end);
        until("the poll waits", PATIENCE, () -> watch.waiting() > before);

        // What another instance on the same database does, through a connection this instance knows nothing of.
        var config = ConfigProvider.getConfig();
        try (Connection db = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getOptionalValue("quarkus.datasource.username", String.class).orElse(null),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(null));
                PreparedStatement insert = db.prepareStatement("""
                        insert into article_change (article_id, kind, version, at, slug)
                        select id, 'updated', version, clock_timestamp(), slug from article where id = ?""")) {
            insert.setObject(1, UUID.fromString(id));
            assertEquals(1, insert.executeUpdate());
        }
        long committed = System.nanoTime();

        poll.getKey().get(30, TimeUnit.SECONDS).then().statusCode(200)
                .body("items[0].articleId", equalTo(id))
                .body("items[0].kind", equalTo("updated"));
        long millis = TimeUnit.NANOSECONDS.toMillis(poll.getValue().get() - committed);
        assertTrue(millis < 3_000, "the poll answered " + millis + " ms after another writer's commit");
    }

    @Test
    void aLongPollWithNoChangeAnswersAnEmptyPageWithItsCursorAfterTheWait() throws Exception {
        String keyId = keyIdOf(newsroom.partnerKey);
        for (int attempt = 1; ; attempt++) {
            String end = newsroom.endOfChangeFeed();
            long started = System.nanoTime();
            Response page = newsroom.asPartner().queryParam("cursor", end).queryParam("wait", 1)
                    .when().get("/api/v1/changes").then().statusCode(200).extract().response();
            long millis = millisSince(started);
            if (!page.jsonPath().getList("items").isEmpty() && attempt < 3) {
                continue; // another test's scheduled article came due during the wait; that poll was right to end
            }
            page.then().body("items", hasSize(0))
                    .body("next", equalTo(end))
                    .header("ETag", not(emptyOrNullString()))
                    .header("Last-Modified", not(emptyOrNullString()))
                    .header("Cache-Control", equalTo("private, no-cache"))
                    .header("Link", containsString("rel=\"next\""));
            assertTrue(millis >= 900, "an empty poll of 1 s answered after " + millis + " ms");
            break;
        }
        until("the poll that timed out gives its place back", PATIENCE, () -> quota.waiting(keyId) == 0);
    }

    @Test
    void aPollThatHasSeenTheNewestChangeWaitsWithoutReadingTheFeed() throws Exception {
        String end = newsroom.endOfChangeFeed();
        until("this instance knows the newest change", PATIENCE, watch::current);
        Runnable read = () -> newsroom.asPartner().queryParam("cursor", end).when().get("/api/v1/changes")
                .then().statusCode(200).body("items", hasSize(0));
        read.run(); // the key's last use is recorded now, so that both requests below authenticate alike
        long reading = SqlStatements.during(entityManagerFactory, read);
        long polling = SqlStatements.during(entityManagerFactory, () -> newsroom.asPartner()
                .queryParam("cursor", end).queryParam("wait", 1).when().get("/api/v1/changes")
                .then().statusCode(200).body("items", hasSize(0)).body("next", equalTo(end)));
        assertEquals(reading - 1, polling, "a read prepared " + reading + " statements, a caught-up poll " + polling);
    }

    @Test
    void callersWhoMayNotReadTheFeedAreRefusedBeforeAnyWait() {
        String end = newsroom.endOfChangeFeed();
        long started = System.nanoTime();
        given().queryParam("cursor", end).queryParam("wait", 20).when().get("/api/v1/changes")
                .then().statusCode(401);
        newsroom.asEditor().queryParam("cursor", end).queryParam("wait", 20).when().get("/api/v1/changes")
                .then().statusCode(403);
        newsroom.asPartner().queryParam("cursor", end).queryParam("wait", 31).when().get("/api/v1/changes")
                .then().statusCode(400).body("errors[0].field", equalTo("wait"));
        assertTrue(millisSince(started) < 10_000, "refusals do not wait");
    }

    @Test
    void aPollBeyondItsKeysCapIsRefusedWhileTheOthersWait() throws Exception {
        String key = Keys.issue(Roles.PARTNER);
        String keyId = keyIdOf(key);
        int cap = quota.max();
        String end = newsroom.endOfChangeFeed();
        int before = watch.waiting();
        List<CompletableFuture<HttpResponse<String>>> polls = new ArrayList<>();
        for (int i = 0; i < cap; i++) {
            polls.add(park(key, end));
        }
        until(cap + " polls of one key wait", PATIENCE, () -> quota.waiting(keyId) == cap && watch.waiting() >= before + cap);

        given().header("Authorization", "Bearer " + key).queryParam("cursor", end).queryParam("wait", 5)
                .when().get("/api/v1/changes")
                .then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("5"))
                .header("RateLimit-Policy", startsWith("\"partner\""))
                .body("status", equalTo(429))
                .body("detail", containsString("already has " + cap + " long polls waiting"));
        // A read that does not wait is not a poll: never refused for the cap, never counted.
        given().header("Authorization", "Bearer " + key).queryParam("cursor", end)
                .when().get("/api/v1/changes").then().statusCode(200).body("items", hasSize(0));
        given().header("Authorization", "Bearer " + key).queryParam("cursor", end).queryParam("wait", 0)
                .when().get("/api/v1/changes").then().statusCode(200).body("items", hasSize(0));
        assertEquals(cap, quota.waiting(keyId));

        String id = newsroom.published(Map.of("headline", "Everyone wakes"));
        for (CompletableFuture<HttpResponse<String>> poll : polls) {
            HttpResponse<String> response = poll.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertEquals(200, response.statusCode());
            assertTrue(response.body().contains(id), response.body());
        }
        until("every place is given back", PATIENCE, () -> quota.waiting(keyId) == 0);
    }

    @Test
    void aPollWhoseClientLeavesIsForgottenAndGivesBackItsPlace() throws Exception {
        String key = Keys.issue(Roles.PARTNER);
        String keyId = keyIdOf(key);
        String end = newsroom.endOfChangeFeed();
        int before = watch.waiting();
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v1/changes?wait=30&cursor=" + URLEncoder.encode(end, StandardCharsets.UTF_8)
                    + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + key + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            until("the poll waits", PATIENCE, () -> quota.waiting(keyId) == 1 && watch.waiting() > before);
        }
        until("the poll is forgotten once its client has gone", PATIENCE,
                () -> quota.waiting(keyId) == 0 && watch.waiting() == before);
    }

    /** Threads with a frame of the change feed's request path on their stack: a waiting poll must have none. */
    private static long threadsInTheChangeFeed() {
        return Thread.getAllStackTraces().values().stream()
                .filter(stack -> Arrays.stream(stack).anyMatch(frame -> frame.getClassName().equals(ChangeFeed.class.getName())
                        || frame.getClassName().equals(ChangeResource.class.getName())))
                .count();
    }

    @Test
    void morePollsThanWorkerThreadsWaitWhilePublicReadsStayQuick() throws Exception {
        int workers = ConfigProvider.getConfig().getOptionalValue("quarkus.thread-pool.max-threads", Integer.class)
                .orElse(Math.max(8 * Runtime.getRuntime().availableProcessors(), 200));
        int parked = workers + 50;
        String end = newsroom.endOfChangeFeed();
        int before = watch.waiting();
        List<CompletableFuture<HttpResponse<String>>> polls = new ArrayList<>();
        String key = null;
        for (int i = 0; i < parked; i++) {
            if (i % quota.max() == 0) {
                key = Keys.issue(Roles.PARTNER);
            }
            polls.add(park(key, end));
        }
        until(parked + " polls wait", PATIENCE, () -> watch.waiting() >= before + parked);
        until("no thread is left in the change feed", PATIENCE, () -> threadsInTheChangeFeed() == 0);

        long started = System.nanoTime();
        given().queryParam("limit", 5).when().get("/api/v1/articles").then().statusCode(200);
        long millis = millisSince(started);
        assertTrue(millis < 5_000, "with " + parked + " polls waiting (worker pool " + workers + "), a public list took "
                + millis + " ms");

        String id = newsroom.published(Map.of("headline", "Wakes " + parked + " polls"));
        for (CompletableFuture<HttpResponse<String>> poll : polls) {
            HttpResponse<String> response = poll.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertEquals(200, response.statusCode());
            assertTrue(response.body().contains(id), response.body());
        }
        until("every poll is forgotten", PATIENCE, () -> watch.waiting() == before);
    }
}
