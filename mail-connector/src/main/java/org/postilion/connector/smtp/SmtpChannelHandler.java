package org.postilion.connector.smtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import org.postilion.connector.smtp.command.SmtpCommands;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Connects one SMTP session to its socket. It owns the input: bytes are kept until the session can take them,
 * one command (or one message) at a time, so that a pipelined group (RFC 2920) is answered in order and
 * message data that follows DATA is read as data. While a command waits for the backend, reading stops
 * (back-pressure); replies are flushed when the input is used up, which is when a pipelining client waits.
 */
public final class SmtpChannelHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(SmtpChannelHandler.class.getName());

    private final SmtpSettings settings;
    private final SmtpBackend backend;
    private final SmtpCommands commands;
    private final String listener;
    private final CommandLineDecoder lines;

    private SmtpSession session;
    private ByteBuf input;
    private DataDecoder data;
    private ByteBuf message;
    private boolean waiting;
    private boolean closing;

    public SmtpChannelHandler(SmtpSettings settings, SmtpBackend backend, SmtpCommands commands, String listener) {
        this.settings = settings;
        this.backend = backend;
        this.commands = commands;
        this.listener = listener;
        this.lines = new CommandLineDecoder(settings.lineLengthLimit());
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        input = ctx.alloc().buffer(1024);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        release();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        String client = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress().getHostAddress();
        session = new SmtpSession(settings, backend, ctx.executor(), listener, client);
        if (!backend.isAvailable()) {
            LOG.warning(() -> "connect from " + client + " refused: the mail service is not ready");
            closeWith(ctx, SmtpReplies.serviceNotAvailable(settings.hostname()));
            return;
        }
        ctx.writeAndFlush(reply(SmtpReply.plain(220, settings.hostname() + " ESMTP Postilion")));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf bytes = (ByteBuf) msg;
        try {
            if (!closing) {
                input.writeBytes(bytes);
            }
        } finally {
            bytes.release();
        }
        drain(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent && !closing) {
            LOG.info(() -> "timeout after " + settings.idleTimeout().toSeconds() + " s from " + session.clientAddress());
            closeWith(ctx, SmtpReplies.timeout(settings.hostname()));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.fine(() -> "connection from " + (session == null ? "?" : session.clientAddress()) + " lost: " + cause);
        } else {
            LOG.log(Level.WARNING, "SMTP session failed", cause);
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        // a message whose end never came is simply dropped: nothing of it was queued
        release();
    }

    /** Feeds the session from the input until the input is used up or the session waits for the backend. */
    private void drain(ChannelHandlerContext ctx) {
        while (!waiting && !closing && input != null) {
            CompletionStage<SmtpReply> reply;
            if (data != null) {
                if (!data.decode(input, message)) {
                    break;
                }
                DataDecoder finished = data;
                ByteBuf content = message;
                data = null;
                message = null;
                reply = EndOfData.complete(session, content, finished);
                reply.whenComplete((r, e) -> content.release());
            } else {
                CommandLine line = lines.next(input);
                if (line == null) {
                    break;
                }
                reply = commands.dispatch(session, line);
            }
            answer(ctx, reply);
        }
        if (input != null) {
            input.discardSomeReadBytes();
        }
        ctx.flush();
        ctx.channel().config().setAutoRead(!waiting && !closing);
    }

    private void answer(ChannelHandlerContext ctx, CompletionStage<SmtpReply> stage) {
        CompletableFuture<SmtpReply> future = stage.toCompletableFuture();
        if (future.isDone()) {
            afterReply(ctx, outcome(future));
            return;
        }
        waiting = true;
        future.whenComplete((r, e) -> ctx.executor().execute(() -> {
            waiting = false;
            if (ctx.channel().isActive()) {
                afterReply(ctx, outcome(future));
                drain(ctx);
            }
        }));
    }

    private SmtpReply outcome(CompletableFuture<SmtpReply> future) {
        try {
            return future.join();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "SMTP command failed for " + session.clientAddress(), e);
            return SmtpReplies.LOOKUP_FAILURE;
        }
    }

    private void afterReply(ChannelHandlerContext ctx, SmtpReply r) {
        if (session.isCloseRequested()) {
            closeWith(ctx, r);
            return;
        }
        if (!r.isPositive() && session.countError()) {
            ctx.write(reply(r));
            closeWith(ctx, SmtpReplies.tooManyErrors(settings.hostname()));
            return;
        }
        ctx.write(reply(r));
        if (session.takeDataRequest()) {
            data = new DataDecoder(settings.messageSizeLimit());
            // XXX: the message is held in memory up to the size limit; large messages should spool to disk
            message = ctx.alloc().buffer(16 * 1024);
        }
    }

    private void closeWith(ChannelHandlerContext ctx, SmtpReply r) {
        closing = true;
        ctx.writeAndFlush(reply(r)).addListener(ChannelFutureListener.CLOSE);
    }

    private static ByteBuf reply(SmtpReply r) {
        return Unpooled.wrappedBuffer(r.toBytes());
    }

    private void release() {
        if (input != null) {
            input.release();
            input = null;
        }
        if (message != null) {
            message.release();
            message = null;
        }
        data = null;
    }
}
