package org.postilion.connector.smtp.transcript;

import org.postilion.connector.net.EventLoops;
import org.postilion.connector.net.Listener;
import org.postilion.connector.smtp.SmtpBackend;
import org.postilion.connector.smtp.SmtpChannelInitializer;
import org.postilion.connector.smtp.SmtpSettings;
import org.postilion.connector.spi.AuthThrottle;

import java.net.InetSocketAddress;

/** A real SMTP listener on an ephemeral port of 127.0.0.1, as the resource adapter starts one, with test TLS. */
public final class SmtpTestServer implements AutoCloseable {

    private final Listener listener;

    private SmtpTestServer(Listener listener) {
        this.listener = listener;
    }

    public static SmtpTestServer start(EventLoops loops, SmtpSettings settings, SmtpBackend backend) {
        return start(loops, settings, backend, AuthThrottle.defaults());
    }

    public static SmtpTestServer start(EventLoops loops, SmtpSettings settings, SmtpBackend backend,
                                       AuthThrottle throttle) {
        return new SmtpTestServer(Listener.open(settings.listener(), new InetSocketAddress("127.0.0.1", 0), loops,
                new SmtpChannelInitializer(settings, backend, TestTls.provider()::current, throttle)));
    }

    public InetSocketAddress address() {
        return listener.address();
    }

    @Override
    public void close() {
        listener.close();
    }
}
