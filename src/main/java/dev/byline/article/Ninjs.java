package dev.byline.article;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.byline.SiteLinks;
import dev.byline.source.Rights;
import dev.byline.source.Source;
import dev.byline.web.ApiLinks;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An article as IPTC ninjs 3.1 (News in JSON), the format wire partners ingest. Absent values are left out, as the
 * schema wants no nulls.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Ninjs(
        String uri,
        String type,
        Standard standard,
        String version,
        Instant firstCreated,
        Instant versionCreated,
        String pubStatus,
        Instant embargoedUntil,
        String language,
        String slugline,
        List<Text> headlines,
        List<Text> descriptions,
        List<Body> bodies,
        String by,
        String located,
        List<Subject> subjects,
        String copyrightHolder,
        String copyrightNotice,
        String usageTerms,
        List<InfoSource> infoSources,
        List<AltId> altIds,
        List<Rendition> renditions,
        List<Association> associations,
        Instant expires) {

    public static final String MEDIA_TYPE = "application/ninjs+json";
    private static final Standard NINJS_3_1 = new Standard("ninjs", "3.1",
            "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#");

    /** Which standard this document follows. */
    public record Standard(String name, String version, String schema) {
    }

    /** A headline or description. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Text(String role, String contentType, String value) {
    }

    /** A body, in plain text or HTML. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Body(String role, String contentType, Integer charCount, Integer wordCount, String value) {
    }

    /** The section (rel "section") and each tag (rel "tag"). */
    public record Subject(String name, String rel, String literal, String uri) {
    }

    /** The originating source (role "originator") and each cited one (with the citation's role). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InfoSource(String name, String role, String literal, String uri) {
    }

    /** Other identifiers: the slug and the API URL. */
    public record AltId(String role, String value) {
    }

    /**
     * Where the story can be had in another form: ninjs 3.1 has no general links, and a rendition is its typed link
     * ({@code href} with a {@code contentType}). {@code web} is the article's page on the newsroom's site, while anybody
     * may read it there ({@link Article#webUrl}); {@code api} its JSON in the API. {@code uri} stays the identifier.
     */
    public record Rendition(String name, String href, String contentType) {
    }

    /**
     * The same story in another language: its original (rel {@code original}) or another translation of it (rel
     * {@code translation}). ninjs 3.1 has no field for language versions; an association is a news object of its own,
     * named, with its own uri and language.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Association(String name, String rel, String uri, String type, String language, String slugline,
            List<AltId> altIds) {
    }

    /**
     * The article; {@code withheld} leaves the content out (a withdrawn or expired story must not be used, so
     * partners get only what identifies it).
     */
    static Ninjs of(Article a, String pubStatus, URI base, SiteLinks site, Instant now) {
        boolean usable = pubStatus.equals("usable");
        Rights rights = a.effectiveRights();
        List<Subject> subjects = new ArrayList<>();
        if (a.section != null) {
            subjects.add(new Subject(a.section, "section", a.section,
                    ApiLinks.articles(base, "section", a.section).toString()));
        }
        for (String tag : a.tags) {
            subjects.add(new Subject(tag, "tag", tag, ApiLinks.articles(base, "tag", tag).toString()));
        }
        List<InfoSource> sources = new ArrayList<>();
        if (a.source != null) {
            sources.add(infoSource(a.source, "originator", base));
        }
        for (CitedSource cited : a.citedSources) {
            sources.add(infoSource(cited.source, cited.role.toString(), base));
        }
        List<Text> descriptions = a.standfirst == null || !usable ? List.of()
                : List.of(new Text("summary", "text/plain", a.standfirst));
        List<Body> bodies = !usable ? List.of() : List.of(
                new Body("main", "text/plain", a.bodyText.length(), a.wordCount, a.bodyText),
                new Body("main", "text/html", a.bodyHtml.length(), a.wordCount, a.bodyHtml));
        String attribution = a.attributionLine();
        URI api = ApiLinks.article(base, a.id);
        List<Rendition> renditions = new ArrayList<>();
        if (usable) {
            a.webUrl(site, now).ifPresent(page -> renditions.add(new Rendition("web", page.toString(), "text/html")));
            renditions.add(new Rendition("api", api.toString(), "application/json"));
        }
        return new Ninjs(urn(a.id.toString()), "text", NINJS_3_1, Long.toString(a.version), a.createdAt, a.updatedAt,
                pubStatus, a.isEmbargoed(now) ? a.embargoedUntil : null, a.language, a.slug,
                List.of(new Text("main", "text/plain", a.headline)), descriptions, bodies,
                a.byline, a.dateline, subjects, rights.copyrightHolder(),
                // The attribution line is the notice a reuser must print with the story.
                attribution, rights.usageTerms(), sources,
                List.of(new AltId("slug", a.slug), new AltId("api", api.toString())), renditions,
                !usable ? List.of() : a.translations(now).stream().map(t -> new Association(t.headline(),
                        t.original() ? "original" : "translation", urn(t.id().toString()), "text", t.language(),
                        t.slug(), List.of(new AltId("api", ApiLinks.article(base, t.id()).toString()))))
                        .toList(),
                a.expiresAt);
    }

    /** A deleted article: its identity and when it was canceled, nothing more. */
    static Ninjs canceled(ArticleTombstone tombstone, URI base) {
        return new Ninjs(urn(tombstone.id.toString()), "text", NINJS_3_1, null, null, tombstone.deletedAt, "canceled",
                null, null, tombstone.slug, List.of(), List.of(), List.of(), null, null, List.of(), null, null, null,
                List.of(), List.of(new AltId("slug", tombstone.slug)), List.of(), List.of(), null);
    }

    private static InfoSource infoSource(Source source, String role, URI base) {
        return new InfoSource(source.name, role, source.slug,
                source.homepageUrl != null ? source.homepageUrl : ApiLinks.source(base, source.slug).toString());
    }

    private static String urn(String id) {
        return "urn:uuid:" + id;
    }
}
