package dev.byline.web;

/** Regular expressions shared by API models, with the messages that explain them to a client. */
public final class Patterns {

    public static final String SLUG = "^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$";
    public static final String SLUG_MESSAGE = "must be 1-100 lowercase letters, digits or hyphens, not starting or ending with a hyphen";
    /** A BCP 47 language tag in its common forms: en, en-GB, pt-BR, zh-Hant-TW. */
    public static final String LANGUAGE = "^[a-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Z]{2}|[0-9]{3}))?$";
    public static final String LANGUAGE_MESSAGE = "must be a BCP 47 language tag such as en, en-GB or pt-BR";

    private Patterns() {
    }
}
