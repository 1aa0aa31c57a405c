package dev.byline.security;

import dev.byline.Caller;
import dev.byline.Roles;
import dev.byline.BylineConfig;
import dev.byline.web.ClientAddress;
import dev.byline.web.ProblemException;
import dev.byline.web.ProblemType;
import dev.byline.web.RateLimiter;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Applies a token bucket to every API call: per key for callers with a key (a bigger one for partners), per client
 * address for anonymous callers. Every limited response says where it stands in the IETF RateLimit headers.
 */
public class RateLimitFilter {

    private static final String DECISION = "byline.rate-limit";

    private final RateLimiter limiter;
    private final ClientAddress clientAddress;
    private final CurrentIdentityAssociation identities;
    private final BylineConfig.RateLimit config;

    public RateLimitFilter(RateLimiter limiter, ClientAddress clientAddress, CurrentIdentityAssociation identities,
            BylineConfig config) {
        this.limiter = limiter;
        this.clientAddress = clientAddress;
        this.identities = identities;
        this.config = config.rateLimit();
    }

    /** The bucket a request draws from. */
    record Applied(String policy, String subject, int quota, RateLimiter.Decision decision) {
    }

    @ServerRequestFilter
    public Uni<Void> limit(ContainerRequestContext request, HttpServerRequest http) {
        if (!config.enabled() || "OPTIONS".equals(request.getMethod())) {
            return Uni.createFrom().voidItem();
        }
        // Resolving the identity here also means an invalid key is refused (401) on every operation, public or not.
        return identities.getDeferredIdentity().invoke(identity -> apply(request, http, identity)).replaceWithVoid();
    }

    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(DECISION) instanceof Applied applied)) {
            return;
        }
        if (response.getStatus() == 304) {
            limiter.refund(applied.policy(), applied.subject());
        }
        // A stricter policy (posting comments) may have set its own headers: list both, the stricter first.
        headers(applied).forEach((name, value) -> {
            Object specific = response.getHeaders().getFirst(name);
            boolean other = specific != null && !specific.toString().startsWith("\"" + applied.policy() + "\"");
            response.getHeaders().putSingle(name, other ? specific + ", " + value : value);
        });
    }

    private void apply(ContainerRequestContext request, HttpServerRequest http, SecurityIdentity identity) {
        String policy;
        String subject;
        int quota;
        if (identity.isAnonymous()) {
            policy = "anonymous";
            subject = clientAddress.of(http);
            quota = config.anonymousRequests();
        } else {
            boolean partner = identity.hasRole(Roles.PARTNER) && !identity.hasRole(Roles.ADMIN);
            policy = partner ? "partner" : "key";
            Object keyId = identity.getAttribute(Caller.KEY_ID);
            subject = keyId != null ? keyId.toString() : identity.getPrincipal().getName();
            quota = partner ? config.partnerRequests() : config.keyRequests();
        }
        RateLimiter.Decision decision = limiter.consume(policy, subject, quota, config.windowSeconds());
        Applied applied = new Applied(policy, subject, quota, decision);
        request.setProperty(DECISION, applied);
        if (!decision.allowed()) {
            Map<String, String> headers = new java.util.LinkedHashMap<>(headers(applied));
            headers.put("Retry-After", String.valueOf(decision.secondsUntilNext()));
            throw new ProblemException(ProblemType.TOO_MANY_REQUESTS, "You have used your " + quota + " requests per "
                    + config.windowSeconds() + " seconds (" + policy + " limit); retry in " + decision.secondsUntilNext()
                    + " s.", List.of(), headers);
        }
    }

    private Map<String, String> headers(Applied applied) {
        return Map.of(
                "RateLimit-Policy", "\"" + applied.policy() + "\";q=" + applied.quota() + ";w=" + config.windowSeconds(),
                "RateLimit", "\"" + applied.policy() + "\";r=" + applied.decision().remaining() + ";t="
                        + applied.decision().secondsUntilFull());
    }
}
