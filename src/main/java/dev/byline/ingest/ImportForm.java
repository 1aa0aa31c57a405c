package dev.byline.ingest;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.byline.database.EnumAsText;
import dev.byline.web.ProblemException;
import dev.byline.web.ProblemType;
import jakarta.persistence.Converter;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The forms wire copy can be imported in, each named by the request's media type. */
public enum ImportForm {
    TEXT("text"), NINJS("ninjs"), RSS("rss"), ATOM("atom");

    /** Media types accepted, and the form each is read as. */
    private static final Map<String, ImportForm> MEDIA_TYPES = Map.of(
            "text/plain", TEXT,
            "application/ninjs+json", NINJS,
            "application/json", NINJS,
            "application/rss+xml", RSS,
            "application/atom+xml", ATOM);
    static final String ACCEPTED = "text/plain; charset=utf-8, application/ninjs+json (or application/json), "
            + "application/rss+xml or application/atom+xml";

    private final String value;

    ImportForm(String value) {
        this.value = value;
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }

    /** Whether one document may carry several items (a feed). */
    boolean isFeed() {
        return this == RSS || this == ATOM;
    }

    /**
     * The form {@code contentType} names; 415 for anything else. Text and JSON must be UTF-8: a charset parameter
     * naming another encoding is refused rather than guessed at. XML documents declare their own encoding.
     */
    static ImportForm of(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw unsupported("The request has no Content-Type; send " + ACCEPTED + ".");
        }
        MediaType type;
        try {
            type = MediaType.valueOf(contentType.trim());
        } catch (IllegalArgumentException e) {
            throw unsupported("Content-Type '" + contentType.trim() + "' is not a media type; send " + ACCEPTED + ".");
        }
        String name = (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT);
        ImportForm form = MEDIA_TYPES.get(name);
        if (form == null) {
            throw unsupported("Imports do not accept " + name + "; send " + ACCEPTED + ".");
        }
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !form.isFeed() && !isUtf8(charset)) {
            throw unsupported("Imports read " + name + " as UTF-8 only, and this one declares charset=" + charset.trim()
                    + ". Convert the text to UTF-8 (for example with iconv -t UTF-8) and send it as charset=utf-8.");
        }
        return form;
    }

    private static boolean isUtf8(String charset) {
        try {
            Charset named = Charset.forName(charset.trim().replace("\"", ""));
            return named.equals(StandardCharsets.UTF_8) || named.equals(StandardCharsets.US_ASCII);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return false;
        }
    }

    private static ProblemException unsupported(String detail) {
        return new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, detail, List.of(), Map.of());
    }

    /** Stores the form as its text, which V14's CHECK constraint lists. */
    @Converter
    public static class AsText extends EnumAsText<ImportForm> {

        public AsText() {
            super(ImportForm.class);
        }
    }
}
