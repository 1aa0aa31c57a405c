package dev.byline;

/** The roles an API key can carry. */
public final class Roles {

    public static final String EDITOR = "editor";
    public static final String MODERATOR = "moderator";
    public static final String PARTNER = "partner";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
