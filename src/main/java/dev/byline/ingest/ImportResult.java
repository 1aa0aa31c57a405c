package dev.byline.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/**
 * The answer to importing one story (text or ninjs): the article it became or matched, and what was detected.
 *
 * @param outcome created, existing or updated
 * @param articleId the article
 * @param article the article as GET /api/v1/articles/{id} shows it to editors
 * @param report what was detected and why
 */
public record ImportResult(ImportOutcome outcome, UUID articleId, JsonNode article, ImportReport report) {
}
