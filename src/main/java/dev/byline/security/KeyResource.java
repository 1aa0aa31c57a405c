package dev.byline.security;

import dev.byline.Roles;
import dev.byline.web.ApiLinks;
import dev.byline.web.Caching;
import dev.byline.web.PageLinks;
import dev.byline.web.ProblemException;
import dev.byline.web.QueryParams;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.util.UUID;

/** Administrators issue, list and revoke API keys. */
@Path("/api/v1/keys")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class KeyResource {

    private final ApiKeyService keys;

    public KeyResource(ApiKeyService keys) {
        this.keys = keys;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(KeyInput input, @Context UriInfo uri) {
        KeyView key = keys.create(input);
        return Response.status(Response.Status.CREATED)
                .location(ApiLinks.key(uri.getBaseUri(), key.id()))
                .header(HttpHeaders.CACHE_CONTROL, Caching.noStore())
                .entity(key)
                .build();
    }

    @GET
    public Response list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        var page = keys.list(QueryParams.registerPageSize(limit), cursor);
        Response response = Response.ok(page).header(HttpHeaders.CACHE_CONTROL, Caching.noStore()).build();
        return PageLinks.withNext(response, uri, page.next());
    }

    @DELETE
    @Path("/{id}")
    public Response revoke(@PathParam("id") String id) {
        keys.revoke(parseId(id));
        return Response.noContent().build();
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("path", "id", "must be a key id (a UUID)");
        }
    }
}
