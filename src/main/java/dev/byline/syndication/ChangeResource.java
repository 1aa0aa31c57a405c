package dev.byline.syndication;

import dev.byline.Roles;
import dev.byline.web.Caching;
import dev.byline.web.Page;
import dev.byline.web.PageLinks;
import dev.byline.web.ProblemException;
import dev.byline.web.QueryParams;
import dev.byline.web.Representations;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;

/** The change feed partners mirror from: every change to what they may show, in order, deletions included. */
@Path("/api/v1/changes")
@Produces(MediaType.APPLICATION_JSON)
public class ChangeResource {

    private final ChangeFeed feed;
    private final Representations representations;

    public ChangeResource(ChangeFeed feed, Representations representations) {
        this.feed = feed;
        this.representations = representations;
    }

    @GET
    @RolesAllowed({Roles.PARTNER, Roles.ADMIN})
    public Response changes(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit,
            @QueryParam("wait") String wait, @Context HttpHeaders headers, @Context UriInfo uri)
            throws InterruptedException {
        int size = QueryParams.limit(limit, ChangeFeed.DEFAULT_LIMIT, ChangeFeed.MAX_LIMIT);
        Duration waitFor = Duration.ofSeconds(waitSeconds(wait));
        ChangeFeed.Window window = feed.read(cursor == null || cursor.isBlank() ? null : cursor, size, waitFor);
        Page<ChangeItem> page = new Page<>(window.changes().stream().map(c -> ChangeItem.from(c, uri.getBaseUri())).toList(),
                window.next());
        Response response = representations.ok(headers, representations.json(page), MediaType.APPLICATION_JSON_TYPE,
                window.lastModified(), Caching.privateRevalidate(), Representations.varyByCredentials(false));
        return PageLinks.withNext(response, uri, window.next());
    }

    private static int waitSeconds(String raw) {
        if (raw == null || raw.isBlank()) {
            return 0;
        }
        try {
            int seconds = Integer.parseInt(raw.trim());
            if (seconds >= 0 && seconds <= ChangeFeed.MAX_WAIT_SECONDS) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.invalidQuery("wait", "must be a whole number of seconds from 0 to " + ChangeFeed.MAX_WAIT_SECONDS);
    }
}
