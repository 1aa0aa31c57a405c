package dev.byline.syndication;

import dev.byline.web.ApiLinks;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes RSS 2.0 and Atom 1.0 (RFC 4287) with StAX, which escapes text and attributes; HTML goes in as escaped
 * text, the way both formats expect it ({@code content:encoded}, Atom {@code type="html"}).
 *
 * <p>Only vocabularies that feed readers and validators know are used (Atom, Dublin Core and its terms, content,
 * slash, thread), except in partners' feeds, which add Byline's own elements (version and embargo) for their mirrors.
 */
final class XmlFeedWriter {

    static final String ATOM = "http://www.w3.org/2005/Atom";
    static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";
    static final String DC = "http://purl.org/dc/elements/1.1/";
    static final String DCTERMS = "http://purl.org/dc/terms/";
    static final String SLASH = "http://purl.org/rss/1.0/modules/slash/";
    static final String THREAD = "http://purl.org/syndication/thread/1.0";
    /** Byline's own elements for partners: version and embargo, which neither format has. */
    static final String BYLINE = "https://byline.dev/ns/feed/1.0";

    private static final String JSON = "application/json";
    // The JDK's own writer: its writeEntityRef writes a character reference as given (see rssText).
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();
    /** Characters XML 1.0 cannot carry at all, not even escaped; they are dropped. */
    private static final Pattern NOT_XML = Pattern.compile("[^\\x09\\x0A\\x0D\\x20-\\x{D7FF}\\x{E000}-\\x{FFFD}\\x{10000}-\\x{10FFFF}]");
    private static final DateTimeFormatter RFC_822 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private XmlFeedWriter() {
    }

    static byte[] rss(Feed feed) {
        return write(out -> {
            out.setPrefix("atom", ATOM);
            out.writeStartElement("rss");
            out.writeAttribute("version", "2.0");
            out.writeNamespace("atom", ATOM);
            out.writeNamespace("content", CONTENT);
            out.writeNamespace("dc", DC);
            out.writeNamespace("dcterms", DCTERMS);
            out.writeNamespace("slash", SLASH);
            if (feed.fullText()) {
                out.writeNamespace("byline", BYLINE);
            }
            out.writeStartElement("channel");
            rssText(out, "title", feed.title());
            text(out, "link", feed.home().toString());
            rssText(out, "description", feed.description());
            text(out, "language", feed.language());
            text(out, "lastBuildDate", RFC_822.format(feed.updated()));
            out.writeEmptyElement(ATOM, "link");
            out.writeAttribute("href", clean(feed.self().toString()));
            out.writeAttribute("rel", "self");
            out.writeAttribute("type", "application/rss+xml");
            if (!feed.home().equals(feed.articles())) {
                link(out, "alternate", feed.articles(), JSON);
            }
            for (Feed.Entry e : feed.entries()) {
                out.writeStartElement("item");
                rssText(out, "title", e.headline());
                text(out, "link", e.link().toString());
                out.writeStartElement("guid");
                out.writeAttribute("isPermaLink", "false");
                out.writeCharacters(e.urn());
                out.writeEndElement();
                text(out, "pubDate", RFC_822.format(e.publishedAt()));
                text(out, ATOM, "updated", e.updatedAt().toString());
                rssText(out, "description", e.summary());
                if (e.bodyHtml() != null) {
                    text(out, CONTENT, "encoded", e.bodyHtml());
                }
                for (String category : e.categories()) {
                    text(out, "category", category);
                }
                if (e.byline() != null) {
                    text(out, DC, "creator", e.byline());
                }
                text(out, DC, "language", e.language());
                if (e.source() != null) {
                    out.writeStartElement("source");
                    out.writeAttribute("url", clean(e.sourceHomepage() != null ? e.sourceHomepage()
                            : e.sourceApi().toString()));
                    out.writeCharacters(clean(e.source().name()));
                    out.writeEndElement();
                }
                text(out, "comments", e.comments().toString());
                text(out, SLASH, "comments", Integer.toString(e.commentCount()));
                if (e.rightsLine() != null) {
                    text(out, DC, "rights", e.rightsLine());
                }
                provenance(out, feed, e);
                if (!e.link().equals(e.api())) {
                    link(out, "alternate", e.api(), JSON);
                }
                out.writeEndElement();
            }
            out.writeEndElement();
            out.writeEndElement();
        });
    }

    static byte[] atom(Feed feed) {
        return write(out -> {
            out.setDefaultNamespace(ATOM);
            out.writeStartElement(ATOM, "feed");
            out.writeDefaultNamespace(ATOM);
            out.writeNamespace("thr", THREAD);
            out.writeNamespace("dcterms", DCTERMS);
            if (feed.fullText()) {
                out.writeNamespace("byline", BYLINE);
            }
            language(out, feed.language());
            text(out, ATOM, "id", feed.id().toString());
            atomText(out, "title", feed.title());
            atomText(out, "subtitle", feed.description());
            text(out, ATOM, "updated", feed.updated().toString());
            link(out, "self", feed.self(), "application/atom+xml");
            link(out, "alternate", feed.home(), feed.home().equals(feed.articles()) ? JSON : null);
            if (!feed.home().equals(feed.articles())) {
                link(out, "alternate", feed.articles(), JSON);
            }
            out.writeStartElement(ATOM, "author");
            text(out, ATOM, "name", feed.publisher());
            out.writeEndElement();
            for (Feed.Entry e : feed.entries()) {
                out.writeStartElement(ATOM, "entry");
                language(out, e.language());
                text(out, ATOM, "id", e.urn());
                atomText(out, "title", e.headline());
                // One alternate per media type (RFC 4287 §4.1.1): the page readers read, and the API's JSON.
                link(out, "alternate", e.link(), e.link().equals(e.api()) ? JSON : null);
                if (!e.link().equals(e.api())) {
                    link(out, "alternate", e.api(), JSON);
                }
                translations(out, e);
                out.writeEmptyElement(ATOM, "link");
                out.writeAttribute("rel", "replies");
                out.writeAttribute("href", clean(e.comments().toString()));
                out.writeAttribute("type", JSON);
                out.writeAttribute(THREAD, "count", Integer.toString(e.commentCount()));
                text(out, ATOM, "published", e.publishedAt().toString());
                text(out, ATOM, "updated", e.updatedAt().toString());
                if (e.byline() != null) {
                    out.writeStartElement(ATOM, "author");
                    text(out, ATOM, "name", e.byline());
                    out.writeEndElement();
                }
                atomText(out, "summary", e.summary());
                if (e.bodyHtml() != null) {
                    out.writeStartElement(ATOM, "content");
                    out.writeAttribute("type", "html");
                    out.writeCharacters(clean(e.bodyHtml()));
                    out.writeEndElement();
                }
                if (e.section() != null) {
                    category(out, e.section(), ApiLinks.sections(feed.api()).toString());
                }
                for (String tag : e.tags()) {
                    category(out, tag, ApiLinks.tags(feed.api()).toString());
                }
                if (e.rightsLine() != null) {
                    atomText(out, "rights", e.rightsLine());
                }
                if (e.source() != null) {
                    // RFC 4287 §4.2.11: where the entry came from, here the originating outlet; like a feed, it has
                    // an id, a title and the time it last changed.
                    out.writeStartElement(ATOM, "source");
                    text(out, ATOM, "id", e.sourceApi().toString());
                    atomText(out, "title", e.source().name());
                    text(out, ATOM, "updated", (e.sourceUpdatedAt() != null ? e.sourceUpdatedAt() : e.updatedAt())
                            .toString());
                    if (e.sourceHomepage() != null) {
                        link(out, "alternate", URI.create(e.sourceHomepage()), null);
                    }
                    out.writeEndElement();
                }
                provenance(out, feed, e);
                out.writeEndElement();
            }
            out.writeEndElement();
        });
    }

    /** The article in its other languages: one alternate link per language (RFC 4287 §4.2.7.4, hreflang). */
    private static void translations(XMLStreamWriter out, Feed.Entry e) throws XMLStreamException {
        for (Feed.Entry.Translation t : e.translations()) {
            link(out, "alternate", t.url(), JSON);
            out.writeAttribute("hreflang", t.language());
            out.writeAttribute("title", clean(t.headline()));
        }
    }

    /**
     * The attribution line the item must carry (Dublin Core's citation, which readers and validators know), and for
     * partners the version and embargo their mirrors need.
     */
    private static void provenance(XMLStreamWriter out, Feed feed, Feed.Entry e) throws XMLStreamException {
        if (e.attribution() != null) {
            text(out, DCTERMS, "bibliographicCitation", e.attribution());
        }
        if (!feed.fullText()) {
            return;
        }
        text(out, BYLINE, "version", Long.toString(e.version()));
        if (e.embargoedUntil() != null) {
            text(out, BYLINE, "embargoedUntil", e.embargoedUntil().toString());
        }
    }

    /**
     * RSS text that readers read as HTML (titles and descriptions, by long practice): escaped for HTML first, so that
     * {@code <b>} or {@code <img onerror=…>} typed by an editor is shown as text, never run as markup; then for XML,
     * with the hexadecimal references {@code &#x26;} and {@code &#x3C;} the RSS Best Practices Profile asks for, which
     * tell a reader (and the W3C validator) that the text was escaped on purpose.
     */
    private static void rssText(XMLStreamWriter out, String name, String value) throws XMLStreamException {
        out.writeStartElement(name);
        String html = escapeHtml(clean(value));
        int start = 0;
        for (int i = 0; i < html.length(); i++) {
            char c = html.charAt(i);
            if (c == '&' || c == '<') {
                out.writeCharacters(html.substring(start, i));
                out.writeEntityRef(c == '&' ? "#x26" : "#x3C");
                start = i + 1;
            }
        }
        out.writeCharacters(html.substring(start));
        out.writeEndElement();
    }

    /**
     * An Atom text construct (RFC 4287 §3.1). Plain text as {@code type="text"}; text with {@code <} or {@code &} as
     * {@code type="html"}, escaped, so that it means the same but no reader (nor validator) can take it for markup.
     */
    private static void atomText(XMLStreamWriter out, String name, String value) throws XMLStreamException {
        String text = clean(value);
        boolean markupLike = text.indexOf('<') >= 0 || text.indexOf('&') >= 0;
        out.writeStartElement(ATOM, name);
        out.writeAttribute("type", markupLike ? "html" : "text");
        out.writeCharacters(markupLike ? escapeHtml(text) : text);
        out.writeEndElement();
    }

    /** Text as HTML shows it: the characters that start markup or a reference, escaped. */
    static String escapeHtml(String text) {
        StringBuilder html = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> html.append("&amp;");
                case '<' -> html.append("&lt;");
                case '>' -> html.append("&gt;");
                default -> html.append(c);
            }
        }
        return html.toString();
    }

    private static void language(XMLStreamWriter out, String language) throws XMLStreamException {
        out.writeAttribute(XMLConstants.XML_NS_PREFIX, XMLConstants.XML_NS_URI, "lang", clean(language));
    }

    private static void category(XMLStreamWriter out, String term, String scheme) throws XMLStreamException {
        out.writeEmptyElement(ATOM, "category");
        out.writeAttribute("term", clean(term));
        out.writeAttribute("scheme", scheme);
    }

    private static void link(XMLStreamWriter out, String rel, URI href, String type) throws XMLStreamException {
        out.writeEmptyElement(ATOM, "link");
        out.writeAttribute("rel", rel);
        out.writeAttribute("href", clean(href.toString()));
        if (type != null) {
            out.writeAttribute("type", type);
        }
    }

    private static void text(XMLStreamWriter out, String name, String value) throws XMLStreamException {
        out.writeStartElement(name);
        out.writeCharacters(clean(value));
        out.writeEndElement();
    }

    private static void text(XMLStreamWriter out, String namespace, String name, String value) throws XMLStreamException {
        out.writeStartElement(namespace, name);
        out.writeCharacters(clean(value));
        out.writeEndElement();
    }

    static String clean(String value) {
        return NOT_XML.matcher(value).replaceAll("");
    }

    /** Writes the document body with {@code body}, prefixes bound as the elements declare them. */
    private static byte[] write(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * 1024);
        try {
            XMLStreamWriter out = FACTORY.createXMLStreamWriter(bytes, "UTF-8");
            out.setPrefix("content", CONTENT);
            out.setPrefix("dc", DC);
            out.setPrefix("dcterms", DCTERMS);
            out.setPrefix("slash", SLASH);
            out.setPrefix("thr", THREAD);
            out.setPrefix("byline", BYLINE);
            out.writeStartDocument("UTF-8", "1.0");
            body.write(out);
            out.writeEndDocument();
            out.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Could not write a feed", e);
        }
        return bytes.toByteArray();
    }

    @FunctionalInterface
    private interface Body {
        void write(XMLStreamWriter out) throws XMLStreamException;
    }
}
