package dev.byline.syndication;

import dev.byline.Digests;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * What a feed will show, before it is built: its title, the ids of its articles in order, a fingerprint of every
 * row value that shows in an item, and the Last-Modified.
 *
 * @param fingerprint per article: id, version (every editorial change), comment count, comments open, whether it
 *     is under embargo now, and its source's version
 */
record FeedSnapshot(String title, String description, List<UUID> ids, String fingerprint, Instant lastModified) {

    /**
     * The strong ETag of this feed in {@code format}, as {@code audience} sees it at {@code self}: it changes
     * whenever the bytes of the feed would, because everything the feed is written from is in it (the rows' values
     * above, the title, the Last-Modified, the links' base), and nothing that stays the same between two requests
     * (such as the time) is left to chance.
     */
    String etag(FeedFormat format, boolean fullText, URI self, URI base) {
        MessageDigest digest = Digests.sha256();
        for (String part : List.of(format.name(), Boolean.toString(fullText), self.toString(), base.toString(),
                title, description, lastModified.toString(), fingerprint)) {
            digest.update(part.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
        return "f-" + HexFormat.of().formatHex(digest.digest(), 0, 12);
    }
}
