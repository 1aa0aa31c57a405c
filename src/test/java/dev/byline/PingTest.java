package dev.byline;

import static io.restassured.RestAssured.given;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PingTest {
    @Test
    void ping() {
        given().get("/api/v1/ping").then().statusCode(200);
        given().get("/q/health/ready").then().log().all().statusCode(200);
        given().get("/q/openapi").then().log().all().statusCode(200);
    }
}
