package org.postilion.connector.smtp;

import io.netty.buffer.ByteBuf;
import org.postilion.connector.spi.Envelope;
import org.postilion.connector.spi.IntakeVerdict;
import org.postilion.connector.spi.MessageContent;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What happens when the message data ended: refuse what broke a limit or the line-end rule, otherwise give the
 * message with its {@code Received:} header to the intake and answer with its queue id once it is durable.
 * The transaction ends here whatever the outcome (RFC 5321 section 4.1.1.4).
 */
public final class EndOfData {

    private static final Logger LOG = Logger.getLogger(EndOfData.class.getName());

    private EndOfData() {
    }

    /**
     * @param data    the decoded data; owned by the caller, which may release it once the stage completed
     * @param decoder the decoder that read it, for its size and line-end findings
     */
    public static CompletionStage<SmtpReply> complete(SmtpSession session, ByteBuf data, DataDecoder decoder) {
        SmtpTransaction transaction = session.transaction();
        session.reset();
        if (decoder.sizeExceeded()) {
            LOG.info(() -> "reject: client=" + session.clientAddress() + " message of " + decoder.size()
                    + " octets exceeds the limit");
            return SmtpSession.reply(SmtpReplies.MESSAGE_TOO_BIG);
        }
        if (decoder.sawBareNewline()) {
            LOG.info(() -> "reject: client=" + session.clientAddress() + " message with a bare <CR> or <LF>");
            return SmtpSession.reply(SmtpReplies.BARE_NEWLINE_IN_DATA);
        }
        String queueId = QueueIds.next();
        Instant now = Instant.now();
        byte[] received = ReceivedHeader.render(session.heloName(), session.clientAddress(), session.hostname(),
                session.protocol(), queueId, transaction.recipients(), ZonedDateTime.ofInstant(now, ZoneId.systemDefault()));
        MessageContent content = new BufferedMessage(received, data);
        Envelope envelope = new Envelope(queueId, now, session.info(), transaction.reversePath(),
                transaction.recipients(), transaction.bodyType(), transaction.smtpUtf8());
        return session.resume(session.backend().accept(envelope, content).exceptionally(e -> {
            LOG.log(Level.WARNING, queueId + ": intake failed", e);
            return new IntakeVerdict.TryLater(String.valueOf(e));
        }), verdict -> {
            if (verdict instanceof IntakeVerdict.Queued) {
                LOG.info(() -> queueId + ": client=" + session.clientAddress() + ", from=<"
                        + (envelope.reversePath() == null ? "" : envelope.reversePath()) + ">, size="
                        + content.size() + ", nrcpt=" + envelope.recipients().size() + " (queued)");
                return SmtpReplies.queued(queueId);
            }
            if (verdict instanceof IntakeVerdict.Rejected rejected) {
                LOG.info(() -> queueId + ": reject: " + rejected.detail());
                return SmtpReply.of(554, "5.7.1", "Error: message rejected: " + rejected.detail());
            }
            LOG.warning(() -> queueId + ": not queued: " + ((IntakeVerdict.TryLater) verdict).detail());
            return SmtpReplies.QUEUE_WRITE_ERROR;
        });
    }
}
