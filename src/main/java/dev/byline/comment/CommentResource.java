package dev.byline.comment;

import dev.byline.BylineConfig;
import dev.byline.Caller;
import dev.byline.Roles;
import dev.byline.article.ReadCaches;
import dev.byline.web.Caching;
import dev.byline.web.MergePatch;
import dev.byline.web.PageLinks;
import dev.byline.web.QueryParams;
import dev.byline.web.Representations;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
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

/** HTTP face of one comment: reading it and its replies, the author's edit and delete, reports, moderation. */
@Path("/api/v1/comments")
@Produces(MediaType.APPLICATION_JSON)
public class CommentResource {

    static final String TOKEN_HEADER = "X-Comment-Token";

    private final CommentService comments;
    private final CommentThreads threads;
    private final CommentReports reports;
    private final CommentModeration moderation;
    private final CommentRateLimit rateLimit;
    private final Representations representations;
    private final SecurityIdentity identity;
    private final BylineConfig config;
    private final ReadCaches caches;

    public CommentResource(CommentService comments, CommentThreads threads, CommentReports reports,
            CommentModeration moderation, CommentRateLimit rateLimit, Representations representations,
            SecurityIdentity identity, BylineConfig config, ReadCaches caches) {
        this.caches = caches;
        this.comments = comments;
        this.threads = threads;
        this.reports = reports;
        this.moderation = moderation;
        this.rateLimit = rateLimit;
        this.representations = representations;
        this.identity = identity;
        this.config = config;
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") String id, @HeaderParam(TOKEN_HEADER) String token, @Context HttpHeaders request) {
        boolean privileged = token != null || isModerator();
        CommentView comment = comments.read(id, token, isModerator());
        return representations.of(comment)
                .cache(privileged ? Caching.noStore() : Caching.publicFor(config.cacheMaxAge())).answer(request);
    }

    @GET
    @Path("/{id}/replies")
    public Response replies(@PathParam("id") String id, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor, @Context HttpHeaders request, @Context UriInfo uri) {
        int size = QueryParams.pageSize(limit);
        // The same for every reader: built once per change, whoever asks.
        ReadCaches.Body page = caches.page("replies " + id + "?" + uri.getRequestUri().getRawQuery(),
                () -> threads.replies(id, size, cursor));
        return PageLinks.withNext(Representations.ofJson(page.bytes()).tag(page.tag())
                .cache(Caching.publicFor(config.cacheMaxAge())).answer(request), uri, page.next());
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, MergePatch.MEDIA_TYPE})
    public Response edit(@PathParam("id") String id, @HeaderParam(TOKEN_HEADER) String token, CommentEdit edit) {
        return Response.ok(comments.edit(id, token, edit), MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", Caching.noStore()).build();
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id, @HeaderParam(TOKEN_HEADER) String token) {
        comments.delete(id, token);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/reports")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response report(@PathParam("id") String id, ReportInput input, @Context HttpServerRequest http) {
        String subject = rateLimit.subject(identity, http);
        var limits = rateLimit.take(subject);
        reports.report(id, input, subject);
        Response.ResponseBuilder response = Response.accepted();
        limits.forEach(response::header);
        return response.build();
    }

    @POST
    @Path("/{id}/moderation")
    @RolesAllowed({Roles.MODERATOR, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    public Response moderate(@PathParam("id") String id, ModerationInput input) {
        return Response.ok(moderation.moderate(id, input), MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", Caching.noStore()).build();
    }

    private boolean isModerator() {
        return Caller.holds(identity, Roles.MODERATOR);
    }
}
