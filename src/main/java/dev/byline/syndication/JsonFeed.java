package dev.byline.syndication;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.byline.source.Rights;
import dev.byline.source.SourceRef;
import java.time.Instant;
import java.util.List;

/** A JSON Feed 1.1 document (https://jsonfeed.org/version/1.1); Byline's own fields sit in {@code _byline}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record JsonFeed(
        String version,
        String title,
        String description,
        @JsonProperty("home_page_url") String homePageUrl,
        @JsonProperty("feed_url") String feedUrl,
        String language,
        List<Author> authors,
        List<Item> items) {

    static final String VERSION = "https://jsonfeed.org/version/1.1";

    /** A person or organisation. */
    record Author(String name) {
    }

    /**
     * One article. The spec needs content_html or content_text: the full body for partners, the standfirst (or the
     * headline) otherwise. Every text is plain text, as JSON Feed defines them; only content_html is HTML.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Item(
            String id,
            String url,
            String title,
            String summary,
            @JsonProperty("content_html") String contentHtml,
            @JsonProperty("content_text") String contentText,
            @JsonProperty("date_published") Instant datePublished,
            @JsonProperty("date_modified") Instant dateModified,
            List<Author> authors,
            List<String> tags,
            String language,
            @JsonProperty("_byline") Extension byline) {
    }

    /**
     * What JSON Feed has no field for: the API's JSON of the article ({@code href}, as on the change feed),
     * provenance, rights, the comment thread, version and embargo.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Extension(
            @JsonProperty("about") String about,
            String href,
            String slug,
            String section,
            List<String> tags,
            String dateline,
            SourceRef source,
            String attribution,
            Rights rights,
            String commentsUrl,
            int commentCount,
            long version,
            Instant embargoedUntil,
            List<Translation> translations) {
    }

    /** The article in another language. */
    record Translation(String language, String id, String slug, String url) {
    }

    private static List<Translation> translations(Feed.Entry e) {
        return e.translations().stream()
                .map(t -> new Translation(t.language(), "urn:uuid:" + t.id(), t.slug(), t.url().toString())).toList();
    }

    static JsonFeed of(Feed feed) {
        return new JsonFeed(VERSION, feed.title(), feed.description(), feed.home().toString(), feed.self().toString(),
                feed.language(), List.of(new Author(feed.publisher())),
                feed.entries().stream().map(e -> new Item(e.urn(), e.link().toString(), e.headline(), e.standfirst(),
                        e.bodyHtml(), e.bodyHtml() == null ? e.summary() : null,
                        e.publishedAt(), e.updatedAt(), e.byline() == null ? null : List.of(new Author(e.byline())),
                        e.categories(), e.language(),
                        new Extension("https://byline.dev/ns/feed/1.0", e.api().toString(), e.slug(), e.section(),
                                e.tags(), e.dateline(), e.source(), e.attribution(), e.rights(),
                                e.comments().toString(), e.commentCount(), e.version(), e.embargoedUntil(),
                                translations(e))))
                        .toList());
    }
}
