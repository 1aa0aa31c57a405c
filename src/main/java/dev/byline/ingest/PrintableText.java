package dev.byline.ingest;

import dev.byline.web.ProblemException;
import java.text.Normalizer;

/** The rule every JSON body follows, for text that imports read themselves: printable, tabs and line breaks, NFC. */
final class PrintableText {

    private PrintableText() {
    }

    /** {@code value} NFC-normalised; a 400 naming {@code field} when it holds another control character. */
    static String require(String value, String field) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c == 0x7f || c >= 0x80 && c < 0xa0) {
                throw ProblemException.invalidBody(field,
                        String.format("contains the control character U+%04X, which is not allowed", (int) c));
            }
        }
        return Normalizer.normalize(value, Normalizer.Form.NFC);
    }
}
