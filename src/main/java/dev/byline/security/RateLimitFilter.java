package dev.byline.security;

import dev.byline.web.ProblemException;
import dev.byline.web.ProblemType;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
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

    private final RateLimits limits;
    private final CurrentIdentityAssociation identities;

    public RateLimitFilter(RateLimits limits, CurrentIdentityAssociation identities) {
        this.limits = limits;
        this.identities = identities;
    }

    @ServerRequestFilter
    public Uni<Void> limit(ContainerRequestContext request, HttpServerRequest http) {
        if (!limits.enabled() || "OPTIONS".equals(request.getMethod())) {
            return Uni.createFrom().voidItem();
        }
        // Resolving the identity here also means an invalid key is refused (401) on every operation, public or not.
        // A refused key draws from its address's bucket first, as a call without a key would: guessing keys costs.
        return identities.getDeferredIdentity()
                .onFailure(RateLimitFilter::refusedKey).transform(refused -> {
                    try {
                        apply(request, limits.anonymous(http));
                        return refused;
                    } catch (ProblemException tooMany) {
                        return tooMany;
                    }
                })
                .invoke(identity -> apply(request, limits.consume(http, identity))).replaceWithVoid();
    }

    private static boolean refusedKey(Throwable failure) {
        return failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException;
    }

    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(DECISION) instanceof RateLimits.Applied applied)) {
            return;
        }
        limits.settle(applied, response.getStatus(), request.getHeaderString(HttpHeaders.IF_NONE_MATCH));
        // A stricter policy (posting comments) may have set its own headers: list both, the stricter first.
        limits.headers(applied).forEach((name, value) -> {
            Object specific = response.getHeaders().getFirst(name);
            boolean other = specific != null && !specific.toString().startsWith("\"" + applied.policy() + "\"");
            response.getHeaders().putSingle(name, other ? specific + ", " + value : value);
        });
    }

    private void apply(ContainerRequestContext request, RateLimits.Applied applied) {
        request.setProperty(DECISION, applied);
        RateLimiter.Decision decision = applied.decision();
        if (!decision.allowed()) {
            Map<String, String> headers = new java.util.LinkedHashMap<>(limits.headers(applied));
            headers.put("Retry-After", String.valueOf(decision.secondsUntilNext()));
            throw new ProblemException(ProblemType.TOO_MANY_REQUESTS, "You have used your " + applied.quota()
                    + " requests per " + limits.windowSeconds() + " seconds (" + applied.policy() + " limit); retry in "
                    + decision.secondsUntilNext() + " s.", List.of(), headers);
        }
    }
}
