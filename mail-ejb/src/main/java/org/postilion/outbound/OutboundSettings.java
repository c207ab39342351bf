package org.postilion.outbound;

import java.time.Duration;

/**
 * Outbound delivery's settings, from system properties (durations in ISO-8601, {@code PT5M}):
 * <ul>
 *   <li>{@code postilion.outbound.retry.first} (5 min) and {@code postilion.outbound.retry.max} (1 h): the wait
 *       before the second attempt, doubled after each attempt up to the maximum (5, 10, 20, 40 min, then hourly);</li>
 *   <li>{@code postilion.outbound.max-lifetime} (5 days): how long a recipient is retried before it bounces;</li>
 *   <li>{@code postilion.outbound.delay-warning} (4 h): when a sender who asked for it (NOTIFY=DELAY, or no
 *       NOTIFY) is told that a message is still waiting; 0 turns the warnings off;</li>
 *   <li>{@code postilion.outbound.port} (25): the remote port, for tests;</li>
 *   <li>{@code postilion.outbound.connect-timeout} (30 s), {@code postilion.outbound.timeout} (5 min, per
 *       command, as RFC 5321 section 4.5.3.2 suggests for the data block);</li>
 *   <li>{@code postilion.hostname}: the name said in EHLO.</li>
 * </ul>
 */
public record OutboundSettings(Duration firstRetry, Duration maxRetry, Duration maxLifetime, Duration delayWarning,
                               int port, Duration connectTimeout, Duration timeout, String hostname) {

    public static OutboundSettings fromSystemProperties() {
        return new OutboundSettings(
                duration("postilion.outbound.retry.first", "PT5M"),
                duration("postilion.outbound.retry.max", "PT1H"),
                duration("postilion.outbound.max-lifetime", "P5D"),
                duration("postilion.outbound.delay-warning", "PT4H"),
                Integer.getInteger("postilion.outbound.port", 25),
                duration("postilion.outbound.connect-timeout", "PT30S"),
                duration("postilion.outbound.timeout", "PT5M"),
                System.getProperty("postilion.hostname", "localhost"));
    }

    /** The wait after the given attempt (1 for the first) before the next one. */
    public Duration retryAfter(int attempt) {
        Duration d = firstRetry;
        for (int i = 1; i < attempt && d.compareTo(maxRetry) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxRetry) > 0 ? maxRetry : d;
    }

    private static Duration duration(String property, String fallback) {
        String v = System.getProperty(property, fallback).trim();
        return Duration.parse(v.startsWith("P") || v.startsWith("p") ? v : "PT" + v + "S");
    }
}
