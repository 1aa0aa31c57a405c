package dev.byline.ingest;

import dev.byline.web.Problem.FieldError;
import dev.byline.web.ProblemException;
import dev.byline.web.ProblemType;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import java.util.Map;

/**
 * Reads plain-text wire copy (text/plain): strict UTF-8, the first non-blank line the headline, the rest the body
 * that {@link WireCopy} cleans. Text is NFC-normalised; control characters other than tabs and line breaks are
 * refused, as in JSON bodies.
 */
final class WireText {

    static final int MAX_HEADLINE = 300;

    private WireText() {
    }

    static WireStory read(byte[] body, Language language) {
        String text = decode(body);
        String[] lines = text.split("\n", -1);
        int headlineAt = 0;
        while (headlineAt < lines.length && lines[headlineAt].isBlank()) {
            headlineAt++;
        }
        if (headlineAt == lines.length) {
            throw empty();
        }
        String headline = lines[headlineAt].replace('\t', ' ').strip();
        if (headline.length() > MAX_HEADLINE) {
            throw new ProblemException(ProblemType.VALIDATION, "Line " + (headlineAt + 1) + ", the headline, is "
                    + headline.length() + " characters long; a headline has at most " + MAX_HEADLINE
                    + ". Put the headline alone on the first line and the story below it.",
                    List.of(new FieldError("body", "line " + (headlineAt + 1),
                            "is the headline and must be at most " + MAX_HEADLINE + " characters")), Map.of());
        }
        String rest = String.join("\n", java.util.Arrays.copyOfRange(lines, headlineAt + 1, lines.length));
        return new WireStory(ImportForm.TEXT, null, null, null, headline, null, null, rest, headlineAt + 2, null, null,
                language, List.of(), List.of(), null, null, null, null, List.of());
    }

    /** The body as text: UTF-8 only (a byte-order mark is dropped), lines ending in LF, NFC. */
    static String decode(byte[] body) {
        if (body == null || body.length == 0) {
            throw empty();
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(body.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            for (int i = 0; i < offset; i++) {
                if (body[i] == '\n') {
                    line++;
                }
            }
            throw new ProblemException(ProblemType.MALFORMED, String.format("The text is not UTF-8: the byte 0x%02X "
                    + "on line %d (byte %d of the body) does not belong to a UTF-8 character. Convert the text to "
                    + "UTF-8 (for example with iconv -t UTF-8) and send it again.", body[offset] & 0xff, line, offset));
        }
        out.flip();
        String text = out.toString();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        text = text.replace("\r\n", "\n").replace('\r', '\n');
        refuseControlCharacters(text);
        if (text.isBlank()) {
            throw empty();
        }
        return Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    private static void refuseControlCharacters(String text) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                column = 1;
                continue;
            }
            if (c < 0x20 && c != '\t' || c == 0x7f || c >= 0x80 && c < 0xa0) {
                throw new ProblemException(ProblemType.MALFORMED, String.format("Line %d, column %d holds the control "
                        + "character U+%04X, which is not allowed in text; only tabs and line breaks are.",
                        line, column, (int) c));
            }
            column++;
        }
    }

    private static ProblemException empty() {
        return new ProblemException(ProblemType.MALFORMED,
                "The body is empty: send the story as text, its headline on the first line and its paragraphs below.");
    }
}
