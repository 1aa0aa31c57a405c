package dev.byline.source;

import java.time.Instant;

/**
 * Fired inside the transaction of a source edit that changes what its articles inherit (rights, default
 * attribution), so that observers (the change feed) can tell partners about every article affected, atomically
 * with the edit.
 *
 * @param sourceId the source
 * @param wasSyndicatable whether its articles could be syndicated before the edit (unless they say otherwise)
 * @param syndicatable whether they can be now
 * @param at the time of the edit
 */
public record SourceDefaultsChanged(long sourceId, boolean wasSyndicatable, boolean syndicatable, Instant at) {
}
