package org.postilion.connector.imap.process;

import org.postilion.connector.imap.ImapSession;
import org.postilion.connector.imap.ImapState;
import org.postilion.connector.imap.decode.ImapArg;
import org.postilion.connector.imap.decode.ImapRequest;
import org.postilion.connector.imap.response.Tagged;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;

/**
 * ID (RFC 2971): the client's identification is logged (bounded), the server names itself and no version (a
 * version helps attackers more than clients).
 *
 * <p>LIMITS: at most 30 field-value pairs, as RFC 2971 section 3.3 allows; fields of 30 octets, values of 1024.
 */
final class IdCommand implements ImapCommand {

    private static final Logger LOG = Logger.getLogger(IdCommand.class.getName());

    @Override
    public String name() {
        return "ID";
    }

    @Override
    public Set<ImapState> states() {
        return ImapState.ANY;
    }

    @Override
    public CompletionStage<Tagged> handle(ImapSession session, ImapRequest request) {
        Args.count(request.args(), 1, 1);
        ImapArg arg = request.args().get(0);
        if (!(arg instanceof ImapArg.Nil)) {
            List<ImapArg> items = Args.list(arg, "field-value pairs");
            if (items.size() % 2 != 0 || items.size() > 60) {
                throw new Args.BadArguments("ID takes up to 30 field-value pairs");
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < items.size(); i += 2) {
                if (!(items.get(i) instanceof ImapArg.Str field) || field.bytes().length > 30
                        || !(items.get(i + 1) instanceof ImapArg.Str || items.get(i + 1) instanceof ImapArg.Nil)) {
                    throw new Args.BadArguments("ID fields are strings, values strings or NIL");
                }
                String value = items.get(i + 1) instanceof ImapArg.Str s ? s.text() : "NIL";
                if (value.length() > 1024) {
                    throw new Args.BadArguments("ID value too long");
                }
                sb.append(field.text()).append('=').append(value.replaceAll("\\p{Cntrl}", "?")).append(' ');
            }
            LOG.fine(() -> "IMAP client " + session.clientAddress() + " is " + sb.toString().strip());
        }
        session.untagged("ID (\"name\" \"Postilion\" \"vendor\" \"Postilion\")");
        return CompletableFuture.completedFuture(Tagged.ok("ID completed"));
    }
}
