package dev.byline.ingest;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import dev.byline.ingest.WireStory.SourceHint;
import dev.byline.web.HttpUrl;
import dev.byline.web.ProblemException;
import dev.byline.web.ProblemType;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jsoup.Jsoup;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

/**
 * Reads a partner's RSS or Atom feed with ROME, safely: a document with a DOCTYPE is refused before anything in it is
 * resolved, so that no external entity reads a file or a URL and no entity expands without limit. Each item becomes a
 * wire story of its own; an item that cannot be one is refused alone.
 */
final class FeedReader {

    /** Items one import may carry; a bigger feed is refused rather than half imported. */
    static final int MAX_ITEMS = 200;
    private static final Set<String> TEXT_TYPES = Set.of("text", "text/plain");
    /** RSS author: "desk@agency.example (Desk Editor)". */
    private static final Pattern MAIL_AND_NAME = Pattern.compile("^\\S+@\\S+\\s*\\((?<name>[^)]+)\\)$");

    /**
     * A feed as read.
     *
     * @param form rss or atom, as the document turned out to be
     * @param feedType ROME's name of the exact format, such as {@code rss_2.0}
     */
    record Feed(ImportForm form, String feedType, String title, Language language, List<SyndEntry> entries) {
    }

    private FeedReader() {
    }

    static Feed read(byte[] body, Language fallback) {
        if (body == null || body.length == 0) {
            throw new ProblemException(ProblemType.MALFORMED, "The body is empty: send an RSS 2.0 or Atom document.");
        }
        SyndFeedInput input = new SyndFeedInput();
        input.setAllowDoctypes(false);
        input.setXmlHealerOn(false);
        input.setPreserveWireFeed(true);
        SyndFeed feed;
        try {
            feed = input.build(new InputSource(new ByteArrayInputStream(body)));
        } catch (FeedException e) {
            throw unreadable(e);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.MALFORMED, "The document is XML but neither RSS nor Atom: send an "
                    + "<rss version=\"2.0\"> or an Atom <feed> document.");
        }
        ImportForm form = feed.getFeedType() != null && feed.getFeedType().startsWith("atom") ? ImportForm.ATOM
                : ImportForm.RSS;
        List<SyndEntry> entries = feed.getEntries();
        if (entries.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, "The feed has no items, so there is nothing to import.");
        }
        if (entries.size() > MAX_ITEMS) {
            throw new ProblemException(ProblemType.VALIDATION, "The feed has " + entries.size()
                    + " items; one import takes at most " + MAX_ITEMS + ". Send it in parts.");
        }
        String declared = feed.getLanguage() != null ? feed.getLanguage() : rootLanguage(body);
        Language language = Language.normalise(declared)
                .map(tag -> new Language(tag, "the feed's language"))
                .orElse(fallback);
        return new Feed(form, feed.getFeedType(), text(feed.getTitle()), language, List.copyOf(entries));
    }

    /** The item's own identifier: the RSS guid (else its link), the Atom id; null when it has none. */
    static String key(SyndEntry entry) {
        if (entry.getWireEntry() instanceof Item item) {
            if (item.getGuid() != null && item.getGuid().getValue() != null && !item.getGuid().getValue().isBlank()) {
                return item.getGuid().getValue().strip();
            }
            return item.getLink() == null || item.getLink().isBlank() ? null : item.getLink().strip();
        }
        return entry.getUri() == null || entry.getUri().isBlank() ? null : entry.getUri().strip();
    }

    /** Item {@code position} (1-based) as a wire story; a 400 when it cannot be one. */
    static WireStory story(Feed feed, SyndEntry entry, int position) {
        String at = "items[" + position + "]";
        List<String> notes = new ArrayList<>();
        String headline = text(PrintableText.require(entry.getTitle(), at + ".title"));
        if (headline == null || headline.isBlank()) {
            throw ProblemException.invalidBody(at + ".title", "is required: an item without a title cannot become an "
                    + "article");
        }
        String key = PrintableText.require(key(entry), at + (feed.form() == ImportForm.ATOM ? ".id" : ".guid"));
        if (key == null) {
            notes.add("The item has no " + (feed.form() == ImportForm.ATOM ? "id" : "guid or link")
                    + ", so a later version of it cannot be recognised; only the same text can.");
        }
        SyndContent content = entry.getContents().isEmpty() ? entry.getDescription() : entry.getContents().get(0);
        String html = null;
        String text = null;
        if (content != null && content.getValue() != null && !content.getValue().isBlank()) {
            String value = PrintableText.require(content.getValue(), at + ".content");
            if (content.getType() != null && TEXT_TYPES.contains(content.getType().toLowerCase(Locale.ROOT))) {
                text = value;
            } else {
                html = value;
            }
        } else {
            notes.add("The item has no content or description; the draft has only a headline.");
        }
        List<String> categories = new ArrayList<>();
        for (SyndCategory category : entry.getCategories()) {
            if (category.getName() != null && !category.getName().isBlank()) {
                categories.add(PrintableText.require(category.getName().strip(), at + ".category"));
            }
        }
        String link = entry.getLink() == null ? null : entry.getLink().strip();
        if (link != null && !new HttpUrl.Validator().isValid(link, null)) {
            notes.add("The item's link '" + link + "' is not an absolute http(s) URL, so it was not kept.");
            link = null;
        }
        Instant versionAt = instant(entry.getUpdatedDate() != null ? entry.getUpdatedDate() : entry.getPublishedDate());
        return new WireStory(feed.form(), key, null, versionAt, headline, null, html, text, 1,
                byline(entry), null, feed.language(), Tags.of(categories, notes), List.of(), hint(feed, entry), null,
                null, link, List.copyOf(notes));
    }

    /** Where the item says it comes from, else the feed's title. */
    private static SourceHint hint(Feed feed, SyndEntry entry) {
        String named = null;
        if (entry.getWireEntry() instanceof Item item && item.getSource() != null) {
            named = item.getSource().getValue();
        } else if (entry.getWireEntry() instanceof Entry atom && atom.getSource() != null) {
            named = atom.getSource().getTitle();
        }
        if (named != null && !named.isBlank()) {
            return new SourceHint(text(named), "item-source");
        }
        return feed.title() == null || feed.title().isBlank() ? null : new SourceHint(feed.title(), "feed-title");
    }

    private static String byline(SyndEntry entry) {
        String author = entry.getAuthor();
        if (author == null || author.isBlank()) {
            return null;
        }
        author = text(author);
        Matcher named = MAIL_AND_NAME.matcher(author);
        if (named.matches()) {
            return named.group("name").strip();
        }
        return author.contains("@") && !author.contains(" ") ? null : author;
    }

    private static ProblemException unreadable(FeedException e) {
        SAXParseException parse = null;
        for (Throwable cause = e; cause != null && parse == null; cause = cause.getCause()) {
            if (cause instanceof SAXParseException found) {
                parse = found;
            }
        }
        String message = parse != null && parse.getMessage() != null ? parse.getMessage() : String.valueOf(e.getMessage());
        if (message.contains("DOCTYPE")) {
            return new ProblemException(ProblemType.MALFORMED, "The document declares a DOCTYPE"
                    + (parse != null ? " (line " + parse.getLineNumber() + ")" : "") + ". Imports refuse DTDs and "
                    + "entities, which could read files or addresses or expand without limit; send the feed without "
                    + "its DOCTYPE.");
        }
        if (parse == null) {
            return new ProblemException(ProblemType.MALFORMED, "The document is not a feed that can be read: send an "
                    + "RSS 2.0 or Atom document.");
        }
        return new ProblemException(ProblemType.MALFORMED, "The document is not well-formed XML at line "
                + parse.getLineNumber() + ", column " + parse.getColumnNumber() + ": " + message);
    }

    /**
     * The xml:lang of the root element (Atom's way of giving a feed's language, which ROME does not read); null when
     * there is none. Only called on a document ROME has read, so it has no DOCTYPE; the reader is told to resolve
     * nothing all the same.
     */
    private static String rootLanguage(byte[] body) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try {
            XMLStreamReader reader = factory.createXMLStreamReader(new ByteArrayInputStream(body));
            try {
                while (reader.hasNext()) {
                    if (reader.next() == XMLStreamConstants.START_ELEMENT) {
                        return reader.getAttributeValue(XMLConstants.XML_NS_URI, "lang");
                    }
                }
                return null;
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            return null;
        }
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    /** Text of a title that may carry markup or entities. */
    private static String text(String value) {
        if (value == null) {
            return null;
        }
        return value.indexOf('<') < 0 && value.indexOf('&') < 0 ? value.strip() : Jsoup.parse(value).text().strip();
    }
}
