package org.postilion.connector.imap.process;

import org.postilion.connector.imap.ImapSession;
import org.postilion.connector.imap.SelectedMailbox;
import org.postilion.connector.imap.search.SearchCandidate;
import org.postilion.connector.imap.search.SearchContext;
import org.postilion.connector.imap.search.SearchProgram;
import org.postilion.connector.spi.imap.MessageDescription;
import org.postilion.connector.spi.imap.MessageState;

import java.io.ByteArrayOutputStream;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Runs a search program over the selected mailbox for SEARCH, SORT and THREAD (Dovecot's
 * {@code imap-search.c}): one candidate per message, filled with only what the program needs. Flags come from
 * the session's view; descriptions from the store per batch of {@value #BATCH}; header blocks and contents
 * are read one message at a time and dropped after the match, so memory holds one message at most.
 *
 * <p>LIMITS: content searched up to {@value #CONTENT_LIMIT} octets per message (a larger message is matched
 * on its first octets only).
 */
final class Candidates {

    static final int BATCH = 256;
    static final int CONTENT_LIMIT = 32 * 1024 * 1024;
    private static final int CHUNK = 256 * 1024;

    /** One message as the programs see it. */
    record Candidate(int seq, long uid, MessageState state, MessageDescription description, byte[] header,
                     byte[] content) implements SearchCandidate {
    }

    private final ImapSession session;
    private final SelectedMailbox mailbox;
    private final SearchProgram program;
    private final boolean keepDescriptions;
    private final boolean keepHeaders;
    private final SearchContext context;
    private final String user;
    private final List<Candidate> matched = new ArrayList<>();

    /**
     * @param keepDescriptions whether matched candidates keep their descriptions (SORT, THREAD)
     * @param keepHeaders      whether matched candidates keep their header blocks (THREAD=REFERENCES)
     */
    Candidates(ImapSession session, SearchProgram program, boolean keepDescriptions, boolean keepHeaders) {
        this.session = session;
        this.mailbox = session.selected();
        this.program = program;
        this.keepDescriptions = keepDescriptions || keepHeaders;
        this.keepHeaders = keepHeaders;
        this.user = session.user();
        this.context = new SearchContext(mailbox.count(), mailbox.lastUid(), session.savedResult(), mailbox.recentUids(),
                ZoneOffset.UTC);
    }

    /** The messages that match, ascending. */
    CompletionStage<List<Candidate>> run() {
        return batch(1).thenApply(x -> matched);
    }

    private boolean describe() {
        return keepDescriptions || program.needsDescription() || program.needsHeader() || program.needsBody();
    }

    private CompletionStage<Void> batch(int from) {
        int count = mailbox.count();
        if (from > count || !session.isActive()) {
            return CompletableFuture.completedFuture(null);
        }
        int to = Math.min(count, from + BATCH - 1);
        if (!describe()) {
            for (int seq = from; seq <= to; seq++) {
                match(new Candidate(seq, mailbox.uid(seq), mailbox.state(seq), null, null, null));
            }
            return batch(to + 1);
        }
        long[] uids = new long[to - from + 1];
        for (int seq = from; seq <= to; seq++) {
            uids[seq - from] = mailbox.uid(seq);
        }
        return session.store(s -> s.describe(user, mailbox.mailboxId(), uids)).thenCompose(list -> {
            Map<Long, MessageDescription> byUid = new HashMap<>();
            list.forEach(d -> byUid.put(d.uid(), d));
            return each(from, to, byUid);
        }).thenCompose(x -> batch(to + 1));
    }

    private CompletionStage<Void> each(int seq, int to, Map<Long, MessageDescription> descriptions) {
        while (seq <= to) {
            long uid = mailbox.uid(seq);
            MessageDescription d = descriptions.get(uid);
            MessageState state = mailbox.state(seq);
            int current = seq++;
            if (d == null) {
                // expunged meanwhile: it matches nothing
                continue;
            }
            if (!program.needsHeader() && !program.needsBody() && !keepHeaders) {
                match(new Candidate(current, uid, state, d, null, null));
                continue;
            }
            int next = seq;
            long length = program.needsBody() ? Math.min(d.size(), CONTENT_LIMIT) : d.headerSize();
            return read(uid, length).thenCompose(bytes -> {
                byte[] header = bytes.length > d.headerSize() ? java.util.Arrays.copyOf(bytes, (int) d.headerSize())
                        : bytes;
                match(new Candidate(current, uid, state, d, header, program.needsBody() ? bytes : null));
                return each(next, to, descriptions);
            });
        }
        return CompletableFuture.completedFuture(null);
    }

    private void match(Candidate c) {
        if (program.matches(c, context)) {
            matched.add(new Candidate(c.seq(), c.uid(), c.state(), keepDescriptions ? c.description() : null,
                    keepHeaders ? c.header() : null, null));
        }
    }

    private CompletionStage<byte[]> read(long uid, long length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(length, 64 * 1024));
        return readInto(out, uid, 0, length).thenApply(x -> out.toByteArray());
    }

    private CompletionStage<Void> readInto(ByteArrayOutputStream out, long uid, long offset, long length) {
        if (length <= 0) {
            return CompletableFuture.completedFuture(null);
        }
        int n = (int) Math.min(CHUNK, length);
        return session.store(s -> s.read(user, mailbox.mailboxId(), uid, offset, n)).handle((bytes, e) -> {
            if (e != null || bytes.length == 0) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            int take = (int) Math.min(bytes.length, length);
            out.write(bytes, 0, take);
            return readInto(out, uid, offset + take, length - take);
        }).thenCompose(s -> s);
    }
}
