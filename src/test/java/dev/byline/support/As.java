package dev.byline.support;

import io.quarkus.arc.Arc;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.security.TestIdentityAssociation;
import java.util.function.Supplier;

/**
 * Runs part of a test as another caller: an editor prepares an article, then the public reads it.
 *
 * <p>{@code @TestSecurity} fixes one caller for a whole test method; this swaps the identity it installed for the
 * duration of a block and puts it back afterwards.
 */
public final class As {

    private As() {
    }

    /** Sends the requests in {@code requests} without credentials, like a member of the public. */
    public static void anonymous(Runnable requests) {
        run(null, () -> {
            requests.run();
            return null;
        });
    }

    /** Sends the requests in {@code requests} as an editor and returns what they produced (an id, an ETag). */
    public static <T> T editor(Supplier<T> requests) {
        return run(QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal("editor")).addRole("editor").build(),
                requests);
    }

    private static <T> T run(SecurityIdentity caller, Supplier<T> requests) {
        TestIdentityAssociation identities = Arc.container().instance(TestIdentityAssociation.class).get();
        SecurityIdentity previous = identities.getTestIdentity();
        identities.setTestIdentity(caller);
        try {
            return requests.get();
        } finally {
            identities.setTestIdentity(previous);
        }
    }
}
