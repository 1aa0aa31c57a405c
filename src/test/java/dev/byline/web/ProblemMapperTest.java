package dev.byline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.ServerErrorException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A status the framework answers with and Byline has no problem type for is still an RFC 9457 problem whose
 * {@code status} is the response's (before, a 501 said {@code "status": 500} and a 417 {@code "status": 400}).
 * The statuses Byline names (405, 406, 415) are asserted over HTTP in {@link ErrorHandlingTest}.
 */
class ProblemMapperTest {

    private static final String PATH = "/api/v1/articles";

    private final ProblemMapper mapper = new ProblemMapper(null);

    @Test
    void aServerStatusWithoutAProblemTypeIsAboutBlankTitledWithItsName() {
        Response response = mapper.http(new ServerErrorException(501), uri(), null);

        assertEquals(501, response.getStatus());
        assertEquals(Problems.PROBLEM_JSON, response.getMediaType());
        assertEquals("no-store", response.getHeaderString(HttpHeaders.CACHE_CONTROL));
        assertEquals(new Problem("about:blank", "Not Implemented", 501, "Not Implemented.", PATH, List.of()),
                response.getEntity());
    }

    @Test
    void aClientStatusWithoutAProblemTypeIsAboutBlankTitledWithItsName() {
        Response response = mapper.http(new ClientErrorException(416), uri(), null);

        assertEquals(416, response.getStatus());
        Problem problem = (Problem) response.getEntity();
        assertEquals("about:blank", problem.type());
        assertEquals("Requested Range Not Satisfiable", problem.title());
        assertEquals(416, problem.status());
    }

    @Test
    void aStatusWithoutAStandardNameIsTitledByItsClass() {
        Problem problem = (Problem) mapper.http(new WebApplicationException(599), uri(), null).getEntity();

        assertEquals(599, problem.status());
        assertEquals("Server error", problem.title());
    }

    @Test
    void aStatusWithAProblemTypeKeepsIt() {
        Problem problem = (Problem) mapper.http(new WebApplicationException(409), uri(), null).getEntity();

        assertEquals(new Problem("/problems/conflict", "The request conflicts with the current state", 409,
                "The request conflicts with the current state.", PATH, List.of()), problem);
    }

    @Test
    void aRedirectThrownAsAnExceptionIsPassedOnNotMadeAProblem() {
        Response redirect = Response.status(303).location(URI.create("/elsewhere")).build();

        assertSame(redirect, mapper.http(new WebApplicationException(redirect), uri(), null));
    }

    /** The request's address, the only thing the mapper reads for these statuses. */
    private static UriInfo uri() {
        return (UriInfo) Proxy.newProxyInstance(UriInfo.class.getClassLoader(), new Class<?>[] {UriInfo.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRequestUri" -> URI.create("http://localhost" + PATH);
                    case "getPath" -> PATH;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
