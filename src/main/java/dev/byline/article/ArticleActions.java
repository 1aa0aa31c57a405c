package dev.byline.article;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** Bodies of the article actions: publish, withdraw, correct. */
public final class ArticleActions {

    private ArticleActions() {
    }

    /**
     * Publish now, or at {@code publishAt} when it is in the future (scheduled); with {@code embargoedUntil},
     * partners receive it at once and the public only from that time.
     */
    public record PublishRequest(Instant publishAt, Instant embargoedUntil) {
    }

    /** Take a published article down, saying why. */
    public record WithdrawRequest(@NotBlank @Size(max = 1000) String reason) {
    }

    /** A correction to append. */
    public record CorrectionInput(@NotBlank @Size(max = 2000) String text) {
    }
}
