package dev.byline.article;

import dev.byline.BylineConfig;
import dev.byline.web.Caching;
import dev.byline.web.QueryParams;
import dev.byline.web.Representations;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Sections and tags in use, with how many published articles carry each. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class TaxonomyResource {

    private final TaxonomyService taxonomy;
    private final Representations representations;
    private final BylineConfig config;

    public TaxonomyResource(TaxonomyService taxonomy, Representations representations, BylineConfig config) {
        this.taxonomy = taxonomy;
        this.representations = representations;
        this.config = config;
    }

    @GET
    @Path("/sections")
    public Response sections(@Context HttpHeaders request) {
        return representations.of(taxonomy.sections()).cache(Caching.publicFor(config.cacheMaxAge())).answer(request);
    }

    @GET
    @Path("/tags")
    public Response tags(@QueryParam("limit") String limit, @Context HttpHeaders request) {
        return representations.of(taxonomy.tags(QueryParams.limit(limit, 100, 1000)))
                .cache(Caching.publicFor(config.cacheMaxAge())).answer(request);
    }
}
