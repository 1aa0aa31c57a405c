package dev.byline.security;

import dev.byline.Caller;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns a presented API key into an identity with the key's roles; an unknown, revoked or expired key fails. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    private final ApiKeyService keys;

    public ApiKeyIdentityProvider(ApiKeyService keys) {
        this.keys = keys;
    }

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
        // A key checked within the last minute, or one known not to be valid, is answered on the calling thread; any
        // other goes to the database.
        if (keys.refusedFromMemory(request.key())) {
            return Uni.createFrom().failure(new AuthenticationFailedException("unknown, revoked or expired API key"));
        }
        var known = keys.authenticateFromMemory(request.key());
        if (known.isPresent()) {
            return Uni.createFrom().item(identity(known.get()));
        }
        return context.runBlocking(() -> keys.authenticate(request.key())
                .map(ApiKeyIdentityProvider::identity)
                .orElseThrow(() -> new AuthenticationFailedException("unknown, revoked or expired API key")));
    }

    private static SecurityIdentity identity(ApiKeyService.KeyHolder holder) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(holder.name()))
                .addRoles(holder.roles())
                .addAttribute(Caller.KEY_ID, holder.keyId())
                .build();
    }
}
