package org.postilion.mailbox;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.field.DateTimeField;
import org.apache.james.mime4j.field.DateTimeFieldLenientImpl;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Locale;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * What a listing shows of a message, read from its top-level header at delivery (Apache Mime4j): From,
 * Subject (RFC 2047 words decoded), Date and Message-ID.
 *
 * <p>Reading stops at the end of the header. Malformed or hostile headers never fail a delivery: what cannot
 * be read stays null. Each value is cut to 998 characters (RFC 5322 section 2.1.1).
 */
public record MessageSummary(String from, String subject, Instant date, String messageId) {

    private static final Logger LOG = Logger.getLogger(MessageSummary.class.getName());
    private static final Pattern FOLD = Pattern.compile("\\r?\\n[ \\t]");
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0A-\\x1F\\x7F]");
    private static final Pattern TRAILING_COMMENT = Pattern.compile("\\s*\\(.*\\)\\s*$");
    static final int MAX_VALUE = 998;

    public static final MessageSummary EMPTY = new MessageSummary(null, null, null, null);

    public static MessageSummary read(InputStream message) {
        MimeTokenStream stream = new MimeTokenStream(MimeConfig.PERMISSIVE);
        String from = null;
        String subject = null;
        Instant date = null;
        String messageId = null;
        try {
            stream.parse(message);
            for (EntityState state = stream.getState(); state != EntityState.T_END_OF_STREAM; state = stream.next()) {
                if (state == EntityState.T_END_HEADER) {
                    break;
                }
                if (state != EntityState.T_FIELD) {
                    continue;
                }
                Field field = stream.getField();
                String body = unfold(field.getBody());
                switch (field.getName().toLowerCase(Locale.ROOT)) {
                    case "from" -> from = from != null ? from : cut(DecoderUtil.decodeEncodedWords(body, DecodeMonitor.SILENT));
                    case "subject" -> subject = subject != null ? subject
                            : cut(DecoderUtil.decodeEncodedWords(body, DecodeMonitor.SILENT));
                    case "date" -> date = date != null ? date : parseDate(field);
                    case "message-id" -> messageId = messageId != null ? messageId : cut(body);
                    default -> {
                    }
                }
            }
        } catch (IOException | MimeException | RuntimeException e) {
            LOG.fine(() -> "unreadable header: " + e);
        }
        return new MessageSummary(from, subject, date, messageId);
    }

    /** RFC 5322 dates as almost every client writes them, quickly; anything else through Mime4j's lenient parser. */
    private static Instant parseDate(Field raw) {
        String value = unfold(raw.getBody());
        if (value == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(TRAILING_COMMENT.matcher(value).replaceFirst(""),
                    DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            DateTimeField field = DateTimeFieldLenientImpl.PARSER.parse(raw, DecodeMonitor.SILENT);
            Date d = field.getDate();
            return d == null ? null : d.toInstant();
        }
    }

    private static String unfold(String s) {
        return s == null ? null : FOLD.matcher(s).replaceAll(" ").strip();
    }

    private static String cut(String s) {
        if (s == null) {
            return null;
        }
        String clean = CONTROL.matcher(s).replaceAll("");
        return clean.length() > MAX_VALUE ? clean.substring(0, MAX_VALUE) : clean;
    }
}
