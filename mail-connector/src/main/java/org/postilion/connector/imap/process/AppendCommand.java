package org.postilion.connector.imap.process;

import org.postilion.connector.imap.ImapSession;
import org.postilion.connector.imap.ImapState;
import org.postilion.connector.imap.decode.ImapArg;
import org.postilion.connector.imap.decode.ImapRequest;
import org.postilion.connector.imap.decode.Literal;
import org.postilion.connector.imap.decode.SequenceSet;
import org.postilion.connector.imap.encode.DateTimes;
import org.postilion.connector.imap.response.Tagged;
import org.postilion.connector.spi.imap.AppendItem;
import org.postilion.connector.spi.imap.SystemFlags;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * APPEND (RFC 9051 section 6.3.12) with MULTIAPPEND (RFC 3502: several messages, one transaction), flags,
 * an internal date, literal8 (BINARY) and UTF8=ACCEPT's {@code UTF8 (~{n})} (RFC 6855 section 4). Each
 * message reaches the store as the decoder's {@link Literal}, in memory or spooled to a file; the answer
 * carries {@code [APPENDUID validity uids]} (UIDPLUS). The decoder already refused messages over the
 * APPENDLIMIT with {@code NO [TOOBIG]}.
 *
 * <p>LIMITS: at most 1000 messages per MULTIAPPEND; empty messages are refused.
 */
final class AppendCommand implements ImapCommand {

    static final int MAX_MESSAGES = 1000;

    @Override
    public String name() {
        return "APPEND";
    }

    @Override
    public Set<ImapState> states() {
        return ImapState.AUTH;
    }

    @Override
    public CompletionStage<Tagged> handle(ImapSession session, ImapRequest request) {
        List<ImapArg> args = request.args();
        if (args.size() < 2) {
            throw new Args.BadArguments("Missing arguments");
        }
        List<Literal> literals = request.literals();
        int literalIndex = 0;
        if (args.get(0) instanceof ImapArg.Str s && s.literal()) {
            literalIndex++;
        }
        String mailbox = Args.mailbox(session, args.get(0));
        List<AppendItem> items = new ArrayList<>();
        int i = 1;
        while (i < args.size()) {
            int flags = 0;
            List<String> keywords = new ArrayList<>();
            Instant date = null;
            if (Args.isList(args.get(i))) {
                for (ImapArg f : Args.list(args.get(i), "flags")) {
                    String flag = Args.atom(f, "a flag");
                    if (flag.startsWith("\\")) {
                        int bit = SystemFlags.bit(flag);
                        if (bit == 0 && !flag.equalsIgnoreCase("\\Recent")) {
                            throw new Args.BadArguments("Unknown system flag " + flag);
                        }
                        flags |= bit;
                    } else if (keywords.stream().noneMatch(flag::equalsIgnoreCase)) {
                        keywords.add(flag);
                    }
                }
                i++;
            }
            if (i < args.size() && args.get(i) instanceof ImapArg.Str s && !s.literal()) {
                try {
                    date = DateTimes.parse(s.text());
                } catch (IllegalArgumentException e) {
                    throw new Args.BadArguments("Invalid date-time");
                }
                i++;
            }
            if (i < args.size() && Args.isAtom(args.get(i), "UTF8") && i + 1 < args.size()) {
                List<ImapArg> inner = Args.list(args.get(i + 1), "a UTF8 literal");
                if (inner.size() != 1 || !(inner.get(0) instanceof ImapArg.Str s) || !s.literal()) {
                    throw new Args.BadArguments("UTF8 takes one literal8");
                }
                i += 2;
            } else if (i < args.size() && args.get(i) instanceof ImapArg.Str s && s.literal()) {
                i++;
            } else {
                throw new Args.BadArguments("Expected a message literal");
            }
            if (literalIndex >= literals.size()) {
                throw new Args.BadArguments("Expected a message literal");
            }
            Literal content = literals.get(literalIndex++);
            if (content.size() == 0) {
                return CompletableFuture.completedFuture(Tagged.no("Empty messages cannot be appended"));
            }
            items.add(new AppendItem(flags, keywords, date, content));
            if (items.size() > MAX_MESSAGES) {
                return CompletableFuture.completedFuture(Tagged.no("LIMIT", "Too many messages in one APPEND"));
            }
        }
        String user = session.user();
        return session.store(s -> s.append(user, mailbox, items)).thenApply(r -> r.uids().length == 0
                ? Tagged.ok("APPEND completed")
                : Tagged.ok("APPENDUID " + r.uidValidity() + " " + SequenceSet.of(r.uids()), "APPEND completed"));
    }
}
