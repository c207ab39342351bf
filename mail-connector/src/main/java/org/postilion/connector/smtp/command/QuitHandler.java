package org.postilion.connector.smtp.command;

import org.postilion.connector.smtp.SmtpReplies;
import org.postilion.connector.smtp.SmtpReply;
import org.postilion.connector.smtp.SmtpSession;

import java.util.concurrent.CompletionStage;

/** QUIT (RFC 5321 section 4.1.1.10): answers 221 and closes. */
final class QuitHandler implements SmtpCommandHandler {

    @Override
    public String verb() {
        return "QUIT";
    }

    @Override
    public CompletionStage<SmtpReply> handle(SmtpSession session, String argument) {
        if (!argument.isBlank()) {
            return SmtpSession.reply(SmtpReplies.NO_ARGUMENTS);
        }
        session.requestClose();
        return SmtpSession.reply(SmtpReplies.BYE);
    }
}
