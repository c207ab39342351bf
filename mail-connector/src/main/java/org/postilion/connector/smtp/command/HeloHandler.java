package org.postilion.connector.smtp.command;

import org.postilion.connector.smtp.SmtpReplies;
import org.postilion.connector.smtp.SmtpReply;
import org.postilion.connector.smtp.SmtpSession;

import java.util.concurrent.CompletionStage;

/** HELO (RFC 5321 section 4.1.1.1): greets without extensions. */
final class HeloHandler implements SmtpCommandHandler {

    @Override
    public String verb() {
        return "HELO";
    }

    @Override
    public CompletionStage<SmtpReply> handle(SmtpSession session, String argument) {
        String name = argument.strip();
        if (name.isEmpty() || name.contains(" ")) {
            return SmtpSession.reply(SmtpReplies.HELO_SYNTAX);
        }
        session.greeted(name, false);
        return SmtpSession.reply(SmtpReply.plain(250, session.hostname()));
    }
}
