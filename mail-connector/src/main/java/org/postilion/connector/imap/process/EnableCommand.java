package org.postilion.connector.imap.process;

import org.postilion.connector.imap.ImapSession;
import org.postilion.connector.imap.ImapSession.Extension;
import org.postilion.connector.imap.ImapState;
import org.postilion.connector.imap.decode.ImapArg;
import org.postilion.connector.imap.decode.ImapRequest;
import org.postilion.connector.imap.response.Tagged;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * ENABLE (RFC 5161, RFC 9051 section 6.3.1): IMAP4rev2, CONDSTORE, QRESYNC (which implies CONDSTORE, RFC 7162
 * section 3.2.3) and UTF8=ACCEPT (RFC 6855). {@code * ENABLED} lists what this command newly enabled; unknown
 * names are ignored, as the RFC asks.
 */
final class EnableCommand implements ImapCommand {

    @Override
    public String name() {
        return "ENABLE";
    }

    @Override
    public Set<ImapState> states() {
        return EnumSet.of(ImapState.AUTHENTICATED);
    }

    @Override
    public CompletionStage<Tagged> handle(ImapSession session, ImapRequest request) {
        Args.count(request.args(), 1, 100);
        List<String> enabled = new ArrayList<>();
        for (ImapArg arg : request.args()) {
            String name = Args.upper(Args.atom(arg, "a capability name"));
            Extension e = switch (name) {
                case "IMAP4REV2" -> Extension.IMAP4REV2;
                case "CONDSTORE" -> Extension.CONDSTORE;
                case "QRESYNC" -> Extension.QRESYNC;
                case "UTF8=ACCEPT" -> Extension.UTF8_ACCEPT;
                default -> null;
            };
            if (e == null) {
                continue;
            }
            if (e == Extension.QRESYNC && session.enable(Extension.CONDSTORE)) {
                enabled.add("CONDSTORE");
            }
            if (session.enable(e)) {
                enabled.add(switch (e) {
                    case IMAP4REV2 -> "IMAP4rev2";
                    case UTF8_ACCEPT -> "UTF8=ACCEPT";
                    default -> e.name();
                });
            }
        }
        session.untagged(enabled.isEmpty() ? "ENABLED" : "ENABLED " + String.join(" ", enabled));
        return CompletableFuture.completedFuture(Tagged.ok("ENABLE completed"));
    }
}
