package dev.byline.syndication;

import dev.byline.BylineConfig;
import dev.byline.Caller;
import dev.byline.article.ReadCaches;
import dev.byline.web.Caching;
import dev.byline.web.Patterns;
import dev.byline.web.ProblemException;
import dev.byline.web.QueryParams;
import dev.byline.web.Representations;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
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
    private static final int MAX_LIMIT = 100;

    private final FeedService feeds;
    private final Representations representations;
    private final Caller caller;
    private final BylineConfig config;
    private final ReadCaches caches;

    public FeedResource(FeedService feeds, Representations representations, Caller caller,
            BylineConfig config, ReadCaches caches) {
        this.caches = caches;
        this.feeds = feeds;
        this.representations = representations;
        this.caller = caller;
        this.config = config;
    }

    @GET
    @Path("/{file}")
    public Response latest(@PathParam("file") String file, @QueryParam("limit") String limit,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        return feed(FeedService.Scope.ALL, null, file, limit, headers, uri);
    }

    @GET
    @Path("/sections/{section}/{file}")
    public Response section(@PathParam("section") String section, @PathParam("file") String file,
            @QueryParam("limit") String limit, @Context HttpHeaders headers, @Context UriInfo uri) {
        return feed(FeedService.Scope.SECTION, slug("section", section), file, limit, headers, uri);
    }

    @GET
    @Path("/tags/{tag}/{file}")
    public Response tag(@PathParam("tag") String tag, @PathParam("file") String file,
            @QueryParam("limit") String limit, @Context HttpHeaders headers, @Context UriInfo uri) {
        return feed(FeedService.Scope.TAG, slug("tag", tag), file, limit, headers, uri);
    }

    @GET
    @Path("/sources/{source}/{file}")
    public Response source(@PathParam("source") String source, @PathParam("file") String file,
            @QueryParam("limit") String limit, @Context HttpHeaders headers, @Context UriInfo uri) {
        return feed(FeedService.Scope.SOURCE, slug("source", source), file, limit, headers, uri);
    }

    private Response feed(FeedService.Scope scope, String value, String file, String limit, HttpHeaders headers,
            UriInfo uri) {
        FeedFormat format = FeedFormat.ofFile(file);
        if (format == null) {
            throw ProblemException.notFound("There is no feed '" + file + "'; there are rss.xml, atom.xml and feed.json.");
        }
        int size = QueryParams.limit(limit, config.syndication().feedSize(), MAX_LIMIT);
        boolean partner = caller.isPartner();
        String cacheControl = partner ? Caching.privateRevalidate() : Caching.publicFor(config.cacheMaxAge());
        String vary = Representations.varyByCredentials(false);
        URI base = uri.getBaseUri();
        URI self = uri.getRequestUri();
        // Every caller of the same audience gets the same feed: built once per change of the catalogue.
        String key = "feed " + format + " " + scope + " " + value + " " + size + " " + partner + " " + self + " " + base;
        Optional<ReadCaches.Body> cached = caches.cached(key);
        if (cached.isPresent()) {
            return representations.ok(headers, cached.get().bytes(), format.mediaType(),
                    new EntityTag(cached.get().tag()), cached.get().lastModified(), cacheControl, vary);
        }
        long readAt = caches.generation();
        // Pollers mostly revalidate: answer them from the snapshot, before any article is loaded or written out.
        FeedSnapshot snapshot = feeds.snapshot(scope, value, size, partner);
        EntityTag tag = new EntityTag(snapshot.etag(format, partner, self, base));
        Optional<Response> notModified = representations.notModified(headers, tag, snapshot.lastModified(),
                cacheControl, vary);
        if (notModified.isPresent()) {
            return notModified.get();
        }
        Feed feed = feeds.feed(snapshot, partner, base, self);
        byte[] body = switch (format) {
            case RSS -> XmlFeedWriter.rss(feed);
            case ATOM -> XmlFeedWriter.atom(feed);
            case JSON -> representations.json(JsonFeed.of(feed));
        };
        caches.offer(key, new ReadCaches.Body(body, tag.getValue(), snapshot.lastModified(), null), readAt);
        return representations.ok(body, format.mediaType(), tag, snapshot.lastModified(), cacheControl, vary);
    }

    private static String slug(String name, String value) {
        if (!SLUG.matcher(value).matches()) {
            throw ProblemException.invalid("path", name, Patterns.SLUG_MESSAGE);
        }
        return value;
    }
}
