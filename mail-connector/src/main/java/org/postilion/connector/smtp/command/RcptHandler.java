package org.postilion.connector.smtp.command;

import org.postilion.connector.smtp.PathArgument;
import org.postilion.connector.smtp.PathParser;
import org.postilion.connector.smtp.SmtpReplies;
import org.postilion.connector.smtp.SmtpReply;
import org.postilion.connector.smtp.SmtpSession;
import org.postilion.connector.smtp.SmtpTransaction;
import org.postilion.connector.smtp.Xtext;
import org.postilion.connector.spi.EnvelopeRecipient;
import org.postilion.connector.spi.EnvelopeRecipient.Notify;
import org.postilion.connector.spi.MailAddress;
import org.postilion.connector.spi.RcptVerdict;
import org.postilion.connector.spi.RecipientCheck;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * RCPT TO (RFC 5321 section 4.1.1.3) with NOTIFY and ORCPT (RFC 3461): asks the backend whether the recipient
 * is accepted, and adds it to the transaction only then. Unknown users are refused here, not bounced later; a
 * backend that cannot answer gives 451, never 5xx. {@code <postmaster>} without a domain is accepted as RFC 5321
 * section 4.1.1.3 requires, as the postmaster of the server's own name.
 */
final class RcptHandler implements SmtpCommandHandler {

    private static final int MAX_ORCPT = 500;

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
        String afterColon = argument.substring(3);
        PathArgument path;
        try {
            path = isPostmaster(afterColon) ? PathParser.parse("<postmaster@" + session.hostname() + ">"
                    + afterColon.strip().substring("<postmaster>".length()), false, true)
                    : PathParser.parse(afterColon, false, true);
        } catch (PathParser.PathSyntaxException e) {
            return SmtpSession.reply(e.inParameters() ? SmtpReplies.RCPT_SYNTAX : SmtpReplies.BAD_RECIPIENT_SYNTAX);
        }
        Set<Notify> notify = EnumSet.noneOf(Notify.class);
        String orcpt = null;
        for (Map.Entry<String, String> p : path.parameters().entrySet()) {
            switch (p.getKey()) {
                case "NOTIFY" -> {
                    if (!parseNotify(p.getValue(), notify)) {
                        return SmtpSession.reply(SmtpReply.of(501, "5.5.4", "Bad NOTIFY parameter"));
                    }
                }
                case "ORCPT" -> {
                    orcpt = p.getValue();
                    if (!isOrcpt(orcpt)) {
                        return SmtpSession.reply(SmtpReply.of(501, "5.5.4", "Bad ORCPT parameter"));
                    }
                }
                default -> {
                    return SmtpSession.reply(SmtpReplies.unsupportedParameter(p.getKey()));
                }
            }
        }
        MailAddress recipient = path.address();
        if (!transaction.smtpUtf8() && !MailHandler.isAscii(argument)) {
            return SmtpSession.reply(SmtpReplies.NON_ASCII_ADDRESS);
        }
        if (transaction.recipients().size() >= session.settings().recipientLimit()) {
            return SmtpSession.reply(SmtpReplies.TOO_MANY_RECIPIENTS);
        }
        EnvelopeRecipient entry = new EnvelopeRecipient(recipient, notify, orcpt);
        String prefix = "<" + recipient + ">: ";
        RecipientCheck check = new RecipientCheck(recipient, transaction.reversePath(), session.info());
        return session.resume(session.backend().checkRecipient(check), verdict -> {
            if (verdict instanceof RcptVerdict.Accept) {
                if (session.transaction() == transaction) {
                    transaction.addRecipient(entry);
                }
                return SmtpReplies.RECIPIENT_OK;
            }
            if (verdict instanceof RcptVerdict.Reject reject) {
                return switch (reject.reason()) {
                    case NO_SUCH_USER -> SmtpReplies.USER_UNKNOWN.withPrefix(prefix);
                    case DISABLED -> SmtpReplies.MAILBOX_DISABLED.withPrefix(prefix);
                    case RELAY_DENIED -> SmtpReplies.RELAY_DENIED.withPrefix(prefix);
                    case BAD_DESTINATION -> SmtpReplies.BAD_DESTINATION.withPrefix(prefix);
                };
            }
            if (verdict instanceof RcptVerdict.Limited limited) {
                return SmtpReplies.rateLimited(limited.detail()).withPrefix(prefix);
            }
            return SmtpReplies.LOOKUP_FAILURE.withPrefix(prefix);
        });
    }

    /** {@code <Postmaster>}, case-insensitive, without a domain, possibly followed by parameters. */
    private static boolean isPostmaster(String afterColon) {
        String s = afterColon.strip();
        return s.regionMatches(true, 0, "<postmaster>", 0, 12) && (s.length() == 12 || s.charAt(12) == ' ');
    }

    /** NOTIFY=NEVER or a list of SUCCESS, FAILURE, DELAY (RFC 3461 section 4.1). */
    private static boolean parseNotify(String value, Set<Notify> into) {
        if (value == null) {
            return false;
        }
        for (String item : value.toUpperCase(Locale.ROOT).split(",", -1)) {
            try {
                if (!into.add(Notify.valueOf(item))) {
                    return false;
                }
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return !(into.contains(Notify.NEVER) && into.size() > 1);
    }

    /** ORCPT=addr-type ";" xtext (RFC 3461 section 4.2). */
    private static boolean isOrcpt(String value) {
        if (value == null || value.length() > MAX_ORCPT) {
            return false;
        }
        int semi = value.indexOf(';');
        return semi > 0 && value.substring(0, semi).matches("[A-Za-z0-9][A-Za-z0-9-]*")
                && semi + 1 < value.length() && Xtext.isValid(value.substring(semi + 1));
    }
}
