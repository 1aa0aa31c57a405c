package dev.byline.support;

import dev.byline.security.ApiKeyService;
import dev.byline.security.KeyInput;
import dev.byline.security.KeyView;
import io.quarkus.arc.Arc;
import java.util.List;

/** Real API keys for tests, issued through the service as an administrator would. */
public final class Keys {

    private Keys() {
    }

    /** Issues a key with {@code roles} and returns its secret. */
    public static String issue(String... roles) {
        return create(roles).secret();
    }

    /** Issues a key with {@code roles}: its id, name and (this once) secret. */
    public static KeyView create(String... roles) {
        // Outside an HTTP request (in @BeforeAll) the audit interceptor still needs a request context.
        var context = Arc.container().requestContext();
        boolean activated = !context.isActive();
        if (activated) {
            context.activate();
        }
        try {
            return service().create(new KeyInput(Fixtures.unique("test key"), List.of(roles), null));
        } finally {
            if (activated) {
                context.terminate();
            }
        }
    }

    public static ApiKeyService service() {
        return Arc.container().instance(ApiKeyService.class).get();
    }
}
