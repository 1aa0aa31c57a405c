package dev.byline.ingest;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Lines that a blog, CMS or feed left around a story: comment counts and forms, share buttons, "read more" and
 * "also read" links, blog navigation and post footers. Each is a whole line, matched in any letter case; the list
 * is documented with the text format in openapi.yaml.
 */
final class PageTrailers {

    private record Trailer(Pattern pattern, String reason) {
    }

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    private static final List<Trailer> TRAILERS = List.of(
            trailer("(?:no|\\d+) comments?\\s*:?", "a blog's comment count"),
            trailer("(?:post|leave|add|write) a (?:comment|reply)\\s*:?", "a blog's comment form"),
            trailer("share (?:this|the)(?: article| story| post| page)?(?:\\s*[:|\\-–—].*)?", "share buttons"),
            trailer("share (?:on|to|via) (?:facebook|twitter|x|whatsapp|linkedin|telegram|pinterest|e-?mail)\\b.*",
                    "share buttons"),
            trailer("(?:email this|blogthis!?)(?:\\s.*)?", "share buttons"),
            trailer("read more(?:\\s*(?::|…|\\.\\.\\.|»|>>|→|-|–|—).*| (?:at|on|here)\\b.*)?", "a link to read more"),
            trailer("continue reading(?:\\s.*)?", "a link to read more"),
            trailer("also read\\s*(?::|-|–|—|\\|).*", "a link to another story"),
            trailer("(?:читайте также|यह भी पढ़ें|ये भी पढ़ें)\\s*(?::|-|–|—).*", "a link to another story"),
            trailer("(?:related|recommended|more from us)(?: stories| articles| posts| news)?\\s*:.*",
                    "a link to another story"),
            trailer("click here (?:to|for)\\b.*", "a link to another page"),
            trailer("(?:newer posts?|older posts?|home)(?:\\s+(?:newer posts?|older posts?|home))*",
                    "a blog's navigation"),
            trailer("subscribe to:?\\s*post comments(?:\\s*\\(atom\\))?", "a blog's feed link"),
            trailer("posted by .{1,80} (?:at|on) .{0,40}\\d{1,2}:\\d{2}(?:\\s*[ap]\\.?m\\.?)?", "a blog's post footer"),
            trailer("labels?\\s*:.*", "a blog's labels"),
            trailer("the post .+ appeared first on .+", "a feed's footer"),
            trailer("(?:follow us|follow|join us) on (?:twitter|facebook|x|instagram|telegram|whatsapp|google news)\\b.*",
                    "a call to follow on social media"),
            trailer("advertisement(?:\\s*[-–—:]?\\s*(?:scroll|continue) .*)?", "an advertisement label"));

    private PageTrailers() {
    }

    private static Trailer trailer(String regex, String reason) {
        return new Trailer(Pattern.compile(regex, FLAGS), reason);
    }

    /** Why {@code line} is a trailer; empty when it is part of the story. */
    static Optional<String> reason(String line) {
        String stripped = line.strip();
        if (stripped.isEmpty()) {
            return Optional.empty();
        }
        for (Trailer trailer : TRAILERS) {
            if (trailer.pattern().matcher(stripped).matches()) {
                return Optional.of("page trailer: " + trailer.reason());
            }
        }
        return Optional.empty();
    }
}
