package org.postilion.security;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cache of recently verified passwords, and the hasher that uses it. */
class VerifiedLoginsTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final VerifiedLogins cache = new VerifiedLogins(Duration.ofNanos(100), 3, now::get);

    @Test
    void recognisesOnlyTheSamePasswordForTheSameCredential() {
        cache.add("cred-a", "secret one");
        assertTrue(cache.contains("cred-a", "secret one"));
        assertFalse(cache.contains("cred-a", "secret two"), "another password");
        assertFalse(cache.contains("cred-b", "secret one"), "another credential (a changed password has a new salt)");
        assertFalse(cache.contains("cred-a", ""), "empty password");
    }

    @Test
    void forgetsAfterTheTimeToLive() {
        cache.add("cred-a", "secret one");
        now.addAndGet(99);
        assertTrue(cache.contains("cred-a", "secret one"));
        now.addAndGet(1);
        assertFalse(cache.contains("cred-a", "secret one"));
        assertEquals(0, cache.size(), "the expired entry is dropped");
    }

    @Test
    void keepsAtMostTheSizeLimitDroppingTheLeastRecentlyUsed() {
        cache.add("c1", "p1");
        cache.add("c2", "p2");
        cache.add("c3", "p3");
        assertTrue(cache.contains("c1", "p1"));
        cache.add("c4", "p4");
        assertEquals(3, cache.size());
        assertFalse(cache.contains("c2", "p2"), "the least recently used went");
        assertTrue(cache.contains("c1", "p1"));
        assertTrue(cache.contains("c4", "p4"));
    }

    @Test
    void aZeroTimeToLiveTurnsItOff() {
        VerifiedLogins off = new VerifiedLogins(Duration.ZERO, 100, now::get);
        off.add("c", "p");
        assertFalse(off.contains("c", "p"));
        assertEquals(0, off.size());
    }

    @Test
    void theHasherRemembersSuccessesButNeverFailures() {
        VerifiedLogins remembered = new VerifiedLogins(Duration.ofMinutes(5), 100, System::nanoTime);
        PasswordHasher hasher = new PasswordHasher(PasswordHasher.MIN_ITERATIONS, remembered);
        String stored = hasher.hash("correct horse");

        assertFalse(hasher.verify("wrong horse", stored));
        assertEquals(0, remembered.size(), "a failure is not remembered");
        assertTrue(hasher.verify("correct horse", stored));
        assertEquals(1, remembered.size());
        assertTrue(hasher.verify("correct horse", stored), "recognised from the cache");
        assertFalse(hasher.verify("wrong horse", stored), "a wrong password is still refused");
        assertTrue(hasher.verify("correct horse", hasher.hash("correct horse")));
        assertEquals(2, remembered.size(), "the same password under a new credential is derived and kept apart");
    }
}
