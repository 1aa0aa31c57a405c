package dev.byline.ingest;

import dev.byline.database.EnumAsText;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** A key that recognises an item imported before: the provider's identifier for it, or the fingerprint of its text. */
@Entity
@Table(name = "import_key")
public class ImportKey extends PanacheEntityBase {

    /** What a key's value is. */
    public enum Kind {
        /** The ninjs uri, feed guid (or link) or Atom id the item arrived with. */
        ORIGIN,
        /** A {@link TextFingerprint} of its text. */
        TEXT;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Stores the kind as its text, which V14's CHECK constraint lists. */
        @Converter
        public static class AsText extends EnumAsText<Kind> {

            public AsText() {
                super(Kind.class);
            }
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Convert(converter = Kind.AsText.class)
    public Kind kind;
    public String value;

    @Column(name = "article_id")
    public UUID articleId;

    @Convert(converter = ImportForm.AsText.class)
    public ImportForm form;

    /** For origin keys, the provider's version last imported. */
    public String version;

    @Column(name = "version_at")
    public Instant versionAt;

    @Column(name = "imported_at")
    public Instant importedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    static ImportKey of(Kind kind, String value, UUID articleId, ImportForm form, String version, Instant versionAt,
            Instant now) {
        ImportKey key = new ImportKey();
        key.kind = kind;
        key.value = value;
        key.articleId = articleId;
        key.form = form;
        key.version = version;
        key.versionAt = versionAt;
        key.importedAt = now;
        key.updatedAt = now;
        return key;
    }

    /** The keys of an earlier import with this origin or this text, in one statement (a probe of the unique index). */
    static List<ImportKey> findMatches(String origin, String fingerprint) {
        return origin == null
                ? list("kind = ?1 and value = ?2", Kind.TEXT, fingerprint)
                : list("(kind = ?1 and value = ?2) or (kind = ?3 and value = ?4)", Kind.ORIGIN, origin, Kind.TEXT,
                        fingerprint);
    }

    /** The origin key, locked until the transaction ends, so that two newer versions are applied one after the other. */
    static Optional<ImportKey> lockOrigin(String origin) {
        return find("kind = ?1 and value = ?2", Kind.ORIGIN, origin).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    /** Records a key unless another article holds it already; says whether it was recorded. */
    static boolean recordIfFree(Kind kind, String value, UUID articleId, ImportForm form, String version,
            Instant versionAt, Instant now) {
        return getEntityManager().createNativeQuery("""
                insert into import_key (kind, value, article_id, form, version, version_at, imported_at, updated_at)
                values (?1, ?2, ?3, ?4, cast(?5 as text), cast(?6 as timestamptz), ?7, ?7)
                on conflict (kind, value) do nothing""")
                .setParameter(1, kind.toString())
                .setParameter(2, value)
                .setParameter(3, articleId)
                .setParameter(4, form.toString())
                .setParameter(5, version)
                .setParameter(6, versionAt)
                .setParameter(7, now)
                .executeUpdate() == 1;
    }
}
