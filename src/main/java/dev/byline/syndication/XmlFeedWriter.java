package dev.byline.syndication;

import java.io.ByteArrayOutputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes RSS 2.0 and Atom 1.0 (RFC 4287) with StAX, which escapes text and attributes; HTML goes in as escaped
 * text, the way both formats expect it ({@code content:encoded}, Atom {@code type="html"}).
 */
final class XmlFeedWriter {

    static final String ATOM = "http://www.w3.org/2005/Atom";
    static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";
    static final String DC = "http://purl.org/dc/elements/1.1/";
    static final String SLASH = "http://purl.org/rss/1.0/modules/slash/";
    static final String THREAD = "http://purl.org/syndication/thread/1.0";
    /** Byline's own elements: attribution, version and embargo, which neither format has. */
    static final String BYLINE = "https://byline.dev/ns/feed/1.0";

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();
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
            out.writeNamespace("slash", SLASH);
            out.writeNamespace("byline", BYLINE);
            out.writeStartElement("channel");
            text(out, "title", feed.title());
            text(out, "link", feed.home().toString());
            text(out, "description", feed.description());
            text(out, "lastBuildDate", RFC_822.format(feed.updated()));
            out.writeEmptyElement(ATOM, "link");
            out.writeAttribute("href", feed.self().toString());
            out.writeAttribute("rel", "self");
            out.writeAttribute("type", "application/rss+xml");
            for (Feed.Entry e : feed.entries()) {
                out.writeStartElement("item");
                text(out, "title", e.headline());
                text(out, "link", e.link().toString());
                out.writeStartElement("guid");
                out.writeAttribute("isPermaLink", "false");
                out.writeCharacters(e.urn());
                out.writeEndElement();
                text(out, "pubDate", RFC_822.format(e.publishedAt()));
                text(out, ATOM, "updated", e.updatedAt().toString());
                if (e.standfirst() != null) {
                    text(out, "description", e.standfirst());
                }
                if (e.bodyHtml() != null) {
                    text(out, CONTENT, "encoded", e.bodyHtml());
                }
                for (String category : e.categories()) {
                    text(out, "category", category);
                }
                if (e.byline() != null) {
                    text(out, DC, "creator", e.byline());
                }
                if (e.source() != null) {
                    out.writeStartElement("source");
                    out.writeAttribute("url", e.sourceHomepage() != null ? e.sourceHomepage() : feed.home().resolve(
                            "api/v1/sources/" + e.source().slug()).toString());
                    out.writeCharacters(clean(e.source().name()));
                    out.writeEndElement();
                }
                text(out, "comments", e.comments().toString());
                text(out, SLASH, "comments", Integer.toString(e.commentCount()));
                if (e.rightsLine() != null) {
                    text(out, DC, "rights", e.rightsLine());
                }
                extensions(out, e);
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
            out.writeNamespace("byline", BYLINE);
            text(out, ATOM, "id", feed.self().toString());
            text(out, ATOM, "title", feed.title());
            text(out, ATOM, "subtitle", feed.description());
            text(out, ATOM, "updated", feed.updated().toString());
            link(out, "self", feed.self().toString(), "application/atom+xml");
            link(out, "alternate", feed.home().toString(), null);
            out.writeStartElement(ATOM, "author");
            text(out, ATOM, "name", feed.title());
            out.writeEndElement();
            for (Feed.Entry e : feed.entries()) {
                out.writeStartElement(ATOM, "entry");
                text(out, ATOM, "id", e.urn());
                typed(out, "title", "text", e.headline());
                link(out, "alternate", e.link().toString(), null);
                out.writeEmptyElement(ATOM, "link");
                out.writeAttribute("rel", "replies");
                out.writeAttribute("href", e.comments().toString());
                out.writeAttribute("type", "application/json");
                out.writeAttribute(THREAD, "count", Integer.toString(e.commentCount()));
                text(out, ATOM, "published", e.publishedAt().toString());
                text(out, ATOM, "updated", e.updatedAt().toString());
                if (e.byline() != null) {
                    out.writeStartElement(ATOM, "author");
                    text(out, ATOM, "name", e.byline());
                    out.writeEndElement();
                }
                if (e.standfirst() != null) {
                    typed(out, "summary", "text", e.standfirst());
                }
                if (e.bodyHtml() != null) {
                    typed(out, "content", "html", e.bodyHtml());
                }
                if (e.section() != null) {
                    category(out, e.section(), feed.home().resolve("api/v1/sections").toString());
                }
                for (String tag : e.tags()) {
                    category(out, tag, feed.home().resolve("api/v1/tags").toString());
                }
                if (e.rightsLine() != null) {
                    typed(out, "rights", "text", e.rightsLine());
                }
                if (e.source() != null) {
                    // RFC 4287 §4.2.11: where the entry came from; here the originating outlet.
                    out.writeStartElement(ATOM, "source");
                    text(out, ATOM, "id", feed.home().resolve("api/v1/sources/" + e.source().slug()).toString());
                    text(out, ATOM, "title", e.source().name());
                    if (e.sourceHomepage() != null) {
                        link(out, "alternate", e.sourceHomepage(), null);
                    }
                    out.writeEndElement();
                }
                extensions(out, e);
                out.writeEndElement();
            }
            out.writeEndElement();
        });
    }

    private static void extensions(XMLStreamWriter out, Feed.Entry e) throws XMLStreamException {
        if (e.attribution() != null) {
            text(out, BYLINE, "attribution", e.attribution());
        }
        text(out, BYLINE, "version", Long.toString(e.version()));
        if (e.embargoedUntil() != null) {
            text(out, BYLINE, "embargoedUntil", e.embargoedUntil().toString());
        }
    }

    private static void category(XMLStreamWriter out, String term, String scheme) throws XMLStreamException {
        out.writeEmptyElement(ATOM, "category");
        out.writeAttribute("term", clean(term));
        out.writeAttribute("scheme", scheme);
    }

    private static void link(XMLStreamWriter out, String rel, String href, String type) throws XMLStreamException {
        out.writeEmptyElement(ATOM, "link");
        out.writeAttribute("rel", rel);
        out.writeAttribute("href", clean(href));
        if (type != null) {
            out.writeAttribute("type", type);
        }
    }

    private static void typed(XMLStreamWriter out, String name, String type, String value) throws XMLStreamException {
        out.writeStartElement(ATOM, name);
        out.writeAttribute("type", type);
        out.writeCharacters(clean(value));
        out.writeEndElement();
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
