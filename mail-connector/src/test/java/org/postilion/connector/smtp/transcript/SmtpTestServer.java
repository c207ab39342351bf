package org.postilion.connector.smtp.transcript;

import org.postilion.connector.net.EventLoops;
import org.postilion.connector.net.Listener;
import org.postilion.connector.smtp.SmtpBackend;
import org.postilion.connector.smtp.SmtpChannelInitializer;
import org.postilion.connector.smtp.SmtpSettings;

import java.net.InetSocketAddress;

/** A real SMTP listener on an ephemeral port of 127.0.0.1, as the resource adapter starts one. */
public final class SmtpTestServer implements AutoCloseable {

    private final Listener listener;

    private SmtpTestServer(Listener listener) {
        this.listener = listener;
    }

    public static SmtpTestServer start(EventLoops loops, SmtpSettings settings, SmtpBackend backend) {
        return new SmtpTestServer(Listener.open("smtp", new InetSocketAddress("127.0.0.1", 0), loops,
                new SmtpChannelInitializer(settings, backend, "smtp")));
    }

    public InetSocketAddress address() {
        return listener.address();
    }

    @Override
    public void close() {
        listener.close();
    }
}
