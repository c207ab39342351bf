package org.postilion.mailbox.internal;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh database with the product's schema (its Flyway migrations), for tests of the store's hand-written SQL:
 * H2 in memory ({@code "h2"}), or a new schema in the local PostgreSQL at 127.0.0.1:5432/test
 * ({@code "postgresql"}), dropped on close; a test on PostgreSQL is skipped when none answers.
 */
final class SchemaDatabase implements AutoCloseable {

    static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test?connectTimeout=3";

    final Connection connection;
    private final String schema;

    private SchemaDatabase(Connection connection, String schema) {
        this.connection = connection;
        this.schema = schema;
    }

    static SchemaDatabase open(String db) throws SQLException {
        String name = "store_test_" + UUID.randomUUID().toString().replace("-", "");
        if (db.equals("h2")) {
            String url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
            migrate(Flyway.configure().dataSource(url, "sa", ""));
            return new SchemaDatabase(DriverManager.getConnection(url, "sa", ""), null);
        }
        Connection c;
        try {
            c = DriverManager.getConnection(PG_URL, "postgres", "postgres");
        } catch (SQLException e) {
            Assumptions.abort("no PostgreSQL at " + PG_URL + ": " + e.getMessage());
            throw e;
        }
        migrate(Flyway.configure().dataSource(PG_URL, "postgres", "postgres").schemas(name));
        try (Statement s = c.createStatement()) {
            s.execute("set search_path to " + name);
        }
        return new SchemaDatabase(c, name);
    }

    private static void migrate(FluentConfiguration config) {
        config.locations("classpath:db/migration").load().migrate();
    }

    /** A domain, an account and its INBOX, all of this id, with the UIDNEXT and HIGHESTMODSEQ given. */
    long mailbox(long id, long uidNext, long highestModseq) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("insert into mail_domain (id, name, created_at) values (" + id + ", 'd" + id
                    + ".test', current_timestamp)");
            s.executeUpdate("insert into account (id, domain_id, local_part, password_hash, created_at) values ("
                    + id + ", " + id + ", 'u', 'x', current_timestamp)");
            s.executeUpdate("insert into mailbox (id, account_id, name, uid_validity, uid_next, highest_modseq)"
                    + " values (" + id + ", " + id + ", 'INBOX', 1, " + uidNext + ", " + highestModseq + ")");
        }
        return id;
    }

    /** A one-octet blob of this id, for messages to refer to. */
    void blob(long id) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("insert into message_blob (id, size, chunk_count, created_at) values (" + id
                    + ", 1, 1, current_timestamp)");
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = connection) {
            if (schema != null) {
                try (Statement s = c.createStatement()) {
                    s.execute("drop schema " + schema + " cascade");
                }
            }
        }
    }
}
