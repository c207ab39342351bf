package org.postilion.connector.imap;

import org.junit.jupiter.api.Test;
import org.postilion.connector.imap.decode.SequenceSet;
import org.postilion.connector.spi.imap.MailboxChanges;
import org.postilion.connector.spi.imap.MailboxSnapshot;
import org.postilion.connector.spi.imap.MessageState;
import org.postilion.connector.spi.imap.SystemFlags;
import org.postilion.connector.spi.imap.UidSet;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The session's view of a mailbox: sequence numbers, sets, and when changes become visible. */
class SelectedMailboxTest {

    private static MessageState m(long uid, long modseq, int flags, String... keywords) {
        return new MessageState(uid, modseq, flags, List.of(keywords));
    }

    /** UIDs 10, 20, 30, 40 at MODSEQ 1..4. */
    private static SelectedMailbox view() {
        return new SelectedMailbox(new MailboxSnapshot(7, "INBOX", 99, 41, 4, List.of(),
                List.of(m(10, 1, 0), m(20, 2, 0), m(30, 3, 0), m(40, 4, 0)), 41), false);
    }

    private static MailboxChanges changes(long highest, List<MessageState> changed, long... vanished) {
        return new MailboxChanges(100, highest, changed, UidSet.of(vanished), List.of());
    }

    @Test
    void resolvesMessageSetsAndRefusesNumbersThatDoNotExist() {
        SelectedMailbox v = view();
        assertArrayEquals(new int[] {2, 3, 4}, v.resolve(SequenceSet.parse("2:*"), false));
        assertArrayEquals(new int[] {1, 4}, v.resolve(SequenceSet.parse("4,1,4"), false));
        assertThrows(IllegalArgumentException.class, () -> v.resolve(SequenceSet.parse("5"), false));
    }

    @Test
    void resolvesUidSetsToTheMessagesThatExistAndStarToTheLast() {
        SelectedMailbox v = view();
        assertArrayEquals(new int[] {2, 3}, v.resolve(SequenceSet.parse("15:35"), true));
        assertArrayEquals(new int[] {4}, v.resolve(SequenceSet.parse("100:*"), true), "n:* names the last message");
        assertArrayEquals(new int[0], v.resolve(SequenceSet.parse("41:99"), true));
        assertArrayEquals(new int[] {1, 3}, v.resolve(SequenceSet.parse("10,30,31"), true));
    }

    @Test
    void resolvesHostileSetsOfManyRepeatedRangesQuickly() {
        List<MessageState> many = new ArrayList<>();
        for (int i = 1; i <= 100_000; i++) {
            many.add(m(i, i, 0));
        }
        SelectedMailbox v = new SelectedMailbox(new MailboxSnapshot(1, "INBOX", 1, 100_001, 100_000, List.of(), many,
                100_001), false);
        String repeated = String.join(",", java.util.Collections.nCopies(SequenceSet.MAX_RANGES, "1:*"));
        long start = System.nanoTime();
        assertEquals(100_000, v.resolve(SequenceSet.parse(repeated), false).length);
        assertEquals(100_000, v.resolve(SequenceSet.parse(repeated), true).length);
        StringBuilder odd = new StringBuilder("1");
        for (int i = 3; i < 200_000 && odd.length() < 600_000; i += 2) {
            odd.append(',').append(i);
        }
        assertEquals(50_000, v.resolve(SequenceSet.parse(odd.toString()), true).length);
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "linear, not quadratic");
    }

    @Test
    void holdsExpungesBackUntilTheyAreAllowedThenRemovesThemHighestFirst() {
        SelectedMailbox v = view();
        SelectedMailbox.Update during = v.apply(changes(6, List.of(), 20, 40), false, false);
        assertTrue(during.expunged().isEmpty());
        assertEquals(4, v.count(), "numbers do not shift during FETCH, STORE or SEARCH");
        assertTrue(v.isExpungePending(20));
        SelectedMailbox.Update after = v.apply(changes(6, List.of()), true, false);
        assertEquals(List.of(40L, 20L), after.expunged());
        assertEquals(List.of(4, 2), after.expungedSeqs(), "each number as the client knows it when it reads it");
        assertEquals(2, v.count());
        assertEquals(30, v.uid(2));
    }

    @Test
    void addsNewMessagesAndReportsFlagChangesButNotModseqAloneWithoutCondstore() {
        SelectedMailbox v = view();
        SelectedMailbox.Update u = v.apply(changes(7, List.of(m(20, 5, SystemFlags.SEEN), m(30, 6, 0), m(50, 7, 0))),
                false, false);
        assertTrue(u.existsChanged());
        assertEquals(5, v.count());
        assertEquals(List.of(2), u.flagsChanged());
        assertEquals(7, v.highestModseq());
        SelectedMailbox w = view();
        assertEquals(List.of(3), w.apply(changes(6, List.of(m(30, 6, 0))), false, true).flagsChanged(),
                "with CONDSTORE a new MODSEQ is news");
    }

    @Test
    void aSupersetOfVanishedRangesExpungesOnlyTheMessagesItHitsWithoutWalkingItsSize() {
        SelectedMailbox v = view();
        // after a prune, "every UID below UIDNEXT that is gone": 1:19, 21:29, 31:4000000000 around 20 and 30
        UidSet superset = UidSet.ofRanges(1, 19, 21, 29, 31, 4_000_000_000L);
        long start = System.nanoTime();
        SelectedMailbox.Update u = v.apply(new MailboxChanges(41, 9, List.of(m(50, 8, 0)), superset, List.of()),
                true, false);
        assertTrue(System.nanoTime() - start < 1_000_000_000L, "by range, not by UID");
        assertEquals(List.of(40L, 10L), u.expunged());
        assertFalse(u.existsChanged(), "UID 50 is in the superset: it came and went");
        assertEquals(2, v.count());
    }

    @Test
    void neverAnnouncesAMessageThatCameAndWentBetweenTwoLooks() {
        SelectedMailbox v = view();
        SelectedMailbox.Update u = v.apply(changes(9, List.of(), 50), true, false);
        assertFalse(u.existsChanged());
        assertTrue(u.expunged().isEmpty());
        assertEquals(4, v.count());
    }

    @Test
    void keepsKeywordsPerMessageAndNoticesNewOnes() {
        SelectedMailbox v = view();
        v.update(m(10, 8, SystemFlags.FLAGGED, "$Label1"));
        assertEquals(List.of("$Label1"), v.state(1).keywords());
        assertEquals(SystemFlags.FLAGGED, v.state(1).systemFlags());
        assertTrue(v.addKeywords(List.of("$Label1")));
        assertFalse(v.addKeywords(List.of("$label1")));
    }

    @Test
    void countsTheRecentMessagesOfItsClaimsThatAreStillInTheView() {
        SelectedMailbox v = view();
        assertEquals(0, v.recentCount());
        assertArrayEquals(new long[0], v.recentUids());
        v.claimedRecent(20, 41);
        assertFalse(v.isRecent(10));
        assertTrue(v.isRecent(20));
        assertTrue(v.isRecent(40));
        assertEquals(3, v.recentCount());
        // another session claimed 41..49; this one gets 50 and 60 later, and a claim it lost is empty
        v.apply(changes(6, List.of(m(45, 5, 0), m(50, 5, 0), m(60, 6, 0))), true, false);
        v.claimedRecent(50, 61);
        v.claimedRecent(61, 61);
        assertFalse(v.isRecent(45));
        assertTrue(v.isRecent(60));
        assertArrayEquals(new long[] {20, 30, 40, 50, 60}, v.recentUids());
        v.remove(30);
        assertEquals(4, v.recentCount());
    }

    @Test
    void announcesRecentWithExistsAndWhenItsCountChanged() {
        SelectedMailbox v = view();
        assertTrue(v.recentDue(true), "with EXISTS, even when 0");
        assertFalse(v.recentDue(false));
        v.claimedRecent(40, 41);
        assertTrue(v.recentDue(false));
        assertFalse(v.recentDue(false));
        v.remove(40);
        assertTrue(v.recentDue(false), "an expunge lowered it");
    }

    @Test
    void growsPastItsFirstCapacity() {
        SelectedMailbox v = new SelectedMailbox(new MailboxSnapshot(1, "INBOX", 1, 1, 1, List.of(), List.of(), 1),
                false);
        List<MessageState> many = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            many.add(m(i, i + 1, 0));
        }
        v.apply(changes(101, many), true, false);
        assertEquals(100, v.count());
        assertEquals(57, v.seq(57));
        assertEquals(57, v.remove(57));
        assertEquals(-1, v.seq(57));
        assertEquals(58, v.uid(57));
    }

    @Test
    void keywordsOnlyEverJoinTheListAsDovecotKeepsThem() {
        SelectedMailbox v = new SelectedMailbox(new MailboxSnapshot(7, "INBOX", 99, 41, 4, List.of("$Forwarded"),
                List.of(m(10, 1, 0, "$Forwarded"), m(20, 2, 0)), 41), false);
        SelectedMailbox.Update nothing = v.apply(new MailboxChanges(41, 4, List.of(), UidSet.EMPTY, List.of()), true,
                false);
        assertTrue(nothing.isEmpty(), "a store lists the keywords of the changed messages only");
        assertEquals(List.of("$Forwarded"), v.keywords());
        SelectedMailbox.Update gone = v.apply(new MailboxChanges(41, 5, List.of(m(10, 5, 0)), UidSet.EMPTY,
                List.of()), true, false);
        assertFalse(gone.keywordsChanged(), "no message has $Forwarded now, but it stays a defined keyword");
        assertEquals(List.of("$Forwarded"), v.keywords());
        SelectedMailbox.Update added = v.apply(new MailboxChanges(41, 6, List.of(m(20, 6, 0, "$forwarded", "Work")),
                UidSet.EMPTY, List.of("$forwarded", "Work")), true, false);
        assertTrue(added.keywordsChanged());
        assertEquals(List.of("$Forwarded", "Work"), v.keywords(), "case-insensitive: $Forwarded kept as first spelled");
    }
}
