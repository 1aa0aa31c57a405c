package dev.byline.syndication;

import dev.byline.article.Article;
import dev.byline.source.Rights;
import dev.byline.source.SourceRef;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A feed, ready to be written in any of the formats: its metadata and its entries, with full text only for
 * partners.
 */
record Feed(String title, String description, URI self, URI home, boolean fullText, Instant updated,
        List<Entry> entries) {

    /** One article as the feeds show it. */
    record Entry(UUID id, String slug, String headline, String standfirst, String bodyHtml, String byline,
            String dateline, String section, List<String> tags, String language, Instant publishedAt, Instant updatedAt,
            long version, SourceRef source, String sourceHomepage, String attribution, Rights rights, URI link,
            URI api, URI comments, int commentCount, boolean commentsOpen, Instant embargoedUntil) {

        static Entry from(Article a, URI base, boolean fullText, Instant now) {
            URI api = base.resolve("api/v1/articles/" + a.slug);
            return new Entry(a.id, a.slug, a.headline, a.standfirst, fullText ? a.bodyHtml : null, a.byline, a.dateline,
                    a.section, a.tags, a.language, a.publishedAt, a.updatedAt, a.version, SourceRef.from(a.source),
                    a.source == null ? null : a.source.homepageUrl, a.attributionLine(), a.effectiveRights(),
                    link(a.canonicalUrl, api), api,
                    base.resolve("api/v1/articles/" + a.id + "/comments"), a.commentCount, a.commentsOpen,
                    a.isEmbargoed(now) ? a.embargoedUntil : null);
        }

        /** The canonical URL; the API's own link when there is none, or when a stored one does not parse. */
        private static URI link(String canonicalUrl, URI api) {
            if (canonicalUrl == null) {
                return api;
            }
            try {
                return new URI(canonicalUrl);
            } catch (URISyntaxException e) {
                return api; // validated on input since the check parses it; older rows may not have been
            }
        }

        /** The stable identifier of every format: a URN that never changes with slugs or hosts. */
        String urn() {
            return "urn:uuid:" + id;
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
            return section == null ? tags : java.util.stream.Stream.concat(java.util.stream.Stream.of(section),
                    tags.stream()).toList();
        }
    }
}
