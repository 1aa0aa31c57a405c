package dev.byline;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.byline.support.Keys;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.File;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * README's examples work as written: examples/tour.sh runs every sh block of its Examples section with bash and curl
 * against this instance, and stops at the first request that fails. Skipped, saying why, where curl is missing.
 */
@QuarkusTest
class ReadmeTourTest {

    private static final Path LOG = Path.of("target", "readme-tour.log");

    @TestHTTPResource("/")
    URL root;

    @Test
    void theReadmeExamplesRunAsWrittenAgainstARunningInstance() throws Exception {
        Assumptions.assumeTrue(onPath("bash") && onPath("curl"),
                "bash or curl is not installed, so README's examples cannot be run here; install curl to check them");
        String base = root.toString().replaceAll("/$", "");
        Process tour = new ProcessBuilder("bash", "examples/tour.sh", base, Keys.issue(Roles.ADMIN))
                .redirectErrorStream(true)
                .redirectOutput(LOG.toFile())
                .start();
        boolean ended = tour.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            tour.destroyForcibly();
        }
        String output = Files.readString(LOG, StandardCharsets.UTF_8);
        assertTrue(ended, "the tour did not end within two minutes:\n" + output);
        assertEquals(0, tour.exitValue(), "an example of README.md failed:\n" + output);

        assertTrue(output.endsWith("Tour complete.\n"), output);
        assertTrue(output.contains("HTTP/1.1 304 Not Modified"), "the revalidation example answers 304");
        assertTrue(output.contains("\"pubStatus\":\"usable\"") && output.contains("\"pubStatus\":\"withheld\""),
                "the partner's ninjs examples show the article, then its withdrawal");
        assertTrue(output.contains("\"kind\":\"withdrawn\""), "the change feed example shows the withdrawal");
        assertTrue(output.contains("\"action\":\"article.correct\""), "the audit example shows the editor's work");
        // The clean-up ran to its end, so that the tour can run again on the same instance.
        given().get("/api/v1/sources/harbour-wire").then().statusCode(404);
        given().get("/api/v1/sources/port-gazette").then().statusCode(404);
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(directory, command))) {
                return true;
            }
        }
        return false;
    }
}
