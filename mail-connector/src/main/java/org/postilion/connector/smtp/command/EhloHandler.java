package org.postilion.connector.smtp.command;

import org.postilion.connector.smtp.SmtpReplies;
import org.postilion.connector.smtp.SmtpReply;
import org.postilion.connector.smtp.SmtpSession;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * EHLO (RFC 5321 section 4.1.1.1): greets and lists the service extensions. Only extensions that are
 * implemented in full are listed.
 */
final class EhloHandler implements SmtpCommandHandler {

    @Override
    public String verb() {
        return "EHLO";
    }

    @Override
    public CompletionStage<SmtpReply> handle(SmtpSession session, String argument) {
        String name = argument.strip();
        if (name.isEmpty() || name.contains(" ")) {
            return SmtpSession.reply(SmtpReplies.EHLO_SYNTAX);
        }
        session.greeted(name, true);
        List<String> lines = new ArrayList<>();
        lines.add(session.hostname());
        lines.add("PIPELINING");                                              // RFC 2920
        lines.add("SIZE " + session.settings().messageSizeLimit());          // RFC 1870
        lines.add("ENHANCEDSTATUSCODES");                                     // RFC 2034
        lines.add("8BITMIME");                                                // RFC 6152
        return SmtpSession.reply(new SmtpReply(250, null, lines));
    }
}
