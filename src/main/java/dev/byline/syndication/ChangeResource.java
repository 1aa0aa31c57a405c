package dev.byline.syndication;

import dev.byline.Caller;
import dev.byline.Roles;
import dev.byline.web.Caching;
import dev.byline.web.Page;
import dev.byline.web.PageLinks;
import dev.byline.web.ProblemException;
import dev.byline.web.ProblemType;
import dev.byline.web.QueryParams;
import dev.byline.web.Representations;
import io.quarkus.security.identity.SecurityIdentity;
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
import java.util.List;
import java.util.Map;

/** The change feed partners mirror from: every change to what they may show, in order, deletions included. */
@Path("/api/v1/changes")
@Produces(MediaType.APPLICATION_JSON)
public class ChangeResource {

    /** Seconds a poll refused for the per-key cap is told to wait; some of the key's polls end by then. */
    private static final int RETRY_AFTER_SECONDS = 5;

    private final ChangeFeed feed;
    private final PollQuota quota;
    private final Representations representations;
    private final SecurityIdentity caller;

    public ChangeResource(ChangeFeed feed, PollQuota quota, Representations representations, SecurityIdentity caller) {
        this.feed = feed;
        this.quota = quota;
        this.representations = representations;
        this.caller = caller;
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
        Runnable release = admitPoll();
        return Uni.createFrom().deferred(() -> feed.poll(after, size, Duration.ofSeconds(waitSeconds)))
                .onTermination().invoke(release) // a page, a failure or the client leaving: the place is given back
                .map(window -> page(window, headers, uri));
    }

    private Response page(ChangeFeed.Window window, HttpHeaders headers, UriInfo uri) {
        Page<ChangeItem> page = new Page<>(window.changes().stream().map(c -> ChangeItem.from(c, uri.getBaseUri())).toList(),
                window.next());
        Response response = representations.of(page).lastModified(window.lastModified())
                .cache(Caching.privateRevalidate()).answer(headers);
        return PageLinks.withNext(response, uri, window.next());
    }

    /** Counts this long poll against its key, or refuses it when the key already has as many waiting as it may. */
    private Runnable admitPoll() {
        Object keyId = caller.getAttribute(Caller.KEY_ID);
        String key = keyId != null ? keyId.toString() : caller.getPrincipal().getName();
        return quota.admit(key).orElseThrow(() -> new ProblemException(ProblemType.TOO_MANY_REQUESTS,
                "This key already has " + quota.max() + " long polls waiting, the most one key may have at once;"
                        + " retry in " + RETRY_AFTER_SECONDS + " s, or read without wait.",
                List.of(), Map.of("Retry-After", String.valueOf(RETRY_AFTER_SECONDS))));
    }

    private static int waitSeconds(String raw) {
        if (raw == null) {
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
