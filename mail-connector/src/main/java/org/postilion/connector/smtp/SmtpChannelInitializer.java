package org.postilion.connector.smtp;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import org.postilion.connector.net.ConnectionLimiter;
import org.postilion.connector.smtp.command.SmtpCommands;
import org.postilion.connector.spi.AuthThrottle;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The pipeline of one SMTP connection: TLS first on an implicit-TLS listener (STARTTLS puts it there later),
 * an idle timer, then the session.
 */
public final class SmtpChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final SmtpSettings settings;
    private final SmtpBackend backend;
    private final SmtpCommands commands;
    private final Supplier<SslContext> tls;
    private final ConnectionLimiter limiter;
    private final AuthThrottle throttle;

    /**
     * @param tls      the listener's TLS context (read anew for each connection, so a replaced certificate is
     *                 used at once), or null for a listener without TLS
     * @param throttle the node's failed-authentication counts, shared by all listeners
     */
    public SmtpChannelInitializer(SmtpSettings settings, SmtpBackend backend, Supplier<SslContext> tls,
                                  AuthThrottle throttle) {
        if (settings.tlsMode() == SmtpSettings.TlsMode.IMPLICIT && tls == null) {
            throw new IllegalArgumentException("an implicit-TLS listener needs a TLS context");
        }
        this.settings = settings;
        this.backend = backend;
        this.commands = SmtpCommands.defaults();
        this.tls = tls;
        this.limiter = new ConnectionLimiter(settings.maxConnections(), settings.maxConnectionsPerClient());
        this.throttle = throttle;
    }

    /** A listener without TLS, with its own throttle: for tests and local tools. */
    public SmtpChannelInitializer(SmtpSettings settings, SmtpBackend backend) {
        this(settings, backend, null, AuthThrottle.defaults());
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        if (settings.tlsMode() == SmtpSettings.TlsMode.IMPLICIT) {
            ch.pipeline().addLast("tls", tls.get().newHandler(ch.alloc()));
        }
        ch.pipeline()
                .addLast("idle", new IdleStateHandler(settings.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS))
                .addLast("smtp", new SmtpChannelHandler(settings, backend, commands, tls, limiter, throttle));
    }

    public ConnectionLimiter limiter() {
        return limiter;
    }
}
