package org.postilion.connector.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;
import org.postilion.connector.spi.MailIntakeListener;
import org.postilion.connector.spi.AuthenticationListener;
import org.postilion.connector.spi.SmtpPolicyListener;
import org.postilion.connector.spi.imap.ImapStoreListener;

/**
 * The activation of one endpoint: a message-driven bean implementing one of the listener interfaces. It needs
 * no properties; the bean's listener interface says what it answers.
 */
@Activation(messageListeners = {MailIntakeListener.class, SmtpPolicyListener.class, AuthenticationListener.class,
        ImapStoreListener.class})
public class MailActivationSpec implements ActivationSpec {

    private ResourceAdapter resourceAdapter;

    @Override
    public void validate() throws InvalidPropertyException {
        // nothing to validate: the spec has no properties
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter ra) throws ResourceException {
        this.resourceAdapter = ra;
    }
}
