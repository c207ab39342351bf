package org.postilion.endpoint;

import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.jboss.ejb3.annotation.ResourceAdapter;
import org.postilion.connector.spi.RcptVerdict;
import org.postilion.connector.spi.RecipientCheck;
import org.postilion.connector.spi.RecipientCheckListener;
import org.postilion.policy.RecipientPolicy;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers RCPT TO for the SMTP listeners. The policy runs in its own transaction; if it fails (the database
 * is down), the answer is "try later", so that no recipient is refused for good because of an outage.
 */
@MessageDriven(messageListenerInterface = RecipientCheckListener.class)
@ResourceAdapter(ConnectorNames.RESOURCE_ADAPTER)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RecipientCheckEndpoint implements RecipientCheckListener {

    private static final Logger LOG = Logger.getLogger(RecipientCheckEndpoint.class.getName());

    @Inject
    private RecipientPolicy policy;

    @Override
    public RcptVerdict check(RecipientCheck check) {
        try {
            return policy.check(check);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "recipient check for <" + check.recipient() + "> failed", e);
            return new RcptVerdict.TryLater("directory unavailable");
        }
    }
}
