package dev.byline.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When every database connection is busy, a request is told to come back later (503), not that we failed (500). */
@QuarkusTest
class DatabaseOverloadTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void anExhaustedConnectionPoolIs503WithRetryAfter() throws SQLException {
        AgroalConnectionPoolConfiguration pool = dataSource.getConfiguration().connectionPoolConfiguration();
        int size = pool.maxSize();
        // A request waits this long for a connection before giving up; shortened so the test does not wait 5 s.
        Duration patience = pool.acquisitionTimeout();
        pool.setAcquisitionTimeout(Duration.ofMillis(200));
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < size; i++) {
                held.add(dataSource.getConnection());
            }
            // The list of sources reads the database on every request: it waits for a connection, then gives up.
            given().queryParam("limit", 3).when().get("/api/v1/sources")
                    .then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", matchesPattern("\\d+"))
                    .body("type", equalTo("/problems/unavailable"))
                    .body("detail", not(containsStringIgnoringCase("acquisition")));
        } finally {
            pool.setAcquisitionTimeout(patience);
            for (Connection connection : held) {
                connection.close();
            }
        }
        given().queryParam("limit", 3).when().get("/api/v1/sources").then().statusCode(200);
    }

    @Test
    void theMapperTellsAnAcquisitionTimeoutFromOtherFailures() {
        ProblemMapper mapper = new ProblemMapper(null);
        var busy = mapper.unexpected(new IllegalStateException(new SQLException("Sorry, acquisition timeout!")), null, null);
        assertEquals(503, busy.getStatus());
        assertEquals("2", busy.getHeaderString("Retry-After"));
        Problem problem = (Problem) busy.getEntity();
        assertEquals("/problems/unavailable", problem.type());

        var broken = mapper.unexpected(new IllegalStateException(new SQLException("syntax error at or near")), null, null);
        assertEquals(500, broken.getStatus());
    }
}
