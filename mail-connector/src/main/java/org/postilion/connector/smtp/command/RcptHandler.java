package org.postilion.connector.smtp.command;

import org.postilion.connector.smtp.PathArgument;
import org.postilion.connector.smtp.PathParser;
import org.postilion.connector.smtp.SmtpReplies;
import org.postilion.connector.smtp.SmtpReply;
import org.postilion.connector.smtp.SmtpSession;
import org.postilion.connector.smtp.SmtpTransaction;
import org.postilion.connector.spi.MailAddress;
import org.postilion.connector.spi.RcptVerdict;
import org.postilion.connector.spi.RecipientCheck;

import java.util.concurrent.CompletionStage;

/**
 * RCPT TO (RFC 5321 section 4.1.1.3): asks the backend whether the recipient is accepted, and adds it to the
 * transaction only then. Unknown users are refused here, not bounced later; a backend that cannot answer
 * gives 451, never 5xx.
 */
final class RcptHandler implements SmtpCommandHandler {

    @Override
    public String verb() {
        return "RCPT";
    }

    @Override
    public CompletionStage<SmtpReply> handle(SmtpSession session, String argument) {
        if (!argument.regionMatches(true, 0, "TO:", 0, 3)) {
            return SmtpSession.reply(SmtpReplies.RCPT_SYNTAX);
        }
        SmtpTransaction transaction = session.transaction();
        if (transaction == null) {
            return SmtpSession.reply(SmtpReplies.NEED_MAIL);
        }
        PathArgument path;
        try {
            path = PathParser.parse(argument.substring(3), false, false);
        } catch (PathParser.PathSyntaxException e) {
            return SmtpSession.reply(e.inParameters() ? SmtpReplies.RCPT_SYNTAX : SmtpReplies.BAD_RECIPIENT_SYNTAX);
        }
        if (!path.parameters().isEmpty()) {
            // NOTIFY and ORCPT (RFC 3461) come with DSN support
            return SmtpSession.reply(SmtpReplies.unsupportedParameter(path.parameters().keySet().iterator().next()));
        }
        if (transaction.recipients().size() >= session.settings().recipientLimit()) {
            return SmtpSession.reply(SmtpReplies.TOO_MANY_RECIPIENTS);
        }
        MailAddress recipient = path.address();
        String prefix = "<" + recipient + ">: ";
        RecipientCheck check = new RecipientCheck(recipient, transaction.reversePath(), session.info());
        return session.resume(session.backend().checkRecipient(check), verdict -> {
            if (verdict instanceof RcptVerdict.Accept) {
                if (session.transaction() == transaction) {
                    transaction.addRecipient(recipient);
                }
                return SmtpReplies.RECIPIENT_OK;
            }
            if (verdict instanceof RcptVerdict.Reject reject) {
                return switch (reject.reason()) {
                    case NO_SUCH_USER -> SmtpReplies.USER_UNKNOWN.withPrefix(prefix);
                    case RELAY_DENIED -> SmtpReplies.RELAY_DENIED.withPrefix(prefix);
                    case BAD_DESTINATION -> SmtpReplies.BAD_DESTINATION.withPrefix(prefix);
                };
            }
            return SmtpReplies.LOOKUP_FAILURE.withPrefix(prefix);
        });
    }
}
