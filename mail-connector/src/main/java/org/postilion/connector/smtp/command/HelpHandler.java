package org.postilion.connector.smtp.command;

import org.postilion.connector.smtp.SmtpReplies;
import org.postilion.connector.smtp.SmtpReply;
import org.postilion.connector.smtp.SmtpSession;

import java.util.concurrent.CompletionStage;

/** HELP (RFC 5321 section 4.1.1.8). */
final class HelpHandler implements SmtpCommandHandler {

    @Override
    public boolean isJunk() {
        return true;
    }

    @Override
    public String verb() {
        return "HELP";
    }

    @Override
    public CompletionStage<SmtpReply> handle(SmtpSession session, String argument) {
        return SmtpSession.reply(SmtpReplies.HELP);
    }
}
