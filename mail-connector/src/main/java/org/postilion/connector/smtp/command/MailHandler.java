package org.postilion.connector.smtp.command;

import org.postilion.connector.smtp.PathArgument;
import org.postilion.connector.smtp.PathParser;
import org.postilion.connector.smtp.SmtpReplies;
import org.postilion.connector.smtp.SmtpReply;
import org.postilion.connector.smtp.SmtpSession;
import org.postilion.connector.smtp.SmtpTransaction;
import org.postilion.connector.spi.Envelope.BodyType;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * MAIL FROM (RFC 5321 section 4.1.1.2) with the parameters SIZE (RFC 1870) and BODY (RFC 6152): starts a
 * transaction. A declared size over the limit is refused here, before any data is sent.
 */
final class MailHandler implements SmtpCommandHandler {

    @Override
    public String verb() {
        return "MAIL";
    }

    @Override
    public CompletionStage<SmtpReply> handle(SmtpSession session, String argument) {
        if (!argument.regionMatches(true, 0, "FROM:", 0, 5)) {
            return SmtpSession.reply(SmtpReplies.MAIL_SYNTAX);
        }
        if (session.heloName() == null) {
            return SmtpSession.reply(SmtpReplies.NEED_HELO);
        }
        if (session.transaction() != null) {
            return SmtpSession.reply(SmtpReplies.NESTED_MAIL);
        }
        PathArgument path;
        try {
            path = PathParser.parse(argument.substring(5), true, false);
        } catch (PathParser.PathSyntaxException e) {
            return SmtpSession.reply(e.inParameters() ? SmtpReplies.MAIL_SYNTAX : SmtpReplies.BAD_SENDER_SYNTAX);
        }
        long size = -1;
        BodyType body = BodyType.SEVEN_BIT;
        for (Map.Entry<String, String> p : path.parameters().entrySet()) {
            String value = p.getValue();
            switch (p.getKey()) {
                case "SIZE" -> {
                    if (value == null || !value.matches("[0-9]{1,20}")) {
                        return SmtpSession.reply(SmtpReply.of(501, "5.5.4", "Bad message size syntax"));
                    }
                    String digits = value.replaceFirst("^0+(?=.)", "");
                    size = digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
                    if (size > session.settings().messageSizeLimit()) {
                        return SmtpSession.reply(SmtpReplies.MESSAGE_TOO_BIG);
                    }
                }
                case "BODY" -> {
                    String v = value == null ? "" : value.toUpperCase(Locale.ROOT);
                    switch (v) {
                        case "7BIT" -> body = BodyType.SEVEN_BIT;
                        case "8BITMIME" -> body = BodyType.EIGHT_BIT_MIME;
                        default -> {
                            return SmtpSession.reply(SmtpReply.of(501, "5.5.4", "Bad BODY parameter"));
                        }
                    }
                }
                default -> {
                    return SmtpSession.reply(SmtpReplies.unsupportedParameter(p.getKey()));
                }
            }
        }
        session.begin(new SmtpTransaction(path.address(), body, false, size));
        return SmtpSession.reply(SmtpReplies.SENDER_OK);
    }
}
