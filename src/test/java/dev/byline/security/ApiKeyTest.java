package dev.byline.security;

import dev.byline.Roles;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.byline.support.Fixtures;
import dev.byline.support.Keys;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import dev.byline.database.TimeOrderedIds;
import dev.byline.support.SqlStatements;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Issuing, using and revoking API keys; secrets are shown once and never stored or logged. */
@QuarkusTest
class ApiKeyTest {

    private static final String KEY_PATTERN = "^byl_[0-9A-Za-z]{8}_[0-9A-Za-z]{32}$";

    @Inject
    EntityManager entityManager;

    @Inject
    EntityManagerFactory entityManagerFactory;

    @Test
    void anUnknownKeyIsLookedUpOnceAndAcceptedAsSoonAsItExists() throws Exception {
        String secret = "byl_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8) + "_"
                + UUID.randomUUID().toString().replace("-", "");
        given().header("X-API-Key", secret).when().get("/api/v1/sections").then().statusCode(401);
        long statements = SqlStatements.during(entityManagerFactory, () ->
                given().header("X-API-Key", secret).when().get("/api/v1/sections").then().statusCode(401));
        assertEquals(0, statements, "a key already found unknown is refused from memory");

        // Written straight to the database, as another instance would: only its notice tells this one.
        QuarkusTransaction.requiringNew().run(() -> {
            ApiKey key = new ApiKey();
            key.id = TimeOrderedIds.next();
            key.prefix = KeySecrets.prefixOf(secret).orElseThrow();
            key.secretHash = KeySecrets.hash(secret);
            key.name = "made elsewhere";
            key.roles = List.of(Roles.EDITOR);
            key.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            key.persist();
        });
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (given().header("X-API-Key", secret).when().get("/api/v1/sections").statusCode() != 200) {
            assertTrue(System.nanoTime() < deadline, "the new key is still refused");
            Thread.sleep(20);
        }
    }

    @Test
    void anAdministratorIssuesAKeyWhoseSecretIsShownOnce() throws Exception {
        String admin = Keys.issue(Roles.ADMIN);
        List<String> logged = new ArrayList<>();
        Handler capture = captureLogs(logged);
        try {
            String secret = given().auth().oauth2(admin).contentType(ContentType.JSON)
                    .body(Map.of("name", "Night desk", "roles", List.of("editor")))
                    .when().post("/api/v1/keys")
                    .then().statusCode(201)
                    .header("Location", matchesPattern(".*/api/v1/keys/[0-9a-f-]{36}$"))
                    .header("Cache-Control", equalTo("private, no-store"))
                    .body("name", equalTo("Night desk"))
                    .body("roles", equalTo(List.of("editor")))
                    .body("secret", matchesPattern(KEY_PATTERN))
                    .extract().path("secret");
            String prefix = secret.substring(0, 12);

            String listing = given().auth().oauth2(admin).when().get("/api/v1/keys?limit=100")
                    .then().statusCode(200)
                    .body("items.prefix", hasItem(prefix))
                    .body("items.secret", everyItem(nullValue()))
                    .extract().asString();
            assertFalse(listing.contains(secret), "a key list must never contain a secret");

            byte[] stored = (byte[]) QuarkusTransaction.requiringNew().call(() -> entityManager
                    .createNativeQuery("select secret_hash from api_key where prefix = ?1").setParameter(1, prefix)
                    .getSingleResult());
            assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)), stored);
            assertFalse(new String(stored, StandardCharsets.ISO_8859_1).contains(secret.substring(13)));

            String audit = given().auth().oauth2(admin).when().get("/api/v1/audit?action=key.create&limit=100")
                    .then().statusCode(200).extract().asString();
            assertFalse(audit.contains(secret.substring(13)), "the audit log must not contain a secret");
            assertTrue(logged.stream().noneMatch(line -> line.contains(secret.substring(13))), "a secret was logged");
        } finally {
            Logger.getLogger("").removeHandler(capture);
        }
    }

    @Test
    void aKeyWorksAsBearerTokenAndAsXApiKey() {
        String editor = Keys.issue(Roles.EDITOR);
        given().header("Authorization", "Bearer " + editor).contentType(ContentType.JSON)
                .body(Map.of("slug", Fixtures.unique("bearer"), "name", "Bearer Agency", "kind", "wire-agency"))
                .when().post("/api/v1/sources").then().statusCode(201);
        given().header("X-API-Key", editor).contentType(ContentType.JSON)
                .body(Map.of("slug", Fixtures.unique("header"), "name", "Header Agency", "kind", "newspaper"))
                .when().post("/api/v1/sources").then().statusCode(201);
    }

    @Test
    void aRevokedKeyStopsWorkingAtOnce() {
        String admin = Keys.issue(Roles.ADMIN);
        String editor = Keys.issue(Roles.EDITOR);
        String id = given().auth().oauth2(admin).when().get("/api/v1/keys?limit=100").then().statusCode(200)
                .extract().jsonPath().getString("items.find { it.prefix == '" + editor.substring(0, 12) + "' }.id");
        // Used once, so that this instance knows the key (keys are kept in memory between requests).
        given().auth().oauth2(editor).when().get("/api/v1/articles?status=draft").then().statusCode(200);

        given().auth().oauth2(admin).when().delete("/api/v1/keys/" + id).then().statusCode(204);

        given().auth().oauth2(editor).contentType(ContentType.JSON)
                .body(Map.of("slug", Fixtures.unique("revoked"), "name", "Revoked", "kind", "other"))
                .when().post("/api/v1/sources")
                .then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo("/problems/unauthenticated"));
        given().auth().oauth2(admin).when().get("/api/v1/keys?limit=100").then().statusCode(200)
                .body("items.find { it.id == '" + id + "' }.revokedAt", notNullValue());
    }

    @Test
    void aKeyExpiredOrRevokedByAnotherInstanceIsRefusedWithinASecond() {
        for (String change : List.of("expires_at = now() - interval '1 second'", "revoked_at = now()")) {
            String editor = Keys.issue(Roles.EDITOR);
            given().auth().oauth2(editor).when().get("/api/v1/articles?status=draft").then().statusCode(200);
            // Another instance (or an operator with psql) changes the key in the shared database.
            QuarkusTransaction.requiringNew().run(() -> entityManager
                    .createNativeQuery("update api_key set " + change + " where prefix = ?1")
                    .setParameter(1, editor.substring(0, 12)).executeUpdate());

            long deadline = System.nanoTime() + 1_000_000_000L;
            int status;
            do {
                status = given().auth().oauth2(editor).when().get("/api/v1/articles?status=draft").then().extract()
                        .statusCode();
            } while (status == 200 && System.nanoTime() < deadline);
            assertEquals(401, status, change + ": the key still worked a second later");
            given().auth().oauth2(editor).when().get("/api/v1/articles?status=draft")
                    .then().statusCode(401).body("status", equalTo(401));
        }
    }

    @Test
    void anUnknownOrMalformedKeyIsRefusedEvenOnPublicReads() {
        given().auth().oauth2("byl_ZZZZZZZZ_" + "Z".repeat(32)).when().get("/api/v1/sources")
                .then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));
        given().header("X-API-Key", "not-a-key").when().get("/api/v1/articles")
                .then().statusCode(401);
    }

    @Test
    void keyCreationIsValidated() {
        String admin = Keys.issue(Roles.ADMIN);
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "Bad", "roles", List.of("superuser"), "expiresAt", "2001-01-01T00:00:00Z"))
                .when().post("/api/v1/keys")
                .then().statusCode(400)
                .body("errors.field", hasItem("roles[0]"))
                .body("errors.field", hasItem("expiresAt"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("name", "No roles", "roles", List.of()))
                .when().post("/api/v1/keys")
                .then().statusCode(400).body("errors.field", hasItem("roles"));
    }

    @Test
    void theFirstStartCreatedExactlyOneBootstrapAdminKey() {
        Number bootstrap = (Number) QuarkusTransaction.requiringNew().call(() -> entityManager
                .createNativeQuery("select count(*) from api_key where name = 'bootstrap admin' and 'admin' = any(roles)")
                .getSingleResult());
        assertEquals(1, bootstrap.intValue());
    }

    @Test
    void onlyAdministratorsManageKeys() {
        String editor = Keys.issue(Roles.EDITOR);
        given().auth().oauth2(editor).when().get("/api/v1/keys").then().statusCode(403)
                .body("type", equalTo("/problems/forbidden"));
        given().auth().oauth2(editor).when().get("/api/v1/audit").then().statusCode(403);
        given().when().get("/api/v1/keys").then().statusCode(401).body("detail", not(equalTo("")));
    }

    private static Handler captureLogs(List<String> into) {
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                into.add(String.valueOf(record.getMessage()) + " " + java.util.Arrays.toString(record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("").addHandler(handler);
        return handler;
    }
}
