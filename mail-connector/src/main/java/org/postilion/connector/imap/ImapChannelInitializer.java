package org.postilion.connector.imap;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import org.postilion.connector.imap.process.ImapCommands;
import org.postilion.connector.net.ConnectionLimiter;
import org.postilion.connector.spi.AuthThrottle;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The pipeline of one IMAP connection: TLS first on an implicit-TLS listener (STARTTLS puts it there later),
 * an idle timer (the login timeout, replaced by the longer one after login), then the session.
 */
public final class ImapChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final ImapSettings settings;
    private final ImapBackend backend;
    private final ImapCommands commands;
    private final Supplier<SslContext> tls;
    private final ConnectionLimiter limiter;
    private final AuthThrottle throttle;
    private final ImapSignalHub signals;

    /**
     * @param tls      the listener's TLS context (read anew for each connection), or null without TLS
     * @param throttle the node's failed-authentication counts, shared with SMTP
     * @param signals  the node's change signals, shared by the IMAP listeners
     */
    public ImapChannelInitializer(ImapSettings settings, ImapBackend backend, Supplier<SslContext> tls,
                                  AuthThrottle throttle, ImapSignalHub signals) {
        if (settings.tlsMode() == ImapSettings.TlsMode.IMPLICIT && tls == null) {
            throw new IllegalArgumentException("an implicit-TLS listener needs a TLS context");
        }
        this.settings = settings;
        this.backend = backend;
        this.commands = ImapCommands.defaults();
        this.tls = tls;
        this.limiter = new ConnectionLimiter(settings.maxConnections(), settings.maxConnectionsPerClient());
        this.throttle = throttle;
        this.signals = signals;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        if (settings.tlsMode() == ImapSettings.TlsMode.IMPLICIT) {
            ch.pipeline().addLast("tls", tls.get().newHandler(ch.alloc()));
        }
        ch.pipeline()
                .addLast("idle", new IdleStateHandler(settings.loginTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS))
                .addLast("imap", new ImapChannelHandler(settings, backend, commands, tls, limiter, throttle, signals));
    }

    public ConnectionLimiter limiter() {
        return limiter;
    }
}
