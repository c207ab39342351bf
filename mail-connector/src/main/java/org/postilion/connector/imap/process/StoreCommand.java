package org.postilion.connector.imap.process;

import org.postilion.connector.imap.ImapSession;
import org.postilion.connector.imap.ImapState;
import org.postilion.connector.imap.SelectedMailbox;
import org.postilion.connector.imap.decode.ImapArg;
import org.postilion.connector.imap.decode.ImapRequest;
import org.postilion.connector.imap.decode.SequenceSet;
import org.postilion.connector.imap.response.Tagged;
import org.postilion.connector.spi.imap.FlagChange;
import org.postilion.connector.spi.imap.MessageState;
import org.postilion.connector.spi.imap.SystemFlags;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * STORE and UID STORE (RFC 9051 section 6.4.6) with {@code (UNCHANGEDSINCE n)} (RFC 7162 section 3.1.3):
 * {@code FLAGS}, {@code +FLAGS}, {@code -FLAGS}, each with {@code .SILENT}. The answer is a FETCH of the new
 * flags of every message named (not with .SILENT, where only MODSEQ is reported under CONDSTORE), UID
 * included for UID STORE; messages left alone because of UNCHANGEDSINCE are listed in
 * {@code OK [MODIFIED set]}. {@code \Recent} is ignored, other unknown system flags are BAD.
 *
 * <p>LIMITS: keywords are atoms of at most 100 characters; at most 100 flags per STORE.
 */
final class StoreCommand implements ImapCommand {

    private final boolean uid;

    StoreCommand(boolean uid) {
        this.uid = uid;
    }

    @Override
    public String name() {
        return uid ? "UID STORE" : "STORE";
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
        List<ImapArg> args = request.args();
        if (args.size() < 3) {
            throw new Args.BadArguments("Missing arguments");
        }
        SequenceSet set = Args.sequenceSet(args.get(0));
        int i = 1;
        long unchangedSince = 0;
        if (Args.isList(args.get(1))) {
            List<ImapArg> mods = Args.list(args.get(1), "store modifiers");
            if (mods.size() != 2 || !Args.isAtom(mods.get(0), "UNCHANGEDSINCE")) {
                throw new Args.BadArguments("Unknown store modifier");
            }
            unchangedSince = Args.number(mods.get(1), "UNCHANGEDSINCE");
            // UNCHANGEDSINCE 0 always fails; the store's 0 means none, so ask for the impossible explicitly
            session.enable(ImapSession.Extension.CONDSTORE);
            i++;
        }
        if (args.size() < i + 2) {
            throw new Args.BadArguments("Missing arguments");
        }
        String item = Args.upper(Args.atom(args.get(i), "a store item"));
        boolean silent = item.endsWith(".SILENT");
        String base = silent ? item.substring(0, item.length() - 7) : item;
        FlagChange.Mode mode = switch (base) {
            case "FLAGS" -> FlagChange.Mode.REPLACE;
            case "+FLAGS" -> FlagChange.Mode.ADD;
            case "-FLAGS" -> FlagChange.Mode.REMOVE;
            default -> throw new Args.BadArguments("Unknown store item " + item);
        };
        List<ImapArg> flagArgs = args.size() == i + 2 && Args.isList(args.get(i + 1))
                ? Args.list(args.get(i + 1), "flags") : args.subList(i + 1, args.size());
        if (flagArgs.size() > 100) {
            throw new Args.BadArguments("Too many flags");
        }
        int system = 0;
        List<String> keywords = new ArrayList<>();
        for (ImapArg f : flagArgs) {
            String flag = Args.atom(f, "a flag");
            if (flag.startsWith("\\")) {
                int bit = SystemFlags.bit(flag);
                if (bit == 0 && !flag.equalsIgnoreCase("\\Recent")) {
                    throw new Args.BadArguments("Unknown system flag " + flag);
                }
                system |= bit;
            } else {
                if (flag.length() > 100 || flag.contains("[") || flag.contains("]") || flag.contains("%")
                        || flag.contains("*")) {
                    throw new Args.BadArguments("Invalid keyword");
                }
                if (keywords.stream().noneMatch(flag::equalsIgnoreCase)) {
                    keywords.add(flag);
                }
            }
        }
        SelectedMailbox mailbox = session.selected();
        if (mailbox.readOnly()) {
            return CompletableFuture.completedFuture(Tagged.no("READ-ONLY", "Mailbox is read-only"));
        }
        int[] seqs = FetchCommand.resolve(session, mailbox, set, uid);
        if (seqs.length == 0) {
            return CompletableFuture.completedFuture(Tagged.ok(name() + " completed"));
        }
        long[] uids = Arrays.stream(seqs).mapToLong(mailbox::uid).toArray();
        FlagChange change = new FlagChange(mode, system, keywords);
        String user = session.user();
        long since = unchangedSince;
        if (unchangedSince == 0 && Args.isList(args.get(1))) {
            // RFC 7162: UNCHANGEDSINCE 0 fails for every message that has a MODSEQ, which is all of them
            return CompletableFuture.completedFuture(Tagged.ok("MODIFIED " + (uid ? SequenceSet.of(uids)
                    : SequenceSet.of(Arrays.stream(seqs).asLongStream().toArray())), "Conditional STORE failed"));
        }
        return session.store(s -> s.store(user, mailbox.mailboxId(), uids, change, since)).thenApply(result -> {
            Map<Long, MessageState> updated = new HashMap<>();
            for (MessageState m : result.updated()) {
                mailbox.update(m);
                updated.put(m.uid(), m);
            }
            if (!keywords.isEmpty() && mailbox.addKeywords(keywords)) {
                session.untagged("FLAGS " + MailboxSync.flags(mailbox));
                session.untagged("OK [PERMANENTFLAGS " + MailboxSync.permanentFlags(mailbox) + "] Flags permitted");
            }
            Set<Long> modified = new java.util.HashSet<>();
            for (long m : result.modified()) {
                modified.add(m);
            }
            for (int seq : seqs) {
                long u = mailbox.uid(seq);
                if (modified.contains(u) || mailbox.seq(u) != seq) {
                    continue;
                }
                MessageState st = mailbox.state(seq);
                if (silent) {
                    if (session.condstore() && updated.containsKey(u)) {
                        session.untagged(seq + " FETCH (" + (uid ? "UID " + u + " " : "") + "MODSEQ (" + st.modseq() + "))");
                    }
                    continue;
                }
                StringBuilder sb = new StringBuilder().append(seq).append(" FETCH (");
                if (uid) {
                    sb.append("UID ").append(u).append(' ');
                }
                sb.append("FLAGS ").append(org.postilion.connector.imap.ImapSession.flagList(st.systemFlags(),
                        mailbox.isRecent(u), st.keywords()));
                if (session.condstore()) {
                    sb.append(" MODSEQ (").append(st.modseq()).append(')');
                }
                session.untagged(sb.append(')').toString());
            }
            if (result.modified().length > 0) {
                long[] numbers = uid ? result.modified().clone()
                        : Arrays.stream(result.modified()).map(u -> mailbox.seq(u)).filter(s -> s > 0).toArray();
                Arrays.sort(numbers);
                return Tagged.ok("MODIFIED " + SequenceSet.of(numbers), "Conditional STORE failed for some messages");
            }
            return Tagged.ok(name() + " completed");
        });
    }
}
