package org.postilion.endpoint;

import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.jboss.ejb3.annotation.ResourceAdapter;
import org.postilion.connector.spi.AuthVerdict;
import org.postilion.connector.spi.AuthenticationListener;
import org.postilion.connector.spi.SessionInfo;
import org.postilion.security.Authenticator;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Answers the protocols' password checks and credential lookups; a failure of the directory is "try later". */
@MessageDriven(messageListenerInterface = AuthenticationListener.class)
@ResourceAdapter(ConnectorNames.RESOURCE_ADAPTER)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AuthenticationEndpoint implements AuthenticationListener {

    private static final Logger LOG = Logger.getLogger(AuthenticationEndpoint.class.getName());

    @Inject
    private Authenticator authenticator;

    @Override
    public AuthVerdict verifyPassword(String user, String password, SessionInfo session) {
        try {
            return authenticator.verifyPassword(user, password, Authenticator.protocolOf(session.listener()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "password check failed", e);
            return new AuthVerdict.TryLater("directory unavailable");
        }
    }

    @Override
    public AuthVerdict scramCredentials(String user, SessionInfo session) {
        try {
            return authenticator.scramCredentials(user);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "credential lookup failed", e);
            return new AuthVerdict.TryLater("directory unavailable");
        }
    }
}
