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
 * What happens when the message data ended (after DATA's final dot or the last BDAT chunk): refuse what broke a
 * limit or a rule (size, bare line ends, NUL, {@value HopCount#LIMIT} hops or more: a mail loop), otherwise give the message with its {@code Received:} header to the intake and answer with
 * its queue id once it is durable. The transaction ends here whatever the outcome (RFC 5321 section 4.1.1.4).
 */
public final class EndOfData {

    private static final Logger LOG = Logger.getLogger(EndOfData.class.getName());

    private EndOfData() {
    }

    /** After DATA: the decoder's findings decide whether the message is taken. */
    public static CompletionStage<SmtpReply> afterData(SmtpSession session, ByteBuf data, DataDecoder decoder) {
        SmtpReply refusal = decoder.sizeExceeded() ? SmtpReplies.MESSAGE_TOO_BIG
                : decoder.sawBareNewline() ? SmtpReplies.BARE_NEWLINE_IN_DATA
                : decoder.sawNul() ? SmtpReplies.NUL_IN_DATA
                : null;
        return complete(session, data, decoder.size(), refusal);
    }

    /** After the last BDAT chunk (binary-clean: no line-end or NUL rules apply). */
    public static CompletionStage<SmtpReply> afterChunks(SmtpSession session, ByteBuf data, long size,
                                                         boolean sizeExceeded) {
        return complete(session, data, size, sizeExceeded ? SmtpReplies.MESSAGE_TOO_BIG : null);
    }

    /**
     * @param data     the data; owned by the caller, which may release it once the stage completed
     * @param limitBroken the reply refusing the message for a broken limit, or null
     */
    private static CompletionStage<SmtpReply> complete(SmtpSession session, ByteBuf data, long size,
                                                       SmtpReply limitBroken) {
        SmtpTransaction transaction = session.transaction();
        session.reset();
        // 50 hops or more (ours would be one more than the limit allows): the message goes round in circles
        SmtpReply refusal = limitBroken != null ? limitBroken
                : HopCount.received(data, HopCount.LIMIT) >= HopCount.LIMIT ? SmtpReplies.TOO_MANY_HOPS : null;
        if (refusal != null) {
            LOG.info(() -> "reject: client=" + session.clientAddress() + ", size=" + size + ": " + refusal);
            return SmtpSession.reply(refusal);
        }
        String queueId = QueueIds.next();
        Instant now = Instant.now();
        byte[] received = ReceivedHeader.render(session, queueId, transaction.recipientAddresses(),
                ZonedDateTime.ofInstant(now, ZoneId.systemDefault()));
        MessageContent content = new BufferedMessage(received, data);
        Envelope envelope = new Envelope(queueId, now, session.info(), transaction.reversePath(),
                transaction.recipients(), transaction.bodyType(), transaction.smtpUtf8(), transaction.dsnReturn(),
                transaction.envelopeId());
        return session.resume(session.backend().accept(envelope, content).exceptionally(e -> {
            LOG.log(Level.WARNING, queueId + ": intake failed", e);
            return new IntakeVerdict.TryLater(String.valueOf(e));
        }), verdict -> {
            if (verdict instanceof IntakeVerdict.Queued) {
                session.messageQueued();
                LOG.info(() -> queueId + ": client=" + session.clientAddress()
                        + (session.isAuthenticated() ? ", sasl_username=" + session.authenticatedUser() : "")
                        + ", from=<" + (envelope.reversePath() == null ? "" : envelope.reversePath()) + ">, size="
                        + content.size() + ", nrcpt=" + envelope.recipients().size() + " (queued)");
                return SmtpReplies.queued(queueId);
            }
            if (verdict instanceof IntakeVerdict.Rejected rejected) {
                LOG.info(() -> queueId + ": reject: " + rejected.reason() + ": " + rejected.detail());
                return switch (rejected.reason()) {
                    case FROM_NOT_OWNED -> SmtpReplies.FROM_NOT_OWNED;
                    case BAD_HEADER -> SmtpReplies.BAD_HEADER;
                    case POLICY -> SmtpReply.of(554, "5.7.1", "Error: message rejected: " + rejected.detail());
                };
            }
            LOG.warning(() -> queueId + ": not queued: " + ((IntakeVerdict.TryLater) verdict).detail());
            return SmtpReplies.QUEUE_WRITE_ERROR;
        });
    }
}
