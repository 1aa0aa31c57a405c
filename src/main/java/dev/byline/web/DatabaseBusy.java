package dev.byline.web;

import java.sql.SQLException;

/**
 * Recognises a failure to get a database connection because every connection of the pool stayed busy for the whole
 * acquisition timeout ({@code quarkus.datasource.jdbc.acquisition-timeout}): the service is overloaded, and the client
 * should come back shortly (503) rather than be told that something broke (500).
 */
final class DatabaseBusy {

    /** How long a client is asked to wait; a pool under load drains within seconds or not at all. */
    static final int RETRY_AFTER_SECONDS = 2;

    /**
     * Agroal's only signal: an {@link SQLException} without an SQL state and with this message, however deeply
     * Hibernate, Narayana or Byline's own JDBC code wrapped it.
     */
    private static final String AGROAL_ACQUISITION_TIMEOUT = "Sorry, acquisition timeout!";

    private DatabaseBusy() {
    }

    static boolean causes(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() == null
                    && AGROAL_ACQUISITION_TIMEOUT.equals(sql.getMessage())) {
                return true;
            }
        }
        return false;
    }
}
