package dev.byline.web;

/** Cache-Control values for each audience. */
public final class Caching {

    private Caching() {
    }

    /** Public news: shared caches may keep it briefly and serve it stale while they revalidate. */
    public static String publicFor(int maxAgeSeconds) {
        return "public, max-age=" + maxAgeSeconds + ", stale-while-revalidate=" + (maxAgeSeconds * 5);
    }

    /** What only an authenticated caller may see (drafts, editors' lists): never stored by anybody. */
    public static String noStore() {
        return "private, no-store";
    }
}
