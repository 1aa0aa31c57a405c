package dev.byline.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.byline.BylineConfig;
import dev.byline.Roles;
import dev.byline.web.IfMatch;
import dev.byline.web.ApiLinks;
import dev.byline.web.Caching;
import dev.byline.web.MergePatch;
import dev.byline.web.PageLinks;
import dev.byline.web.QueryParams;
import dev.byline.web.Representations;
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

/** HTTP face of the source register. */
@Path("/api/v1/sources")
@Produces(MediaType.APPLICATION_JSON)
public class SourceResource {

    private final SourceService sources;
    private final Representations representations;
    private final BylineConfig config;
    private final MergePatch mergePatch;

    public SourceResource(SourceService sources, Representations representations, BylineConfig config,
            MergePatch mergePatch) {
        this.sources = sources;
        this.mergePatch = mergePatch;
        this.representations = representations;
        this.config = config;
    }

    @GET
    public Response list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
            @Context HttpHeaders request, @Context UriInfo uri) {
        var page = sources.list(QueryParams.registerPageSize(limit), cursor);
        return PageLinks.withNext(representations.of(page).cache(Caching.publicFor(config.cacheMaxAge()))
                .answer(request), uri, page.next());
    }

    @GET
    @Path("/{slug}")
    public Response get(@PathParam("slug") String slug, @Context HttpHeaders request) {
        SourceView source = sources.get(slug);
        return representations.of(source).version(source.version())
                .cache(Caching.publicFor(config.cacheMaxAge())).answer(request);
    }

    @POST
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(SourceInput input, @Context UriInfo uri) {
        SourceView source = sources.create(input);
        return representations.of(source).version(source.version()).written()
                .status(Response.Status.CREATED)
                .location(ApiLinks.source(uri.getBaseUri(), source.slug()))
                .build();
    }

    @PATCH
    @Path("/{slug}")
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    @Consumes({MergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    public Response update(@PathParam("slug") String slug, JsonNode patch,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) throws JsonProcessingException {
        SourceView source = sources.update(slug, mergePatch.read(patch, SourcePatch.class), IfMatch.of(ifMatch));
        return representations.of(source).version(source.version()).written().build();
    }

    @DELETE
    @Path("/{slug}")
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    public Response delete(@PathParam("slug") String slug, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        sources.delete(slug, IfMatch.of(ifMatch));
        return Response.noContent().build();
    }
}
