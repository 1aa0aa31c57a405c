package dev.byline.ingest;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A key that recognises an item imported before: the provider's identifier for it, or the fingerprint of its text. */
@Entity
@Table(name = "import_key")
public class ImportKey extends PanacheEntityBase {

    static final String ORIGIN = "origin";
    static final String TEXT = "text";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** {@code origin} (ninjs uri, feed guid or id) or {@code text} (a {@link TextFingerprint}). */
    public String kind;
    public String value;

    @Column(name = "article_id")
    public UUID articleId;

    public String form;

    /** For origin keys, the provider's version last imported. */
    public String version;

    @Column(name = "version_at")
    public Instant versionAt;

    @Column(name = "imported_at")
    public Instant importedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    static ImportKey of(String kind, String value, UUID articleId, ImportForm form, String version, Instant versionAt,
            Instant now) {
        ImportKey key = new ImportKey();
        key.kind = kind;
        key.value = value;
        key.articleId = articleId;
        key.form = form.toString();
        key.version = version;
        key.versionAt = versionAt;
        key.importedAt = now;
        key.updatedAt = now;
        return key;
    }

    /** The keys of an earlier import with this origin or this text, in one statement (a probe of the unique index). */
    static List<ImportKey> findMatches(String origin, String fingerprint) {
        return origin == null
                ? list("kind = ?1 and value = ?2", TEXT, fingerprint)
                : list("(kind = ?1 and value = ?2) or (kind = ?3 and value = ?4)", ORIGIN, origin, TEXT, fingerprint);
    }

    /** The origin key, locked until the transaction ends, so that two newer versions are applied one after the other. */
    static Optional<ImportKey> lockOrigin(String origin) {
        return find("kind = ?1 and value = ?2", ORIGIN, origin).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    /** Records a key unless another article holds it already; says whether it was recorded. */
    static boolean recordIfFree(String kind, String value, UUID articleId, ImportForm form, String version,
            Instant versionAt, Instant now) {
        return getEntityManager().createNativeQuery("""
                insert into import_key (kind, value, article_id, form, version, version_at, imported_at, updated_at)
                values (?1, ?2, ?3, ?4, cast(?5 as text), cast(?6 as timestamptz), ?7, ?7)
                on conflict (kind, value) do nothing""")
                .setParameter(1, kind)
                .setParameter(2, value)
                .setParameter(3, articleId)
                .setParameter(4, form.toString())
                .setParameter(5, version)
                .setParameter(6, versionAt)
                .setParameter(7, now)
                .executeUpdate() == 1;
    }
}
