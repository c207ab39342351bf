package org.postilion.connector.smtp;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import org.postilion.connector.smtp.command.SmtpCommands;

import java.util.concurrent.TimeUnit;

/** The pipeline of one SMTP connection: an idle timer, then the session. */
public final class SmtpChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final SmtpSettings settings;
    private final SmtpBackend backend;
    private final SmtpCommands commands;
    private final String listener;

    public SmtpChannelInitializer(SmtpSettings settings, SmtpBackend backend, String listener) {
        this.settings = settings;
        this.backend = backend;
        this.commands = SmtpCommands.defaults();
        this.listener = listener;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline()
                .addLast("idle", new IdleStateHandler(settings.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS))
                .addLast("smtp", new SmtpChannelHandler(settings, backend, commands, listener));
    }
}
