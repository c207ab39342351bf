package org.postilion.connector.smtp.command;

import org.postilion.connector.smtp.SmtpReplies;
import org.postilion.connector.smtp.SmtpReply;
import org.postilion.connector.smtp.SmtpSession;

import java.util.concurrent.CompletionStage;

/**
 * STARTTLS (RFC 3207): answers 220 and has the connection start TLS. SECURITY: whatever the client sent after
 * the command, before the handshake, is discarded by the connection (command injection, CVE-2011-0411), and
 * after the handshake the session forgets everything learnt in clear text.
 */
final class StartTlsHandler implements SmtpCommandHandler {

    @Override
    public String verb() {
        return "STARTTLS";
    }

    @Override
    public CompletionStage<SmtpReply> handle(SmtpSession session, String argument) {
        if (!argument.isEmpty()) {
            return SmtpSession.reply(SmtpReplies.STARTTLS_SYNTAX);
        }
        if (session.isTls()) {
            return SmtpSession.reply(SmtpReplies.TLS_ALREADY_ACTIVE);
        }
        if (!session.canStartTls()) {
            return SmtpSession.reply(SmtpReplies.TLS_NOT_AVAILABLE);
        }
        if (session.heloName() == null) {
            return SmtpSession.reply(SmtpReplies.NEED_HELO);
        }
        session.requestStartTls();
        return SmtpSession.reply(SmtpReplies.READY_FOR_TLS);
    }
}
