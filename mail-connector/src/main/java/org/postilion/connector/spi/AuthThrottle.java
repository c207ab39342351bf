package org.postilion.connector.spi;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;

/**
 * Failed authentications per client address and per user name, within a sliding window; past a limit, further
 * attempts are refused for now (a temporary {@code 454 4.7.0}) without asking the directory, so that guessing
 * passwords costs an attacker time and the server nothing.
 *
 * <p>The per-address limit is much lower than the per-user one: a guesser on one address is stopped early,
 * while the user, guessed at from elsewhere, can still log in from home until the (higher) user limit is
 * reached. Counts live in this JVM (one node), like Postfix's anvil.
 *
 * <p>It lives in the API jar because every door that checks a password keeps the same policy: SMTP AUTH and IMAP
 * LOGIN/AUTHENTICATE in the connector, and the admin console's sign-in in the web module.
 *
 * <p>LIMITS: 10 failures per address and 100 per user in 15 minutes (system properties
 * {@code postilion.auth.ip-failure-limit}, {@code postilion.auth.user-failure-limit},
 * {@code postilion.auth.failure-window}, seconds); at most 100000 tracked keys, the oldest forgotten first.
 */
public final class AuthThrottle {

    public static final int IP_FAILURE_LIMIT = 10;
    public static final int USER_FAILURE_LIMIT = 100;
    public static final Duration WINDOW = Duration.ofMinutes(15);
    static final int MAX_KEYS = 100_000;

    private final int ipLimit;
    private final int userLimit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, ArrayDeque<Long>> failures = new LinkedHashMap<>(1024, 0.75f, true);
    private final LongAdder failureCount = new LongAdder();

    public AuthThrottle(int ipLimit, int userLimit, Duration window, Clock clock) {
        if (ipLimit < 1 || userLimit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("authentication throttle limits out of range");
        }
        this.ipLimit = ipLimit;
        this.userLimit = userLimit;
        this.window = window;
        this.clock = clock;
    }

    public static AuthThrottle defaults() {
        return new AuthThrottle(IP_FAILURE_LIMIT, USER_FAILURE_LIMIT, WINDOW, Clock.systemUTC());
    }

    /**
     * A throttle with the limits the server is configured with ({@code postilion.auth.ip-failure-limit},
     * {@code user-failure-limit}, {@code failure-window} in seconds), each defaulting to the constants above.
     *
     * @param properties looks up a setting by name, null when unset (the system properties, in the server)
     * @throws IllegalArgumentException when a setting is not a number or out of range
     */
    public static AuthThrottle configured(UnaryOperator<String> properties) {
        return new AuthThrottle(
                (int) setting(properties, "postilion.auth.ip-failure-limit", IP_FAILURE_LIMIT),
                (int) setting(properties, "postilion.auth.user-failure-limit", USER_FAILURE_LIMIT),
                Duration.ofSeconds(setting(properties, "postilion.auth.failure-window", WINDOW.toSeconds())),
                Clock.systemUTC());
    }

    private static long setting(UnaryOperator<String> properties, String name, long fallback) {
        String v = properties.apply(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property " + name + " is not a number: " + v, e);
        }
    }

    /** Whether the address has failed too often lately. */
    public synchronized boolean isAddressBlocked(String address) {
        return count(ipKey(address)) >= ipLimit;
    }

    /** Whether the user name has failed too often lately (from any address). */
    public synchronized boolean isUserBlocked(String user) {
        return user != null && count(userKey(user)) >= userLimit;
    }

    /** Records a failed authentication; {@code user} may be null when the client never named one. */
    public synchronized void failed(String address, String user) {
        failureCount.increment();
        record(ipKey(address));
        if (user != null) {
            record(userKey(user));
        }
    }

    /** How many failures were recorded since this throttle was made (for metrics). */
    public long failureCount() {
        return failureCount.sum();
    }

    private static String ipKey(String address) {
        return "ip:" + address;
    }

    private static String userKey(String user) {
        return "user:" + user.toLowerCase(Locale.ROOT);
    }

    private void record(String key) {
        ArrayDeque<Long> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        expire(times);
        times.addLast(clock.millis());
        // a key never needs more entries than its limit to decide
        while (times.size() > Math.max(ipLimit, userLimit)) {
            times.removeFirst();
        }
        if (failures.size() > MAX_KEYS) {
            Iterator<String> eldest = failures.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    private int count(String key) {
        ArrayDeque<Long> times = failures.get(key);
        if (times == null) {
            return 0;
        }
        expire(times);
        if (times.isEmpty()) {
            failures.remove(key);
            return 0;
        }
        return times.size();
    }

    private void expire(ArrayDeque<Long> times) {
        long oldest = clock.millis() - window.toMillis();
        while (!times.isEmpty() && times.peekFirst() <= oldest) {
            times.removeFirst();
        }
    }
}
