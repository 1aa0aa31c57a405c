package dev.byline.ingest;

/**
 * A paragraph of wire copy.
 *
 * @param line where it starts in the text sent (1-based), or null when it came from HTML
 * @param text its text, lines joined by spaces
 * @param lines how many lines it spanned
 */
record Paragraph(Integer line, String text, int lines) {
}
