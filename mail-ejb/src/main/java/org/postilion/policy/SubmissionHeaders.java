package org.postilion.policy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.LenientAddressParser;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.postilion.connector.spi.IntakeVerdict;
import org.postilion.connector.spi.SessionInfo;
import org.postilion.directory.DirectoryService;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a message submission agent (RFC 6409 section 8) does to the header of a message an authenticated user
 * sends: every {@code From:} address must be the user's own or one of its aliases ({@code 553 5.7.1}
 * otherwise); a missing {@code From:} is the user's address, a missing {@code Date:} now, a missing
 * {@code Message-ID:} one made of the queue id and the server's name, as Postfix's cleanup adds them. Added
 * fields go right under the server's own {@code Received:} line.
 */
@ApplicationScoped
public class SubmissionHeaders {

    private static final DateTimeFormatter RFC_5322_DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    /** The outcome: the content to queue, or a refusal. */
    public record Result(byte[] content, IntakeVerdict.Rejected refusal) {
    }

    @Inject
    private DirectoryService directory;

    /**
     * @param content  the message as received, starting with the server's {@code Received:} field
     * @param session  the submitting session (authenticated)
     * @param queueId  the message's queue id
     */
    public Result apply(byte[] content, SessionInfo session, String queueId) {
        String user = session.authenticatedUser();
        Header header;
        try {
            header = Header.read(content);
        } catch (IOException | MimeException | RuntimeException e) {
            return new Result(null, new IntakeVerdict.Rejected(IntakeVerdict.Reason.BAD_HEADER, "unreadable header"));
        }
        List<String> from = new ArrayList<>();
        for (String value : header.from) {
            AddressList list = LenientAddressParser.DEFAULT.parseAddressList(value);
            for (Address a : list) {
                if (a instanceof Mailbox m) {
                    from.add(m.getAddress());
                } else if (a instanceof Group g) {
                    g.getMailboxes().forEach(m -> from.add(m.getAddress()));
                }
            }
        }
        if (!header.from.isEmpty() && from.isEmpty()) {
            return new Result(null, new IntakeVerdict.Rejected(IntakeVerdict.Reason.BAD_HEADER, "From: has no address"));
        }
        for (String address : from) {
            if (!directory.mayUseAddress(user, address)) {
                return new Result(null, new IntakeVerdict.Rejected(IntakeVerdict.Reason.FROM_NOT_OWNED,
                        "From: <" + address + "> is not " + user + "'s"));
            }
        }
        StringBuilder added = new StringBuilder();
        if (header.from.isEmpty()) {
            added.append("From: <").append(user).append(">\r\n");
        }
        if (!header.date) {
            added.append("Date: ").append(RFC_5322_DATE.format(ZonedDateTime.now())).append("\r\n");
        }
        if (!header.messageId) {
            added.append("Message-ID: <").append(queueId).append('@').append(session.serverName()).append(">\r\n");
        }
        if (added.isEmpty()) {
            return new Result(content, null);
        }
        int at = endOfFirstField(content);
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + added.length());
        out.write(content, 0, at);
        out.writeBytes(added.toString().getBytes(StandardCharsets.UTF_8));
        out.write(content, at, content.length - at);
        return new Result(out.toByteArray(), null);
    }

    /** Where the first header field (with its folded lines) ends: after the CRLF not followed by space or tab. */
    static int endOfFirstField(byte[] content) {
        for (int i = 0; i + 1 < content.length; i++) {
            if (content[i] == '\r' && content[i + 1] == '\n'
                    && (i + 2 >= content.length || (content[i + 2] != ' ' && content[i + 2] != '\t'))) {
                return i + 2;
            }
        }
        return 0;
    }

    /** The fields of the top-level header that matter here. */
    private static final class Header {
        final List<String> from = new ArrayList<>();
        boolean date;
        boolean messageId;

        static Header read(byte[] content) throws IOException, MimeException {
            Header h = new Header();
            MimeTokenStream stream = new MimeTokenStream(MimeConfig.PERMISSIVE);
            stream.parse(new ByteArrayInputStream(content));
            for (EntityState s = stream.getState(); s != EntityState.T_END_OF_STREAM; s = stream.next()) {
                if (s == EntityState.T_END_HEADER) {
                    break;
                }
                if (s == EntityState.T_FIELD) {
                    Field f = stream.getField();
                    switch (f.getName().toLowerCase(Locale.ROOT)) {
                        case "from" -> h.from.add(f.getBody());
                        case "date" -> h.date = true;
                        case "message-id" -> h.messageId = true;
                        default -> {
                        }
                    }
                }
            }
            return h;
        }
    }
}
