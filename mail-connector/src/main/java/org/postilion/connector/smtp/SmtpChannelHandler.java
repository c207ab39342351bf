package org.postilion.connector.smtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import org.postilion.connector.net.ConnectionLimiter;
import org.postilion.connector.net.tls.TlsTrace;
import org.postilion.connector.smtp.command.BdatHandler;
import org.postilion.connector.smtp.command.SmtpCommands;
import org.postilion.connector.spi.AuthThrottle;

import javax.net.ssl.SSLSession;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Connects one SMTP session to its socket. It owns the input: bytes are kept until the session can take them,
 * one command, message or BDAT chunk at a time, so that a pipelined group (RFC 2920) is answered in order and
 * what follows DATA or BDAT is read as data. While a command waits for the backend (or for an error delay),
 * reading stops (back-pressure); replies are flushed when the input is used up, which is when a pipelining
 * client waits.
 *
 * <p>TLS: on an implicit-TLS listener the pipeline starts with TLS; after STARTTLS's {@code 220} the TLS handler
 * is put in front and every byte the client sent after the command is thrown away (CVE-2011-0411). The session
 * learns the negotiated parameters when the handshake completes.
 */
public final class SmtpChannelHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(SmtpChannelHandler.class.getName());

    private final SmtpSettings settings;
    private final SmtpBackend backend;
    private final SmtpCommands commands;
    private final Supplier<SslContext> tls;
    private final ConnectionLimiter limiter;
    private final AuthThrottle throttle;
    private final CommandLineDecoder lines;

    private String client;
    private boolean acquired;
    private SmtpSession session;
    private ByteBuf input;
    private boolean waiting;
    private boolean closing;

    /** DATA: the decoder and the message so far. */
    private DataDecoder data;
    private ByteBuf message;

    /** BDAT: the chunk being read, what of it is left, and the message of the transaction's chunks so far. */
    private BdatHandler.Chunk chunk;
    private long chunkRemaining;
    private SmtpTransaction chunkTransaction;
    private ByteBuf chunks;
    private long chunksSize;

    /**
     * @param tls     the TLS context for STARTTLS, or null where the listener has none
     * @param limiter the listener's connection counts
     */
    public SmtpChannelHandler(SmtpSettings settings, SmtpBackend backend, SmtpCommands commands,
                              Supplier<SslContext> tls, ConnectionLimiter limiter, AuthThrottle throttle) {
        this.settings = settings;
        this.backend = backend;
        this.commands = commands;
        this.tls = tls;
        this.limiter = limiter;
        this.throttle = throttle;
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
        client = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress().getHostAddress();
        ConnectionLimiter.Refusal refusal = limiter.tryAcquire(client);
        if (refusal != ConnectionLimiter.Refusal.NONE) {
            LOG.warning(() -> "connect from " + client + " refused: too many connections ("
                    + refusal.name().toLowerCase(Locale.ROOT) + ")");
            closeWith(ctx, refusal == ConnectionLimiter.Refusal.TOTAL ? SmtpReplies.tooManyConnections(settings.hostname())
                    : SmtpReplies.tooManyConnections(settings.hostname(), client));
            return;
        }
        acquired = true;
        SmtpSettings effective = settings.tlsMode() == SmtpSettings.TlsMode.STARTTLS && tls == null
                ? settings.toBuilder().tlsMode(SmtpSettings.TlsMode.NONE).build() : settings;
        session = new SmtpSession(effective, backend, throttle, ctx.executor(), client);
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
            if (!closing && input != null) {
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
            LOG.info(() -> "timeout after " + settings.idleTimeout().toSeconds() + " s from " + client);
            closeWith(ctx, SmtpReplies.timeout(settings.hostname()));
        } else if (event instanceof SslHandshakeCompletionEvent handshake && session != null) {
            if (handshake.isSuccess()) {
                SSLSession ssl = ctx.pipeline().get(SslHandler.class).engine().getSession();
                session.tlsEstablished(TlsTrace.received(ssl));
                LOG.fine(() -> "TLS with " + client + ": " + session.tls());
            } else {
                LOG.info(() -> "TLS handshake with " + client + " failed: " + handshake.cause());
                closing = true;
                ctx.close();
            }
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException || cause.getCause() instanceof javax.net.ssl.SSLException) {
            LOG.fine(() -> "connection from " + client + " lost: " + cause);
        } else {
            LOG.log(Level.WARNING, "SMTP session with " + client + " failed", cause);
        }
        closing = true;
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        // a message whose end never came is simply dropped: nothing of it was queued
        release();
        if (acquired) {
            acquired = false;
            limiter.release(client);
        }
    }

    /** Feeds the session from the input until the input is used up or the session waits. */
    private void drain(ChannelHandlerContext ctx) {
        while (!waiting && !closing && input != null) {
            if (data != null) {
                if (!data.decode(input, message)) {
                    break;
                }
                DataDecoder finished = data;
                ByteBuf content = message;
                data = null;
                message = null;
                CompletionStage<SmtpReply> r = EndOfData.afterData(session, content, finished);
                r.whenComplete((x, e) -> content.release());
                answer(ctx, r);
            } else if (chunk != null) {
                if (!readChunk()) {
                    break;
                }
                answer(ctx, endOfChunk());
            } else {
                CommandLine line = lines.next(input);
                if (line == null) {
                    break;
                }
                if (isBdat(line)) {
                    beginChunk(ctx, line.text().substring(4));
                } else {
                    answer(ctx, commands.dispatch(session, line));
                }
            }
        }
        if (input != null) {
            input.discardSomeReadBytes();
        }
        ctx.flush();
        ctx.channel().config().setAutoRead(!waiting && !closing);
    }

    private boolean isBdat(CommandLine line) {
        String t = line.text();
        return line.problem() == CommandLine.Problem.NONE && session.continuation() == null
                && t.length() >= 4 && t.regionMatches(true, 0, "BDAT", 0, 4) && (t.length() == 4 || t.charAt(4) == ' ');
    }

    private void beginChunk(ChannelHandlerContext ctx, String argument) {
        BdatHandler.Chunk next = BdatHandler.begin(session, argument);
        if (next == null) {
            // the size cannot be read, so neither can the rest of the stream: answer and close (RFC 3030)
            closeWith(ctx, SmtpReplies.BDAT_SYNTAX);
            return;
        }
        if (chunkTransaction != session.transaction() || next.refusal() != null) {
            dropChunks();
        }
        if (next.refusal() == null && chunks == null) {
            chunks = ctx.alloc().buffer((int) Math.min(next.size(), 64 * 1024));
            chunkTransaction = session.transaction();
        }
        chunk = next;
        chunkRemaining = next.size();
    }

    /** Reads what it can of the current chunk; returns whether the chunk is complete. */
    private boolean readChunk() {
        int n = (int) Math.min(chunkRemaining, input.readableBytes());
        if (n > 0) {
            long kept = chunks == null ? 0 : Math.max(0, Math.min(n, settings.messageSizeLimit() - chunksSize));
            if (kept > 0) {
                chunks.writeBytes(input, (int) kept);
            }
            input.skipBytes(n - (int) kept);
            if (chunks != null) {
                chunksSize += n;
            }
            chunkRemaining -= n;
        }
        return chunkRemaining == 0;
    }

    private CompletionStage<SmtpReply> endOfChunk() {
        BdatHandler.Chunk done = chunk;
        chunk = null;
        if (done.refusal() != null) {
            return SmtpSession.reply(done.refusal());
        }
        boolean exceeded = chunksSize > settings.messageSizeLimit();
        if (exceeded && !done.last()) {
            // the message is too big already: the transaction ends; later chunks are read and refused
            dropChunks();
            session.reset();
            return SmtpSession.reply(SmtpReplies.MESSAGE_TOO_BIG);
        }
        if (!done.last()) {
            return SmtpSession.reply(BdatHandler.afterChunk(done));
        }
        ByteBuf content = chunks;
        long size = chunksSize;
        chunks = null;
        chunkTransaction = null;
        chunksSize = 0;
        CompletionStage<SmtpReply> r = EndOfData.afterChunks(session, content, size, exceeded);
        r.whenComplete((x, e) -> content.release());
        return r;
    }

    private void dropChunks() {
        if (chunks != null) {
            chunks.release();
            chunks = null;
        }
        chunkTransaction = null;
        chunksSize = 0;
    }

    private void answer(ChannelHandlerContext ctx, CompletionStage<SmtpReply> stage) {
        CompletableFuture<SmtpReply> future = stage.toCompletableFuture();
        if (future.isDone()) {
            deliver(ctx, outcome(future));
            return;
        }
        waiting = true;
        future.whenComplete((r, e) -> ctx.executor().execute(() -> {
            waiting = false;
            if (ctx.channel().isActive()) {
                deliver(ctx, outcome(future));
                drain(ctx);
            }
        }));
    }

    /** Gives the reply now, or, past the soft error limit, an error reply after the error delay. */
    private void deliver(ChannelHandlerContext ctx, SmtpReply r) {
        if (r.isPositive() || !session.pastSoftErrorLimit() || settings.errorDelay().isZero()) {
            afterReply(ctx, r);
            return;
        }
        waiting = true;
        ctx.executor().schedule(() -> {
            waiting = false;
            if (ctx.channel().isActive()) {
                afterReply(ctx, r);
                drain(ctx);
            }
        }, settings.errorDelay().toMillis(), TimeUnit.MILLISECONDS);
    }

    private SmtpReply outcome(CompletableFuture<SmtpReply> future) {
        try {
            return future.join();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "SMTP command failed for " + client, e);
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
        if (session.takeStartTlsRequest()) {
            startTls(ctx, r);
            return;
        }
        ctx.write(reply(r));
        if (session.takeDataRequest()) {
            data = new DataDecoder(settings.messageSizeLimit());
            // XXX: the message is held in memory up to the size limit; large messages should spool to disk
            message = ctx.alloc().buffer(16 * 1024);
        }
    }

    /** Puts TLS in front, sends the 220 in clear, and forgets what the client sent after STARTTLS. */
    private void startTls(ChannelHandlerContext ctx, SmtpReply ready) {
        SslContext context = tls.get();
        SslHandler handler = new SslHandler(context.newEngine(ctx.alloc()), true);
        ctx.pipeline().addFirst("tls", handler);
        int injected = input.readableBytes();
        if (injected > 0) {
            LOG.warning(() -> "client " + client + " sent " + injected + " octets after STARTTLS before TLS; discarded");
        }
        input.clear();
        ctx.writeAndFlush(reply(ready));
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
        dropChunks();
        data = null;
        chunk = null;
    }
}
