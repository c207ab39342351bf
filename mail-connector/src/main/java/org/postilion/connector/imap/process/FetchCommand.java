package org.postilion.connector.imap.process;

import io.netty.buffer.Unpooled;
import org.postilion.connector.imap.ImapSession;
import org.postilion.connector.imap.ImapState;
import org.postilion.connector.imap.SelectedMailbox;
import org.postilion.connector.imap.decode.ImapRequest;
import org.postilion.connector.imap.decode.SequenceSet;
import org.postilion.connector.imap.encode.DateTimes;
import org.postilion.connector.imap.encode.HeaderFields;
import org.postilion.connector.imap.encode.TransferDecoding;
import org.postilion.connector.imap.request.FetchItem;
import org.postilion.connector.imap.request.FetchRequest;
import org.postilion.connector.imap.response.Tagged;
import org.postilion.connector.spi.imap.FlagChange;
import org.postilion.connector.spi.imap.MailboxException;
import org.postilion.connector.spi.imap.MessageDescription;
import org.postilion.connector.spi.imap.MessageState;
import org.postilion.connector.spi.imap.MimePart;
import org.postilion.connector.spi.imap.SystemFlags;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;

/**
 * FETCH and UID FETCH (RFC 9051 section 6.4.5, RFC 7162 CHANGEDSINCE and VANISHED, RFC 3516 BINARY).
 *
 * <p>Where each item comes from: FLAGS, UID and MODSEQ from the session's view; ENVELOPE, BODY,
 * BODYSTRUCTURE, RFC822.SIZE and INTERNALDATE from what the store described at delivery
 * ({@code describe}, one call per batch of {@value #BATCH} messages); body sections from the content, read
 * with {@code read} in pieces of at most {@value #CHUNK} octets from the offsets the description gives, so
 * that {@code BODY[]<0.10024>} reads 10024 octets and {@code BODY.PEEK[HEADER.FIELDS (...)]} only the
 * header. Output is streamed: each piece is written, and the next read waits until the connection takes
 * more (Netty's writability), so a 50 MB message is never on the heap at once; nor is a long FLAGS listing.
 *
 * <p>A non-PEEK body item sets {@code \Seen} (through the store, per batch, unless the mailbox was EXAMINEd)
 * and the response then carries FLAGS. Expunges are never announced during FETCH; a message the store no
 * longer has is left out and the answer is {@code NO [EXPUNGEISSUED]}.
 *
 * <p>LIMITS: header blocks filtered by HEADER.FIELDS are read up to {@value #HEADER_LIMIT} octets; BINARY
 * decodes parts of up to {@value #BINARY_LIMIT} octets in memory (larger: {@code NO [LIMIT]}); a part of an
 * encoding it cannot undo is {@code NO [UNKNOWN-CTE]}, both checked before the message's response begins.
 */
final class FetchCommand implements ImapCommand {

    private static final Logger LOG = Logger.getLogger(FetchCommand.class.getName());

    static final int BATCH = 256;
    static final int CHUNK = 256 * 1024;
    static final int HEADER_LIMIT = 1024 * 1024;
    static final int BINARY_LIMIT = 16 * 1024 * 1024;

    private final boolean uid;

    FetchCommand(boolean uid) {
        this.uid = uid;
    }

    @Override
    public String name() {
        return uid ? "UID FETCH" : "FETCH";
    }

    @Override
    public Set<ImapState> states() {
        return ImapState.SELECT;
    }

    @Override
    public boolean expungeAllowed() {
        return uid;
    }

    @Override
    public CompletionStage<Tagged> handle(ImapSession session, ImapRequest request) {
        FetchRequest req = FetchRequest.parse(request.args());
        if (req.vanished() && (!uid || !session.qresync())) {
            throw new Args.BadArguments("VANISHED needs UID FETCH and QRESYNC enabled");
        }
        if (req.changedSince() >= 0) {
            session.enable(ImapSession.Extension.CONDSTORE);
        }
        SelectedMailbox mailbox = session.selected();
        int[] seqs = resolve(session, mailbox, req.set(), uid);
        List<FetchItem> items = new ArrayList<>(req.items());
        if (uid && items.stream().noneMatch(i -> i instanceof FetchItem.Simple s && s.kind() == FetchItem.Kind.UID)) {
            items.add(0, new FetchItem.Simple(FetchItem.Kind.UID));
        }
        boolean wantsFlags = items.stream().anyMatch(i -> i instanceof FetchItem.Simple s
                && s.kind() == FetchItem.Kind.FLAGS);
        // RFC 7162 section 3.1.4.1: with CONDSTORE on, FLAGS come with their MODSEQ
        if ((req.changedSince() >= 0 || (session.condstore() && wantsFlags)) && items.stream()
                .noneMatch(i -> i instanceof FetchItem.Simple s && s.kind() == FetchItem.Kind.MODSEQ)) {
            items.add(new FetchItem.Simple(FetchItem.Kind.MODSEQ));
        }
        if (req.changedSince() >= 0) {
            seqs = Arrays.stream(seqs).filter(s -> mailbox.state(s).modseq() > req.changedSince()).toArray();
        }
        Run run = new Run(session, mailbox, items, seqs);
        CompletionStage<Void> first = CompletableFuture.completedFuture(null);
        if (req.vanished()) {
            String user = session.user();
            long star = Math.max(mailbox.lastUid(), mailbox.uidNext() - 1);
            first = session.store(s -> s.changes(user, mailbox.mailboxId(), req.changedSince())).thenAccept(c -> {
                String gone = VanishedEarlier.response(c.vanished(), req.set(), star);
                if (gone != null) {
                    session.untagged(gone);
                }
            });
        }
        return first.thenCompose(x -> run.batch(0)).thenApply(x -> {
            if (run.refusal != null) {
                return Tagged.no(run.refusal, run.refusal.equals("LIMIT") ? "Part too large to decode"
                        : "Unknown Content-Transfer-Encoding");
            }
            return run.expungeIssued ? Tagged.no("EXPUNGEISSUED", "Some messages were expunged meanwhile")
                    : Tagged.ok(name() + " completed");
        });
    }

    /** The sequence numbers of a set ({@code $} is the saved result, UIDs); a bad number is BAD. */
    static int[] resolve(ImapSession session, SelectedMailbox mailbox, SequenceSet set, boolean byUid) {
        try {
            if (set.isSaved()) {
                long[] saved = session.savedResult();
                return saved.length == 0 ? new int[0] : mailbox.resolve(SequenceSet.of(saved), true);
            }
            return mailbox.resolve(set, byUid);
        } catch (IllegalArgumentException e) {
            throw new Args.BadArguments(e.getMessage());
        }
    }

    /** One FETCH in progress. */
    private static final class Run {
        private final ImapSession session;
        private final SelectedMailbox mailbox;
        private final List<FetchItem> items;
        private final int[] seqs;
        private final boolean describe;
        private final boolean readsHeaders;
        private final boolean setsSeen;
        private final String user;
        private final Set<Long> seenAdded = new HashSet<>();
        private final StringBuilder text = new StringBuilder();
        private boolean expungeIssued;
        private String refusal;
        /** The header blocks of the batch's messages, when its items read headers (else empty). */
        private Map<Long, byte[]> headers = Map.of();
        /** The content of the current message's small sections, read before its response ({@link #preread}). */
        private final Map<FetchItem.Section, byte[]> prefetched = new IdentityHashMap<>();

        Run(ImapSession session, SelectedMailbox mailbox, List<FetchItem> items, int[] seqs) {
            this.session = session;
            this.mailbox = mailbox;
            this.items = items;
            this.seqs = seqs;
            this.user = session.user();
            this.describe = items.stream().anyMatch(i -> i instanceof FetchItem.Section
                    || (i instanceof FetchItem.Simple s && s.kind() != FetchItem.Kind.FLAGS
                    && s.kind() != FetchItem.Kind.UID && s.kind() != FetchItem.Kind.MODSEQ));
            // the message list's question (BODY.PEEK[HEADER.FIELDS (...)] of a window): headers asked per batch
            this.readsHeaders = items.stream().anyMatch(i -> i instanceof FetchItem.Section s && s.part().isEmpty()
                    && !s.binary() && (s.text() == FetchItem.Text.HEADER || s.text() == FetchItem.Text.HEADER_FIELDS
                    || s.text() == FetchItem.Text.HEADER_FIELDS_NOT));
            this.setsSeen = !mailbox.readOnly()
                    && items.stream().anyMatch(i -> i instanceof FetchItem.Section s && s.setsSeen());
        }

        CompletionStage<Void> batch(int from) {
            if (from >= seqs.length || !session.isActive()) {
                return CompletableFuture.completedFuture(null);
            }
            int to = Math.min(from + BATCH, seqs.length);
            long[] uids = new long[to - from];
            for (int i = from; i < to; i++) {
                uids[i - from] = mailbox.uid(seqs[i]);
            }
            CompletionStage<Map<Long, MessageDescription>> descriptions = describe
                    ? session.store(s -> s.describe(user, mailbox.mailboxId(), uids)).thenApply(list -> {
                        Map<Long, MessageDescription> m = new HashMap<>();
                        list.forEach(d -> m.put(d.uid(), d));
                        return m;
                    })
                    : CompletableFuture.completedFuture(Map.of());
            CompletionStage<Map<Long, byte[]>> heads = readsHeaders
                    ? session.store(s -> s.readHeaders(user, mailbox.mailboxId(), uids))
                    : CompletableFuture.completedFuture(Map.of());
            return descriptions.thenCombine(heads, (d, h) -> {
                headers = h;
                return d;
            }).thenCompose(d -> markSeen(uids).thenCompose(x -> write(from, to, d, from)))
                    .thenCompose(x -> session.whenWritable())
                    .thenCompose(x -> batch(to));
        }

        private CompletionStage<Void> markSeen(long[] uids) {
            if (!setsSeen) {
                return CompletableFuture.completedFuture(null);
            }
            List<Long> unseen = new ArrayList<>();
            for (long u : uids) {
                int s = mailbox.seq(u);
                if (s > 0 && !mailbox.state(s).has(SystemFlags.SEEN)) {
                    unseen.add(u);
                }
            }
            if (unseen.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            long[] target = unseen.stream().mapToLong(Long::longValue).toArray();
            return session.store(s -> s.store(user, mailbox.mailboxId(), target,
                    new FlagChange(FlagChange.Mode.ADD, SystemFlags.SEEN, List.of()), 0)).thenAccept(r -> {
                        for (MessageState m : r.updated()) {
                            mailbox.update(m);
                            seenAdded.add(m.uid());
                        }
                    });
        }

        private CompletionStage<Void> write(int from, int to, Map<Long, MessageDescription> d, int i) {
            while (i < to) {
                CompletionStage<Void> s = message(seqs[i], d);
                i++;
                if (s == null) {
                    continue;
                }
                CompletableFuture<Void> f = s.toCompletableFuture();
                if (!f.isDone() || f.isCompletedExceptionally()) {
                    int next = i;
                    return s.thenCompose(x -> write(from, to, d, next));
                }
            }
            flushText();
            return CompletableFuture.completedFuture(null);
        }

        /** Writes the text responses gathered so far as one buffer. */
        private void flushText() {
            if (!text.isEmpty()) {
                session.write(text.toString());
                text.setLength(0);
            }
        }

        /** Writes one message's response; null when it is done already (no content to read). */
        private CompletionStage<Void> message(int seq, Map<Long, MessageDescription> descriptions) {
            MessageState state = mailbox.state(seq);
            MessageDescription d = descriptions.get(state.uid());
            if (describe && d == null) {
                expungeIssued = true;
                return null;
            }
            String refusal = d == null ? null : binaryRefusal(d);
            if (refusal != null) {
                // checked before a byte of the response: the message is left out and the command answers NO
                this.refusal = refusal;
                return null;
            }
            List<Object> pieces = new ArrayList<>();
            StringBuilder sb = new StringBuilder(128).append("* ").append(seq).append(" FETCH (");
            boolean first = true;
            boolean flags = false;
            for (FetchItem item : items) {
                if (!first) {
                    sb.append(' ');
                }
                first = false;
                if (item instanceof FetchItem.Simple s) {
                    switch (s.kind()) {
                        case FLAGS -> {
                            flags = true;
                            sb.append("FLAGS ").append(ImapSession.flagList(state.systemFlags(),
                                    mailbox.isRecent(state.uid()), state.keywords()));
                        }
                        case UID -> sb.append("UID ").append(state.uid());
                        case MODSEQ -> sb.append("MODSEQ (").append(state.modseq()).append(')');
                        case INTERNALDATE -> sb.append("INTERNALDATE ").append(DateTimes.format(d.internalDate()));
                        case RFC822_SIZE -> sb.append("RFC822.SIZE ").append(d.size());
                        case ENVELOPE -> sb.append("ENVELOPE ").append(d.envelope());
                        case BODY -> sb.append("BODY ").append(d.body());
                        case BODYSTRUCTURE -> sb.append("BODYSTRUCTURE ").append(d.bodyStructure());
                        default -> throw new IllegalStateException();
                    }
                } else {
                    FetchItem.Section s = (FetchItem.Section) item;
                    sb.append(s.responseName());
                    if (s.offset() >= 0) {
                        sb.append('<').append(s.offset()).append('>');
                    }
                    sb.append(' ');
                    pieces.add(sb.toString());
                    sb = new StringBuilder();
                    pieces.add(s);
                }
            }
            if (seenAdded.contains(state.uid()) && !flags) {
                sb.append(" FLAGS ").append(ImapSession.flagList(state.systemFlags(), mailbox.isRecent(state.uid()),
                        state.keywords()));
            }
            sb.append(")\r\n");
            if (pieces.isEmpty()) {
                // the common case (FLAGS, UID, ENVELOPE ...): gathered and written per batch, no stage at all
                text.append(sb);
                return null;
            }
            pieces.add(sb.toString());
            long uid = state.uid();
            return preread(pieces, uid, d).thenCompose(present -> {
                if (!present) {
                    expungeIssued = true; // nothing of it written: left out, as if described as gone
                    return CompletableFuture.<Void>completedFuture(null);
                }
                flushText();
                return writePieces(pieces, 0, uid, d);
            });
        }

        private CompletionStage<Void> writePieces(List<Object> pieces, int i, long uid, MessageDescription d) {
            while (i < pieces.size()) {
                Object p = pieces.get(i++);
                if (p instanceof String text) {
                    session.write(text);
                    continue;
                }
                int next = i;
                return section((FetchItem.Section) p, uid, d).handle((x, e) -> {
                    if (e != null) {
                        // the response is cut in the middle: the client cannot read on
                        LOG.warning(() -> "FETCH of UID " + uid + " for " + user + " failed mid-response: " + e);
                        session.closeNow();
                        throw new IllegalStateException("FETCH aborted", e);
                    }
                    return x;
                }).thenCompose(x -> writePieces(pieces, next, uid, d));
            }
            return CompletableFuture.completedFuture(null);
        }

        /** Why a BINARY item of this message cannot be answered (RFC 3516 section 4.2), or null. */
        private String binaryRefusal(MessageDescription d) {
            for (FetchItem item : items) {
                if (item instanceof FetchItem.Section s && s.binary() && !s.part().isEmpty()) {
                    MimePart part = part(d, s.part());
                    if (part != null && !TransferDecoding.isKnown(part.transferEncoding())) {
                        return "UNKNOWN-CTE";
                    }
                    if (part != null && part.bodyEnd() - part.bodyStart() > BINARY_LIMIT) {
                        return "LIMIT";
                    }
                } else if (item instanceof FetchItem.Section s && s.binary() && d.size() > BINARY_LIMIT) {
                    return "LIMIT";
                }
            }
            return null;
        }

        /**
         * The content octets a section needs: {@code [start, start + length)}; {@code whole} when the section's
         * answer is made from them all at once (BINARY decoding, HEADER.FIELDS filtering) rather than streamed.
         * Null when the section has no content (a part that does not exist).
         */
        private record Read(long start, long length, boolean whole) {
        }

        private static Read plan(FetchItem.Section s, MessageDescription d) {
            long[] range = range(s, d);
            if (range == null) {
                return null;
            }
            long start = range[0];
            long end = range[1];
            if (s.binary()) {
                return new Read(start, end - start, true);
            }
            if (s.text() == FetchItem.Text.HEADER_FIELDS || s.text() == FetchItem.Text.HEADER_FIELDS_NOT) {
                return new Read(start, Math.min(end - start, HEADER_LIMIT), true);
            }
            long length = end - start;
            if (s.offset() >= 0) {
                long o = Math.min(s.offset(), length);
                start += o;
                length = Math.min(length - o, s.length());
            }
            return new Read(start, length, false);
        }

        /**
         * Reads, before a byte of the message's response is written, the content of its sections that fit in one
         * piece ({@value #CHUNK} octets; larger ones are streamed as the connection takes them). So a message
         * expunged by another session meanwhile is left out cleanly (false) instead of cutting a response in the
         * middle; only a large body that goes away while it streams still ends the connection.
         */
        private CompletionStage<Boolean> preread(List<Object> pieces, long uid, MessageDescription d) {
            prefetched.clear();
            CompletionStage<Boolean> all = CompletableFuture.completedFuture(true);
            for (Object p : pieces) {
                if (!(p instanceof FetchItem.Section s)) {
                    continue;
                }
                Read r = plan(s, d);
                if (r == null || r.length() > CHUNK || cached(uid, r) != null) {
                    continue;
                }
                all = all.thenCompose(ok -> !ok ? CompletableFuture.completedFuture(false)
                        : readFully(uid, r.start(), (int) r.length()).handle((bytes, e) -> {
                            if (e == null) {
                                prefetched.put(s, bytes);
                                return true;
                            }
                            Throwable cause = e instanceof CompletionException && e.getCause() != null
                                    ? e.getCause() : e;
                            if (cause instanceof MailboxException m && m.code() == MailboxException.Code.EXPUNGEISSUED) {
                                return false;
                            }
                            throw e instanceof CompletionException c ? c : new CompletionException(e);
                        }));
            }
            return all;
        }

        /** The octets of a read from the batch's header blocks, or null when they do not cover it. */
        private byte[] cached(long uid, Read r) {
            byte[] header = headers.get(uid);
            if (header == null || r.start() < 0 || r.start() + r.length() > header.length) {
                return null;
            }
            return Arrays.copyOfRange(header, (int) r.start(), (int) (r.start() + r.length()));
        }

        /** The literal of one section. */
        private CompletionStage<Void> section(FetchItem.Section s, long uid, MessageDescription d) {
            Read r = plan(s, d);
            if (r == null) {
                session.write(s.size() ? "0" : "\"\"");
                return CompletableFuture.completedFuture(null);
            }
            byte[] known = prefetched.get(s);
            if (known == null) {
                known = cached(uid, r);
            }
            CompletionStage<byte[]> content = known != null ? CompletableFuture.completedFuture(known)
                    : r.whole() ? readFully(uid, r.start(), (int) r.length()) : null;
            if (s.binary()) {
                MimePart part = s.part().isEmpty() ? null : part(d, s.part());
                String cte = part == null ? "binary" : part.transferEncoding();
                return content.thenAccept(raw -> {
                    byte[] decoded = TransferDecoding.decode(cte, raw);
                    if (s.size()) {
                        session.write(Long.toString(decoded.length));
                    } else {
                        writeBytes(partial(decoded, s), true);
                    }
                });
            }
            if (s.text() == FetchItem.Text.HEADER_FIELDS || s.text() == FetchItem.Text.HEADER_FIELDS_NOT) {
                return content.thenAccept(header -> writeBytes(partial(
                        HeaderFields.filter(header, s.fields(), s.text() == FetchItem.Text.HEADER_FIELDS_NOT), s),
                        false));
            }
            session.write("{" + r.length() + "}\r\n");
            if (content != null) {
                return content.thenAccept(bytes -> session.write(Unpooled.wrappedBuffer(bytes)));
            }
            return stream(uid, r.start(), r.length());
        }

        private void writeBytes(byte[] bytes, boolean binary) {
            boolean nul = false;
            if (binary) {
                for (byte b : bytes) {
                    if (b == 0) {
                        nul = true;
                        break;
                    }
                }
            }
            session.write((nul ? "~{" : "{") + bytes.length + "}\r\n");
            session.write(Unpooled.wrappedBuffer(bytes));
        }

        private static byte[] partial(byte[] bytes, FetchItem.Section s) {
            if (s.offset() < 0) {
                return bytes;
            }
            int from = (int) Math.min(s.offset(), bytes.length);
            int to = (int) Math.min(bytes.length, from + s.length());
            byte[] out = new byte[to - from];
            System.arraycopy(bytes, from, out, 0, out.length);
            return out;
        }

        /** Streams {@code length} octets from {@code offset}, a piece at a time, as the connection takes them. */
        private CompletionStage<Void> stream(long uid, long offset, long length) {
            if (length == 0) {
                return CompletableFuture.completedFuture(null);
            }
            int n = (int) Math.min(CHUNK, length);
            return session.store(s -> s.read(user, mailbox.mailboxId(), uid, offset, n)).thenCompose(bytes -> {
                if (bytes.length == 0) {
                    throw new IllegalStateException("message content shorter than its description");
                }
                int take = (int) Math.min(bytes.length, length);
                session.write(Unpooled.wrappedBuffer(bytes, 0, take));
                return session.whenWritable().thenCompose(x -> stream(uid, offset + take, length - take));
            });
        }

        private CompletionStage<byte[]> readFully(long uid, long offset, int length) {
            byte[] header = headers.get(uid);
            if (header != null && offset >= 0 && offset + length <= header.length) {
                return CompletableFuture.completedFuture(Arrays.copyOfRange(header, (int) offset, (int) offset + length));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(length, 64 * 1024));
            return readInto(out, uid, offset, length).thenApply(x -> out.toByteArray());
        }

        private CompletionStage<Void> readInto(ByteArrayOutputStream out, long uid, long offset, long length) {
            if (length <= 0) {
                return CompletableFuture.completedFuture(null);
            }
            int n = (int) Math.min(CHUNK, length);
            return session.store(s -> s.read(user, mailbox.mailboxId(), uid, offset, n)).thenCompose(bytes -> {
                if (bytes.length == 0) {
                    return CompletableFuture.completedFuture(null);
                }
                int take = (int) Math.min(bytes.length, length);
                out.write(bytes, 0, take);
                return readInto(out, uid, offset + take, length - take);
            });
        }

        /** The octets a section spans, or null when the message has no such part. */
        static long[] range(FetchItem.Section s, MessageDescription d) {
            if (s.part().isEmpty()) {
                return switch (s.text()) {
                    case ALL -> new long[] {0, d.size()};
                    case HEADER, HEADER_FIELDS, HEADER_FIELDS_NOT -> new long[] {0, d.headerSize()};
                    case TEXT -> new long[] {d.headerSize(), d.size()};
                    case MIME -> null;
                };
            }
            MimePart p = part(d, s.part());
            if (p == null) {
                return null;
            }
            return switch (s.text()) {
                case ALL -> new long[] {p.bodyStart(), p.bodyEnd()};
                case MIME -> new long[] {p.headerStart(), p.bodyStart()};
                case HEADER, HEADER_FIELDS, HEADER_FIELDS_NOT -> p.isMessage() && p.innerBodyStart() >= 0
                        ? new long[] {p.bodyStart(), p.innerBodyStart()} : null;
                case TEXT -> p.isMessage() && p.innerBodyStart() >= 0
                        ? new long[] {p.innerBodyStart(), p.bodyEnd()} : null;
            };
        }

        /**
         * The part of a section number; {@code 1} of a message that is not multipart is its body (RFC 9051
         * section 6.4.5: "every message has at least one part number").
         */
        static MimePart part(MessageDescription d, String section) {
            for (MimePart p : d.parts()) {
                if (p.section().equals(section)) {
                    return p;
                }
            }
            if (section.equals("1") && !d.parts().isEmpty() && !d.parts().get(0).isMultipart()) {
                return d.parts().get(0);
            }
            return null;
        }
    }
}
