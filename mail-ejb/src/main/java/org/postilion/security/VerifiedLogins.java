package org.postilion.security;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Passwords that recently matched their stored credential, so that a client that logs in again (a mail client
 * opens several IMAP connections and reconnects all day) does not cost another PBKDF2 derivation: the role of
 * Dovecot's authentication cache. Only successes are remembered; a wrong password always pays the full cost, so
 * guessing stays as slow as the KDF makes it.
 *
 * <p>What is kept is HMAC-SHA-256(key, password) under the stored credential's text, with a key drawn at random
 * when this object is made and never stored. A changed password has a new salt, hence a new credential text: the
 * old entry no longer matches anything. Entries expire after the time to live and the oldest go first beyond
 * the size limit.
 *
 * <p>LIMITS: time to live {@code postilion.auth.cache-seconds} (300; 0 turns the cache off), at most
 * {@code postilion.auth.cache-size} entries (10000).
 */
final class VerifiedLogins {

    private static final SecureRandom RANDOM = new SecureRandom();

    private record Entry(byte[] mac, long expiresAt) {
    }

    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier clock;
    private final SecretKeySpec key;
    private final Map<String, Entry> entries;

    VerifiedLogins(Duration ttl, int maxEntries, LongSupplier nanoClock) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.clock = nanoClock;
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        this.key = new SecretKeySpec(k, "HmacSHA256");
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > VerifiedLogins.this.maxEntries;
            }
        };
    }

    static VerifiedLogins fromSystemProperties() {
        return new VerifiedLogins(Duration.ofSeconds(Long.getLong("postilion.auth.cache-seconds", 300)),
                Integer.getInteger("postilion.auth.cache-size", 10_000), System::nanoTime);
    }

    private boolean enabled() {
        return ttlNanos > 0 && maxEntries > 0;
    }

    /** Whether this password matched this credential within the time to live. */
    boolean contains(String stored, String password) {
        if (!enabled()) {
            return false;
        }
        Entry e;
        synchronized (entries) {
            e = entries.get(stored);
            if (e != null && clock.getAsLong() - e.expiresAt() >= 0) {
                entries.remove(stored);
                e = null;
            }
        }
        return e != null && MessageDigest.isEqual(e.mac(), mac(password));
    }

    /** Remembers that this password matched this credential. */
    void add(String stored, String password) {
        if (!enabled()) {
            return;
        }
        Entry e = new Entry(mac(password), clock.getAsLong() + ttlNanos);
        synchronized (entries) {
            entries.put(stored, e);
        }
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private byte[] mac(String password) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return m.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is not available", ex);
        }
    }
}
