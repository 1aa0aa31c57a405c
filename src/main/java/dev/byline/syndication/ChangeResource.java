package dev.byline.syndication;

import dev.byline.security.Roles;
import dev.byline.web.Caching;
import dev.byline.web.Page;
import dev.byline.web.PageLinks;
import dev.byline.web.ProblemException;
import dev.byline.web.QueryParams;
import dev.byline.web.Representations;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
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

    /**
     * Starts on a worker thread, which reads and returns; a long poll's response is written when its Uni completes,
     * with no thread held in between (see {@link ChangeFeed#poll}).
     */
    @GET
    @RolesAllowed({Roles.PARTNER, Roles.ADMIN})
    @Blocking
    public Uni<Response> changes(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit,
            @QueryParam("wait") String wait, @Context HttpHeaders headers, @Context UriInfo uri) {
        int size = QueryParams.limit(limit, ChangeFeed.DEFAULT_LIMIT, ChangeFeed.MAX_LIMIT);
        int waitSeconds = waitSeconds(wait);
        ChangeFeed.Position after = feed.position(cursor);
        if (waitSeconds == 0) {
            return Uni.createFrom().item(page(feed.read(after, size), headers, uri));
        }
        return Uni.createFrom().deferred(() -> feed.poll(after, size, Duration.ofSeconds(waitSeconds)))
                .map(window -> page(window, headers, uri));
    }

    private Response page(ChangeFeed.Window window, HttpHeaders headers, UriInfo uri) {
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
