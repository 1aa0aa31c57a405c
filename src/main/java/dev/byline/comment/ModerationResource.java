package dev.byline.comment;

import dev.byline.Roles;
import dev.byline.web.Caching;
import dev.byline.web.Page;
import dev.byline.web.PageLinks;
import dev.byline.web.QueryParams;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** HTTP face of moderation: the queue of comments and the comment settings of each article. */
@Path("/api/v1/moderation")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.MODERATOR, Roles.ADMIN})
public class ModerationResource {

    private final CommentModeration moderation;

    public ModerationResource(CommentModeration moderation) {
        this.moderation = moderation;
    }

    @GET
    @Path("/comments")
    public Response queue(@QueryParam("status") String status, @QueryParam("article") String article,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        Page<ModerationItem> page = moderation.queue(status, article, QueryParams.registerPageSize(limit), cursor);
        return PageLinks.withNext(Response.ok(page, MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", Caching.noStore()).build(), uri, page.next());
    }

    @PUT
    @Path("/articles/{idOrSlug}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response configure(@PathParam("idOrSlug") String idOrSlug, CommentSettings.Input input) {
        return Response.ok(moderation.configure(idOrSlug, input), MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", Caching.noStore()).build();
    }
}
