package org.postilion.connector.spi;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * What the connector reports of itself to the EJB tier's health checks and metrics: the listeners it has bound,
 * with the sessions each has open, and how many authentications have failed. The resource adapter fills it as it
 * starts and stops; readers take snapshots. One per class loader, which is one per deployed RAR.
 */
public final class ConnectorStatus {

    /**
     * A bound listener.
     *
     * @param name         its name ({@code smtp}, {@code submission}, {@code imaps}, ...)
     * @param address      the address it is bound to
     * @param openSessions how many connections it has open now
     */
    public record ListenerState(String name, InetSocketAddress address, IntSupplier openSessions) {
    }

    private static final Map<String, ListenerState> LISTENERS = new ConcurrentSkipListMap<>();
    private static volatile LongSupplier authFailures = () -> 0;

    private ConnectorStatus() {
    }

    public static void listenerOpened(ListenerState state) {
        LISTENERS.put(state.name(), state);
    }

    public static void listenerClosed(String name) {
        LISTENERS.remove(name);
    }

    /** The bound listeners, by name. */
    public static List<ListenerState> listeners() {
        return List.copyOf(LISTENERS.values());
    }

    /** Where the count of failed authentications (all protocols, since start) is read from. */
    public static void authFailures(LongSupplier count) {
        authFailures = count;
    }

    public static long authFailures() {
        return authFailures.getAsLong();
    }

    /** Forgets everything: the resource adapter stopped. */
    public static void reset() {
        LISTENERS.clear();
        authFailures = () -> 0;
    }
}
