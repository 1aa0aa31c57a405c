package dev.byline.article;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** Bodies of the article actions: publish, withdraw, correct. */
public final class ArticleActions {

    private ArticleActions() {
    }

    /** Publish now, or at {@code publishAt} when it is in the future (scheduled). */
    public record PublishRequest(Instant publishAt) {
    }

    /** Take a published article down, saying why. */
    public record WithdrawRequest(@NotBlank @Size(max = 1000) String reason) {
    }

    /** A correction to append. */
    public record CorrectionInput(@NotBlank @Size(max = 2000) String text) {
    }
}
