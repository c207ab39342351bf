package org.postilion.delivery;

import jakarta.ejb.EJBException;
import org.junit.jupiter.api.Test;
import org.postilion.queue.QueuedMessage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeliveryGroupsTest {

    /** Records the groups it is given; a queue id in {@link #poison} fails any transaction that holds it. */
    static final class RecordingDelivery extends LocalDelivery {
        final List<List<String>> groups = Collections.synchronizedList(new ArrayList<>());
        final Set<String> stored = ConcurrentHashMap.newKeySet();
        final Set<String> poison = ConcurrentHashMap.newKeySet();
        final Set<String> storedBefore = ConcurrentHashMap.newKeySet();
        volatile CountDownLatch firstGroupGate;

        @Override
        public DeliveryReport deliver(QueuedMessage message) {
            return deliverAll(List.of(message)).get(0);
        }

        @Override
        public List<DeliveryReport> deliverAll(List<QueuedMessage> messages) {
            CountDownLatch gate = firstGroupGate;
            if (gate != null) {
                firstGroupGate = null;
                await(gate);
            }
            List<String> ids = messages.stream().map(QueuedMessage::queueId).toList();
            groups.add(ids);
            for (String id : ids) {
                if (poison.contains(id)) {
                    throw new EJBException("poisoned: " + id);
                }
                if (storedBefore.contains(id)) {
                    throw new EJBException("unique queue id refused: " + id);
                }
            }
            stored.addAll(ids);
            return ids.stream().map(DeliveryGroupsTest::report).toList();
        }

        @Override
        public Optional<DeliveryReport> reportIfDelivered(QueuedMessage message) {
            return storedBefore.contains(message.queueId())
                    ? Optional.of(new DeliveryReport(message.queueId(), List.of(), true, null))
                    : Optional.empty();
        }
    }

    private static DeliveryReport report(String queueId) {
        return new DeliveryReport(queueId, List.of(), false, null);
    }

    private static QueuedMessage message(String queueId, int size) {
        return new QueuedMessage(queueId, Instant.EPOCH, "a@example.com",
                List.of(QueuedMessage.Recipient.of("b@example.com")), "127.0.0.1", "client", null, null, null,
                new byte[size]);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS), "timed out");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aLoneMessageIsStoredInItsOwnTransaction() {
        RecordingDelivery delivery = new RecordingDelivery();
        DeliveryReport r = new DeliveryGroups(delivery).deliver(message("q1", 10));
        assertEquals("q1", r.queueId());
        assertEquals(List.of(List.of("q1")), delivery.groups);
    }

    @Test
    void messagesArrivingWhileAGroupCommitsAreStoredTogetherNext() throws Exception {
        RecordingDelivery delivery = new RecordingDelivery();
        DeliveryGroups groups = new DeliveryGroups(delivery);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            Future<DeliveryReport> first = holdFirstGroup(delivery, groups, pool, release);
            List<Future<DeliveryReport>> rest = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String id = "m" + i;
                rest.add(pool.submit(() -> groups.deliver(message(id, 10))));
            }
            waitUntil(() -> pendingCount(groups) == 5);
            release.countDown();
            assertEquals("first", first.get(10, TimeUnit.SECONDS).queueId());
            for (int i = 0; i < 5; i++) {
                assertEquals("m" + i, rest.get(i).get(10, TimeUnit.SECONDS).queueId(), "each gets its own report");
            }
            assertEquals(2, delivery.groups.size(), "one group for the first, one for the five: " + delivery.groups);
            assertEquals(Set.of("m0", "m1", "m2", "m3", "m4"), Set.copyOf(delivery.groups.get(1)));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedGroupIsRetriedOneByOneAndOnlyTheBadMessageFails() throws Exception {
        RecordingDelivery delivery = new RecordingDelivery();
        delivery.poison.add("bad");
        delivery.storedBefore.add("again");
        DeliveryGroups groups = new DeliveryGroups(delivery);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<DeliveryReport> first = holdFirstGroup(delivery, groups, pool, release);
            Future<DeliveryReport> good = pool.submit(() -> groups.deliver(message("good", 10)));
            Future<DeliveryReport> bad = pool.submit(() -> groups.deliver(message("bad", 10)));
            Future<DeliveryReport> again = pool.submit(() -> groups.deliver(message("again", 10)));
            waitUntil(() -> pendingCount(groups) == 3);
            release.countDown();
            first.get(10, TimeUnit.SECONDS);

            assertEquals("good", good.get(10, TimeUnit.SECONDS).queueId());
            DeliveryReport redelivered = again.get(10, TimeUnit.SECONDS);
            assertTrue(redelivered.redelivery(), "a message stored before is reported as a redelivery");
            var failure = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> bad.get(10, TimeUnit.SECONDS));
            assertSame(EJBException.class, failure.getCause().getClass());
            assertTrue(delivery.stored.contains("good"));
            assertFalse(delivery.stored.contains("bad"));
            // first alone, the group of three (failed), then each of the three alone
            assertEquals(5, delivery.groups.size(), delivery.groups.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void groupsAreCappedInCountAndSize() throws Exception {
        RecordingDelivery delivery = new RecordingDelivery();
        DeliveryGroups groups = new DeliveryGroups(delivery);
        CountDownLatch release = new CountDownLatch(1);
        int waiting = DeliveryGroups.MAX_MESSAGES + 8;
        ExecutorService pool = Executors.newFixedThreadPool(waiting + 1);
        try {
            List<Future<DeliveryReport>> all = new ArrayList<>();
            all.add(holdFirstGroup(delivery, groups, pool, release));
            for (int i = 0; i < waiting; i++) {
                String id = "m" + i;
                // three of them are large, 6 MiB each: no more than two fit in a group of 16 MiB
                int size = i < 3 ? 6 * 1024 * 1024 : 10;
                all.add(pool.submit(() -> groups.deliver(message(id, size))));
            }
            waitUntil(() -> pendingCount(groups) == waiting);
            release.countDown();
            assertEquals("first", all.get(0).get(10, TimeUnit.SECONDS).queueId());
            for (int i = 0; i < waiting; i++) {
                assertEquals("m" + i, all.get(i + 1).get(10, TimeUnit.SECONDS).queueId(),
                        "every session gets its own message's report, also when the limits left it for a later group");
            }
            assertEquals(waiting + 1, delivery.stored.size());
            for (List<String> g : delivery.groups) {
                assertTrue(g.size() <= DeliveryGroups.MAX_MESSAGES, "group too large: " + g.size());
                long large = g.stream().filter(id -> id.equals("m0") || id.equals("m1") || id.equals("m2")).count();
                assertTrue(large <= 2, "more than 16 MiB in one group: " + g);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Delivers "first" on the pool; returns once its group is being stored, which waits for {@code release}. */
    private static Future<DeliveryReport> holdFirstGroup(RecordingDelivery delivery, DeliveryGroups groups,
                                                         ExecutorService pool, CountDownLatch release)
            throws InterruptedException {
        delivery.firstGroupGate = release;
        Future<DeliveryReport> first = pool.submit(() -> groups.deliver(message("first", 10)));
        waitUntil(() -> delivery.firstGroupGate == null);
        return first;
    }

    private static int pendingCount(DeliveryGroups groups) {
        return groups.pendingCount();
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not met in 10 s");
            Thread.sleep(5);
        }
    }
}
