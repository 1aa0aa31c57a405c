package dev.byline.web;

import static dev.byline.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.builder.ResponseSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.ResponseSpecification;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.Test;

/**
 * Every error is an RFC 9457 problem+json document that explains itself without leaking internals (stack traces,
 * Java class names, SQL), and a refused request stores nothing.
 */
@QuarkusTest
class ErrorHandlingTest {

    private static final String SOURCES = "/api/v1/sources";
    private static final String SOURCE = "/api/v1/sources/{slug}";
    private static final String ARTICLES = "/api/v1/articles";
    private static final String ARTICLE = "/api/v1/articles/{idOrSlug}";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String DEFAULT_NAME = "Asian News International";
    private static final String DEFAULT_HEADLINE = "Grain shipments resume after talks";
    /** Text that would show that an error response leaked how the service is built. */
    private static final List<String> INTERNALS = List.of("java.", "javax.", "jakarta.", "com.fasterxml", "io.quarkus",
            "io.vertx", "org.hibernate", "org.jboss", "org.postgresql", "dev.byline", "exception", "caused by", "\tat ",
            ".java:", "sql", "select ", "insert into", "psql", "hibernate", "jackson", "[source", "streamreadfeature",
            "deserializationfeature");
    private static final int ONE_MIB = 1024 * 1024;

    @TestHTTPResource("/api/v1/sources")
    URI sourcesUrl;

    // --- bodies that are not JSON --------------------------------------------------------------------------------

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void aNulCharacterAnywhereInTheUrlIsABadRequestNotADatabaseError() {
        for (String path : List.of("/api/v1/articles/a%00b", "/api/v1/sources/%00", "/api/v1/articles/a%00b/comments",
                "/api/v1/comments/%00", "/api/v1/articles/a%00b/publish")) {
            var spec = given().urlEncodingEnabled(false);
            var response = path.endsWith("publish") ? spec.post(path) : spec.get(path);
            response.then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].in", equalTo("path"))
                    .body("detail", containsString("NUL"));
        }
        given().urlEncodingEnabled(false).delete("/api/v1/articles/a%00b").then().statusCode(400);
        for (String query : List.of("/api/v1/articles/some-slug?format=nin%00js", "/api/v1/articles?q=a%00b",
                "/api/v1/moderation/comments?article=%00", "/api/v1/audit?action=%00", "/api/v1/audit?targetId=x%00")) {
            given().urlEncodingEnabled(false).get(query).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].in", equalTo("query"))
                    .body("errors[0].field", equalTo(query.substring(query.indexOf('?') + 1, query.indexOf('='))));
        }
    }

    @Test
    void anySearchWithinTheDocumentedLengthIsAnsweredNotAServerError() {
        // websearch syntax reads '-' as NOT: a run of them once nested deeper than PostgreSQL's tsquery parser allows.
        for (String q : List.of("-".repeat(33), "-".repeat(500), "- ".repeat(200), "election " + "-".repeat(300),
                "\"" + "-".repeat(100) + "\"", "!".repeat(400), "(".repeat(300) + "war", "a <-> ".repeat(80) + "b")) {
            int status = given().queryParam("q", q).get("/api/v1/articles").then().extract().statusCode();
            assertTrue(status == 200 || status == 400, "q of " + q.length() + " characters gave " + status);
        }
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void malformedJsonIs400() {
        String slug = unique("malformed");

        postSource("{\"slug\": \"" + slug + "\", \"name\": \"" + DEFAULT_NAME + "\", \"kind\": ")
                .then().spec(problem(400))
                .body("type", equalTo("/problems/malformed-request"))
                .body("detail", containsString("not valid JSON"));

        assertSourceNotStored(slug);
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void anUnclosedObjectIs400() {
        String slug = unique("unclosed");

        postSource("{\"slug\": \"" + slug + "\", \"name\": \"" + DEFAULT_NAME + "\", \"kind\": \"other\"")
                .then().spec(problem(400))
                .body("type", equalTo("/problems/malformed-request"))
                .body("detail", containsString("not valid JSON"));

        assertSourceNotStored(slug);
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void nonStandardJsonIs400WithoutNamingParserSettings() {
        for (String json : List.of(
                "{\"slug\": \"x\", \"name\": NaN}",
                "{/* a comment */ \"slug\": \"x\"}",
                "{'slug': 'x'}",
                "{\"slug\": \"x\",}",
                "{\"slug\": 01}")) {
            postSource(json)
                    .then().spec(problem(400))
                    .body("type", equalTo("/problems/malformed-request"))
                    .body("detail", containsString("not valid JSON at line 1"));
        }
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void jsonWithTrailingGarbageIs400() {
        String slug = unique("trailing");

        postSource(sourceJson(slug, DEFAULT_NAME) + " {\"slug\": \"another\"}")
                .then().spec(problem(400))
                .body("type", equalTo("/problems/malformed-request"))
                .body("detail", containsString("after its JSON value"));

        assertSourceNotStored(slug);
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void invalidUtf8Is400() {
        String slug = unique("utf8");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("{\"slug\": \"" + slug + "\", \"kind\": \"other\", \"name\": \"Caf").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28});
        body.writeBytes("\"}".getBytes(StandardCharsets.US_ASCII));

        given().contentType(ContentType.JSON).body(body.toByteArray())
                .when().post(SOURCES)
                .then().spec(problem(400))
                .body("type", equalTo("/problems/malformed-request"))
                .body("detail", containsString("UTF-8"));

        assertSourceNotStored(slug);
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void anEmptyBodyIs400() {
        postSource("")
                .then().spec(problem(400))
                .body("type", equalTo("/problems/malformed-request"));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void aJsonArrayInsteadOfAnObjectIs400() {
        postSource("[]")
                .then().spec(problem(400))
                .body("type", equalTo("/problems/malformed-request"));
    }

    // --- JSON with values of the wrong shape ---------------------------------------------------------------------

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void aNumberForAStringIs400NamingTheField() {
        String slug = unique("wrong-type");

        postArticle("{\"slug\": \"" + slug + "\", \"headline\": 123}")
                .then().spec(problem(400))
                .body("type", equalTo("/problems/validation"))
                .body("detail", equalTo("Field 'headline' must be a string."))
                .body("errors[0].in", equalTo("body"))
                .body("errors[0].field", equalTo("headline"))
                .body("errors[0].message", equalTo("must be a string"));

        assertArticleNotStored(slug);
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void aStringForAnArrayIs400NamingTheField() {
        String slug = unique("wrong-type");

        postArticle("{\"slug\": \"" + slug + "\", \"headline\": \"" + DEFAULT_HEADLINE + "\", \"tags\": \"x\"}")
                .then().spec(problem(400))
                .body("type", equalTo("/problems/validation"))
                .body("errors[0].field", equalTo("tags"))
                .body("errors[0].message", equalTo("must be an array"));

        assertArticleNotStored(slug);
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void aStringForABooleanIs400NamingTheField() {
        String slug = unique("wrong-type");

        postArticle("{\"slug\": \"" + slug + "\", \"headline\": \"" + DEFAULT_HEADLINE + "\", \"commentsOpen\": \"yes\"}")
                .then().spec(problem(400))
                .body("type", equalTo("/problems/validation"))
                .body("errors[0].field", equalTo("commentsOpen"))
                .body("errors[0].message", equalTo("must be true or false"));

        assertArticleNotStored(slug);
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void aWrongTypeInsideAListIsNamedByItsPath() {
        String slug = unique("wrong-type");
        String cited = unique("tass");
        postSource(sourceJson(cited, "TASS")).then().statusCode(201);

        postArticle("{\"slug\": \"" + slug + "\", \"headline\": \"" + DEFAULT_HEADLINE + "\", "
                + "\"citedSources\": [{\"source\": \"" + cited + "\", \"role\": \"cited\", \"note\": false}]}")
                .then().spec(problem(400))
                .body("errors[0].field", equalTo("citedSources[0].note"))
                .body("errors[0].message", equalTo("must be a string"));

        assertArticleNotStored(slug);
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void anUnknownFieldIs400NamingIt() {
        String slug = unique("unknown-field");

        postSource("{\"slug\": \"" + slug + "\", \"name\": \"" + DEFAULT_NAME + "\", \"kind\": \"other\", \"homepage\": \"https://example.org\"}")
                .then().spec(problem(400))
                .body("type", equalTo("/problems/validation"))
                .body("detail", containsString("'homepage'"))
                .body("errors[0].in", equalTo("body"))
                .body("errors[0].field", equalTo("homepage"))
                .body("errors[0].message", containsString("homepageUrl"));

        assertSourceNotStored(slug);
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void anUnknownEnumValueIs400NamingTheFieldAndTheAllowedValues() {
        String slug = unique("bad-role");
        String cited = unique("tass");
        postSource(sourceJson(cited, "TASS")).then().statusCode(201);

        postArticle("{\"slug\": \"" + slug + "\", \"headline\": \"" + DEFAULT_HEADLINE + "\", "
                + "\"citedSources\": [{\"source\": \"" + cited + "\", \"role\": \"rumour\"}]}")
                .then().spec(problem(400))
                .body("type", equalTo("/problems/validation"))
                .body("errors[0].field", equalTo("citedSources[0].role"))
                .body("errors[0].message", equalTo("must be one of: cited, quoted, photo, video, supplied, other"));

        assertArticleNotStored(slug);
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void anEscapedControlCharacterInAStringIs400NamingTheField() {
        for (String control : List.of("\\u0000", "\\u0007")) {
            String slug = unique("control");

            postSource(sourceJson(slug, "Bell" + control + "Agency"))
                    .then().spec(problem(400))
                    .body("type", equalTo("/problems/validation"))
                    .body("errors[0].field", equalTo("name"))
                    .body("errors[0].message", containsString("control character U+00"));

            assertSourceNotStored(slug);
        }
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void aRawControlCharacterInAStringIs400() {
        String slug = unique("control");

        postSource(sourceJson(slug, "Bell\u0007Agency"))
                .then().spec(problem(400))
                .body("type", equalTo("/problems/malformed-request"));

        assertSourceNotStored(slug);
    }

    // --- the request as a whole ----------------------------------------------------------------------------------

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void aBodyOverOneMebibyteIs413() {
        String slug = unique("huge");

        postSource(sourceJson(slug, "x".repeat(ONE_MIB + 1)))
                .then().spec(problem(413))
                .header("Connection", equalTo("close"))
                .body("type", equalTo("/problems/payload-too-large"))
                .body("detail", equalTo("The request body is larger than the 1 MiB this service accepts."))
                .body("instance", equalTo(SOURCES));

        assertSourceNotStored(slug);
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void aBodyOverOneMebibyteIs413OnEveryOperationThatTakesABody() {
        String tooLarge = "{\"text\": \"" + "x".repeat(ONE_MIB) + "\"}";
        for (String action : List.of("publish", "withdraw", "corrections")) {
            given().contentType(ContentType.JSON).body(tooLarge)
                    .when().post(ARTICLE + "/" + action, unique("any"))
                    .then().spec(problem(413))
                    .body("type", equalTo("/problems/payload-too-large"));
        }
        given().contentType("application/merge-patch+json").header("If-Match", "\"v0\"").body(tooLarge)
                .when().patch(SOURCE, unique("any"))
                .then().spec(problem(413));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void anExpectationOtherThan100ContinueIs417ProblemAndStoresNothing() {
        String slug = unique("expecting");

        given().contentType(ContentType.JSON).header("Expect", "fast-track").body(sourceJson(slug, "Expects much"))
                .when().post(SOURCES)
                .then().spec(problem(417))
                .header("Connection", equalTo("close"))
                .body("type", equalTo("/problems/expectation-failed"))
                .body("title", equalTo("The expectation cannot be met"))
                .body("detail", equalTo("This service meets no expectation but 100-continue; send the request "
                        + "without this Expect header."))
                .body("instance", equalTo(SOURCES));

        assertSourceNotStored(slug);
        postSource(sourceJson(slug, "Expects nothing")).then().statusCode(201);
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void aChunkedBodyOverOneMebibyteIs413() throws Exception {
        String slug = unique("huge-chunked");
        byte[] json = sourceJson(slug, "x".repeat(ONE_MIB + 1)).getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = postChunked(json);

        assertEquals(413, response.statusCode());
        assertEquals(Optional.of(PROBLEM_JSON), response.headers().firstValue("Content-Type"));
        assertTrue(response.body().contains("\"type\":\"/problems/payload-too-large\""), response.body());
        assertTrue(response.body().contains("\"instance\":\"/api/v1/sources\""), response.body());
        assertSourceNotStored(slug);
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void aChunkedBodyUnderTheLimitIsRead() throws Exception {
        String slug = unique("chunked");

        HttpResponse<String> response = postChunked(sourceJson(slug, DEFAULT_NAME).getBytes(StandardCharsets.UTF_8));

        assertEquals(201, response.statusCode(), response.body());
        given().when().get(SOURCE, slug).then().statusCode(200).body("name", equalTo(DEFAULT_NAME));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void aBodyJustUnderTheLimitIsReadAndValidated() {
        String slug = unique("large");

        postSource(sourceJson(slug, "x".repeat(ONE_MIB - 200)))
                .then().spec(problem(400))
                .body("errors[0].field", equalTo("name"));

        assertSourceNotStored(slug);
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void anUnsupportedContentTypeIs415() {
        String slug = unique("plain");

        given().contentType(ContentType.TEXT).body(sourceJson(slug, DEFAULT_NAME))
                .when().post(SOURCES)
                .then().spec(problem(415))
                .body("type", equalTo("/problems/unsupported-media-type"))
                .body("detail", containsString("text/plain"));

        assertSourceNotStored(slug);
    }

    @Test
    void anUnknownRouteIs404Problem() {
        given().when().get("/api/v1/nowhere")
                .then().spec(problem(404))
                .body("type", equalTo("/problems/not-found"))
                .body("instance", equalTo("/api/v1/nowhere"));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void anUnsupportedMethodIs405ListingTheAllowedOnes() {
        given().contentType(ContentType.JSON).body(sourceJson(unique("put"), DEFAULT_NAME))
                .when().put(SOURCES)
                .then().spec(problem(405))
                .header("Allow", equalTo("GET, HEAD, OPTIONS, POST"))
                .body("type", equalTo("/problems/method-not-allowed"))
                .body("detail", containsString("it allows GET, HEAD, OPTIONS, POST."));

        given().contentType(ContentType.JSON).body(sourceJson(unique("post"), DEFAULT_NAME))
                .when().post(SOURCE, unique("any"))
                .then().spec(problem(405))
                .header("Allow", equalTo("DELETE, GET, HEAD, OPTIONS, PATCH"));
    }

    @Test
    void anUnproducibleAcceptIs406Problem() {
        given().accept("text/csv")
                .when().get(ARTICLE, unique("any"))
                .then().spec(problem(406))
                .body("type", equalTo("/problems/not-acceptable"))
                .body("title", equalTo("No acceptable representation"))
                .body("detail", containsString("text/csv"));
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void aContentTypeThatIsNotAMediaTypeIs415Problem() {
        for (String type : List.of("garbage", "a/b/c")) {
            given().contentType(type).body(sourceJson(unique("ct"), DEFAULT_NAME).getBytes(StandardCharsets.UTF_8))
                    .when().post(SOURCES)
                    .then().spec(problem(415))
                    .body("detail", containsString(type));
        }
    }

    /** A multipart body that never reaches its closing boundary used to leave the request unanswered for good. */
    @Test
    void aMultipartBodyIs415ProblemAtOnce() throws Exception {
        String body = "{\"publishAt\": null}";
        dev.byline.support.RawHttp.Response response = dev.byline.support.RawHttp.exchange(
                "POST /api/v1/articles/" + java.util.UUID.randomUUID() + "/publish HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: " + body.length() + "\r\n\r\n"
                        + body);
        assertEquals(415, response.status());
        assertEquals(PROBLEM_JSON, response.header("Content-Type"));
        assertTrue(response.body().contains("/problems/unsupported-media-type"), response.body());
    }

    @Test
    void aTimeBeyondFourDigitYearsInAQueryIs400NamingTheParameter() {
        for (String name : List.of("from", "to", "updatedSince")) {
            given().queryParam(name, "+999999999-12-31T23:59:59Z")
                    .when().get(ARTICLES)
                    .then().spec(problem(400))
                    .body("errors[0].field", equalTo(name))
                    .body("errors[0].message", containsString("four-digit year"));
        }
    }

    @Test
    @TestSecurity(user = "editor", roles = "editor")
    void aTimeBeyondFourDigitYearsInABodyIs400NamingTheFieldAndStoresNothing() {
        for (String time : List.of("+1000000000-01-01T00:00:00Z", "-4714-01-01T00:00:00Z")) {
            String slug = unique("far");
            postArticle("{\"slug\": \"" + slug + "\", \"headline\": \"" + DEFAULT_HEADLINE
                    + "\", \"bodyText\": \"Text.\", \"expiresAt\": \"" + time + "\"}")
                    .then().spec(problem(400))
                    .body("errors[0].in", equalTo("body"))
                    .body("errors[0].field", equalTo("expiresAt"))
                    .body("errors[0].message", containsString("four-digit year"));
            assertArticleNotStored(slug);
        }
        String id = postArticle("{\"headline\": \"" + DEFAULT_HEADLINE + "\", \"bodyText\": \"Text.\"}")
                .then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).body("{\"publishAt\": \"+1000000000-01-01T00:00:00Z\"}")
                .when().post(ARTICLE + "/publish", id)
                .then().spec(problem(400))
                .body("errors[0].field", equalTo("publishAt"));
    }

    @Test
    void aBadDateInAQueryIs400NamingTheParameter() {
        given().queryParam("from", "last tuesday")
                .when().get(ARTICLES)
                .then().spec(problem(400))
                .body("type", equalTo("/problems/validation"))
                .body("detail", containsString("'from'"))
                .body("errors[0].in", equalTo("query"))
                .body("errors[0].field", equalTo("from"));
    }

    @Test
    void anImpossibleDateInAQueryIs400NamingTheParameter() {
        given().queryParam("to", "2026-02-30")
                .when().get(ARTICLES)
                .then().spec(problem(400))
                .body("errors[0].field", equalTo("to"));
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    /** A problem+json response with the given status, every RFC 9457 member, and nothing about the internals. */
    private static ResponseSpecification problem(int status) {
        return new ResponseSpecBuilder()
                .expectStatusCode(status)
                .expectContentType(PROBLEM_JSON)
                .expectBody("type", notNullValue())
                .expectBody("title", notNullValue())
                .expectBody("status", equalTo(status))
                .expectBody("detail", notNullValue())
                .expectBody("instance", notNullValue())
                .expectBody(withoutInternals())
                .build();
    }

    private static Matcher<String> withoutInternals() {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(String body) {
                String lower = body.toLowerCase(Locale.ROOT);
                return INTERNALS.stream().noneMatch(lower::contains);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a body without any of ").appendValue(INTERNALS);
            }
        };
    }

    /**
     * REST Assured always sends Content-Length; this sends a body of unknown length, chunked. The contract filter does
     * not see these exchanges, so callers check the response themselves.
     */
    private HttpResponse<String> postChunked(byte[] json) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(sourcesUrl)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(json)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String sourceJson(String slug, String name) {
        return "{\"slug\": \"" + slug + "\", \"name\": \"" + name + "\", \"kind\": \"other\"}";
    }

    private static Response postSource(String json) {
        return given().contentType(ContentType.JSON).body(json).when().post(SOURCES);
    }

    private static Response postArticle(String json) {
        return given().contentType(ContentType.JSON).body(json).when().post(ARTICLES);
    }

    private static void assertSourceNotStored(String slug) {
        given().when().get(SOURCE, slug).then().statusCode(404);
    }

    /** Run as an editor, who may read drafts: a draft made by the refused request would be found. */
    private static void assertArticleNotStored(String slug) {
        given().when().get(ARTICLE, slug).then().statusCode(404);
        List<String> drafts = given().queryParam("status", "draft").queryParam("limit", 100)
                .when().get(ARTICLES).then().statusCode(200).extract().path("items.slug");
        assertFalse(drafts.contains(slug), "no draft " + slug);
    }
}
