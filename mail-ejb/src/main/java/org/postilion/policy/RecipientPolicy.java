package org.postilion.policy;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.postilion.connector.spi.MailAddress;
import org.postilion.connector.spi.RcptVerdict;
import org.postilion.connector.spi.RecipientCheck;
import org.postilion.directory.DirectoryService;
import org.postilion.directory.Resolution;

/** Decides RCPT TO: local users are accepted, unknown users of hosted domains refused, relaying only when allowed. */
@Stateless
public class RecipientPolicy {

    private static final RcptVerdict NO_SUCH_USER = new RcptVerdict.Reject(RcptVerdict.Reason.NO_SUCH_USER);
    private static final RcptVerdict RELAY_DENIED = new RcptVerdict.Reject(RcptVerdict.Reason.RELAY_DENIED);

    @Inject
    private DirectoryService directory;

    public RcptVerdict check(RecipientCheck check) {
        MailAddress recipient = check.recipient();
        Resolution resolution = recipient.isAddressLiteral() ? Resolution.REMOTE
                : directory.resolve(recipient.localPart(), recipient.domain());
        return switch (resolution.kind()) {
            case LOCAL -> RcptVerdict.LOCAL;
            case UNKNOWN_USER -> NO_SUCH_USER;
            case NOT_HOSTED -> check.session().isAuthenticated() ? RcptVerdict.RELAY : RELAY_DENIED;
        };
    }
}
