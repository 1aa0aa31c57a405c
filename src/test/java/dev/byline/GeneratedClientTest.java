package dev.byline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byline.client.ApiClient;
import dev.byline.client.ApiException;
import dev.byline.client.ApiResponse;
import dev.byline.client.api.ArticlesApi;
import dev.byline.client.api.SourcesApi;
import dev.byline.client.api.SyndicationApi;
import dev.byline.client.model.Article;
import dev.byline.client.model.ArticleInput;
import dev.byline.client.model.ArticlePatch;
import dev.byline.client.model.ArticleStatus;
import dev.byline.client.model.ChangeItem;
import dev.byline.client.model.ChangePage;
import dev.byline.client.model.CitationInput;
import dev.byline.client.model.CitationRole;
import dev.byline.client.model.CorrectionInput;
import dev.byline.client.model.JsonFeed;
import dev.byline.client.model.JsonFeedItemsInner;
import dev.byline.client.model.Ninjs;
import dev.byline.client.model.NinjsInfoSourcesInner;
import dev.byline.client.model.Problem;
import dev.byline.client.model.PublishRequest;
import dev.byline.client.model.RightsInput;
import dev.byline.client.model.Source;
import dev.byline.client.model.SourceInput;
import dev.byline.client.model.SourceKind;
import dev.byline.client.model.WithdrawRequest;
import dev.byline.support.Fixtures;
import dev.byline.support.Keys;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An editor and a partner work through the Java client that the build generates from openapi.yaml
 * (openapi-generator, library {@code native}), as an integrator would: if the contract has a trap for generated
 * clients, or the service answers something the contract does not describe, this fails. The client's mapper refuses
 * unknown properties, so every body must be exactly what the contract's schemas say.
 */
@QuarkusTest
class GeneratedClientTest {

    private static final String BODY = "Cargo ships carrying grain left port on Thursday.\n\nInspections took two days.";

    @TestHTTPResource("/")
    URL root;

    @Test
    void anEditorPublishesAndAPartnerMirrorsThroughTheGeneratedClient() throws Exception {
        ApiClient editor = client(Keys.issue(Roles.EDITOR));
        ApiClient partner = client(Keys.issue(Roles.PARTNER));
        ApiClient anonymous = client(null);
        SyndicationApi partnerFeed = new SyndicationApi(partner);
        String cursor = endOfChangeFeed(partnerFeed);

        // Sources: the wire agency that originated the story (syndicatable), and an outlet it cites.
        SourcesApi sources = new SourcesApi(editor);
        Source origin = sources.createSource(new SourceInput().slug(Fixtures.unique("harbour-wire")).name("Harbour Wire")
                .kind(SourceKind.WIRE_AGENCY).defaultAttribution("Based on a Harbour Wire report")
                .rights(new RightsInput().copyrightHolder("Harbour Wire Ltd").usageTerms("Partners may republish.")
                        .syndicatable(true)));
        Source cited = sources.createSource(new SourceInput().slug(Fixtures.unique("port-gazette")).name("Port Gazette")
                .kind(SourceKind.NEWSPAPER));
        assertEquals(Boolean.TRUE, origin.getRights().getSyndicatable());
        assertEquals(SourceKind.WIRE_AGENCY, origin.getKind());

        // A draft citing both, left with the contract's defaults (comments open, English).
        ArticlesApi articles = new ArticlesApi(editor);
        ApiResponse<Article> created = articles.createArticleWithHttpInfo(new ArticleInput()
                .headline("Grain shipments resume after talks").standfirst("Ships left port on Thursday.")
                .bodyText(BODY).section("world").tags(List.of("trade", "shipping")).source(origin.getSlug())
                .citedSources(List.of(new CitationInput().source(cited.getSlug()).role(CitationRole.QUOTED)
                        .note("Departure times"))));
        assertEquals(201, created.getStatusCode());
        Article draft = created.getData();
        UUID id = draft.getId();
        assertEquals(ArticleStatus.DRAFT, draft.getStatus());
        assertEquals("Based on a Harbour Wire report", draft.getAttribution());
        assertEquals("Harbour Wire Ltd", draft.getRights().getCopyrightHolder());
        assertEquals(List.of("Port Gazette"), draft.getCitedSources().stream().map(c -> c.getSource().getName()).toList());
        assertEquals(CitationRole.QUOTED, draft.getCitedSources().get(0).getRole());
        assertEquals(Boolean.TRUE, draft.getCommentsOpen());
        assertTrue(header(created, "Location").endsWith("/api/v1/articles/" + id));
        String etag = header(created, "ETag");

        // Published, then edited under If-Match: the new version carries a new ETag, the old one is refused.
        Article published = articles.publishArticle(id.toString(), etag, new PublishRequest());
        assertEquals(ArticleStatus.PUBLISHED, published.getStatus());
        assertNotNull(published.getPublishedAt());
        String current = header(articles.getArticleWithHttpInfo(id.toString(), null), "ETag");
        ApiResponse<Article> edited = articles.updateArticleWithHttpInfo(id.toString(), current,
                new ArticlePatch().headline("Grain ships leave port after deal").tags(List.of("trade", "black-sea")));
        assertEquals("Grain ships leave port after deal", edited.getData().getHeadline());
        assertEquals(List.of("trade", "black-sea"), edited.getData().getTags());
        assertEquals("Ships left port on Thursday.", edited.getData().getStandfirst(), "a merge patch keeps the rest");
        assertNotEquals(current, header(edited, "ETag"));
        ApiException stale = assertThrows(ApiException.class, () -> articles.updateArticle(id.toString(), current,
                new ArticlePatch().headline("Lost update")));
        assertEquals(412, stale.getCode());
        assertEquals(Problem.TypeEnum._PROBLEMS_PRECONDITION_FAILED, problem(editor, stale).getType());

        Article corrected = articles.correctArticle(id.toString(),
                new CorrectionInput().text("An earlier version gave the wrong day."), null);
        assertEquals(List.of("An earlier version gave the wrong day."),
                corrected.getCorrections().stream().map(c -> c.getText()).toList());

        // What partners rely on: ninjs with provenance and rights, the article in the feed with full text.
        Ninjs ninjs = partnerFeed.getArticleNinjs(id.toString());
        assertEquals(Ninjs.PubStatusEnum.USABLE, ninjs.getPubStatus());
        assertEquals("urn:uuid:" + id, ninjs.getUri());
        assertEquals(String.valueOf(corrected.getVersion()), ninjs.getVersion());
        assertEquals("Based on a Harbour Wire report", ninjs.getCopyrightNotice());
        assertEquals("Partners may republish.", ninjs.getUsageTerms());
        assertEquals(List.of("originator:" + origin.getSlug(), "quoted:" + cited.getSlug()),
                ninjs.getInfoSources().stream().map(s -> s.getRole() + ":" + s.getLiteral()).toList());
        assertEquals(List.of("Harbour Wire", "Port Gazette"),
                ninjs.getInfoSources().stream().map(NinjsInfoSourcesInner::getName).toList());
        JsonFeedItemsInner item = feed(partner, "/feeds/feed.json").getItems().stream()
                .filter(i -> i.getId().equals("urn:uuid:" + id)).findFirst().orElseThrow();
        assertTrue(item.getContentHtml().contains("Inspections took two days."), "partners get the full text");
        assertEquals("Based on a Harbour Wire report", item.getByline().getAttribution());
        assertEquals(Boolean.TRUE, item.getByline().getRights().getSyndicatable());

        // Withdrawn: gone for readers, withheld for partners.
        Article withdrawn = articles.withdrawArticle(id.toString(), new WithdrawRequest().reason("Legal review."), null);
        assertEquals(ArticleStatus.WITHDRAWN, withdrawn.getStatus());
        assertEquals("Legal review.", withdrawn.getWithdrawal().getReason());
        ApiException gone = assertThrows(ApiException.class, () -> new ArticlesApi(anonymous).getArticle(id.toString(), null));
        assertEquals(410, gone.getCode());
        assertEquals(Problem.TypeEnum._PROBLEMS_GONE, problem(anonymous, gone).getType());
        assertEquals(Ninjs.PubStatusEnum.WITHHELD, partnerFeed.getArticleNinjs(id.toString()).getPubStatus());

        // The change feed told the partner each step, in order, with the version to fetch.
        List<ChangeItem> changes = changesOf(partnerFeed, cursor, id);
        assertEquals(List.of(ChangeItem.KindEnum.PUBLISHED, ChangeItem.KindEnum.UPDATED, ChangeItem.KindEnum.CORRECTED,
                ChangeItem.KindEnum.WITHDRAWN), changes.stream().map(ChangeItem::getKind).toList());
        assertEquals(withdrawn.getVersion(), changes.get(changes.size() - 1).getVersion());
        assertTrue(changes.get(0).getHref().toString().endsWith("/api/v1/articles/" + id));
        assertNull(changes.get(0).getTombstone());
        for (int i = 1; i < changes.size(); i++) {
            assertTrue(changes.get(i).getVersion() > changes.get(i - 1).getVersion(), "versions only grow");
        }
    }

    /** A client of the generated code for {@code key} (none: anonymous), refusing properties the contract lacks. */
    private ApiClient client(String key) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(root.toString().replaceAll("/$", ""));
        ObjectMapper strict = client.getObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        client.setObjectMapper(strict);
        if (key != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + key));
        }
        return client;
    }

    private static String endOfChangeFeed(SyndicationApi feed) throws ApiException {
        String cursor = null;
        ChangePage page;
        do {
            page = feed.listChanges(cursor, 1000, null);
            cursor = page.getNext();
        } while (!page.getItems().isEmpty());
        return cursor;
    }

    private static List<ChangeItem> changesOf(SyndicationApi feed, String cursor, UUID article) throws ApiException {
        List<ChangeItem> found = new ArrayList<>();
        ChangePage page;
        do {
            page = feed.listChanges(cursor, 1000, null);
            page.getItems().stream().filter(c -> c.getArticleId().equals(article)).forEach(found::add);
            cursor = page.getNext();
        } while (!page.getItems().isEmpty());
        return found;
    }

    /**
     * A feed read by its URL (the generated client cannot parse a response whose media types differ by path
     * parameter), decoded into the generated model with the same strict mapper.
     */
    private JsonFeed feed(ApiClient client, String path) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(client.getBaseUri() + path)).GET();
        if (client.getRequestInterceptor() != null) {
            client.getRequestInterceptor().accept(request);
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return client.getObjectMapper().readValue(response.body(), JsonFeed.class);
    }

    private static Problem problem(ApiClient client, ApiException e) throws IOException {
        assertTrue(e.getResponseHeaders().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        return client.getObjectMapper().readValue(e.getResponseBody(), Problem.class);
    }

    private static String header(ApiResponse<?> response, String name) {
        List<String> values = response.getHeaders().get(name);
        assertNotNull(values, "no " + name + " header");
        return values.get(0);
    }
}
