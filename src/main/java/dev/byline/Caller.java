package dev.byline;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;

/**
 * Who is calling, read once per request: the roles (an admin holds every role, so no check names admin twice), and
 * the API key for the audit log. Every package may use it; it depends on none of them.
 */
@RequestScoped
public class Caller {

    /** Identity attribute holding the id of the API key that authenticated the request. */
    public static final String KEY_ID = "byline.key-id";

    private final SecurityIdentity identity;

    public Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public boolean isEditor() {
        return has(Roles.EDITOR);
    }

    public boolean isModerator() {
        return has(Roles.MODERATOR);
    }

    public boolean isPartner() {
        return has(Roles.PARTNER);
    }

    public boolean isAdmin() {
        return identity.hasRole(Roles.ADMIN);
    }

    /** Whether the caller holds {@code role}, directly or as an admin. */
    public boolean has(String role) {
        return holds(identity, role);
    }

    /**
     * Whether {@code identity} holds {@code role}, directly or as an admin: for code on the event loop, which must take
     * the identity from {@code CurrentIdentityAssociation#getDeferredIdentity()} rather than from this bean.
     */
    public static boolean holds(SecurityIdentity identity, String role) {
        return identity.hasRole(role) || identity.hasRole(Roles.ADMIN);
    }

    public boolean isAnonymous() {
        return identity.isAnonymous();
    }

    /** The key's name, or {@code anonymous}. */
    public String name() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    /** The id of the API key that authenticated the request; null for anonymous callers (and test identities). */
    public UUID keyId() {
        Object keyId = identity.getAttribute(KEY_ID);
        return keyId instanceof UUID id ? id : null;
    }
}
