package dev.byline.database;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Plain JDBC for the hot read paths, where a Hibernate session, a JTA transaction and dirty checking would cost more
 * than the query itself. Each call is one statement on a pooled connection in auto-commit mode; every statement is
 * counted ({@code byline_sql_statements_total}), so that tests can hold reads to their statement budgets.
 */
@ApplicationScoped
public class Sql {

    /** Binds the parameters of a prepared statement. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private final DataSource dataSource;
    private final Counter statements;

    public Sql(DataSource dataSource, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.statements = Counter.builder("byline.sql.statements")
                .description("SQL statements run outside Hibernate (the plain-JDBC read paths)")
                .register(registry);
    }

    /** The first row {@code sql} returns, mapped; empty when there is none. */
    public <T> Optional<T> first(String sql, Binder binder, RowMapper<T> mapper) {
        statements.increment();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.ofNullable(mapper.map(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    /** Runs a statement that changes rows; returns how many it changed. */
    public int update(String sql, Binder binder) {
        statements.increment();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    /** How many statements this class has run since start. */
    public long executed() {
        return (long) statements.count();
    }

    /** A failed plain-JDBC statement; answered as a 500 without details, like any other database failure. */
    public static final class DatabaseException extends RuntimeException {
        DatabaseException(SQLException cause) {
            super("SQL statement failed (SQLState " + cause.getSQLState() + ")", cause);
        }
    }
}
