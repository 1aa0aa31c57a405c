package dev.byline.comment;

import dev.byline.BylineConfig;
import dev.byline.article.ReadCaches;
import dev.byline.web.ApiLinks;
import dev.byline.web.Caching;
import dev.byline.web.PageLinks;
import dev.byline.web.ProblemException;
import dev.byline.web.QueryParams;
import dev.byline.web.Representations;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** HTTP face of an article's thread: reading it, and posting to it under the comment rate limit. */
@Path("/api/v1/articles/{idOrSlug}/comments")
@Produces(MediaType.APPLICATION_JSON)
public class ArticleCommentResource {

    private static final int DEFAULT_REPLIES = 3;
    private static final int MAX_REPLIES = 10;

    private final CommentService comments;
    private final CommentThreads threads;
    private final CommentRateLimit rateLimit;
    private final Representations representations;
    private final SecurityIdentity identity;
    private final BylineConfig config;
    private final ReadCaches caches;

    public ArticleCommentResource(CommentService comments, CommentThreads threads, CommentRateLimit rateLimit,
            Representations representations, SecurityIdentity identity, BylineConfig config, ReadCaches caches) {
        this.caches = caches;
        this.comments = comments;
        this.threads = threads;
        this.rateLimit = rateLimit;
        this.representations = representations;
        this.identity = identity;
        this.config = config;
    }

    @GET
    public Response thread(@PathParam("idOrSlug") String idOrSlug, @QueryParam("sort") String sort,
            @QueryParam("limit") String limit, @QueryParam("replies") String replies, @QueryParam("cursor") String cursor,
            @Context HttpHeaders request, @Context UriInfo uri) {
        int size = QueryParams.pageSize(limit);
        int repliesEach = replies(replies);
        // A thread page is the same for every reader: built once per change, whoever asks.
        ReadCaches.Body page = caches.page("thread " + idOrSlug + "?" + uri.getRequestUri().getRawQuery(),
                () -> threads.thread(idOrSlug, sort, size, repliesEach, cursor));
        return PageLinks.withNext(Representations.ofJson(page.bytes()).tag(page.tag())
                .cache(Caching.publicFor(config.cacheMaxAge())).answer(request), uri, page.next());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response post(@PathParam("idOrSlug") String idOrSlug, CommentInput input, @Context HttpServerRequest http,
            @Context UriInfo uri) {
        String subject = rateLimit.subject(identity, http);
        var limits = rateLimit.take(subject);
        CommentView comment = comments.post(idOrSlug, input, subject);
        Response.ResponseBuilder response = Response.status(Response.Status.CREATED).entity(comment)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .location(ApiLinks.comment(uri.getBaseUri(), comment.id()))
                .header("Cache-Control", Caching.noStore());
        limits.forEach(response::header);
        return response.build();
    }

    private static int replies(String raw) {
        if (raw == null) {
            return DEFAULT_REPLIES;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= 0 && value <= MAX_REPLIES) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.invalidQuery("replies", "must be a whole number from 0 to " + MAX_REPLIES);
    }
}
