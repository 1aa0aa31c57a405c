package dev.byline.comment;

import dev.byline.BylineConfig;
import dev.byline.Caller;
import dev.byline.security.RateLimiter;
import dev.byline.web.ClientAddress;
import dev.byline.web.ProblemException;
import dev.byline.web.ProblemType;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stricter "comments" bucket for posting comments and reports, on top of the general limit: per key, or per
 * client address without one. Its RateLimit headers are listed before the general policy's on the same response.
 */
@ApplicationScoped
public class CommentRateLimit {

    static final String POLICY = "comments";

    private final RateLimiter limiter;
    private final ClientAddress clientAddress;
    private final BylineConfig.RateLimit config;

    public CommentRateLimit(RateLimiter limiter, ClientAddress clientAddress, BylineConfig config) {
        this.limiter = limiter;
        this.clientAddress = clientAddress;
        this.config = config.rateLimit();
    }

    /** Who is writing: the key, or the client address; also what duplicate checks and reports are keyed on. */
    public String subject(SecurityIdentity identity, HttpServerRequest http) {
        if (identity.isAnonymous()) {
            return "address:" + clientAddress.of(http);
        }
        Object keyId = identity.getAttribute(Caller.KEY_ID);
        return "key:" + (keyId != null ? keyId : identity.getPrincipal().getName());
    }

    /** Takes a token for {@code subject}; the headers to send, or a 429 problem carrying them. */
    public Map<String, String> take(String subject) {
        if (!config.enabled()) {
            return Map.of();
        }
        int quota = config.commentRequests();
        RateLimiter.Decision decision = limiter.consume(POLICY, subject, quota, config.commentWindowSeconds());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("RateLimit-Policy", "\"" + POLICY + "\";q=" + quota + ";w=" + config.commentWindowSeconds());
        headers.put("RateLimit", "\"" + POLICY + "\";r=" + decision.remaining() + ";t=" + decision.secondsUntilFull());
        if (!decision.allowed()) {
            headers.put("Retry-After", String.valueOf(decision.secondsUntilNext()));
            throw new ProblemException(ProblemType.TOO_MANY_REQUESTS, "You may post " + quota + " comments or reports per "
                    + config.commentWindowSeconds() + " seconds; retry in " + decision.secondsUntilNext() + " s.",
                    List.of(), headers);
        }
        return headers;
    }
}
