package dev.byline.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.text.Normalizer;

/**
 * JSON rules for every request: unknown fields are errors (a typo must not be silently ignored), numbers are not
 * coerced into strings, text is NFC-normalised with control characters refused, and HTML-significant characters are
 * escaped in output.
 */
@Singleton
public class JsonSetup implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.registerModule(new SimpleModule("byline-text").addDeserializer(String.class, new CleanText()));
        // Readers' text (comment names and bodies) goes out as \u003c…: a response pasted into a page cannot open a tag.
        mapper.getFactory().setCharacterEscapes(new HtmlSafeEscapes());
    }

    /** Escapes the characters that matter in HTML; the JSON means the same, parsers see the same strings. */
    static final class HtmlSafeEscapes extends com.fasterxml.jackson.core.io.CharacterEscapes {

        private final int[] escapes;

        HtmlSafeEscapes() {
            escapes = standardAsciiEscapesForJSON();
            for (char c : new char[] {'<', '>', '&', '\''}) {
                escapes[c] = ESCAPE_STANDARD;
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public com.fasterxml.jackson.core.SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }

    /** Strings must be JSON strings of printable text; tabs and line breaks are the only control characters allowed. */
    static final class CleanText extends StdScalarDeserializer<String> {

        CleanText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (String) context.handleUnexpectedToken(String.class, parser);
            }
            String text = parser.getText();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f || (c >= 0x80 && c < 0xa0)
                        || (Character.isSurrogate(c) && !validSurrogate(text, i))) {
                    throw new InvalidFormatException(parser,
                            String.format("contains the control character U+%04X, which is not allowed", (int) c),
                            text, String.class);
                }
            }
            return Normalizer.normalize(text, Normalizer.Form.NFC);
        }

        private static boolean validSurrogate(String text, int i) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            }
            return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
        }
    }
}
