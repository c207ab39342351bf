package org.postilion.endpoint;

import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.jboss.ejb3.annotation.ResourceAdapter;
import org.postilion.connector.spi.RcptVerdict;
import org.postilion.connector.spi.RecipientCheck;
import org.postilion.connector.spi.SenderCheck;
import org.postilion.connector.spi.SenderVerdict;
import org.postilion.connector.spi.SmtpPolicyListener;
import org.postilion.operations.MailMetrics;
import org.postilion.policy.SmtpPolicy;
import org.postilion.policy.SubmissionLimits;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers MAIL FROM and RCPT TO for the SMTP listeners. The policy runs in its own transaction; if it fails (the
 * database is down), the answer is "try later", so that nothing is refused for good because of an outage.
 */
@MessageDriven(messageListenerInterface = SmtpPolicyListener.class)
@ResourceAdapter(ConnectorNames.RESOURCE_ADAPTER)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SmtpPolicyEndpoint implements SmtpPolicyListener {

    private static final Logger LOG = Logger.getLogger(SmtpPolicyEndpoint.class.getName());

    @Inject
    private MailMetrics metrics;

    @Inject
    private SmtpPolicy policy;

    @Inject
    private SubmissionLimits limits;

    @Override
    public SenderVerdict checkSender(SenderCheck check) {
        if (check.session().submission() && check.session().isAuthenticated()
                && !limits.tryMessage(check.session().authenticatedUser())) {
            metrics.rejected("rate_limited");
            LOG.warning(() -> "rate limit: " + check.session().authenticatedUser() + " sent "
                    + limits.maxMessages() + " messages in the last hour");
            return new SenderVerdict.Limited("too many messages from " + check.session().authenticatedUser()
                    + " in the last hour (" + limits.maxMessages() + ")");
        }
        try {
            return policy.checkSender(check);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "sender check for <" + check.sender() + "> failed", e);
            return new SenderVerdict.TryLater("directory unavailable");
        }
    }

    @Override
    public RcptVerdict checkRecipient(RecipientCheck check) {
        RcptVerdict verdict;
        try {
            verdict = policy.checkRecipient(check);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "recipient check for <" + check.recipient() + "> failed", e);
            verdict = new RcptVerdict.TryLater("directory unavailable");
        }
        if (verdict instanceof RcptVerdict.Accept && check.session().submission() && check.session().isAuthenticated()
                && !limits.tryRecipient(check.session().authenticatedUser())) {
            LOG.warning(() -> "rate limit: " + check.session().authenticatedUser() + " sent to "
                    + limits.maxRecipients() + " recipients in the last hour");
            verdict = new RcptVerdict.Limited("too many recipients from " + check.session().authenticatedUser()
                    + " in the last hour (" + limits.maxRecipients() + ")");
            metrics.rejected("rate_limited");
        } else if (verdict instanceof RcptVerdict.Reject r) {
            metrics.rejected(r.reason().name());
        } else if (verdict instanceof RcptVerdict.TryLater) {
            metrics.rejected("try_later");
        }
        return verdict;
    }
}
