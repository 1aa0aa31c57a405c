package dev.byline.web;

/** Cache-Control values for each audience. */
public final class Caching {

    private Caching() {
    }

    /** Public news: shared caches may keep it briefly and serve it stale while they revalidate. */
    public static String publicFor(int maxAgeSeconds) {
        return "public, max-age=" + maxAgeSeconds + ", stale-while-revalidate=" + (maxAgeSeconds * 5);
    }

    /**
     * What one partner's key may see and polls for (its feeds, ninjs, the change feed): its own client may keep it
     * but must revalidate every time, shared caches never.
     */
    public static String privateRevalidate() {
        return "private, no-cache";
    }

    /** What only an authenticated caller may see (drafts, editors' lists): never stored by anybody. */
    public static String noStore() {
        return "private, no-store";
    }
}
