package org.postilion.connector.smtp.command;

import org.postilion.connector.smtp.SmtpReplies;
import org.postilion.connector.smtp.SmtpReply;
import org.postilion.connector.smtp.SmtpSession;

import java.util.concurrent.CompletionStage;

/**
 * VRFY (RFC 5321 section 3.5.3): always 252. SECURITY: the directory is never consulted, so VRFY cannot be
 * used to harvest addresses.
 */
final class VrfyHandler implements SmtpCommandHandler {

    @Override
    public boolean isJunk() {
        return true;
    }

    @Override
    public String verb() {
        return "VRFY";
    }

    @Override
    public CompletionStage<SmtpReply> handle(SmtpSession session, String argument) {
        if (argument.isBlank()) {
            return SmtpSession.reply(SmtpReply.of(501, "5.5.4", "Syntax: VRFY address"));
        }
        return SmtpSession.reply(SmtpReplies.CANNOT_VRFY);
    }
}
