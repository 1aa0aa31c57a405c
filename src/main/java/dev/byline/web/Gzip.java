package dev.byline.web;

import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Bodies kept compressed: a rendition is compressed once when it is made, sent as it is to clients that accept gzip
 * (most browsers, CDNs and HTTP libraries) and inflated for the others.
 */
public final class Gzip {

    /** The fixed gzip member header (RFC 1952: deflate, no name, no extra fields, unknown OS), and the CRC-32 + size trailer. */
    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    private static final int HEADER = 10;
    private static final int TRAILER = 8;
    /** A quality of zero (RFC 9110 §12.4.2): at most three decimals, all zero. */
    private static final java.util.regex.Pattern ZERO = java.util.regex.Pattern.compile("q=0(\\.0{0,3})?");

    /**
     * Deflaters and inflaters kept for reuse: setting one up allocates and clears a few hundred kilobytes of native
     * memory, which costs more than compressing a small body. At most a few are kept (one per core is enough, since a
     * thread holds one only while it compresses); any more that a burst creates are ended.
     */
    private static final int KEPT = Math.max(2, Runtime.getRuntime().availableProcessors() * 2);
    private static final Queue<Deflater> DEFLATERS = new ArrayBlockingQueue<>(KEPT);
    private static final Queue<Inflater> INFLATERS = new ArrayBlockingQueue<>(KEPT);

    private Gzip() {
    }

    /** {@code bytes} as a gzip member, at the fastest level (the bodies are small and compress well at any level). */
    public static byte[] compress(byte[] bytes) {
        Deflater deflater = DEFLATERS.poll();
        if (deflater == null) {
            deflater = new Deflater(Deflater.BEST_SPEED, true);
        }
        try {
            deflater.setInput(bytes);
            deflater.finish();
            byte[] out = new byte[HEADER + bytes.length / 2 + 64];
            System.arraycopy(GZIP_HEADER, 0, out, 0, HEADER);
            int length = HEADER;
            while (!deflater.finished()) {
                if (length == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                length += deflater.deflate(out, length, out.length - length);
            }
            CRC32 crc = new CRC32();
            crc.update(bytes);
            out = Arrays.copyOf(out, length + TRAILER);
            littleEndian(out, length, (int) crc.getValue());
            littleEndian(out, length + 4, bytes.length);
            return out;
        } finally {
            deflater.reset();
            if (!DEFLATERS.offer(deflater)) {
                deflater.end();
            }
        }
    }

    /** The {@code length} bytes that {@link #compress} turned into {@code gzip}. */
    public static byte[] inflate(byte[] gzip, int length) {
        Inflater inflater = INFLATERS.poll();
        if (inflater == null) {
            inflater = new Inflater(true);
        }
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
            inflater.reset();
            if (!INFLATERS.offer(inflater)) {
                inflater.end();
            }
        }
    }

    private static void littleEndian(byte[] out, int at, int value) {
        for (int i = 0; i < 4; i++) {
            out[at + i] = (byte) (value >>> (8 * i));
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
