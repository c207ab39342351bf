package org.postilion.policy;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How much an authenticated user may send: messages (each MAIL FROM on submission) and recipients (each accepted
 * RCPT) in the last hour, so that a stolen password cannot turn the server into a spam cannon (Postfix's anvil
 * limits, per SASL user). Beyond a limit the client is told {@code 451 4.7.1} and may try again later; nothing
 * accepted is affected.
 *
 * <p>Settings: {@code postilion.submission.messages-per-hour} (1000) and
 * {@code postilion.submission.recipients-per-hour} (5000); 0 turns a limit off. Counted per node, in one-minute
 * buckets over a sliding hour; a user idle for an hour is forgotten.
 */
@ApplicationScoped
public class SubmissionLimits {

    private static final int MINUTES = 60;

    private final Map<String, Window> messages = new ConcurrentHashMap<>();
    private final Map<String, Window> recipients = new ConcurrentHashMap<>();
    private final int maxMessages;
    private final int maxRecipients;
    private final Clock clock;

    public SubmissionLimits() {
        this(Integer.getInteger("postilion.submission.messages-per-hour", 1000),
                Integer.getInteger("postilion.submission.recipients-per-hour", 5000), Clock.systemUTC());
    }

    SubmissionLimits(int maxMessages, int maxRecipients, Clock clock) {
        this.maxMessages = maxMessages;
        this.maxRecipients = maxRecipients;
        this.clock = clock;
    }

    /** Counts one message for the user, if under the limit. */
    public boolean tryMessage(String user) {
        return take(messages, user, maxMessages);
    }

    /** Counts one recipient for the user, if under the limit. */
    public boolean tryRecipient(String user) {
        return take(recipients, user, maxRecipients);
    }

    public int maxMessages() {
        return maxMessages;
    }

    public int maxRecipients() {
        return maxRecipients;
    }

    private boolean take(Map<String, Window> windows, String user, int max) {
        if (max <= 0) {
            return true;
        }
        long minute = clock.millis() / 60_000;
        if (windows.size() > 10_000) {
            forgetIdle(windows, minute);
        }
        Window w = windows.computeIfAbsent(user.toLowerCase(Locale.ROOT), u -> new Window());
        return w.take(minute, max);
    }

    private static void forgetIdle(Map<String, Window> windows, long minute) {
        for (Iterator<Window> it = windows.values().iterator(); it.hasNext(); ) {
            if (it.next().idleSince(minute)) {
                it.remove();
            }
        }
    }

    /** Counts per minute over the last hour. */
    private static final class Window {
        private final int[] counts = new int[MINUTES];
        private final long[] minutes = new long[MINUTES];
        private long last;

        synchronized boolean take(long minute, int max) {
            int total = 0;
            for (int i = 0; i < MINUTES; i++) {
                if (minute - minutes[i] < MINUTES) {
                    total += counts[i];
                }
            }
            if (total >= max) {
                return false;
            }
            int slot = (int) (minute % MINUTES);
            if (minutes[slot] != minute) {
                minutes[slot] = minute;
                counts[slot] = 0;
            }
            counts[slot]++;
            last = minute;
            return true;
        }

        synchronized boolean idleSince(long minute) {
            return minute - last >= MINUTES;
        }
    }
}
