package org.postilion.connector.smtp.command;

import org.postilion.connector.smtp.SmtpReplies;
import org.postilion.connector.smtp.SmtpReply;
import org.postilion.connector.smtp.SmtpSession;
import org.postilion.connector.smtp.SmtpTransaction;
import org.postilion.connector.spi.Envelope.BodyType;

import java.util.concurrent.CompletionStage;

/**
 * DATA (RFC 5321 section 4.1.1.4): with a transaction that has a recipient, answers 354 and switches the
 * connection to message data. What happens at the end of the data is {@link org.postilion.connector.smtp.EndOfData}.
 * Not after BDAT in the same transaction, and not for BODY=BINARYMIME (RFC 3030 section 3).
 */
final class DataHandler implements SmtpCommandHandler {

    @Override
    public String verb() {
        return "DATA";
    }

    @Override
    public CompletionStage<SmtpReply> handle(SmtpSession session, String argument) {
        if (!argument.isEmpty()) {
            return SmtpSession.reply(SmtpReply.of(501, "5.5.4", "Syntax: DATA"));
        }
        SmtpTransaction transaction = session.transaction();
        if (transaction == null) {
            return SmtpSession.reply(SmtpReplies.NEED_MAIL);
        }
        if (transaction.dataMode() == SmtpTransaction.DataMode.BDAT) {
            return SmtpSession.reply(SmtpReplies.DATA_AFTER_BDAT);
        }
        if (transaction.bodyType() == BodyType.BINARY_MIME) {
            return SmtpSession.reply(SmtpReplies.BINARYMIME_NEEDS_BDAT);
        }
        if (transaction.recipients().isEmpty()) {
            return SmtpSession.reply(SmtpReplies.NEED_RCPT);
        }
        transaction.dataMode(SmtpTransaction.DataMode.DATA);
        session.requestData();
        return SmtpSession.reply(SmtpReplies.START_DATA);
    }
}
