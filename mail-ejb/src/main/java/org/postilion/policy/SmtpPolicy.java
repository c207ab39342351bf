package org.postilion.policy;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.postilion.connector.spi.MailAddress;
import org.postilion.connector.spi.RcptVerdict;
import org.postilion.connector.spi.RecipientCheck;
import org.postilion.connector.spi.SenderCheck;
import org.postilion.connector.spi.SenderVerdict;
import org.postilion.connector.spi.SessionInfo;
import org.postilion.directory.DirectoryService;
import org.postilion.directory.Resolution;

import java.util.Locale;

/**
 * Decides MAIL FROM and RCPT TO.
 *
 * <p>Recipients: an address of a hosted domain is accepted when it leads somewhere (an account, an alias, a
 * catch-all, {@code user+tag}), refused with {@code 550 5.1.1} when it does not and {@code 550 5.2.1} when it
 * leads only to disabled users (or the domain is disabled); any other address only from an
 * authenticated client (relaying), else {@code 554 5.7.1}. {@code postmaster} at the server's own name goes to
 * the configured postmaster ({@code postilion.postmaster}).
 *
 * <p>Senders: on submission the authenticated user may send as its own address (with any {@code +tag}) or an
 * alias it receives (not a catch-all); anything else is {@code 553 5.7.1}. The null sender is allowed (delivery
 * notifications, read receipts). On the MX any sender is accepted here.
 */
@Stateless
public class SmtpPolicy {

    private static final RcptVerdict NO_SUCH_USER = new RcptVerdict.Reject(RcptVerdict.Reason.NO_SUCH_USER);
    private static final RcptVerdict DISABLED = new RcptVerdict.Reject(RcptVerdict.Reason.DISABLED);
    private static final RcptVerdict RELAY_DENIED = new RcptVerdict.Reject(RcptVerdict.Reason.RELAY_DENIED);
    private static final SenderVerdict NOT_OWNED = new SenderVerdict.Reject(SenderVerdict.Reason.NOT_OWNED);

    @Inject
    private DirectoryService directory;

    public SenderVerdict checkSender(SenderCheck check) {
        SessionInfo session = check.session();
        MailAddress sender = check.sender();
        if (!session.submission() || sender == null) {
            return SenderVerdict.ACCEPT;
        }
        if (!session.isAuthenticated()) {
            return NOT_OWNED;
        }
        return directory.mayUseAddress(session.authenticatedUser(), sender.localPart() + "@" + sender.domain())
                ? SenderVerdict.ACCEPT : NOT_OWNED;
    }

    public RcptVerdict checkRecipient(RecipientCheck check) {
        MailAddress recipient = check.recipient();
        SessionInfo session = check.session();
        Resolution resolution;
        if (isServerPostmaster(recipient, session)) {
            String postmaster = System.getProperty("postilion.postmaster");
            int at = postmaster == null ? -1 : postmaster.lastIndexOf('@');
            if (at <= 0) {
                return NO_SUCH_USER;
            }
            resolution = directory.resolve(postmaster.substring(0, at), postmaster.substring(at + 1));
        } else {
            resolution = recipient.isAddressLiteral() ? Resolution.NOT_HOSTED
                    : directory.resolve(recipient.localPart(), recipient.domain());
        }
        return switch (resolution.kind()) {
            case DELIVERABLE -> resolution.isLocalOnly() ? RcptVerdict.LOCAL : RcptVerdict.RELAY;
            case UNKNOWN_USER -> NO_SUCH_USER;
            case DISABLED -> DISABLED;
            case NOT_HOSTED -> session.isAuthenticated() ? RcptVerdict.RELAY : RELAY_DENIED;
        };
    }

    /** {@code postmaster@<the server's own name>}, which {@code RCPT TO:<postmaster>} also arrives as. */
    private boolean isServerPostmaster(MailAddress recipient, SessionInfo session) {
        return recipient.localPart().toLowerCase(Locale.ROOT).equals("postmaster")
                && recipient.domain().equalsIgnoreCase(session.serverName())
                && directory.resolve("postmaster", recipient.domain()).kind() == Resolution.Kind.NOT_HOSTED;
    }
}
