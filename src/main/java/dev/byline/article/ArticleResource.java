package dev.byline.article;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.byline.BylineConfig;
import dev.byline.Caller;
import dev.byline.Roles;
import dev.byline.article.ArticleActions.CorrectionInput;
import dev.byline.article.ArticleActions.PublishRequest;
import dev.byline.article.ArticleActions.WithdrawRequest;
import dev.byline.web.IfMatch;
import dev.byline.web.ApiLinks;
import dev.byline.web.Caching;
import dev.byline.web.MergePatch;
import dev.byline.web.PageLinks;
import dev.byline.web.ProblemException;
import dev.byline.web.ProblemType;
import dev.byline.web.Representations;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
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
import java.net.URI;
import java.util.List;
import java.util.function.Supplier;

/** HTTP face of articles: lists and reads for everyone, writes for editors. */
@Path("/api/v1/articles")
@Produces(MediaType.APPLICATION_JSON)
public class ArticleResource {

    private static final MediaType NINJS = MediaType.valueOf(Ninjs.MEDIA_TYPE);

    private final ArticleService articles;
    private final Representations representations;
    private final Caller caller;
    private final BylineConfig config;
    private final com.fasterxml.jackson.databind.ObjectMapper mapper;
    private final NinjsService ninjs;
    private final ReadCaches caches;
    private final CurrentIdentityAssociation identities;
    private final CurrentVertxRequest http;
    private final MergePatch mergePatch;

    public ArticleResource(ArticleService articles, Representations representations, Caller caller,
            BylineConfig config, com.fasterxml.jackson.databind.ObjectMapper mapper, NinjsService ninjs,
            ReadCaches caches, CurrentIdentityAssociation identities, CurrentVertxRequest http, MergePatch mergePatch) {
        this.http = http;
        this.mergePatch = mergePatch;
        this.caches = caches;
        this.identities = identities;
        this.mapper = mapper;
        this.ninjs = ninjs;
        this.articles = articles;
        this.representations = representations;
        this.caller = caller;
        this.config = config;
    }

    @GET
    @SuppressWarnings("java:S107")
    public Response list(@QueryParam("q") String q, @QueryParam("section") String section,
            @QueryParam("tag") List<String> tags, @QueryParam("source") String source,
            @QueryParam("language") String language, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("updatedSince") String updatedSince, @QueryParam("status") String status,
            @QueryParam("sort") String sort, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
            @Context HttpHeaders request, @Context UriInfo uri) {
        ArticleQuery query = ArticleQuery.parse(q, section, tags, source, language, from, to, updatedSince, status, sort,
                limit, cursor);
        if (query.status() != null && query.status() != ArticleStatus.PUBLISHED && !isEditor()) {
            throw new ProblemException(ProblemType.FORBIDDEN,
                    "Only editors may list articles by status other than published.");
        }
        // Everybody allowed to ask the same query gets the same page: built once per change of the catalogue.
        ReadCaches.Body page = caches.page("articles?" + uri.getRequestUri().getRawQuery(), () -> articles.list(query));
        return PageLinks.withNext(Representations.ofJson(page.bytes()).tag(page.tag())
                .cache(cacheFor(query.status() == null, isEditor())).answer(request), uri, page.next());
    }

    @GET
    @Path("/{idOrSlug}")
    @Produces({MediaType.APPLICATION_JSON, Ninjs.MEDIA_TYPE})
    @NonBlocking
    public Uni<Response> get(@PathParam("idOrSlug") String idOrSlug, @QueryParam("format") String format,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        if (wantsNinjs(format, headers)) {
            // ninjs has a URL of its own, so that each operation of the contract answers one media type; clients
            // that negotiate on this URL are sent there.
            return Uni.createFrom().item(Response.seeOther(ApiLinks.ninjs(uri.getBaseUri(), idOrSlug))
                    .header(HttpHeaders.CACHE_CONTROL, Caching.publicFor(config.cacheMaxAge()))
                    .header(HttpHeaders.VARY, "Accept")
                    .build());
        }
        // What is in memory is answered on the event loop; anything that reads the database moves to a worker.
        // The identity was resolved by the rate-limit filter; the deferred form hands it over without blocking.
        return identities.getDeferredIdentity().onItem().transformToUni(identity -> {
            // CachedArticleRoute may have read it already for an anonymous caller, and handed on what it does not
            // answer (a moved slug, a 404, a 410).
            Object outcome = identity.isAnonymous() ? http.getCurrent().get(CachedArticleRoute.OUTCOME) : null;
            if (outcome instanceof ArticleService.Lookup lookup) {
                return Uni.createFrom().item(article(lookup, false, headers, uri));
            }
            if (outcome instanceof Throwable failure) {
                return Uni.createFrom().failure(failure);
            }
            boolean editor = Caller.holds(identity, Roles.EDITOR);
            boolean partner = Caller.holds(identity, Roles.PARTNER);
            return articles.readFromMemory(idOrSlug)
                    .map(lookup -> Uni.createFrom().item(article(lookup, editor, headers, uri)))
                    .orElseGet(() -> blocking(() -> article(articles.read(idOrSlug, Readership.of(editor, partner)), editor, headers,
                            uri)));
        });
    }

    @GET
    @Path("/{idOrSlug}/ninjs")
    @Produces({Ninjs.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @NonBlocking
    public Uni<Response> getNinjs(@PathParam("idOrSlug") String idOrSlug, @Context HttpHeaders headers,
            @Context UriInfo uri) {
        // As for JSON: a kept document is answered on the event loop without touching the database.
        return identities.getDeferredIdentity().onItem().transformToUni(identity -> {
            boolean partner = Caller.holds(identity, Roles.PARTNER);
            boolean editor = Caller.holds(identity, Roles.EDITOR);
            URI base = uri.getBaseUri();
            String key = "ninjs " + idOrSlug + " " + partner + " " + editor + " " + base;
            return caches.cached(key)
                    .map(body -> Uni.createFrom().item(ninjs(body, headers, partner, editor)))
                    .orElseGet(() -> blocking(() -> ninjs(caches.body(key, () -> {
                        NinjsService.Rendered rendered = ninjs.read(idOrSlug, Readership.of(editor, partner), base);
                        byte[] json = representations.json(rendered.ninjs());
                        return new ReadCaches.Body(json, Representations.contentTag(json), rendered.lastModified(), null,
                                rendered.isPublic());
                    }), headers, partner, editor)));
        });
    }

    /** ninjs is always sent as ninjs, also to clients that ask for plain JSON (it is JSON). */
    private Response ninjs(ReadCaches.Body body, HttpHeaders headers, boolean partner, boolean editor) {
        return Representations.of(body.bytes(), NINJS).tag(body.tag()).lastModified(body.lastModified())
                .cache(body.shared() && !partner && !editor ? Caching.publicFor(config.cacheMaxAge())
                        : Caching.privateRevalidate())
                .answer(headers);
    }

    private Response article(ArticleService.Lookup lookup, boolean editor, HttpHeaders request, UriInfo uri) {
        if (lookup instanceof ArticleService.Lookup.Moved moved) {
            return Response.status(Response.Status.MOVED_PERMANENTLY)
                    .location(uri.getRequestUriBuilder().replacePath(ApiLinks.articlePath(moved.slug()))
                            .build())
                    .build();
        }
        ArticleService.Lookup.Found found = (ArticleService.Lookup.Found) lookup;
        // Embargoed articles that partners may read are not public yet: no shared cache may keep them.
        // The same URL redirects to ninjs by Accept: caches must key on it too.
        return Representations.ofJson(found.article().json()).tag(found.article().tag())
                .cache(cacheFor(found.shared(), editor))
                .vary(Representations.varyByCredentials(true))
                .answer(request);
    }

    private static Uni<Response> blocking(Supplier<Response> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    @POST
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(ArticleInput input, @Context UriInfo uri) {
        ArticleView article = articles.create(input);
        return representations.of(article).version(article.version()).written()
                .status(Response.Status.CREATED)
                .location(ApiLinks.article(uri.getBaseUri(), article.id()))
                .build();
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    @Consumes({MergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    public Response update(@PathParam("id") String id, JsonNode patch, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch)
            throws JsonProcessingException {
        return written(articles.update(id, mergePatch.read(patch, ArticlePatch.class), IfMatch.of(ifMatch)));
    }

    @POST
    @Path("/{id}/publish")
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    public Response publish(@PathParam("id") String id, byte[] body, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch)
            throws java.io.IOException {
        // The body is optional, and clients (curl -X POST) often send none, or none with a form content type.
        PublishRequest request = body == null || body.length == 0 ? null : mapper.readValue(body, PublishRequest.class);
        return written(articles.publish(id, request, IfMatch.of(ifMatch)));
    }

    @POST
    @Path("/{id}/withdraw")
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    public Response withdraw(@PathParam("id") String id, WithdrawRequest request,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return written(articles.withdraw(id, request, IfMatch.of(ifMatch)));
    }

    @POST
    @Path("/{id}/corrections")
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    public Response correct(@PathParam("id") String id, CorrectionInput input,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Context UriInfo uri) {
        ArticleView article = articles.correct(id, input, IfMatch.of(ifMatch));
        return representations.of(article).version(article.version()).written()
                .status(Response.Status.CREATED)
                .location(ApiLinks.article(uri.getBaseUri(), article.id()))
                .build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        articles.delete(id, IfMatch.of(ifMatch));
        return Response.noContent().build();
    }

    private Response written(ArticleView article) {
        return representations.of(article).version(article.version()).written().build();
    }

    /** ninjs asked for with {@code format=ninjs}, or named in Accept (and JSON not preferred over it): a redirect. */
    private static boolean wantsNinjs(String format, HttpHeaders headers) {
        if (format != null) {
            return switch (format.trim()) {
                case "ninjs" -> true;
                case "json" -> false;
                default -> throw ProblemException.invalidQuery("format", "must be json or ninjs");
            };
        }
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isWildcardType() || type.isWildcardSubtype() || refused(type)) {
                continue;
            }
            if ((type.getType() + "/" + type.getSubtype()).equals(Ninjs.MEDIA_TYPE)) {
                return true;
            }
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
        }
        return false;
    }

    /** A type listed with {@code q=0}: the client says it does not accept it (RFC 9110 §12.4.2). */
    private static boolean refused(MediaType type) {
        String q = type.getParameters().get("q");
        if (q == null) {
            return false;
        }
        try {
            return Double.parseDouble(q.trim()) <= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private boolean isPartner() {
        return caller.isPartner();
    }

    private boolean isEditor() {
        return caller.isEditor();
    }

    /** Shared caches may keep what anybody may read, unless an editor asked (editors see drafts at the same URLs). */
    private String cacheFor(boolean isPublic, boolean editor) {
        return isPublic && !editor ? Caching.publicFor(config.cacheMaxAge()) : Caching.noStore();
    }
}
