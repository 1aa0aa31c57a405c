package dev.byline.syndication;

import jakarta.ws.rs.core.MediaType;

/** The feed formats Byline writes, with the file name at the end of their paths. */
enum FeedFormat {
    RSS("rss.xml", new MediaType("application", "rss+xml", "UTF-8")),
    ATOM("atom.xml", new MediaType("application", "atom+xml", "UTF-8")),
    JSON("feed.json", new MediaType("application", "feed+json"));

    private final String file;
    private final MediaType mediaType;

    FeedFormat(String file, MediaType mediaType) {
        this.file = file;
        this.mediaType = mediaType;
    }

    String file() {
        return file;
    }

    MediaType mediaType() {
        return mediaType;
    }
}
