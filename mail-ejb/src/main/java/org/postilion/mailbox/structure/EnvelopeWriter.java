package org.postilion.mailbox.structure;

import org.postilion.mailbox.structure.AddressParser.Address;
import org.postilion.mailbox.structure.HeaderFields.Name;

import java.util.List;

/**
 * Writes the ENVELOPE of a message from its header fields.
 *
 * <p>STANDARDS: RFC 9051 section 7.5.2 and RFC 3501 section 7.4.2 (ENVELOPE): date, subject, from, sender,
 * reply-to, to, cc, bcc, in-reply-to, message-id; sender and reply-to are from's when the header has none.
 *
 * <p>As Dovecot's {@code imap-envelope.c}: date, in-reply-to and message-id are the raw unfolded values
 * ({@link ImapQuoting#nstring}); the subject and display names are cleaned for display
 * ({@link ImapQuoting#forHumans}); nothing is decoded from RFC 2047, since IMAP returns header text as it is.
 */
final class EnvelopeWriter {

    private EnvelopeWriter() {
    }

    /** The envelope, from its opening to its closing parenthesis. */
    static String write(HeaderFields fields) {
        StringBuilder out = new StringBuilder(256);
        write(out, fields);
        return out.toString();
    }

    static void write(StringBuilder out, HeaderFields fields) {
        out.append('(');
        ImapQuoting.nstring(out, fields.get(Name.DATE));
        out.append(' ');
        String subject = fields.folded(Name.SUBJECT);
        if (subject == null) {
            out.append("NIL");
        } else {
            ImapQuoting.forHumans(out, subject);
        }
        List<Address> from = addresses(fields, Name.FROM);
        List<Address> sender = addresses(fields, Name.SENDER);
        List<Address> replyTo = addresses(fields, Name.REPLY_TO);
        out.append(' ');
        addresses(out, from);
        out.append(' ');
        addresses(out, sender.isEmpty() ? from : sender);
        out.append(' ');
        addresses(out, replyTo.isEmpty() ? from : replyTo);
        out.append(' ');
        addresses(out, addresses(fields, Name.TO));
        out.append(' ');
        addresses(out, addresses(fields, Name.CC));
        out.append(' ');
        addresses(out, addresses(fields, Name.BCC));
        out.append(' ');
        ImapQuoting.nstring(out, fields.get(Name.IN_REPLY_TO));
        out.append(' ');
        ImapQuoting.nstring(out, fields.get(Name.MESSAGE_ID));
        out.append(')');
    }

    /** The addresses of every occurrence of the field, each parsed on its own (an error ends only its own). */
    private static List<Address> addresses(HeaderFields fields, Name name) {
        List<String> values = fields.all(name);
        if (values.size() == 1) {
            return AddressParser.parse(values.get(0));
        }
        List<Address> all = new java.util.ArrayList<>();
        for (String value : values) {
            if (all.size() < AddressParser.ADDRESS_LIMIT) {
                all.addAll(AddressParser.parse(value));
            }
        }
        return all.size() <= AddressParser.ADDRESS_LIMIT ? all : all.subList(0, AddressParser.ADDRESS_LIMIT);
    }

    /** {@code NIL} for none, else {@code ((name route mailbox host)...)}. */
    private static void addresses(StringBuilder out, List<Address> addresses) {
        if (addresses.isEmpty()) {
            out.append("NIL");
            return;
        }
        out.append('(');
        for (Address a : addresses) {
            out.append('(');
            if (a.name() == null || a.name().isEmpty()) {
                out.append("NIL");
            } else {
                ImapQuoting.forHumans(out, a.name());
            }
            out.append(' ');
            ImapQuoting.nstring(out, a.route());
            out.append(' ');
            ImapQuoting.nstring(out, a.mailbox());
            out.append(' ');
            ImapQuoting.nstring(out, a.domain());
            out.append(')');
        }
        out.append(')');
    }
}
