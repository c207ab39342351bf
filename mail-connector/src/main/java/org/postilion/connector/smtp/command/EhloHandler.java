package org.postilion.connector.smtp.command;

import org.postilion.connector.sasl.SaslMechanisms;
import org.postilion.connector.smtp.SmtpReplies;
import org.postilion.connector.smtp.SmtpReply;
import org.postilion.connector.smtp.SmtpSession;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * EHLO (RFC 5321 section 4.1.1.1): greets and lists the service extensions. Only what is implemented in full is
 * listed, and only where it may be used now: STARTTLS on a clear-text connection of a listener that upgrades,
 * AUTH where authentication is allowed at this point (after TLS, or on loopback).
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
        if (session.canStartTls()) {
            lines.add("STARTTLS");                                            // RFC 3207
        }
        if (session.authAllowedNow() && !session.isAuthenticated()) {
            lines.add("AUTH " + String.join(" ", SaslMechanisms.ADVERTISED)); // RFC 4954
        }
        lines.add("ENHANCEDSTATUSCODES");                                     // RFC 2034
        lines.add("8BITMIME");                                                // RFC 6152
        lines.add("BINARYMIME");                                              // RFC 3030
        lines.add("CHUNKING");                                                // RFC 3030
        lines.add("SMTPUTF8");                                                // RFC 6531
        lines.add("DSN");                                                     // RFC 3461
        return SmtpSession.reply(new SmtpReply(250, null, lines));
    }
}
