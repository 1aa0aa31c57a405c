package dev.byline.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rometools.rome.feed.synd.SyndEntry;
import dev.byline.article.ArticleInput;
import dev.byline.article.ArticleInput.CitationInput;
import dev.byline.article.ArticleService;
import dev.byline.article.Readership;
import dev.byline.ingest.ImportDrafts.Written;
import dev.byline.ingest.ImportReport.AttributionFinding;
import dev.byline.ingest.ProvenanceDetector.Detection;
import dev.byline.source.Source;
import dev.byline.web.ProblemException;
import dev.byline.web.ProblemType;
import dev.byline.web.Problems;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Imports wire copy as drafts, never publishing anything: reads the form, cleans the copy, detects its provenance
 * against the source register, and then creates a draft, recognises an earlier import of the same item (by its uri,
 * guid or id, or by the same text) or applies a newer version of it. Each item is written in a transaction of its own
 * ({@link ImportDrafts}); what cannot be imported is a problem, and nothing of it is stored.
 */
@ApplicationScoped
public class ImportService {

    private static final int MAX_ATTRIBUTION = 300;

    private final ImportDrafts drafts;
    private final ArticleService articles;
    private final ObjectMapper mapper;

    public ImportService(ImportDrafts drafts, ArticleService articles, ObjectMapper mapper) {
        this.drafts = drafts;
        this.articles = articles;
        this.mapper = mapper;
    }

    /** One story, in plain text or ninjs. */
    public ImportResult importStory(ImportForm form, byte[] body, Language fallback) throws IOException {
        WireStory story = switch (form) {
            case TEXT -> WireText.read(body, fallback);
            case NINJS -> NinjsReader.read(json(body), fallback);
            case RSS, ATOM -> throw new IllegalArgumentException("feeds are imported with importFeed");
        };
        return importItem(story, new ProvenanceDetector(register()));
    }

    /** Every item of an RSS or Atom feed, each on its own: a refused item is reported and the next one imported. */
    public FeedImportResult importFeed(ImportForm declared, byte[] body, Language fallback) {
        FeedReader.Feed feed = FeedReader.read(body, fallback);
        ProvenanceDetector detector = new ProvenanceDetector(register());
        List<String> notes = new ArrayList<>();
        if (feed.form() != declared) {
            notes.add("The request said " + declared + " but the document is " + feed.form() + " (" + feed.feedType()
                    + "); it was read as what it is.");
        }
        notes.add("The items' language: " + feed.language().value() + " (" + feed.language().from() + ").");
        List<FeedImportResult.Item> items = new ArrayList<>();
        int[] counts = new int[ImportOutcome.values().length];
        for (int i = 0; i < feed.entries().size(); i++) {
            SyndEntry entry = feed.entries().get(i);
            int position = i + 1;
            FeedImportResult.Item item;
            try {
                WireStory story = FeedReader.story(feed, entry, position);
                ImportResult result = importItem(story, detector);
                item = new FeedImportResult.Item(position, story.origin(), story.headline(), result.outcome(),
                        result.articleId(), result.report(), null);
            } catch (ProblemException refused) {
                item = new FeedImportResult.Item(position, FeedReader.key(entry), entry.getTitle(),
                        ImportOutcome.REFUSED, null, null,
                        Problems.of(refused.type(), refused.getMessage(), null, refused.errors()));
            }
            counts[item.outcome().ordinal()]++;
            items.add(item);
        }
        return new FeedImportResult(feed.form(), feed.title(), counts[ImportOutcome.CREATED.ordinal()],
                counts[ImportOutcome.EXISTING.ordinal()], counts[ImportOutcome.UPDATED.ordinal()],
                counts[ImportOutcome.REFUSED.ordinal()], List.copyOf(items), List.copyOf(notes));
    }

    /** A story ready to write: the draft, the keys that recognise it, and the report so far. */
    private record Prepared(ImportKeys keys, ArticleInput draft, ImportReport report) {

        ImportReport report(String reason, String matchedBy) {
            return new ImportReport(report.form(), reason, matchedBy, report.language(), report.removed(),
                    report.attribution(), report.source(), report.citedSources(), report.suggestions(), report.notes());
        }
    }

    private ImportResult importItem(WireStory story, ProvenanceDetector detector) {
        Prepared prepared = prepare(story, detector);
        ImportKeys keys = prepared.keys();
        List<ImportKey> matches = QuarkusTransaction.requiringNew()
                .call(() -> ImportKey.findMatches(keys.origin(), keys.fingerprint()));
        Optional<ImportKey> byOrigin = matches.stream().filter(k -> k.kind == ImportKey.Kind.ORIGIN).findFirst();
        Optional<ImportKey> byText = matches.stream().filter(k -> k.kind == ImportKey.Kind.TEXT).findFirst();
        if (byOrigin.isPresent()) {
            return fromOrigin(prepared, byOrigin.get());
        }
        if (byText.isPresent()) {
            if (keys.origin() != null) {
                drafts.adopt(byText.get().articleId, keys);
            }
            return existing(prepared, byText.get().articleId, "The same text (compared without regard to letter case, "
                    + "spacing or punctuation) was imported before as this article; nothing changed.", "text");
        }
        try {
            Written written = drafts.create(keys, prepared.draft());
            return new ImportResult(ImportOutcome.CREATED, written.id(), mapper.valueToTree(written.article()),
                    prepared.report("Nothing imported before has this " + (keys.origin() == null ? "text"
                            : keys.originName() + " or this text") + ", so a new draft was made.", null));
        } catch (ProblemException e) {
            throw asImportProblem(e);
        } catch (PersistenceException e) {
            // The same item imported by another request at this moment took the key first: answer with its article.
            List<ImportKey> now = QuarkusTransaction.requiringNew()
                    .call(() -> ImportKey.findMatches(keys.origin(), keys.fingerprint()));
            if (now.isEmpty()) {
                throw e;
            }
            return existing(prepared, now.get(0).articleId, "The same item was imported by another request at the same "
                    + "moment; this is the article it became.", now.get(0).kind == ImportKey.Kind.TEXT ? "text"
                    : keys.originName());
        }
    }

    private ImportResult fromOrigin(Prepared prepared, ImportKey stored) {
        ImportKeys keys = prepared.keys();
        String item = keys.originName() + " '" + keys.origin() + "'";
        VersionOrder order = VersionOrder.of(stored.version, stored.versionAt, keys.version(), keys.versionAt());
        String theirs = describe(keys.version(), keys.versionAt());
        String ours = describe(stored.version, stored.versionAt);
        switch (order) {
            case SAME:
                return existing(prepared, stored.articleId, "The " + item + " was imported before" + (theirs.isEmpty()
                        ? "" : " in the same version (" + theirs + ")") + "; nothing changed.", keys.originName());
            case OLDER:
                return existing(prepared, stored.articleId, "The " + item + " was imported before in a newer version ("
                        + ours + ") than this one (" + theirs + "); nothing changed.", keys.originName());
            case UNKNOWN:
                return existing(prepared, stored.articleId, "The " + item + " was imported before, and neither a "
                        + "version number nor a version time tells which is newer (" + ours + " then, " + theirs
                        + " now); nothing changed.", keys.originName());
            default:
                break;
        }
        Written written;
        try {
            written = drafts.update(keys, prepared.draft());
        } catch (ProblemException e) {
            throw asImportProblem(e);
        } catch (PersistenceException e) {
            throw ProblemException.conflict("The article of " + item + " was changed by another request while this "
                    + "version was being applied; nothing of this import was stored. Send it again.");
        }
        if (written.article() == null) {
            return existing(prepared, written.id(), "Another request applied this version of the " + item
                    + " at the same moment; nothing more changed.", keys.originName());
        }
        String reason = "This is a newer version of the " + item + " (" + theirs + "; before: " + ours + "), so its "
                + "article was updated" + (written.corrected() ? " and, as readers had seen it, given a correction note"
                : written.changed() ? "" : "; its headline and body are the same as before") + ".";
        return new ImportResult(ImportOutcome.UPDATED, written.id(), mapper.valueToTree(written.article()),
                prepared.report(reason, keys.originName()));
    }

    private ImportResult existing(Prepared prepared, UUID articleId, String reason, String matchedBy) {
        JsonNode article = null;
        if (articles.read(articleId.toString(), Readership.EDITOR) instanceof ArticleService.Lookup.Found found) {
            try {
                article = mapper.readTree(found.article().json());
            } catch (IOException e) {
                throw new IllegalStateException("An article's own JSON could not be read", e);
            }
        }
        return new ImportResult(ImportOutcome.EXISTING, articleId, article, prepared.report(reason, matchedBy));
    }

    private Prepared prepare(WireStory story, ProvenanceDetector detector) {
        WireCopy copy = story.bodyHtml() != null ? WireCopy.ofHtml(story.bodyHtml())
                : story.bodyText() != null ? WireCopy.ofText(story.bodyText(), story.bodyFirstLine())
                : new WireCopy(null, null, List.of(), List.of(), null, null, null);
        Detection detection = detector.detect(story, copy);
        List<String> notes = new ArrayList<>(story.notes());
        notes.addAll(detection.notes());
        AttributionFinding attribution = detection.attribution();
        String attributionText = attribution == null ? null : attribution.text();
        if (attributionText != null && attributionText.length() > MAX_ATTRIBUTION) {
            notes.add("The attribution is longer than an article's " + MAX_ATTRIBUTION + " characters; it was not kept.");
            attributionText = null;
        }
        // Built as JSON and read as the input of POST /articles: only what an import sets is named here, and a field
        // the article input gains later simply stays unset.
        ObjectNode fields = mapper.createObjectNode();
        fields.put("headline", story.headline());
        putIfPresent(fields, "standfirst", story.standfirst());
        putIfPresent(fields, "bodyHtml", copy.bodyHtml());
        putIfPresent(fields, "bodyText", copy.bodyText());
        putIfPresent(fields, "byline", story.byline() != null ? story.byline() : copy.byline());
        putIfPresent(fields, "dateline", story.dateline() != null ? story.dateline() : copy.dateline());
        fields.put("language", story.language().value());
        putIfPresent(fields, "source", detection.source() == null ? null : detection.source().source().slug());
        putIfPresent(fields, "attribution", attributionText);
        putIfPresent(fields, "canonicalUrl", story.canonicalUrl());
        if (!story.tags().isEmpty()) {
            fields.set("tags", mapper.valueToTree(story.tags()));
        }
        if (!detection.citations().isEmpty()) {
            fields.set("citedSources", mapper.valueToTree(detection.citations().stream()
                    .map(c -> new CitationInput(c.source().slug(), c.role(), null, null))
                    .toList()));
        }
        if (story.rights() != null) {
            ObjectNode rights = fields.putObject("rights");
            putIfPresent(rights, "copyrightHolder", story.rights().copyrightHolder());
            putIfPresent(rights, "usageTerms", story.rights().usageTerms());
        }
        ArticleInput draft;
        try {
            draft = mapper.treeToValue(fields, ArticleInput.class);
        } catch (JsonMappingException e) {
            // The story's text can hold what no article may (a control character, half of a surrogate pair).
            throw asImportProblem(ProblemException.invalidJson(e));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An import's own draft could not be read as an article", e);
        }
        ImportKeys keys = new ImportKeys(story.form(), story.origin(), story.version(), story.versionAt(),
                TextFingerprint.of(story.headline(), copy.plainText()));
        ImportReport report = new ImportReport(story.form(), null, null, story.language(), copy.removed(), attribution,
                detection.source(), detection.citations(), detection.suggestions(), List.copyOf(notes));
        return new Prepared(keys, draft, report);
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    /** The register, read once per import. */
    private static SourceRegister register() {
        return new SourceRegister(QuarkusTransaction.requiringNew().call(() -> Source.<Source>listAll(Sort.by("slug"))
                .stream().map(SourceRegister.Known::of).toList()));
    }

    /** The body as JSON; a syntax error goes to the problem mapper, which names its line and column. */
    private JsonNode json(byte[] body) throws IOException {
        if (body == null || body.length == 0) {
            throw new ProblemException(ProblemType.MALFORMED, "The body is empty: send a ninjs document.");
        }
        return mapper.readTree(body);
    }

    /** The article service's refusal of the draft, said as a refusal of the import. */
    private static ProblemException asImportProblem(ProblemException e) {
        if (e.type() != ProblemType.VALIDATION) {
            return e;
        }
        return new ProblemException(e.type(), "The draft made from this item is not valid: " + e.getMessage(),
                e.errors(), e.headers().isEmpty() ? Map.of() : e.headers());
    }

    private static String describe(String version, java.time.Instant at) {
        List<String> parts = new ArrayList<>();
        if (version != null) {
            parts.add("version " + version);
        }
        if (at != null) {
            parts.add("of " + at);
        }
        return parts.isEmpty() ? "no version or time" : String.join(" ", parts);
    }
}
