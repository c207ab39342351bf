package org.postilion.connector.spi;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The counts of failed authentications: per address, per user, in a sliding window of a clock the test moves. */
class AuthThrottleTest {

    private static final Duration WINDOW = Duration.ofMinutes(15);

    /** A clock that moves only when told to. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-11-22T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovableClock clock = new MovableClock();

    private AuthThrottle throttle(int ipLimit, int userLimit) {
        return new AuthThrottle(ipLimit, userLimit, WINDOW, clock);
    }

    private static void fail(AuthThrottle throttle, String address, String user, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(address, user);
        }
    }

    @Test
    void blocksAnAddressOnceItsFailuresReachTheLimitAndNoOtherAddress() {
        AuthThrottle throttle = throttle(3, 100);

        fail(throttle, "192.0.2.1", null, 2);
        assertFalse(throttle.isAddressBlocked("192.0.2.1"));
        throttle.failed("192.0.2.1", null);

        assertTrue(throttle.isAddressBlocked("192.0.2.1"));
        assertFalse(throttle.isAddressBlocked("192.0.2.2"));
        assertFalse(throttle.isAddressBlocked("2001:db8::1"));
    }

    @Test
    void blocksAUserOnceItsFailuresFromAnyAddressReachTheLimitWhateverTheCaseOfTheName() {
        AuthThrottle throttle = throttle(100, 2);

        throttle.failed("192.0.2.1", "Bob@Example.com");
        assertFalse(throttle.isUserBlocked("bob@example.com"));
        throttle.failed("192.0.2.2", "bob@example.com");

        assertTrue(throttle.isUserBlocked("BOB@EXAMPLE.COM"));
        assertFalse(throttle.isUserBlocked("alice@example.com"));
        assertFalse(throttle.isAddressBlocked("192.0.2.1"), "each address failed once only");
    }

    @Test
    void countsAFailureWithoutAUserNameAgainstTheAddressOnly() {
        AuthThrottle throttle = throttle(2, 1);

        fail(throttle, "192.0.2.1", null, 2);

        assertTrue(throttle.isAddressBlocked("192.0.2.1"));
        assertFalse(throttle.isUserBlocked(null));
        assertFalse(throttle.isUserBlocked("null"));
    }

    @Test
    void keepsTheAddressAndUserCountsApart() {
        AuthThrottle throttle = throttle(3, 3);

        fail(throttle, "bob@example.com", null, 3);

        assertTrue(throttle.isAddressBlocked("bob@example.com"));
        assertFalse(throttle.isUserBlocked("bob@example.com"), "an address named like a user is not that user");
    }

    @Test
    void forgetsFailuresOnceTheyAreAsOldAsTheWindow() {
        AuthThrottle throttle = throttle(3, 100);
        fail(throttle, "192.0.2.1", "bob@example.com", 3);

        clock.advance(WINDOW.minusMillis(1));
        assertTrue(throttle.isAddressBlocked("192.0.2.1"));

        clock.advance(Duration.ofMillis(1));
        assertFalse(throttle.isAddressBlocked("192.0.2.1"));
        assertFalse(throttle.isUserBlocked("bob@example.com"));
    }

    @Test
    void slidesTheWindowOneFailureAtATime() {
        AuthThrottle throttle = throttle(3, 100);
        throttle.failed("192.0.2.1", null);
        clock.advance(Duration.ofMinutes(5));
        throttle.failed("192.0.2.1", null);
        clock.advance(Duration.ofMinutes(5));
        throttle.failed("192.0.2.1", null);
        assertTrue(throttle.isAddressBlocked("192.0.2.1"));

        clock.advance(Duration.ofMinutes(5));
        assertFalse(throttle.isAddressBlocked("192.0.2.1"), "the first failure left the window");

        throttle.failed("192.0.2.1", null);
        assertTrue(throttle.isAddressBlocked("192.0.2.1"), "a new failure fills it again");

        clock.advance(Duration.ofMinutes(5));
        assertFalse(throttle.isAddressBlocked("192.0.2.1"), "the second failure left the window");
    }

    @Test
    void staysBlockedWhileFailuresGoOnPastTheLimit() {
        AuthThrottle throttle = throttle(2, 100);

        for (int minute = 0; minute < 60; minute++) {
            throttle.failed("192.0.2.1", null);
            clock.advance(Duration.ofMinutes(1));
            assertTrue(minute == 0 || throttle.isAddressBlocked("192.0.2.1"), "minute " + minute);
        }
    }

    @Test
    void forgetsTheOldestKeyBeyondMaxKeys() {
        AuthThrottle throttle = throttle(1, 1);
        throttle.failed("192.0.2.1", null);
        assertTrue(throttle.isAddressBlocked("192.0.2.1"));

        for (int i = 0; i < AuthThrottle.MAX_KEYS; i++) {
            throttle.failed("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255), null);
        }

        assertFalse(throttle.isAddressBlocked("192.0.2.1"), "the oldest key was dropped to stay within the cap");
        int last = AuthThrottle.MAX_KEYS - 1;
        assertTrue(throttle.isAddressBlocked("10." + (last >> 16 & 255) + "." + (last >> 8 & 255) + "." + (last & 255)));
        assertTrue(throttle.isAddressBlocked("10.0.0.1"), "the other keys stay");
    }

    @Test
    void hasTheDocumentedDefaults() {
        AuthThrottle throttle = AuthThrottle.defaults();

        fail(throttle, "192.0.2.1", "bob@example.com", AuthThrottle.IP_FAILURE_LIMIT - 1);
        assertFalse(throttle.isAddressBlocked("192.0.2.1"));
        throttle.failed("192.0.2.1", "bob@example.com");

        assertTrue(throttle.isAddressBlocked("192.0.2.1"));
        assertFalse(throttle.isUserBlocked("bob@example.com"));
        assertEquals(10, AuthThrottle.IP_FAILURE_LIMIT);
        assertEquals(100, AuthThrottle.USER_FAILURE_LIMIT);
        assertEquals(Duration.ofMinutes(15), AuthThrottle.WINDOW);
    }

    @Test
    void refusesLimitsOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> new AuthThrottle(0, 1, WINDOW, clock));
        assertThrows(IllegalArgumentException.class, () -> new AuthThrottle(1, 0, WINDOW, clock));
        assertThrows(IllegalArgumentException.class, () -> new AuthThrottle(1, 1, Duration.ZERO, clock));
        assertThrows(IllegalArgumentException.class, () -> new AuthThrottle(1, 1, Duration.ofSeconds(-1), clock));
    }
}
