package dev.byline.article;

/** Who reads an article, for {@link ArticleAccess}: editors need no verdict, they may read every article. */
public enum Audience {
    /** Anybody, with or without a key. */
    PUBLIC,
    /** A syndication partner: also receives what is syndicated to it, under embargo too. */
    PARTNER;

    public static Audience of(boolean partner) {
        return partner ? PARTNER : PUBLIC;
    }
}
