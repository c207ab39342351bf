package org.postilion.policy;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sliding hour: a user's count falls as its minutes age out, users are counted apart, 0 turns a limit off. */
class SubmissionLimitsTest {

    private final AtomicLong now = new AtomicLong(Instant.parse("2026-12-07T10:00:00Z").toEpochMilli());
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now.get());
        }
    };

    @Test
    void theLimitHoldsForAnHourSlidingMinuteByMinute() {
        SubmissionLimits limits = new SubmissionLimits(3, 0, clock);
        assertTrue(limits.tryMessage("ann@example.com"));
        minutes(30);
        assertTrue(limits.tryMessage("ann@example.com"));
        assertTrue(limits.tryMessage("ANN@example.com"), "the same user in another case");
        assertFalse(limits.tryMessage("ann@example.com"), "three in the last hour");
        assertTrue(limits.tryMessage("bob@example.com"), "counted per user");
        minutes(29);
        assertFalse(limits.tryMessage("ann@example.com"), "59 minutes after the first");
        minutes(1);
        assertTrue(limits.tryMessage("ann@example.com"), "the first has aged out");
        assertFalse(limits.tryMessage("ann@example.com"));
        assertTrue(limits.tryRecipient("ann@example.com"), "no recipient limit");
    }

    @Test
    void manyUsersAreForgottenOnceIdle() {
        SubmissionLimits limits = new SubmissionLimits(1, 1, clock);
        for (int i = 0; i < 10_050; i++) {
            assertTrue(limits.tryMessage("user" + i + "@example.com"));
        }
        minutes(61);
        assertTrue(limits.tryMessage("user0@example.com"), "a new hour");
        assertTrue(limits.tryMessage("late@example.com"));
    }

    private void minutes(int n) {
        now.addAndGet(n * 60_000L);
    }
}
