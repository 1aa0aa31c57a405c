package dev.byline.article;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.Interceptor;
import org.hibernate.type.Type;

/**
 * Tells the read caches about every entity this instance inserts, updates or deletes, as Hibernate writes it, so that
 * a client that wrote something reads it back at once rather than after the database's notice arrives.
 */
@PersistenceUnitExtension
@ApplicationScoped
public class WriteTracker implements Interceptor {

    private final ReadCaches caches;

    public WriteTracker(ReadCaches caches) {
        this.caches = caches;
    }

    @Override
    public boolean onPersist(Object entity, Object id, Object[] state, String[] propertyNames, Type[] types) {
        caches.writing(entity);
        return false;
    }

    @Override
    public boolean onFlushDirty(Object entity, Object id, Object[] currentState, Object[] previousState,
            String[] propertyNames, Type[] types) {
        caches.writing(entity);
        return false;
    }

    @Override
    public void onRemove(Object entity, Object id, Object[] state, String[] propertyNames, Type[] types) {
        caches.writing(entity);
    }
}
