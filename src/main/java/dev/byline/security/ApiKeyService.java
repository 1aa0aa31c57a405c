package dev.byline.security;

import dev.byline.BylineConfig;
import dev.byline.Roles;
import dev.byline.StoredTime;
import dev.byline.audit.Audited;
import dev.byline.database.TimeOrderedIds;
import dev.byline.web.CursorCodec;
import dev.byline.web.InputValidator;
import dev.byline.web.Page;
import dev.byline.web.ProblemException;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Issues, checks and revokes API keys, and makes sure an administrator key exists from the first start. */
@ApplicationScoped
public class ApiKeyService {

    private static final Logger LOG = Logger.getLogger(ApiKeyService.class);
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);
    private static final String CURSOR_SCOPE = "keys";

    private final InputValidator validator;
    private final CursorCodec cursors;
    private final Optional<String> bootstrapKey;
    private final KnownKeys known;
    private final Clock clock;

    public ApiKeyService(InputValidator validator, CursorCodec cursors,
            BylineConfig config, KnownKeys known, Clock clock) {
        this.clock = clock;
        this.known = known;
        this.validator = validator;
        this.cursors = cursors;
        this.bootstrapKey = config.adminKey();
    }

    /** Who a valid key belongs to; admins hold every role. */
    public record KeyHolder(UUID keyId, String name, Set<String> roles) {
    }

    @Transactional
    void ensureAdminKey(@Observes StartupEvent startup) {
        Instant now = StoredTime.now(clock);
        if (ApiKey.anyActiveAdmin(now)) {
            return;
        }
        if (bootstrapKey.isPresent() && !bootstrapKey.get().isBlank()) {
            String key = bootstrapKey.get().trim();
            if (KeySecrets.prefixOf(key).isEmpty()) {
                throw new IllegalStateException("BYLINE_ADMIN_KEY must look like byl_<8 letters or digits>_<32 letters or "
                        + "digits>; leave it unset and Byline prints a generated one");
            }
            store(key, "bootstrap admin", List.of(Roles.ADMIN), null, now);
            LOG.info("Created the first admin key from BYLINE_ADMIN_KEY.");
            return;
        }
        String key = KeySecrets.generate();
        store(key, "bootstrap admin", List.of(Roles.ADMIN), null, now);
        LOG.warnf("No admin API key existed, so one was created. It is shown this once and never again:%n%n"
                + "    BYLINE ADMIN KEY: %s%n%nKeep it secret; use it to create keys for editors with POST /api/v1/keys.", key);
    }

    /**
     * The holder of {@code presented} when this instance checked the same key within the last minute and it is still
     * current, without touching the database; empty means "ask {@link #authenticate}", not "refused".
     */
    public Optional<KeyHolder> authenticateFromMemory(String presented) {
        Optional<String> prefix = KeySecrets.prefixOf(presented);
        if (prefix.isEmpty()) {
            return Optional.empty();
        }
        Instant now = StoredTime.now(clock);
        return known.get(prefix.get())
                .filter(key -> key.isActive(now) && !lastUseIsStale(key.lastUsedAt(), now))
                .filter(key -> KeySecrets.matches(presented, key.secretHash()))
                .map(key -> new KeyHolder(key.id(), key.name(), expand(key.roles())));
    }

    /**
     * True when {@code presented} can be refused without the database: it is malformed, its prefix is known to belong
     * to no key, or to a key whose secret differs or that is revoked or expired.
     */
    public boolean refusedFromMemory(String presented) {
        Optional<String> prefix = KeySecrets.prefixOf(presented);
        if (prefix.isEmpty()) {
            return true;
        }
        if (known.isUnknown(prefix.get())) {
            return true;
        }
        Instant now = StoredTime.now(clock);
        return known.get(prefix.get())
                .map(key -> !key.isActive(now) || !KeySecrets.matches(presented, key.secretHash()))
                .orElse(false);
    }

    /** The holder of {@code presented}, if it is a current key. */
    @Transactional
    public Optional<KeyHolder> authenticate(String presented) {
        Optional<String> prefix = KeySecrets.prefixOf(presented);
        if (prefix.isEmpty()) {
            return Optional.empty();
        }
        Instant now = StoredTime.now(clock);
        long readAt = known.generation();
        Optional<ApiKey> stored = ApiKey.findByPrefix(prefix.get());
        if (stored.isEmpty()) {
            known.keepUnknown(prefix.get(), readAt);
        }
        Optional<ApiKey> found = stored
                .filter(key -> KeySecrets.matches(presented, key.secretHash))
                .filter(key -> key.isActive(now));
        found.ifPresent(key -> {
            if (lastUseIsStale(key.lastUsedAt, now)) {
                key.lastUsedAt = now;
            }
        });
        // Kept whether or not the secret matched: a wrong secret for this prefix is then refused from memory too.
        stored.ifPresent(key -> known.keep(prefix.get(), KnownKeys.Known.of(key), readAt));
        return found.map(key -> new KeyHolder(key.id, key.name, expand(key.roles)));
    }

    private static boolean lastUseIsStale(Instant lastUsedAt, Instant now) {
        return lastUsedAt == null || lastUsedAt.isBefore(now.minus(LAST_USED_RESOLUTION));
    }

    @Transactional
    @Audited(action = "key.create", target = "key")
    public KeyView create(KeyInput input) {
        validator.validate(input);
        String secret = KeySecrets.generate();
        ApiKey key = store(secret, input.name().strip(), input.roles().stream().distinct().sorted().toList(),
                StoredTime.of(input.expiresAt()), StoredTime.now(clock));
        known.changing(key.prefix); // usable at once on this instance, even if its prefix was tried before
        return KeyView.created(key, secret);
    }

    @Transactional
    public Page<KeyView> list(int limit, String cursor) {
        Instant before = null;
        UUID beforeId = null;
        if (cursor != null) {
            CursorCodec.Values values = cursors.decode(CURSOR_SCOPE, cursor, 2);
            before = values.instant(0);
            beforeId = values.uuid(1);
        }
        List<ApiKey> rows = ApiKey.pageBefore(before, beforeId, CursorCodec.fetchSize(limit));
        return cursors.page(CURSOR_SCOPE, rows, limit, last -> List.of(last.createdAt.toString(), last.id.toString()),
                KeyView::from);
    }

    @Transactional
    @Audited(action = "key.revoke", target = "key")
    public KeyView revoke(UUID id) {
        ApiKey key = ApiKey.<ApiKey>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("There is no API key " + id + "."));
        if (key.revokedAt == null) {
            key.revokedAt = StoredTime.now(clock);
            known.changing(key.prefix);
        }
        return KeyView.from(key);
    }

    private static ApiKey store(String secret, String name, List<String> roles, Instant expiresAt, Instant now) {
        ApiKey key = new ApiKey();
        key.id = TimeOrderedIds.next();
        key.prefix = KeySecrets.prefixOf(secret).orElseThrow();
        key.secretHash = KeySecrets.hash(secret);
        key.name = name;
        key.roles = roles;
        key.createdAt = now;
        key.expiresAt = expiresAt;
        key.persist();
        return key;
    }

    private static Set<String> expand(List<String> roles) {
        Set<String> expanded = new LinkedHashSet<>(roles);
        if (roles.contains(Roles.ADMIN)) {
            expanded.addAll(List.of(Roles.EDITOR, Roles.MODERATOR, Roles.PARTNER));
        }
        return expanded;
    }
}
