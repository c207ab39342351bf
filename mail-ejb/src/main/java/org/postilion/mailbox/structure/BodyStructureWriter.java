package org.postilion.mailbox.structure;

import org.postilion.mailbox.structure.HeaderFields.Name;
import org.postilion.mailbox.structure.MimeParameters.ContentType;
import org.postilion.mailbox.structure.MimeParameters.Disposition;
import org.postilion.mailbox.structure.MimeParameters.Parameter;
import org.postilion.mailbox.structure.MimeScanner.Kind;
import org.postilion.mailbox.structure.MimeScanner.Node;

import java.util.List;

/**
 * Writes BODY and BODYSTRUCTURE from the tree the {@link MimeScanner} found.
 *
 * <p>STANDARDS: RFC 9051 section 7.5.2 and RFC 3501 section 7.4.2 (BODY, BODYSTRUCTURE), RFC 9051 section 9
 * ({@code body}, {@code body-type-1part}, {@code body-type-mpart}, {@code body-ext-1part}, {@code body-ext-mpart}).
 *
 * <p>As Dovecot's {@code imap-bodystructure.c}, which clients are tuned against:
 * <ul>
 * <li>type, subtype, parameter names and values keep the case they were written in;</li>
 * <li>a text part without a charset parameter gets {@code "charset" "us-ascii"} last (RFC 2045 section 5.2);
 *     a part with no Content-Type is {@code "text" "plain" ("charset" "us-ascii")}, in a multipart/digest
 *     {@code "message" "rfc822"} (RFC 2046 section 5.1.5);</li>
 * <li>the encoding is {@code "7bit"} when absent; the size counts the body's octets, the lines its LFs;</li>
 * <li>a multipart without parts (no boundary, or one that never comes) shows one empty text/plain part, since
 *     the grammar needs at least one.</li>
 * </ul>
 * Two differences from Dovecot 2.3, both deliberate: sizes are the stored octets, not Dovecot's "virtual" size
 * that counts a bare LF as CRLF (our FETCH serves the stored octets, and BODY[n] must be as long as announced);
 * message/global is shown with its envelope, body and lines as RFC 9051 defines {@code body-type-msg}, where
 * Dovecot 2.3 shows it as an opaque part.
 *
 * <p>A part that the nesting or part limit kept closed ({@link Kind#OPAQUE}) is shown as
 * {@code "application" "octet-stream"}: whatever it holds, the client can still fetch its octets.
 */
final class BodyStructureWriter {

    private static final String EMPTY_PART = "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0";

    private final StringBuilder out = new StringBuilder(512);
    private final boolean extended;

    private BodyStructureWriter(boolean extended) {
        this.extended = extended;
    }

    /**
     * @param extended true for BODYSTRUCTURE (with extension data), false for BODY
     */
    static String write(Node message, boolean extended) {
        BodyStructureWriter writer = new BodyStructureWriter(extended);
        writer.body(message);
        return writer.out.toString();
    }

    private void body(Node node) {
        if (node.kind == Kind.MULTIPART) {
            multipart(node);
        } else {
            onePart(node);
        }
    }

    private void multipart(Node node) {
        out.append('(');
        if (node.children.isEmpty()) {
            out.append(EMPTY_PART).append(extended ? " NIL NIL NIL NIL)" : ")");
        }
        for (Node child : node.children) {
            body(child);
        }
        out.append(' ');
        String subtype = node.contentType.subtype();
        ImapQuoting.nstring(out, subtype.isEmpty() ? "x-unknown" : subtype);
        if (extended) {
            out.append(' ');
            parameters(node.contentType.parameters());
            out.append(' ');
            disposition(node);
            out.append(' ');
            languages(node);
            out.append(' ');
            ImapQuoting.nstring(out, node.fields.get(Name.CONTENT_LOCATION));
        }
        out.append(')');
    }

    private void onePart(Node node) {
        ContentType type = node.contentType;
        boolean text = node.kind == Kind.LEAF && type.isType("text");
        out.append('(');
        if (node.kind == Kind.OPAQUE) {
            out.append("\"application\" \"octet-stream\" NIL");
        } else if (node.kind == Kind.MESSAGE) {
            // Dovecot writes the type of a message part in lower case, whatever the header says
            out.append("\"message\" ");
            ImapQuoting.nstring(out, type.subtype().toLowerCase(java.util.Locale.ROOT));
            out.append(' ');
            parameters(type.parameters());
        } else {
            ImapQuoting.nstring(out, type.type());
            out.append(' ');
            ImapQuoting.nstring(out, type.subtype());
            out.append(' ');
            List<Parameter> parameters = type.parameters();
            if (text && type.parameter("charset") == null) {
                parameters = new java.util.ArrayList<>(parameters);
                parameters.add(new Parameter("charset", "us-ascii"));
            }
            parameters(parameters);
        }
        out.append(' ');
        ImapQuoting.nstring(out, node.fields.get(Name.CONTENT_ID));
        out.append(' ');
        ImapQuoting.nstring(out, node.fields.get(Name.CONTENT_DESCRIPTION));
        out.append(' ');
        ImapQuoting.nstring(out, encoding(node));
        out.append(' ').append(node.bodyEnd - node.bodyStart);
        if (node.kind == Kind.MESSAGE) {
            out.append(' ');
            EnvelopeWriter.write(out, node.enclosed.fields);
            out.append(' ');
            body(node.enclosed);
            out.append(' ').append(node.lines);
        } else if (text) {
            out.append(' ').append(node.lines);
        }
        if (extended) {
            out.append(' ');
            ImapQuoting.nstring(out, node.fields.get(Name.CONTENT_MD5));
            out.append(' ');
            disposition(node);
            out.append(' ');
            languages(node);
            out.append(' ');
            ImapQuoting.nstring(out, node.fields.get(Name.CONTENT_LOCATION));
        }
        out.append(')');
    }

    /**
     * The Content-Transfer-Encoding token as written, "7bit" when absent or broken. The first valid occurrence
     * counts: a value with anything after its token is no encoding, as Dovecot reads it.
     */
    static String encoding(Node node) {
        for (String value : node.fields.all(Name.CONTENT_TRANSFER_ENCODING)) {
            Rfc822Lexer lexer = new Rfc822Lexer(value);
            lexer.skipCfws();
            String token = lexer.token();
            lexer.skipCfws();
            if (!token.isEmpty() && lexer.atEnd()) {
                return token;
            }
        }
        return "7bit";
    }

    private void parameters(List<Parameter> parameters) {
        if (parameters.isEmpty()) {
            out.append("NIL");
            return;
        }
        out.append('(');
        boolean first = true;
        for (Parameter p : parameters) {
            if (!first) {
                out.append(' ');
            }
            first = false;
            ImapQuoting.nstring(out, p.name());
            out.append(' ');
            ImapQuoting.nstring(out, p.value());
        }
        out.append(')');
    }

    private void disposition(Node node) {
        // as Dovecot: a later Content-Disposition replaces one that had no parameters
        Disposition d = null;
        for (String value : node.fields.all(Name.CONTENT_DISPOSITION)) {
            if (d == null || d.parameters().isEmpty()) {
                d = MimeParameters.disposition(value);
            }
        }
        if (d == null) {
            out.append("NIL");
            return;
        }
        out.append('(');
        ImapQuoting.nstring(out, d.type());
        out.append(' ');
        parameters(d.parameters());
        out.append(')');
    }

    private void languages(Node node) {
        // as Dovecot: the first Content-Language with a tag counts
        List<String> tags = List.of();
        for (String value : node.fields.all(Name.CONTENT_LANGUAGE)) {
            tags = MimeParameters.languages(value);
            if (!tags.isEmpty()) {
                break;
            }
        }
        if (tags.isEmpty()) {
            out.append("NIL");
            return;
        }
        out.append('(');
        for (int i = 0; i < tags.size(); i++) {
            if (i > 0) {
                out.append(' ');
            }
            ImapQuoting.nstring(out, tags.get(i));
        }
        out.append(')');
    }
}
