package org.postilion.connector.smtp.command;

import org.postilion.connector.smtp.PathArgument;
import org.postilion.connector.smtp.PathParser;
import org.postilion.connector.smtp.SmtpReplies;
import org.postilion.connector.smtp.SmtpReply;
import org.postilion.connector.smtp.SmtpSession;
import org.postilion.connector.smtp.SmtpTransaction;
import org.postilion.connector.smtp.Xtext;
import org.postilion.connector.spi.Envelope.BodyType;
import org.postilion.connector.spi.Envelope.DsnReturn;
import org.postilion.connector.spi.MailAddress;
import org.postilion.connector.spi.SenderCheck;
import org.postilion.connector.spi.SenderVerdict;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * MAIL FROM (RFC 5321 section 4.1.1.2): starts a transaction. Parameters: SIZE (RFC 1870; a declared size over
 * the limit is refused here, before any data), BODY (RFC 6152, RFC 3030), SMTPUTF8 (RFC 6531), RET and ENVID
 * (RFC 3461), AUTH (RFC 4954 section 5; accepted and not trusted).
 *
 * <p>On a submission listener the client must have authenticated, and the backend decides whether the sender
 * is the user's own ({@code 553 5.7.1} if not). On the MX any syntactically valid sender is accepted here.
 */
final class MailHandler implements SmtpCommandHandler {

    private static final int MAX_ENVID = 100;

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
        if (session.settings().submission() && !session.isAuthenticated()) {
            return SmtpSession.reply(SmtpReplies.AUTH_REQUIRED);
        }
        PathArgument path;
        try {
            path = PathParser.parse(argument.substring(5), true, true);
        } catch (PathParser.PathSyntaxException e) {
            return SmtpSession.reply(e.inParameters() ? SmtpReplies.MAIL_SYNTAX : SmtpReplies.BAD_SENDER_SYNTAX);
        }
        long size = -1;
        BodyType body = BodyType.SEVEN_BIT;
        boolean smtpUtf8 = false;
        DsnReturn ret = null;
        String envid = null;
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
                        case "BINARYMIME" -> body = BodyType.BINARY_MIME;
                        default -> {
                            return SmtpSession.reply(SmtpReply.of(501, "5.5.4", "Bad BODY parameter"));
                        }
                    }
                }
                case "SMTPUTF8" -> {
                    if (value != null) {
                        return SmtpSession.reply(SmtpReply.of(501, "5.5.4", "SMTPUTF8 takes no value"));
                    }
                    smtpUtf8 = true;
                }
                case "RET" -> {
                    String v = value == null ? "" : value.toUpperCase(Locale.ROOT);
                    if (!v.equals("FULL") && !v.equals("HDRS")) {
                        return SmtpSession.reply(SmtpReply.of(501, "5.5.4", "Bad RET parameter"));
                    }
                    ret = DsnReturn.valueOf(v);
                }
                case "ENVID" -> {
                    // printable US-ASCII once decoded (RFC 3461 section 4.4): it goes into a notice's header
                    envid = value == null ? null : Xtext.decode(value);
                    if (envid == null || envid.length() > MAX_ENVID || !envid.chars().allMatch(c -> c >= 32 && c < 127)) {
                        return SmtpSession.reply(SmtpReply.of(501, "5.5.4", "Bad ENVID parameter"));
                    }
                }
                case "AUTH" -> {
                    // the original submitter (RFC 4954 section 5): syntax-checked, then not trusted or kept
                    if (value == null || (!value.equals("<>") && !Xtext.isValid(value))) {
                        return SmtpSession.reply(SmtpReply.of(501, "5.5.4", "Bad AUTH parameter"));
                    }
                }
                default -> {
                    return SmtpSession.reply(SmtpReplies.unsupportedParameter(p.getKey()));
                }
            }
        }
        MailAddress sender = path.address();
        if (!smtpUtf8 && !isAscii(argument)) {
            // before the parse turned an internationalized domain into its A-label
            return SmtpSession.reply(SmtpReplies.NON_ASCII_ADDRESS);
        }
        SmtpTransaction transaction = new SmtpTransaction(sender, body, smtpUtf8, size, ret, envid);
        if (!session.settings().submission()) {
            session.begin(transaction);
            return SmtpSession.reply(SmtpReplies.SENDER_OK);
        }
        String prefix = "<" + (sender == null ? "" : sender) + ">: ";
        return session.resume(session.backend().checkSender(new SenderCheck(sender, session.info())), verdict -> {
            if (verdict instanceof SenderVerdict.Accept) {
                if (session.transaction() == null) {
                    session.begin(transaction);
                    return SmtpReplies.SENDER_OK;
                }
                return SmtpReplies.NESTED_MAIL;
            }
            if (verdict instanceof SenderVerdict.Reject) {
                return SmtpReplies.SENDER_NOT_OWNED.withPrefix(prefix);
            }
            if (verdict instanceof SenderVerdict.Limited limited) {
                return SmtpReplies.rateLimited(limited.detail());
            }
            return SmtpReplies.SENDER_LOOKUP_FAILURE.withPrefix(prefix);
        });
    }

    /** Whether the command's text is US-ASCII: without SMTPUTF8, addresses (and so commands) must be. */
    static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 128);
    }
}
