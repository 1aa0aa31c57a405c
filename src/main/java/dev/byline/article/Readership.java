package dev.byline.article;

/**
 * Who reads an article, as the read services take it: one value instead of two booleans whose order differed from
 * one service to the next. Editors (and admins) read every article; partners also what is syndicated to them, under
 * embargo too; everybody else what is public.
 */
public enum Readership {
    PUBLIC,
    PARTNER,
    EDITOR;

    /** The readership of a caller with these roles: an editor who is also a partner reads as an editor. */
    public static Readership of(boolean editor, boolean partner) {
        return editor ? EDITOR : partner ? PARTNER : PUBLIC;
    }

    boolean editor() {
        return this == EDITOR;
    }

    boolean partner() {
        return this == PARTNER;
    }
}
