package org.postilion.connector.net;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The counts of open connections, in all and per client address. */
class ConnectionLimiterTest {

    @Test
    void refusesAClientPastItsOwnLimitAndServesOthers() {
        ConnectionLimiter limiter = new ConnectionLimiter(10, 2);

        assertEquals(ConnectionLimiter.Refusal.NONE, limiter.tryAcquire("192.0.2.1"));
        assertEquals(ConnectionLimiter.Refusal.NONE, limiter.tryAcquire("192.0.2.1"));
        assertEquals(ConnectionLimiter.Refusal.PER_CLIENT, limiter.tryAcquire("192.0.2.1"));
        assertEquals(ConnectionLimiter.Refusal.NONE, limiter.tryAcquire("192.0.2.2"));

        assertEquals(3, limiter.open());
    }

    @Test
    void refusesEveryClientOnceTheTotalIsReached() {
        ConnectionLimiter limiter = new ConnectionLimiter(2, 2);
        limiter.tryAcquire("192.0.2.1");
        limiter.tryAcquire("192.0.2.2");

        assertEquals(ConnectionLimiter.Refusal.TOTAL, limiter.tryAcquire("192.0.2.3"));
        assertEquals(ConnectionLimiter.Refusal.TOTAL, limiter.tryAcquire("192.0.2.1"));
        assertEquals(2, limiter.open());
    }

    @Test
    void reportsTheTotalBeforeThePerClientLimit() {
        ConnectionLimiter limiter = new ConnectionLimiter(1, 1);
        limiter.tryAcquire("192.0.2.1");

        assertEquals(ConnectionLimiter.Refusal.TOTAL, limiter.tryAcquire("192.0.2.1"));
    }

    @Test
    void takesNoPlaceForARefusedConnection() {
        ConnectionLimiter limiter = new ConnectionLimiter(10, 1);
        limiter.tryAcquire("192.0.2.1");

        for (int i = 0; i < 5; i++) {
            assertEquals(ConnectionLimiter.Refusal.PER_CLIENT, limiter.tryAcquire("192.0.2.1"));
        }
        limiter.release("192.0.2.1");

        assertEquals(0, limiter.open());
        assertEquals(ConnectionLimiter.Refusal.NONE, limiter.tryAcquire("192.0.2.1"));
    }

    @Test
    void givesThePlaceBackOnRelease() {
        ConnectionLimiter limiter = new ConnectionLimiter(2, 2);
        limiter.tryAcquire("192.0.2.1");
        limiter.tryAcquire("192.0.2.1");

        limiter.release("192.0.2.1");

        assertEquals(1, limiter.open());
        assertEquals(ConnectionLimiter.Refusal.NONE, limiter.tryAcquire("192.0.2.1"));
        assertEquals(ConnectionLimiter.Refusal.TOTAL, limiter.tryAcquire("192.0.2.2"));
    }

    @Test
    void ignoresASecondReleaseOfAClientsLastConnection() {
        ConnectionLimiter limiter = new ConnectionLimiter(3, 2);
        limiter.tryAcquire("192.0.2.1");
        limiter.tryAcquire("192.0.2.2");

        limiter.release("192.0.2.1");
        limiter.release("192.0.2.1");

        assertEquals(1, limiter.open(), "the other client's connection still counts");
        assertEquals(ConnectionLimiter.Refusal.NONE, limiter.tryAcquire("192.0.2.1"));
        assertEquals(ConnectionLimiter.Refusal.NONE, limiter.tryAcquire("192.0.2.1"));
        assertEquals(ConnectionLimiter.Refusal.TOTAL, limiter.tryAcquire("192.0.2.1"),
                "the extra release made no extra place");
    }

    @Test
    void ignoresTheReleaseOfAClientThatHoldsNothing() {
        ConnectionLimiter limiter = new ConnectionLimiter(1, 1);

        limiter.release("192.0.2.9");

        assertEquals(0, limiter.open());
        assertEquals(ConnectionLimiter.Refusal.NONE, limiter.tryAcquire("192.0.2.1"));
        assertEquals(ConnectionLimiter.Refusal.TOTAL, limiter.tryAcquire("192.0.2.2"));
    }

    @Test
    void countsIpv6AndIpv4ClientsApart() {
        ConnectionLimiter limiter = new ConnectionLimiter(10, 1);

        assertEquals(ConnectionLimiter.Refusal.NONE, limiter.tryAcquire("2001:db8::1"));
        assertEquals(ConnectionLimiter.Refusal.NONE, limiter.tryAcquire("192.0.2.1"));
        assertEquals(ConnectionLimiter.Refusal.PER_CLIENT, limiter.tryAcquire("2001:db8::1"));
    }
}
