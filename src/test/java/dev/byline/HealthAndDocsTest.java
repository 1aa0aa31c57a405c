package dev.byline;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/** The operator's endpoints under /q: health probes, the served contract and Prometheus metrics. */
@QuarkusTest
class HealthAndDocsTest {

    private static final String DATABASE_CHECK = "Database connections health check";

    @Test
    void livenessIsUp() {
        operatorRequest()
                .when().get("/q/health/live")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("status", equalTo("UP"));
    }

    @Test
    void readinessIsUpAndIncludesTheDatabase() {
        operatorRequest()
                .when().get("/q/health/ready")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(DATABASE_CHECK))
                .body("checks.find { it.name == '" + DATABASE_CHECK + "' }.status", equalTo("UP"));
    }

    @Test
    void theOpenApiDocumentIsTheContract() {
        operatorRequest().queryParam("format", "json")
                .when().get("/q/openapi")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("info.title", equalTo("Byline"))
                .body("paths.'/api/v1/articles'.get.operationId", equalTo("listArticles"))
                .body("paths.'/api/v1/sources/{slug}'.patch.operationId", equalTo("updateSource"))
                .body("components.schemas.Problem", notNullValue());
    }

    @Test
    void theOpenApiDocumentIsYamlByDefault() {
        operatorRequest()
                .when().get("/q/openapi")
                .then().statusCode(200)
                .contentType(containsString("yaml"))
                .body(containsString("title: Byline"))
                .body(containsString("/api/v1/articles:"));
    }

    @Test
    void metricsAreOpenMetricsForClientsThatAcceptAnything() {
        operatorRequest()
                .when().get("/q/metrics")
                .then().statusCode(200)
                .contentType(startsWith("application/openmetrics-text"))
                .body(containsString("# TYPE jvm_memory_used_bytes gauge"))
                .body(endsWith("# EOF\n"));
    }

    @Test
    void metricsArePrometheusText() {
        // One API request first, so that the HTTP server metrics have something to show.
        given().when().get("/api/v1/sources").then().statusCode(200);

        operatorRequest().accept(ContentType.TEXT)
                .when().get("/q/metrics")
                .then().statusCode(200)
                .contentType(startsWith("text/plain; version=0.0.4"))
                .body(containsString("# TYPE jvm_memory_used_bytes gauge"))
                .body(containsString("http_server_requests_seconds_count{"))
                .body(containsString("uri=\"/api/v1/sources\""));
    }

    /**
     * The /q/ endpoints belong to Quarkus, not to the API, and are not in openapi.yaml; the contract filter that
     * ContractValidation puts on every request would fail them, so these requests go without any filter.
     */
    private static RequestSpecification operatorRequest() {
        return given().noFilters();
    }
}
