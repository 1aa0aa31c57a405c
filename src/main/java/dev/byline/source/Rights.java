package dev.byline.source;

import jakarta.validation.constraints.Size;

/** Who holds the copyright, the terms of reuse, and whether partners may syndicate it. */
public record Rights(
        @Size(max = 300) String copyrightHolder,
        @Size(max = 2000) String usageTerms,
        Boolean syndicatable) {
}
