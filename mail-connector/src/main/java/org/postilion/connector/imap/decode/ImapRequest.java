package org.postilion.connector.imap.decode;

import java.util.List;
import java.util.Locale;

/**
 * One command as the decoder read it: its tag, its name in upper case, its arguments, and its literals in the
 * order they came (also present as {@link ImapArg.Str}s among the arguments; a spooled literal's {@code Str}
 * is empty, so a command taking large literals, APPEND, reads them from here). Closing it deletes the spooled
 * literals.
 */
public record ImapRequest(String tag, String name, List<ImapArg> args, List<Literal> literals)
        implements AutoCloseable {

    public ImapRequest {
        name = name.toUpperCase(Locale.ROOT);
        args = List.copyOf(args);
        literals = List.copyOf(literals);
    }

    @Override
    public void close() {
        literals.forEach(Literal::close);
    }
}
