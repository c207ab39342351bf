package org.postilion.connector.net;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts a listener's open connections, in all and per client address, and refuses new ones past the limits
 * (Postfix's process limit and smtpd_client_connection_count_limit). Every accepted connection is released
 * exactly once, when it closes.
 */
public final class ConnectionLimiter {

    /** Why a connection is refused. */
    public enum Refusal {
        NONE, TOTAL, PER_CLIENT
    }

    private final int maxTotal;
    private final int maxPerClient;
    private final Map<String, Integer> perClient = new HashMap<>();
    private int total;

    public ConnectionLimiter(int maxTotal, int maxPerClient) {
        this.maxTotal = maxTotal;
        this.maxPerClient = maxPerClient;
    }

    /** Takes a place for a new connection from {@code client}, unless a limit is reached. */
    public synchronized Refusal tryAcquire(String client) {
        if (total >= maxTotal) {
            return Refusal.TOTAL;
        }
        int n = perClient.getOrDefault(client, 0);
        if (n >= maxPerClient) {
            return Refusal.PER_CLIENT;
        }
        perClient.put(client, n + 1);
        total++;
        return Refusal.NONE;
    }

    /** Gives back the place of a closed connection taken by {@link #tryAcquire}. */
    public synchronized void release(String client) {
        Integer n = perClient.get(client);
        if (n == null) {
            return;
        }
        if (n <= 1) {
            perClient.remove(client);
        } else {
            perClient.put(client, n - 1);
        }
        total--;
    }

    public synchronized int open() {
        return total;
    }
}
