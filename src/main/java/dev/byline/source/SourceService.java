package dev.byline.source;

import dev.byline.StoredTime;
import dev.byline.audit.Audited;
import dev.byline.web.CursorCodec;
import dev.byline.web.InputValidator;
import dev.byline.web.Page;
import dev.byline.web.IfMatch;
import dev.byline.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/** Rules for the register of sources: unique slugs, rights defaults, and no deletion while articles use one. */
@ApplicationScoped
public class SourceService {

    private static final String CURSOR_SCOPE = "sources";

    private final InputValidator validator;
    private final CursorCodec cursors;
    private final Event<SourceDefaultsChanged> defaultsChanges;
    private final Clock clock;

    public SourceService(InputValidator validator, CursorCodec cursors, Event<SourceDefaultsChanged> defaultsChanges,
            Clock clock) {
        this.clock = clock;
        this.validator = validator;
        this.cursors = cursors;
        this.defaultsChanges = defaultsChanges;
    }

    @Transactional
    public Page<SourceView> list(int limit, String cursor) {
        String after = cursor == null ? null : cursors.decode(CURSOR_SCOPE, cursor, 1).text(0);
        List<Source> rows = Source.pageAfter(after, CursorCodec.fetchSize(limit));
        return cursors.page(CURSOR_SCOPE, rows, limit, last -> List.of(last.slug), SourceView::from);
    }

    @Transactional
    public SourceView get(String slug) {
        return SourceView.from(find(slug));
    }

    @Transactional
    @Audited(action = "source.create", target = "source")
    public SourceView create(SourceInput input) {
        validator.validate(input);
        if (Source.findBySlug(input.slug()).isPresent()) {
            throw ProblemException.conflict("A source with slug '" + input.slug() + "' already exists.");
        }
        Source source = new Source();
        source.slug = input.slug();
        source.createdAt = StoredTime.now(clock);
        apply(source, input);
        source.persistAndFlush();
        return SourceView.from(source);
    }

    @Transactional
    @Audited(action = "source.update", target = "source")
    public SourceView update(String slug, SourcePatch patch, IfMatch ifMatch) {
        Source source = find(slug);
        ifMatch.require(source.version, "source");
        SourceInput input = validator.validate(patch.applyTo(SourceInput.of(source)));
        if (!input.slug().equals(source.slug)) {
            throw ProblemException.invalidBody("slug", "cannot be changed; create a new source instead");
        }
        Rights rightsBefore = source.rights();
        String attributionBefore = source.defaultAttribution;
        apply(source, input);
        source.flush();
        if (!rightsBefore.equals(source.rights()) || !Objects.equals(attributionBefore, source.defaultAttribution)) {
            defaultsChanges.fire(new SourceDefaultsChanged(source.id, rightsBefore.syndicatable(), source.syndicatable,
                    source.updatedAt));
        }
        return SourceView.from(source);
    }

    @Transactional
    @Audited(action = "source.delete", target = "source")
    public void delete(String slug, IfMatch ifMatch) {
        Source source = find(slug);
        ifMatch.check(source.version, "source");
        long uses = Source.usageCount(source);
        if (uses > 0) {
            throw ProblemException.conflict("Source '" + slug + "' is used by " + uses
                    + " article(s) as origin or citation; change those articles first.");
        }
        source.delete();
    }

    private static Source find(String slug) {
        return Source.findBySlug(slug).orElseThrow(() -> ProblemException.notFound("There is no source '" + slug + "'."));
    }

    private void apply(Source source, SourceInput input) {
        source.name = input.name().trim();
        source.kind = input.kind();
        source.homepageUrl = input.homepageUrl();
        source.aliases = input.aliases() == null ? List.of() : input.aliases().stream().map(String::trim).distinct().toList();
        source.defaultAttribution = input.defaultAttribution();
        Rights rights = input.rights();
        source.copyrightHolder = rights == null ? null : rights.copyrightHolder();
        source.usageTerms = rights == null ? null : rights.usageTerms();
        source.syndicatable = rights == null || rights.syndicatable() == null || rights.syndicatable();
        source.updatedAt = StoredTime.now(clock);
    }
}
