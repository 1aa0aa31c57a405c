package dev.byline.syndication;

import dev.byline.BylineConfig;
import dev.byline.Caller;
import dev.byline.article.ReadCaches;
import dev.byline.web.ApiLinks;
import dev.byline.web.Caching;
import dev.byline.web.Patterns;
import dev.byline.web.ProblemException;
import dev.byline.web.QueryParams;
import dev.byline.web.Representations;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * RSS 2.0, Atom 1.0 and JSON Feed 1.1 of the latest articles, for everything and per section, tag and source.
 * Readers without a key get summaries; partner keys get full text of what they may syndicate, embargoed included.
 */
@Path("/feeds")
public class FeedResource {

    private static final Pattern SLUG = Pattern.compile(Patterns.SLUG);

    private final FeedService feeds;
    private final Representations representations;
    private final Caller caller;
    private final BylineConfig config;
    private final ReadCaches caches;
    private final CurrentVertxRequest http;

    public FeedResource(FeedService feeds, Representations representations, Caller caller,
            BylineConfig config, ReadCaches caches, CurrentVertxRequest http) {
        this.caches = caches;
        this.http = http;
        this.feeds = feeds;
        this.representations = representations;
        this.caller = caller;
        this.config = config;
    }

    // One operation per format, each with one media type, so that generated clients parse each feed as what it is.

    @GET
    @Path("/rss.xml")
    public Response rss(@QueryParam("limit") String limit, @Context HttpHeaders headers, @Context UriInfo uri) {
        return feed(FeedFormat.RSS, FeedService.Scope.ALL, null, limit, headers, uri);
    }

    @GET
    @Path("/atom.xml")
    public Response atom(@QueryParam("limit") String limit, @Context HttpHeaders headers, @Context UriInfo uri) {
        return feed(FeedFormat.ATOM, FeedService.Scope.ALL, null, limit, headers, uri);
    }

    @GET
    @Path("/feed.json")
    public Response json(@QueryParam("limit") String limit, @Context HttpHeaders headers, @Context UriInfo uri) {
        return feed(FeedFormat.JSON, FeedService.Scope.ALL, null, limit, headers, uri);
    }

    @GET
    @Path("/sections/{section}/rss.xml")
    public Response sectionRss(@PathParam("section") String section, @QueryParam("limit") String limit,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        return feed(FeedFormat.RSS, FeedService.Scope.SECTION, slug("section", section), limit, headers, uri);
    }

    @GET
    @Path("/sections/{section}/atom.xml")
    public Response sectionAtom(@PathParam("section") String section, @QueryParam("limit") String limit,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        return feed(FeedFormat.ATOM, FeedService.Scope.SECTION, slug("section", section), limit, headers, uri);
    }

    @GET
    @Path("/sections/{section}/feed.json")
    public Response sectionJson(@PathParam("section") String section, @QueryParam("limit") String limit,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        return feed(FeedFormat.JSON, FeedService.Scope.SECTION, slug("section", section), limit, headers, uri);
    }

    @GET
    @Path("/tags/{tag}/rss.xml")
    public Response tagRss(@PathParam("tag") String tag, @QueryParam("limit") String limit,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        return feed(FeedFormat.RSS, FeedService.Scope.TAG, slug("tag", tag), limit, headers, uri);
    }

    @GET
    @Path("/tags/{tag}/atom.xml")
    public Response tagAtom(@PathParam("tag") String tag, @QueryParam("limit") String limit,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        return feed(FeedFormat.ATOM, FeedService.Scope.TAG, slug("tag", tag), limit, headers, uri);
    }

    @GET
    @Path("/tags/{tag}/feed.json")
    public Response tagJson(@PathParam("tag") String tag, @QueryParam("limit") String limit,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        return feed(FeedFormat.JSON, FeedService.Scope.TAG, slug("tag", tag), limit, headers, uri);
    }

    @GET
    @Path("/sources/{source}/rss.xml")
    public Response sourceRss(@PathParam("source") String source, @QueryParam("limit") String limit,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        return feed(FeedFormat.RSS, FeedService.Scope.SOURCE, slug("source", source), limit, headers, uri);
    }

    @GET
    @Path("/sources/{source}/atom.xml")
    public Response sourceAtom(@PathParam("source") String source, @QueryParam("limit") String limit,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        return feed(FeedFormat.ATOM, FeedService.Scope.SOURCE, slug("source", source), limit, headers, uri);
    }

    @GET
    @Path("/sources/{source}/feed.json")
    public Response sourceJson(@PathParam("source") String source, @QueryParam("limit") String limit,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        return feed(FeedFormat.JSON, FeedService.Scope.SOURCE, slug("source", source), limit, headers, uri);
    }

    private Response feed(FeedFormat format, FeedService.Scope scope, String value, String limit, HttpHeaders headers,
            UriInfo uri) {
        int size = QueryParams.limit(limit, config.syndication().feedSize(), QueryParams.MAX_PAGE_SIZE);
        boolean partner = caller.isPartner();
        String cacheControl = partner ? Caching.privateRevalidate() : Caching.publicFor(config.cacheMaxAge());
        String vary = Representations.varyByCredentials(false);
        URI base = uri.getBaseUri();
        // The feed is named by its path alone; its self link keeps only the query that changes it (the limit), so
        // that neither its Atom id nor the kept copy depends on parameters nobody reads.
        String path = switch (scope) {
            case ALL -> "feeds/";
            case SECTION -> "feeds/sections/" + value + "/";
            case TAG -> "feeds/tags/" + value + "/";
            case SOURCE -> "feeds/sources/" + value + "/";
        } + format.file();
        URI id = base.resolve(path);
        URI self = limit == null ? id : base.resolve(path + "?limit=" + size);
        // Every caller of the same audience gets the same feed: built once per change of the catalogue.
        String key = "feed " + format + " " + scope + " " + value + " " + size + " " + partner + " " + self;
        if (caller.isAnonymous()) {
            // The same URL gets the same feed while it is kept: CachedFeedRoute may answer it before JAX-RS.
            caches.answers(http.getCurrent().request().absoluteURI(),
                    new ReadCaches.Answer(key, format.mediaType().toString(), cacheControl, vary));
        }
        Optional<ReadCaches.Body> cached = caches.cached(key);
        if (cached.isPresent()) {
            return Representations.of(cached.get().bytes(), format.mediaType()).tag(cached.get().tag())
                    .lastModified(cached.get().lastModified()).cache(cacheControl).vary(vary).answer(headers);
        }
        long readAt = caches.generation();
        // Pollers mostly revalidate: answer them from the snapshot, before any article is loaded or written out.
        FeedSnapshot snapshot = feeds.snapshot(scope, value, size, partner);
        String tag = snapshot.etag(format, partner, self, base);
        // The body is only written when the snapshot's validators do not answer the request already.
        return Representations.deferred(format.mediaType(), () -> {
            URI articles = switch (scope) {
                case ALL -> ApiLinks.articles(base);
                case SECTION -> ApiLinks.articles(base, "section", value);
                case TAG -> ApiLinks.articles(base, "tag", value);
                case SOURCE -> ApiLinks.articles(base, "source", value);
            };
            Feed feed = feeds.feed(snapshot, partner, base, id, self, articles);
            byte[] body = switch (format) {
                case RSS -> XmlFeedWriter.rss(feed);
                case ATOM -> XmlFeedWriter.atom(feed);
                case JSON -> representations.json(JsonFeed.of(feed));
            };
            caches.offer(key, new ReadCaches.Body(body, tag, snapshot.lastModified(), null), readAt);
            return body;
        }).tag(tag).lastModified(snapshot.lastModified()).cache(cacheControl).vary(vary).answer(headers);
    }

    private static String slug(String name, String value) {
        if (!SLUG.matcher(value).matches()) {
            throw ProblemException.invalid("path", name, Patterns.SLUG_MESSAGE);
        }
        return value;
    }
}
