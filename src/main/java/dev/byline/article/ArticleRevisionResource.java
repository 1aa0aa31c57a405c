package dev.byline.article;

import dev.byline.BylineConfig;
import dev.byline.Caller;
import dev.byline.web.Caching;
import dev.byline.web.PageLinks;
import dev.byline.web.QueryParams;
import dev.byline.web.Representations;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** HTTP face of an article's history: its versions, for the public as far as they were public, for editors all. */
@Path("/api/v1/articles/{idOrSlug}/revisions")
@Produces(MediaType.APPLICATION_JSON)
public class ArticleRevisionResource {

    private final ArticleHistory history;
    private final Representations representations;
    private final Caller caller;
    private final BylineConfig config;

    public ArticleRevisionResource(ArticleHistory history, Representations representations, Caller caller,
            BylineConfig config) {
        this.history = history;
        this.representations = representations;
        this.caller = caller;
        this.config = config;
    }

    @GET
    public Response list(@PathParam("idOrSlug") String idOrSlug, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor, @Context HttpHeaders request, @Context UriInfo uri) {
        boolean editor = caller.isEditor();
        var page = history.list(idOrSlug, editor,
                QueryParams.limit(limit, ArticleHistory.DEFAULT_LIMIT, ArticleHistory.MAX_LIMIT), cursor);
        return PageLinks.withNext(representations.of(page).cache(cacheFor(editor)).answer(request), uri, page.next());
    }

    @GET
    @Path("/{version}")
    public Response version(@PathParam("idOrSlug") String idOrSlug, @PathParam("version") String version,
            @Context HttpHeaders request) {
        boolean editor = caller.isEditor();
        return representations.of(history.version(idOrSlug, version, editor)).cache(cacheFor(editor))
                .answer(request);
    }

    /** Editors see keys' names and versions nobody else may: never stored by shared caches. */
    private String cacheFor(boolean editor) {
        return editor ? Caching.noStore() : Caching.publicFor(config.cacheMaxAge());
    }
}
