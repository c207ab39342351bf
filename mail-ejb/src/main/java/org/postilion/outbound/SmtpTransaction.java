package org.postilion.outbound;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPAddressSucceededException;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One SMTP transaction with one remote host, through Angus Mail's {@link SMTPTransport}: EHLO, STARTTLS when
 * offered (opportunistic, RFC 7435: the certificate is not checked, the protocol and cipher are recorded), MAIL,
 * one RCPT per recipient, DATA, with the message's bytes as they were queued. The answer says, per recipient,
 * what the remote server replied.
 *
 * <p>Angus is the client because it is the maintained SMTP client of Jakarta Mail, already in WildFly, and speaks
 * ESMTP as remote servers expect (EHLO with HELO fallback, STARTTLS, SIZE, PIPELINING is not used, DSN's NOTIFY and
 * RET); a Netty client would have to be written and kept.
 */
final class SmtpTransaction {

    /**
     * Where the transaction failed as a whole, before any recipient had an answer of its own: connection refused
     * or timed out, a greeting, EHLO or MAIL refused. {@code permanent} for a 5xx to MAIL FROM.
     */
    static final class HostFailure extends Exception {
        final boolean permanent;

        HostFailure(String message, boolean permanent, Throwable cause) {
            super(message, cause);
            this.permanent = permanent;
        }
    }

    /** One queued message's envelope for this transaction. */
    record Envelope(String sender, List<String> recipients, String dsnNotify, String ret) {
    }

    /** How the connection is protected. */
    enum Security {
        /** STARTTLS when offered, clear text otherwise (RFC 7435): mail exchangers. */
        OPPORTUNISTIC,
        /** STARTTLS or nothing. */
        STARTTLS,
        /** TLS from the first byte. */
        IMPLICIT,
        /** Clear text. */
        NONE
    }

    /**
     * The host a transaction is with.
     *
     * @param host     its name, as routing found it
     * @param address  the address to connect to
     * @param verify   check its certificate and name against the JVM's trusted authorities
     * @param username the login for AUTH, or null for none
     */
    record Target(String host, InetAddress address, int port, Security security, boolean verify, String username,
                  String password) {
        static Target exchanger(String host, InetAddress address, int port) {
            return new Target(host, address, port, Security.OPPORTUNISTIC, false, null, null);
        }

        String where() {
            return host + "[" + address.getHostAddress() + "]:" + port;
        }
    }

    /** TLS that trusts any certificate (opportunistic), and TLS that checks it; shared, recording per thread. */
    private static final RecordingSocketFactory TRUSTING = new RecordingSocketFactory(false);
    private static final RecordingSocketFactory VERIFYING = new RecordingSocketFactory(true);

    private final OutboundSettings settings;
    /**
     * One Jakarta Mail session per kind of connection, made once: making a session looks up the mail providers
     * through the class path, which cost two thirds of the client's CPU when a session was made per message.
     */
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    SmtpTransaction(OutboundSettings settings) {
        this.settings = settings;
    }

    private Session session(Target target, RecordingSocketFactory tls) {
        Properties p = new Properties();
        p.put("mail.smtp.localhost", settings.hostname());
        p.put("mail.smtp.connectiontimeout", String.valueOf(settings.connectTimeout().toMillis()));
        p.put("mail.smtp.timeout", String.valueOf(settings.timeout().toMillis()));
        p.put("mail.smtp.writetimeout", String.valueOf(settings.timeout().toMillis()));
        p.put("mail.smtp.starttls.enable", String.valueOf(target.security() != Security.NONE));
        p.put("mail.smtp.starttls.required", String.valueOf(target.security() == Security.STARTTLS));
        p.put("mail.smtp.ssl.enable", String.valueOf(target.security() == Security.IMPLICIT));
        p.put("mail.smtp.ssl.socketFactory", tls);
        p.put("mail.smtp.ssl.checkserveridentity", String.valueOf(target.verify()));
        p.put("mail.smtp.auth", String.valueOf(target.username() != null));
        p.put("mail.smtp.sendpartial", "true");
        p.put("mail.smtp.reportsuccess", "true");
        // wait for QUIT's reply before closing (RFC 5321 section 3.8: the client SHOULD); a server may
        // treat a connection closed under it as an aborted session
        p.put("mail.smtp.quitwait", "true");
        return Session.getInstance(p);
    }

    /**
     * Sends the message to the recipients through the target host.
     *
     * @return an outcome for every recipient
     * @throws HostFailure when the host took no recipient (try the next one, or defer)
     */
    List<RecipientOutcome> send(Target target, Envelope envelope, byte[] content) throws HostFailure {
        String host = target.host();
        InetAddress address = target.address();
        RecordingSocketFactory tls = target.verify() ? VERIFYING : TRUSTING;
        tls.forget();
        Session session = sessions.computeIfAbsent(target.security().name() + "/" + target.verify() + "/"
                + (target.username() != null), k -> session(target, tls));
        String where = target.where();
        SMTPTransport transport;
        SMTPMessage message;
        try {
            message = new SMTPMessage(session, new ByteArrayInputStream(content));
            message.setEnvelopeFrom(envelope.sender().isEmpty() ? "<>" : envelope.sender());
            if (!envelope.dsnNotify().isEmpty()) {
                message.setNotifyOptions(notifyOptions(envelope.dsnNotify()));
            }
            if (envelope.ret() != null) {
                message.setReturnOption("HDRS".equalsIgnoreCase(envelope.ret()) ? SMTPMessage.RETURN_HDRS
                        : SMTPMessage.RETURN_FULL);
            }
            transport = (SMTPTransport) session.getTransport("smtp");
            transport.connect(address.getHostAddress(), target.port(), target.username(), target.password());
        } catch (MessagingException e) {
            throw new HostFailure(where + ": " + describe(e), false, e);
        }
        Address[] to = new Address[envelope.recipients().size()];
        for (int i = 0; i < to.length; i++) {
            try {
                to[i] = new InternetAddress(envelope.recipients().get(i), false);
            } catch (MessagingException e) {
                closeQuietly(transport);
                throw new HostFailure("unusable recipient " + envelope.recipients().get(i), true, e);
            }
        }
        try {
            transport.sendMessage(message, to);
            // with reportsuccess, a send always ends in an exception listing each address; not reached
            throw new HostFailure(where + ": no per-recipient report", false, null);
        } catch (SendFailedException e) {
            return outcomes(e, transport, envelope, host, address, tls.protocol());
        } catch (MessagingException e) {
            throw new HostFailure(where + ": " + describe(e), false, e);
        } finally {
            closeQuietly(transport);
        }
    }

    private static List<RecipientOutcome> outcomes(SendFailedException e, SMTPTransport transport, Envelope envelope,
                                                   String host, InetAddress address, String tls) throws HostFailure {
        String ip = address.getHostAddress();
        if (e instanceof SMTPSendFailedException f && f.getCommand() != null
                && f.getCommand().toUpperCase(Locale.ROOT).startsWith("MAIL")) {
            throw new HostFailure(host + "[" + ip + "] said " + oneLine(f.getMessage()) + " (in reply to MAIL FROM)",
                    f.getReturnCode() >= 500 && f.getReturnCode() != 552, f);
        }
        Map<String, RecipientOutcome> byAddress = new LinkedHashMap<>();
        // each RCPT's own reply
        for (Exception next = e.getNextException(); next != null;
             next = next instanceof MessagingException m ? m.getNextException() : null) {
            if (next instanceof SMTPAddressFailedException f) {
                String a = f.getAddress().getAddress();
                byAddress.put(key(a), refused(a, f.getReturnCode(), f.getMessage(), host, ip, tls, "RCPT TO"));
            } else if (next instanceof SMTPAddressSucceededException) {
                // accepted at RCPT; DATA's reply decides
            }
        }
        // the recipients the message reached, and those that took RCPT but not DATA
        List<String> sent = addresses(e.getValidSentAddresses());
        String dataReply = oneLine(transport.getLastServerResponse());
        SMTPSendFailedException dataFailure = e instanceof SMTPSendFailedException f ? f : null;
        List<RecipientOutcome> result = new ArrayList<>();
        for (String r : envelope.recipients()) {
            RecipientOutcome o = byAddress.get(key(r));
            if (o == null && sent.stream().anyMatch(s -> key(s).equals(key(r)))) {
                o = new RecipientOutcome(r, OutboundRecipient.Status.DELIVERED, dsnStatus(dataReply, "2.0.0"),
                        host + "[" + ip + "] said " + dataReply, host, ip, tls);
            } else if (o == null && dataFailure != null) {
                o = refused(r, dataFailure.getReturnCode(), dataFailure.getMessage(), host, ip, tls,
                        "end of DATA");
            } else if (o == null) {
                o = new RecipientOutcome(r, OutboundRecipient.Status.DEFERRED, "4.4.2",
                        host + "[" + ip + "]: the transaction ended without a reply for this recipient (" + dataReply
                                + ")", host, ip, tls);
            }
            result.add(o);
        }
        return result;
    }

    /** A refusal: 5xx bounces, except 552 at RCPT (too many recipients; RFC 5321 section 4.5.3.1.10), which waits. */
    private static RecipientOutcome refused(String recipient, int code, String reply, String host, String ip,
                                            String tls, String stage) {
        boolean permanent = code >= 500 && code < 600 && !(code == 552 && stage.startsWith("RCPT"));
        String text = oneLine(reply);
        return new RecipientOutcome(recipient,
                permanent ? OutboundRecipient.Status.BOUNCED : OutboundRecipient.Status.DEFERRED,
                dsnStatus(text, permanent ? "5.0.0" : "4.0.0"),
                host + "[" + ip + "] said " + text + " (in reply to " + stage + ")", host, ip, tls);
    }

    /** The enhanced status code in a reply ({@code 550 5.1.1 ...}), or the fallback. */
    static String dsnStatus(String reply, String fallback) {
        if (reply != null) {
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("(?:^|said )\\d{3}[ -]([245]\\.\\d{1,3}\\.\\d{1,3})\\b").matcher(reply.trim());
            if (m.find() && m.group(1).charAt(0) == fallback.charAt(0)) {
                return m.group(1);
            }
        }
        return fallback;
    }

    private static String key(String address) {
        return address.toLowerCase(Locale.ROOT);
    }

    private static List<String> addresses(Address[] addresses) {
        List<String> list = new ArrayList<>();
        if (addresses != null) {
            for (Address a : addresses) {
                list.add(((InternetAddress) a).getAddress());
            }
        }
        return list;
    }

    private static int notifyOptions(String notify) {
        int options = 0;
        for (String n : notify.split(",")) {
            switch (n.trim().toUpperCase(Locale.ROOT)) {
                case "NEVER" -> options |= SMTPMessage.NOTIFY_NEVER;
                case "SUCCESS" -> options |= SMTPMessage.NOTIFY_SUCCESS;
                case "FAILURE" -> options |= SMTPMessage.NOTIFY_FAILURE;
                case "DELAY" -> options |= SMTPMessage.NOTIFY_DELAY;
                default -> {
                }
            }
        }
        return options;
    }

    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        return s.replaceAll("[\\r\\n]+", " ").trim();
    }

    private static String describe(MessagingException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return oneLine(root == e ? e.getMessage() : root.getClass().getSimpleName() + ": " + root.getMessage());
    }

    private static void closeQuietly(SMTPTransport transport) {
        try {
            transport.close();
        } catch (MessagingException e) {
            // the transaction's outcome is known; a failed QUIT changes nothing
        }
    }

    /**
     * The socket factory Angus makes TLS with (STARTTLS or implicit): unless told to verify, it trusts any
     * certificate (opportunistic TLS, RFC 7435 section 3); it remembers the session, so the protocol and cipher can
     * be recorded.
     */
    static final class RecordingSocketFactory extends SSLSocketFactory {

        private final SSLSocketFactory delegate;
        private final ThreadLocal<SSLSocket> last = new ThreadLocal<>();

        RecordingSocketFactory(boolean verify) {
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                // null: the JVM's trusted authorities
                context.init(null, verify ? null : new TrustManager[]{new AnyCertificate()}, null);
                delegate = context.getSocketFactory();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("no TLS in this JVM", e);
            }
        }

        /** Forgets this thread's last TLS socket, before a transaction. */
        void forget() {
            last.remove();
        }

        /** {@code TLSv1.3 TLS_AES_256_GCM_SHA384} of this thread's last TLS socket, or null when there was none. */
        String protocol() {
            SSLSocket s = last.get();
            if (s == null) {
                return null;
            }
            SSLSession session = s.getSession();
            return session.getProtocol() + " " + session.getCipherSuite();
        }

        private Socket remember(Socket s) {
            if (s instanceof SSLSocket ssl) {
                last.set(ssl);
            }
            return s;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
            return remember(delegate.createSocket(s, host, port, autoClose));
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return remember(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return remember(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return remember(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return remember(delegate.createSocket(address, port, localAddress, localPort));
        }
    }

    /** Opportunistic TLS checks no certificate: an encrypted channel to an unverified peer beats clear text. */
    private static final class AnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // not a server
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // opportunistic: any certificate will do (RFC 7435)
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
