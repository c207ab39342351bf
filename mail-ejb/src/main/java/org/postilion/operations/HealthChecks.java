package org.postilion.operations;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.postilion.connector.spi.ConnectorStatus;
import org.postilion.connector.spi.Listeners;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Can this node take and deliver mail now? Three readiness checks, each cheap enough for a load balancer to run
 * every few seconds: the listeners that are configured on are bound, the database answers, the broker answers with
 * the mail queues' depths (messages on {@code mail.dlq} are reported, not a failure).
 */
@ApplicationScoped
public class HealthChecks {

    /** The listeners a node binds unless their port is set to -1. */
    private static final List<String> LISTENERS = List.of("smtp", "submission", "submissions", "imap", "imaps");

    /**
     * One check's answer.
     *
     * @param name its name
     * @param up   whether it passed
     * @param data what it found
     */
    public record Check(String name, boolean up, Map<String, Object> data) {
    }

    @Resource(lookup = "java:jboss/datasources/PostilionDS")
    private DataSource dataSource;

    @Inject
    private QueueDepths queues;

    /** Every check, in a fixed order. */
    public List<Check> readiness() {
        return List.of(database(), listeners(), mailQueues());
    }

    /** Whether every check passes. */
    public static boolean allUp(List<Check> checks) {
        return checks.stream().allMatch(Check::up);
    }

    Check listeners() {
        Map<String, Object> data = new LinkedHashMap<>();
        List<ConnectorStatus.ListenerState> bound = ConnectorStatus.listeners();
        boolean up = !bound.isEmpty();
        for (String name : LISTENERS) {
            ConnectorStatus.ListenerState s = bound.stream().filter(l -> l.name().equals(name)).findFirst()
                    .orElse(null);
            if (s != null) {
                data.put(name, s.address().getAddress().getHostAddress() + ":" + s.address().getPort() + ", "
                        + s.openSessions().getAsInt() + " sessions");
            } else if (Listeners.port(name, 0) >= 0) {
                data.put(name, "not bound");
                up = false;
            }
        }
        return new Check("mail-listeners", up, data);
    }

    Check database() {
        Map<String, Object> data = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            data.put("product", c.getMetaData().getDatabaseProductName());
            return new Check("database", c.isValid(2), data);
        } catch (SQLException e) {
            data.put("error", String.valueOf(e.getMessage()));
            return new Check("database", false, data);
        }
    }

    Check mailQueues() {
        Map<String, Long> depths = queues.depths();
        return new Check("mail-queues", depths.containsKey("mail.inbound"), new LinkedHashMap<>(depths));
    }
}
