package dev.byline.security;

import dev.byline.BylineConfig;
import dev.byline.Caller;
import dev.byline.Roles;
import dev.byline.web.ClientAddress;
import dev.byline.web.Representations;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Which bucket a request draws from and what its RateLimit headers say: per key for callers with a key (a bigger
 * one for partners), per client address for anonymous callers. {@link RateLimitFilter} applies it to every API
 * call; readers answered before JAX-RS (see {@code dev.byline.article.CachedArticleRoute}) use it directly.
 */
@Singleton // no client proxy: on every anonymous read, answered on the event loop
public class RateLimits {

    /** The bucket a request drew from, and what it said. */
    public record Applied(String policy, String subject, int quota, RateLimiter.Decision decision) {
    }

    private final RateLimiter limiter;
    private final ClientAddress clientAddress;
    private final BylineConfig.RateLimit config;

    public RateLimits(RateLimiter limiter, ClientAddress clientAddress, BylineConfig config) {
        this.limiter = limiter;
        this.clientAddress = clientAddress;
        this.config = config.rateLimit();
    }

    /** Whether requests are limited at all. */
    public boolean enabled() {
        return config.enabled();
    }

    /** The window every quota is counted over. */
    public int windowSeconds() {
        return config.windowSeconds();
    }

    /** Takes one request from the bucket of {@code identity}, or of the client address when it is anonymous. */
    public Applied consume(HttpServerRequest http, SecurityIdentity identity) {
        if (identity.isAnonymous()) {
            return anonymous(http);
        }
        boolean partner = identity.hasRole(Roles.PARTNER) && !identity.hasRole(Roles.ADMIN);
        String policy = partner ? "partner" : "key";
        Object keyId = identity.getAttribute(Caller.KEY_ID);
        String subject = keyId != null ? keyId.toString() : identity.getPrincipal().getName();
        return take(policy, subject, partner ? config.partnerRequests() : config.keyRequests());
    }

    /** Takes one request from the bucket of the client address. */
    public Applied anonymous(HttpServerRequest http) {
        return take("anonymous", clientAddress.of(http), config.anonymousRequests());
    }

    /**
     * Settles a request once its status is known: a 304 that revalidated a copy the client holds gives back what it
     * took (a 304 to {@code If-None-Match: *} holds no copy, so it counts).
     */
    public void settle(Applied applied, int status, String ifNoneMatch) {
        if (status == 304 && Representations.revalidates(ifNoneMatch)) {
            limiter.refund(applied.policy(), applied.subject());
        }
    }

    /** Gives back what {@code applied} took: the request is handed on to be counted where it is answered. */
    public void release(Applied applied) {
        if (applied.decision().allowed()) {
            limiter.refund(applied.policy(), applied.subject());
        }
    }

    /** The IETF RateLimit headers for {@code applied}. */
    public Map<String, String> headers(Applied applied) {
        return Map.of(
                "RateLimit-Policy", "\"" + applied.policy() + "\";q=" + applied.quota() + ";w=" + config.windowSeconds(),
                "RateLimit", "\"" + applied.policy() + "\";r=" + applied.decision().remaining() + ";t="
                        + applied.decision().secondsUntilFull());
    }

    private Applied take(String policy, String subject, int quota) {
        return new Applied(policy, subject, quota, limiter.consume(policy, subject, quota, config.windowSeconds()));
    }
}
