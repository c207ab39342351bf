package org.postilion.connector.smtp.command;

import org.postilion.connector.smtp.SmtpReplies;
import org.postilion.connector.smtp.SmtpReply;
import org.postilion.connector.smtp.SmtpSession;

import java.util.concurrent.CompletionStage;

/** RSET (RFC 5321 section 4.1.1.5): ends the transaction; the connection scope stays. */
final class RsetHandler implements SmtpCommandHandler {

    @Override
    public boolean isJunk() {
        return true;
    }

    @Override
    public String verb() {
        return "RSET";
    }

    @Override
    public CompletionStage<SmtpReply> handle(SmtpSession session, String argument) {
        if (!argument.isBlank()) {
            return SmtpSession.reply(SmtpReplies.NO_ARGUMENTS);
        }
        session.reset();
        return SmtpSession.reply(SmtpReplies.OK);
    }
}
