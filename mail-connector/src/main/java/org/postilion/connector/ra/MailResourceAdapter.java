package org.postilion.connector.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.Connector;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import org.postilion.connector.imap.ImapChannelInitializer;
import org.postilion.connector.imap.ImapSettings;
import org.postilion.connector.imap.ImapSignalHub;
import org.postilion.connector.net.ConnectionLimiter;
import org.postilion.connector.net.EventLoops;
import org.postilion.connector.net.Listener;
import org.postilion.connector.net.tls.TlsContextProvider;
import org.postilion.connector.smtp.SmtpChannelInitializer;
import org.postilion.connector.smtp.SmtpSettings;
import org.postilion.connector.spi.AuthThrottle;
import org.postilion.connector.spi.AuthenticationListener;
import org.postilion.connector.spi.ConnectorStatus;
import org.postilion.connector.spi.MailIntakeListener;
import org.postilion.connector.spi.SmtpPolicyListener;
import org.postilion.connector.spi.imap.ImapStoreListener;
import org.postilion.connector.spi.imap.MailboxSignals;

import javax.transaction.xa.XAResource;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Postilion's mail connector. {@link #start} opens the protocol listeners; each connection's questions go to
 * the message-driven beans that activated against this adapter. Listeners stay open while endpoints come and
 * go: without them a client gets a temporary error (421/451) rather than a refused connection.
 */
@Connector(
        displayName = "Postilion mail connector",
        description = "SMTP, IMAP and POP3 listeners of the Postilion mail server",
        vendorName = "Postilion",
        eisType = "Internet mail",
        version = "1.0",
        transactionSupport = TransactionSupport.TransactionSupportLevel.NoTransaction)
public class MailResourceAdapter implements ResourceAdapter {

    private static final Logger LOG = Logger.getLogger(MailResourceAdapter.class.getName());

    @ConfigProperty(description = "Address the listeners bind to; system property postilion.bind.address")
    private String bindAddress;

    @ConfigProperty(description = "Name in greetings and Received: lines; system property postilion.hostname")
    private String hostname;

    @ConfigProperty(description = "SMTP (MX) port; system property postilion.smtp.port", defaultValue = "2525")
    private Integer smtpPort;

    @ConfigProperty(description = "Submission port (RFC 6409); system property postilion.submission.port",
            defaultValue = "2587")
    private Integer submissionPort;

    @ConfigProperty(description = "Submission over TLS port (RFC 8314); system property postilion.submissions.port",
            defaultValue = "2465")
    private Integer submissionsPort;

    @ConfigProperty(description = "IMAP (STARTTLS) port; system property postilion.imap.port", defaultValue = "2143")
    private Integer imapPort;

    @ConfigProperty(description = "IMAP over TLS port; system property postilion.imaps.port", defaultValue = "2993")
    private Integer imapsPort;

    @ConfigProperty(description = "Largest message in octets; system property postilion.smtp.message-size-limit",
            defaultValue = "10240000")
    private Long messageSizeLimit;

    private final EndpointRegistry endpoints = new EndpointRegistry(
            List.of(MailIntakeListener.class, SmtpPolicyListener.class, AuthenticationListener.class,
                    ImapStoreListener.class));
    private final List<Listener> listeners = new ArrayList<>();
    private EventLoops loops;

    @Override
    public void start(BootstrapContext context) throws ResourceAdapterInternalException {
        ListenerConfig config = new ListenerConfig(this);
        EndpointSmtpBackend smtpBackend = new EndpointSmtpBackend(endpoints,
                new WorkManagerExecutor(context.getWorkManager()));
        EndpointImapBackend imapBackend = new EndpointImapBackend(endpoints,
                new WorkManagerExecutor(context.getWorkManager()));
        AuthThrottle throttle = config.authThrottle();
        ConnectorStatus.authFailures(throttle::failureCount);
        ImapSignalHub signals = new ImapSignalHub();
        loops = new EventLoops(config.ioThreads());
        try {
            TlsContextProvider tls = TlsContextProvider.create(config.tlsSettings());
            LOG.info(() -> "TLS certificate for the mail listeners: " + tls.certificate().getSubjectX500Principal()
                    + ", valid until " + tls.certificate().getNotAfter().toInstant());
            openSmtp(config.address("smtp", smtpPort, ListenerConfig.DEFAULT_SMTP_PORT),
                    config.smtp(SmtpSettings.mx("-").authOffered(config.mxAuth())), smtpBackend, tls, throttle);
            openSmtp(config.address("submission", submissionPort, ListenerConfig.DEFAULT_SUBMISSION_PORT),
                    config.smtp(SmtpSettings.submission("-")), smtpBackend, tls, throttle);
            openSmtp(config.address("submissions", submissionsPort, ListenerConfig.DEFAULT_SUBMISSIONS_PORT),
                    config.smtp(SmtpSettings.submissions("-")), smtpBackend, tls, throttle);
            openImap(config.address("imap", imapPort, ListenerConfig.DEFAULT_IMAP_PORT),
                    config.imap(ImapSettings.imap("-")), imapBackend, tls, throttle, signals);
            openImap(config.address("imaps", imapsPort, ListenerConfig.DEFAULT_IMAPS_PORT),
                    config.imap(ImapSettings.imaps("-")), imapBackend, tls, throttle, signals);
            MailboxSignals.connect(signals);
        } catch (RuntimeException e) {
            stop();
            throw new ResourceAdapterInternalException("cannot open the mail listeners: " + e, e);
        }
        for (Listener l : listeners) {
            LOG.info(() -> "Postilion " + l.name() + " listening on " + l.address().getAddress().getHostAddress()
                    + ":" + l.address().getPort());
        }
    }

    private void openSmtp(InetSocketAddress address, SmtpSettings settings, EndpointSmtpBackend backend,
                          TlsContextProvider tls, AuthThrottle throttle) {
        if (address != null) {
            SmtpChannelInitializer initializer = new SmtpChannelInitializer(settings, backend, tls::current, throttle);
            opened(Listener.open(settings.listener(), address, loops, initializer), initializer.limiter());
        }
    }

    private void openImap(InetSocketAddress address, ImapSettings settings, EndpointImapBackend backend,
                          TlsContextProvider tls, AuthThrottle throttle, ImapSignalHub signals) {
        if (address != null) {
            ImapChannelInitializer initializer = new ImapChannelInitializer(settings, backend, tls::current, throttle,
                    signals);
            opened(Listener.open(settings.listener(), address, loops, initializer), initializer.limiter());
        }
    }

    /** Keeps the listener to close it at stop, and reports it (with its open sessions) to the EJB tier. */
    private void opened(Listener listener, ConnectionLimiter limiter) {
        listeners.add(listener);
        ConnectorStatus.listenerOpened(new ConnectorStatus.ListenerState(listener.name(), listener.address(),
                limiter::open));
    }

    @Override
    public void stop() {
        MailboxSignals.disconnect();
        ConnectorStatus.reset();
        for (Listener l : listeners) {
            try {
                l.close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "closing " + l, e);
            }
        }
        listeners.clear();
        if (loops != null) {
            loops.close();
            loops = null;
        }
        endpoints.clear();
    }

    @Override
    public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) throws ResourceException {
        endpoints.activate(factory);
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
        endpoints.deactivate(factory);
    }

    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        // the connector holds no transactional state of its own: nothing to recover
        return null;
    }

    /** Equal when configured alike (the connector specification asks for value equality, section 5.3.1). */
    @Override
    public boolean equals(Object o) {
        return o instanceof MailResourceAdapter ra && Objects.equals(bindAddress, ra.bindAddress)
                && Objects.equals(hostname, ra.hostname) && Objects.equals(smtpPort, ra.smtpPort)
                && Objects.equals(submissionPort, ra.submissionPort) && Objects.equals(submissionsPort, ra.submissionsPort)
                && Objects.equals(imapPort, ra.imapPort) && Objects.equals(imapsPort, ra.imapsPort)
                && Objects.equals(messageSizeLimit, ra.messageSizeLimit);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bindAddress, hostname, smtpPort, submissionPort, submissionsPort, imapPort, imapsPort,
                messageSizeLimit);
    }

    public String getBindAddress() {
        return bindAddress;
    }

    public void setBindAddress(String bindAddress) {
        this.bindAddress = bindAddress;
    }

    public String getHostname() {
        return hostname;
    }

    public void setHostname(String hostname) {
        this.hostname = hostname;
    }

    public Integer getSmtpPort() {
        return smtpPort;
    }

    public void setSmtpPort(Integer smtpPort) {
        this.smtpPort = smtpPort;
    }

    public Integer getSubmissionPort() {
        return submissionPort;
    }

    public void setSubmissionPort(Integer submissionPort) {
        this.submissionPort = submissionPort;
    }

    public Integer getSubmissionsPort() {
        return submissionsPort;
    }

    public void setSubmissionsPort(Integer submissionsPort) {
        this.submissionsPort = submissionsPort;
    }

    public Integer getImapPort() {
        return imapPort;
    }

    public void setImapPort(Integer imapPort) {
        this.imapPort = imapPort;
    }

    public Integer getImapsPort() {
        return imapsPort;
    }

    public void setImapsPort(Integer imapsPort) {
        this.imapsPort = imapsPort;
    }

    public Long getMessageSizeLimit() {
        return messageSizeLimit;
    }

    public void setMessageSizeLimit(Long messageSizeLimit) {
        this.messageSizeLimit = messageSizeLimit;
    }
}
