package org.postilion.connector.smtp.command;

import org.postilion.connector.smtp.SmtpReplies;
import org.postilion.connector.smtp.SmtpReply;
import org.postilion.connector.smtp.SmtpSession;
import org.postilion.connector.smtp.SmtpTransaction;

import java.util.Locale;

/**
 * BDAT (RFC 3030, CHUNKING): {@code BDAT <chunk-size> [LAST]} is followed at once by exactly chunk-size octets
 * of message data, without dot-stuffing, and answered only after them. Unlike other commands its reply depends
 * on bytes that follow it, so the connection reads the chunk itself and calls {@link #afterChunk} with the
 * state decided here by {@link #begin}.
 *
 * <p>A BDAT whose size cannot be read leaves the connection unable to tell data from commands: it is answered
 * and the connection closed. A chunk for a transaction that cannot take it (no MAIL, no recipient) is read and
 * thrown away, then refused.
 */
public final class BdatHandler {

    /** The largest chunk-size accepted in one BDAT, whatever the message size limit (a 64-bit count). */
    private static final int MAX_SIZE_DIGITS = 18;

    /**
     * What to do with the chunk that follows a BDAT line.
     *
     * @param size   octets to read
     * @param last   whether it ends the message
     * @param refusal the reply to give after reading the chunk, for a chunk thrown away; null when it is kept
     */
    public record Chunk(long size, boolean last, SmtpReply refusal) {
    }

    private BdatHandler() {
    }

    /**
     * Decides what to do with the chunk announced by {@code BDAT argument}; null when the argument cannot be read
     * (the caller answers {@link SmtpReplies#BDAT_SYNTAX} and closes).
     */
    public static Chunk begin(SmtpSession session, String argument) {
        String[] parts = argument.strip().split(" +");
        if (parts.length == 0 || parts.length > 2 || !parts[0].matches("[0-9]{1," + MAX_SIZE_DIGITS + "}")
                || (parts.length == 2 && !parts[1].toUpperCase(Locale.ROOT).equals("LAST"))) {
            return null;
        }
        long size = Long.parseLong(parts[0]);
        boolean last = parts.length == 2;
        SmtpTransaction transaction = session.transaction();
        if (transaction == null) {
            return new Chunk(size, last, SmtpReplies.NEED_MAIL);
        }
        if (transaction.dataMode() == SmtpTransaction.DataMode.DATA) {
            return new Chunk(size, last, SmtpReplies.NESTED_MAIL);
        }
        if (transaction.recipients().isEmpty()) {
            return new Chunk(size, last, SmtpReplies.NEED_RCPT);
        }
        transaction.dataMode(SmtpTransaction.DataMode.BDAT);
        return new Chunk(size, last, null);
    }

    /** The reply to a kept chunk that is not the last: how many octets arrived. */
    public static SmtpReply afterChunk(Chunk chunk) {
        return chunk.refusal() != null ? chunk.refusal() : SmtpReplies.chunkReceived(chunk.size());
    }
}
