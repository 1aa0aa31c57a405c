package dev.byline.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;

/**
 * Bodies kept compressed: a rendition is compressed once when it is made, sent as it is to clients that accept gzip
 * (most browsers, CDNs and HTTP libraries) and inflated for the others.
 */
public final class Gzip {

    /** The fixed header {@link GZIPOutputStream} writes (no name, no extra fields), and the CRC-32 + size trailer. */
    private static final int HEADER = 10;
    private static final int TRAILER = 8;
    /** A quality of zero (RFC 9110 §12.4.2): at most three decimals, all zero. */
    private static final java.util.regex.Pattern ZERO = java.util.regex.Pattern.compile("q=0(\\.0{0,3})?");

    private Gzip() {
    }

    /** {@code bytes} as a gzip member, at the fastest level (the bodies are small and compress well at any level). */
    public static byte[] compress(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 4096) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    /** The {@code length} bytes that {@link #compress} turned into {@code gzip}. */
    public static byte[] inflate(byte[] gzip, int length) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(gzip, HEADER, gzip.length - HEADER - TRAILER);
            byte[] out = new byte[length];
            int read = 0;
            while (read < length && !inflater.finished()) {
                int n = inflater.inflate(out, read, length - read);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                read += n;
            }
            if (read != length) {
                throw new IllegalStateException("a kept body inflated to " + read + " bytes instead of " + length);
            }
            return out;
        } catch (DataFormatException e) {
            throw new IllegalStateException("a kept body is not the deflate stream it was stored as", e);
        } finally {
            inflater.end();
        }
    }

    /**
     * Whether an {@code Accept-Encoding} value accepts gzip: it names {@code gzip}, or else {@code *}, without
     * {@code q=0} (RFC 9110 §12.5.3).
     */
    public static boolean accepted(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        Boolean any = null;
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.split(";");
            String name = parts[0].trim();
            if (name.equalsIgnoreCase("gzip") || name.equalsIgnoreCase("x-gzip")) {
                return !refused(parts);
            }
            if (name.equals("*")) {
                any = !refused(parts);
            }
        }
        return any != null && any;
    }

    private static boolean refused(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].replace(" ", "").toLowerCase(java.util.Locale.ROOT);
            if (ZERO.matcher(parameter).matches()) {
                return true;
            }
        }
        return false;
    }
}
