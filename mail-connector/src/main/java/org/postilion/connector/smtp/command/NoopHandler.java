package org.postilion.connector.smtp.command;

import org.postilion.connector.smtp.SmtpReplies;
import org.postilion.connector.smtp.SmtpReply;
import org.postilion.connector.smtp.SmtpSession;

import java.util.concurrent.CompletionStage;

/** NOOP (RFC 5321 section 4.1.1.9): any argument is ignored. */
final class NoopHandler implements SmtpCommandHandler {

    @Override
    public boolean isJunk() {
        return true;
    }

    @Override
    public String verb() {
        return "NOOP";
    }

    @Override
    public CompletionStage<SmtpReply> handle(SmtpSession session, String argument) {
        return SmtpSession.reply(SmtpReplies.OK);
    }
}
