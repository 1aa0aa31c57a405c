package dev.byline.syndication;

import dev.byline.SiteLinks;
import dev.byline.article.Article;
import dev.byline.source.Rights;
import dev.byline.source.SourceRef;
import dev.byline.web.ApiLinks;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A feed, ready to be written in any of the formats: its metadata and its entries, with full text only for
 * partners.
 *
 * @param id what the feed is, whatever the query: its URL without one (Atom's {@code id})
 * @param self the URL the feed is read at, with only the query parameters that change it
 * @param home the page the feed is about: the site's home page, or the API's list of the same articles
 * @param articles the API's list of the same articles (JSON), equal to {@code home} when no site is configured
 * @param api the API's base URL, for links to sources, sections and tags
 * @param publisher the newsroom's name, the feed's author
 * @param language the newsroom's language, the default of the feed's entries
 */
record Feed(String title, String description, URI id, URI self, URI home, URI articles, URI api, String publisher,
        String language, boolean fullText, Instant updated, List<Entry> entries) {

    /**
     * One article as the feeds show it.
     *
     * @param link where a reader reads it: its canonical URL, else its page on the site, else the API's JSON
     * @param api the API's JSON of the article, always
     */
    record Entry(UUID id, String slug, String headline, String standfirst, String bodyHtml, String byline,
            String dateline, String section, List<String> tags, String language, Instant publishedAt, Instant updatedAt,
            long version, SourceRef source, String sourceHomepage, URI sourceApi, Instant sourceUpdatedAt,
            String attribution, Rights rights, URI link, URI api, URI comments, int commentCount, boolean commentsOpen,
            Instant embargoedUntil, List<Translation> translations) {

        /** Another language version of the entry's article, where the API serves it. */
        record Translation(String language, UUID id, String slug, String headline, URI url) {
        }

        static Entry from(Article a, URI base, SiteLinks site, boolean fullText, Instant now) {
            URI api = ApiLinks.article(base, a.slug);
            URI page = site.article(a.id, a.slug, a.section).orElse(api);
            // A draft may be published without a body: then there is no full text to give, only the summary.
            String body = fullText && a.bodyHtml != null && !a.bodyHtml.isBlank() ? a.bodyHtml : null;
            return new Entry(a.id, a.slug, a.headline, a.standfirst, body, a.byline, a.dateline,
                    a.section, a.tags, a.language, a.publishedAt, a.updatedAt, a.version, SourceRef.from(a.source),
                    a.source == null ? null : a.source.homepageUrl,
                    a.source == null ? null : ApiLinks.source(base, a.source.slug),
                    a.source == null ? null : a.source.updatedAt,
                    a.attributionLine(), a.effectiveRights(), link(a.canonicalUrl, page), api,
                    ApiLinks.comments(base, a.id), a.commentCount, a.commentsOpen,
                    a.isEmbargoed(now) ? a.embargoedUntil : null,
                    a.translations(now).stream().map(t -> new Translation(t.language(), t.id(), t.slug(), t.headline(),
                            ApiLinks.article(base, t.slug()))).toList());
        }

        /** The canonical URL; the site's page (or the API's JSON) when there is none, or when a stored one does not parse. */
        private static URI link(String canonicalUrl, URI page) {
            if (canonicalUrl == null) {
                return page;
            }
            try {
                return new URI(canonicalUrl);
            } catch (URISyntaxException e) {
                return page; // validated on input since the check parses it; older rows may not have been
            }
        }

        /** The stable identifier of every format: a URN that never changes with slugs or hosts. */
        String urn() {
            return "urn:uuid:" + id;
        }

        /**
         * The text a reader shows for the item: the standfirst, or the headline when there is none (every format needs
         * some text, and JSON Feed requires it).
         */
        String summary() {
            return standfirst != null && !standfirst.isBlank() ? standfirst : headline;
        }

        /** One line of rights for formats that have a single text field for them. */
        String rightsLine() {
            StringBuilder line = new StringBuilder();
            if (rights.copyrightHolder() != null) {
                line.append("Copyright ").append(rights.copyrightHolder()).append('.');
            }
            if (rights.usageTerms() != null) {
                line.append(line.isEmpty() ? "" : " ").append(rights.usageTerms());
            }
            return line.isEmpty() ? null : line.toString();
        }

        /** Section first, then the tags. */
        List<String> categories() {
            return section == null ? tags : Stream.concat(Stream.of(section), tags.stream()).toList();
        }
    }
}
