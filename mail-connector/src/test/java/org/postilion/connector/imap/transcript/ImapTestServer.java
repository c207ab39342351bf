package org.postilion.connector.imap.transcript;

import org.postilion.connector.imap.ImapBackend;
import org.postilion.connector.imap.ImapChannelInitializer;
import org.postilion.connector.imap.ImapSettings;
import org.postilion.connector.imap.ImapSignalHub;
import org.postilion.connector.net.EventLoops;
import org.postilion.connector.net.Listener;
import org.postilion.connector.smtp.transcript.TestTls;
import org.postilion.connector.spi.AuthThrottle;

import java.net.InetSocketAddress;

/** A real IMAP listener on an ephemeral port of 127.0.0.1, as the resource adapter starts one, with test TLS. */
public final class ImapTestServer implements AutoCloseable {

    private final Listener listener;
    private final ImapSignalHub signals;

    private ImapTestServer(Listener listener, ImapSignalHub signals) {
        this.listener = listener;
        this.signals = signals;
    }

    /** A server whose store signals go to its own hub (when the store is a {@link FakeImapStore}). */
    public static ImapTestServer start(EventLoops loops, ImapSettings settings, ImapBackend backend,
                                       FakeImapStore store, AuthThrottle throttle) {
        ImapSignalHub hub = new ImapSignalHub();
        if (store != null) {
            store.signalTo(hub);
        }
        return new ImapTestServer(Listener.open(settings.listener(), new InetSocketAddress("127.0.0.1", 0), loops,
                new ImapChannelInitializer(settings, backend, TestTls.provider()::current, throttle, hub)), hub);
    }

    public InetSocketAddress address() {
        return listener.address();
    }

    public ImapSignalHub signals() {
        return signals;
    }

    @Override
    public void close() {
        listener.close();
    }
}
