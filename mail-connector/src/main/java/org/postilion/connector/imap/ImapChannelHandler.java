package org.postilion.connector.imap;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.compression.JdkZlibDecoder;
import io.netty.handler.codec.compression.JdkZlibEncoder;
import io.netty.handler.codec.compression.ZlibWrapper;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import org.postilion.connector.imap.decode.CommandDecoder;
import org.postilion.connector.imap.decode.ImapRequest;
import org.postilion.connector.imap.process.ImapCommands;
import org.postilion.connector.imap.response.Tagged;
import org.postilion.connector.net.ConnectionLimiter;
import org.postilion.connector.net.tls.TlsTrace;
import org.postilion.connector.spi.AuthThrottle;

import javax.net.ssl.SSLSession;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Connects one IMAP session to its socket. It owns the input: bytes are kept until the session can take them
 * and decoded one command at a time, so pipelined commands are answered in order; while a command waits for
 * the store, reading stops (back-pressure), except for the lines a command asked for itself (AUTHENTICATE
 * responses, IDLE's DONE). Output is flushed when the input is used up or a command waits.
 *
 * <p>TLS: on an implicit-TLS listener the pipeline starts with TLS; after STARTTLS's tagged OK the TLS handler
 * is put in front and everything the client sent after the command is thrown away (command injection,
 * CVE-2011-0411 and its IMAP cousins). COMPRESS=DEFLATE (RFC 4978) puts raw deflate behind TLS after its OK.
 *
 * <p>LIMITS: idle time 60 s before login, 30 min after ({@link ImapSettings}); an autologout says {@code * BYE}.
 */
public final class ImapChannelHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(ImapChannelHandler.class.getName());

    private final ImapSettings settings;
    private final ImapBackend backend;
    private final ImapCommands commands;
    private final Supplier<SslContext> tls;
    private final ConnectionLimiter limiter;
    private final AuthThrottle throttle;
    private final ImapSignalHub signals;
    private final CommandDecoder decoder;

    private String client;
    private boolean acquired;
    private ImapSession session;
    private ByteBuf input;
    private boolean waiting;
    private boolean closing;
    private boolean longTimeout;

    public ImapChannelHandler(ImapSettings settings, ImapBackend backend, ImapCommands commands,
                              Supplier<SslContext> tls, ConnectionLimiter limiter, AuthThrottle throttle,
                              ImapSignalHub signals) {
        this.settings = settings;
        this.backend = backend;
        this.commands = commands;
        this.tls = tls;
        this.limiter = limiter;
        this.throttle = throttle;
        this.signals = signals;
        this.decoder = new CommandDecoder(settings);
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
            LOG.warning(() -> "IMAP connect from " + client + " refused: too many connections");
            closeWith(ctx, "* BYE [UNAVAILABLE] Too many connections\r\n");
            return;
        }
        acquired = true;
        ImapSettings effective = settings.tlsMode() == ImapSettings.TlsMode.STARTTLS && tls == null
                ? settings.toBuilder().tlsMode(ImapSettings.TlsMode.NONE).build() : settings;
        session = new ImapSession(effective, backend, throttle, signals, ctx, client,
                settings.tlsMode() == ImapSettings.TlsMode.IMPLICIT, commands.capabilities());
        if (!backend.isAvailable()) {
            LOG.warning(() -> "IMAP connect from " + client + " refused: the mail service is not ready");
            closeWith(ctx, "* BYE [UNAVAILABLE] Service not available, try again later\r\n");
            return;
        }
        session.onInputWanted(() -> {
            if (ctx.channel().isActive() && !closing) {
                drain(ctx);
            }
        });
        if (settings.tlsMode() != ImapSettings.TlsMode.IMPLICIT) {
            greet(ctx);
        }
    }

    private void greet(ChannelHandlerContext ctx) {
        session.untagged("OK [CAPABILITY " + session.capabilities() + "] Postilion ready");
        ctx.flush();
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
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (session != null) {
            session.writabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent && !closing) {
            LOG.info(() -> "IMAP autologout of " + client);
            closeWith(ctx, "* BYE Autologout; idle for too long\r\n");
        } else if (event instanceof SslHandshakeCompletionEvent handshake && session != null) {
            if (handshake.isSuccess()) {
                SSLSession ssl = ctx.pipeline().get(SslHandler.class).engine().getSession();
                session.tlsEstablished(TlsTrace.received(ssl));
                if (settings.tlsMode() == ImapSettings.TlsMode.IMPLICIT && !closing && input != null) {
                    greet(ctx);
                }
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
            LOG.fine(() -> "IMAP connection from " + client + " lost: " + cause);
        } else {
            LOG.log(Level.WARNING, "IMAP session with " + client + " failed", cause);
        }
        closing = true;
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (session != null) {
            session.deselect();
            session.writabilityChanged();
        }
        release();
        if (acquired) {
            acquired = false;
            limiter.release(client);
        }
    }

    /** Feeds the session from the input until the input is used up or the session waits. */
    private void drain(ChannelHandlerContext ctx) {
        while (!closing && input != null && session != null) {
            if (session.hasLineReader()) {
                String line = rawLine(ctx);
                if (line == null) {
                    break;
                }
                Consumer<String> reader = session.takeLineReader();
                reader.accept(line);
                continue;
            }
            if (waiting) {
                break;
            }
            CommandDecoder.Event event;
            try {
                event = decoder.next(input);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "IMAP input of " + client + " unreadable", e);
                closeWith(ctx, "* BYE Internal error\r\n");
                break;
            }
            if (event == null) {
                break;
            }
            if (event instanceof CommandDecoder.Continue) {
                session.continuation("Ready for literal data");
            } else if (event instanceof CommandDecoder.Rejected r) {
                if (r.fatal()) {
                    if (r.tag() != null) {
                        session.write(new Tagged(Tagged.Status.BAD, null, r.text()).render(r.tag()));
                    }
                    closeWith(ctx, "* BYE " + r.text() + "\r\n");
                } else {
                    Tagged answer = r.no() ? Tagged.no(r.text()) : Tagged.bad(r.text());
                    session.write(answer.render(r.tag() == null ? "*" : r.tag()));
                }
            } else if (event instanceof CommandDecoder.Command c) {
                run(ctx, c.request());
            }
        }
        if (input != null) {
            input.discardSomeReadBytes();
        }
        ctx.flush();
        ctx.channel().config().setAutoRead(!closing && (!waiting || (session != null && session.hasLineReader())));
    }

    /** A line for a command's own reader; null when incomplete. A line over the limit ends the session. */
    private String rawLine(ChannelHandlerContext ctx) {
        int lf = input.indexOf(input.readerIndex(), input.writerIndex(), (byte) '\n');
        if (lf < 0) {
            if (input.readableBytes() > settings.lineLengthLimit()) {
                closeWith(ctx, "* BYE Line too long\r\n");
            }
            return null;
        }
        int end = lf > input.readerIndex() && input.getByte(lf - 1) == '\r' ? lf - 1 : lf;
        String line = input.toString(input.readerIndex(), end - input.readerIndex(), StandardCharsets.UTF_8);
        input.readerIndex(lf + 1);
        return line;
    }

    private void run(ChannelHandlerContext ctx, ImapRequest request) {
        CompletionStage<Tagged> stage;
        try {
            stage = commands.dispatch(session, request);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "IMAP command failed for " + client, e);
            stage = CompletableFuture.completedFuture(Tagged.bad("Internal error"));
        }
        CompletableFuture<Tagged> future = stage.toCompletableFuture();
        if (future.isDone()) {
            request.close();
            answer(ctx, request.tag(), outcome(future));
            return;
        }
        waiting = true;
        future.whenComplete((t, e) -> ctx.executor().execute(() -> {
            request.close();
            waiting = false;
            if (ctx.channel().isActive() && !closing) {
                answer(ctx, request.tag(), outcome(future));
                drain(ctx);
            }
        }));
    }

    private Tagged outcome(CompletableFuture<Tagged> future) {
        try {
            return future.join();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "IMAP command failed for " + client, e);
            return Tagged.UNAVAILABLE;
        }
    }

    private void answer(ChannelHandlerContext ctx, String tag, Tagged tagged) {
        if (session.isCloseRequested()) {
            if (session.state() == ImapState.LOGOUT) {
                session.untagged("BYE Logging out");
                closeWith(ctx, tagged.render(tag));
            } else {
                session.write(tagged.render(tag));
                closeWith(ctx, "* BYE Too many failures\r\n");
            }
            return;
        }
        if (session.takeStartTlsRequest()) {
            startTls(ctx, tagged.render(tag));
            return;
        }
        session.write(tagged.render(tag));
        if (session.takeCompressRequest()) {
            ctx.flush();
            compress(ctx);
        }
        if (!longTimeout && session.state() != ImapState.NOT_AUTHENTICATED) {
            longTimeout = true;
            long idle = settings.idleTimeout().toMillis();
            if (ctx.pipeline().get("idle") != null) {
                ctx.pipeline().replace("idle", "idle", new IdleStateHandler(idle, 0, 0, TimeUnit.MILLISECONDS));
            }
        }
    }

    /** Puts TLS in front, sends the OK in clear, and forgets what the client sent after STARTTLS. */
    private void startTls(ChannelHandlerContext ctx, String ok) {
        SslHandler handler = new SslHandler(tls.get().newEngine(ctx.alloc()), true);
        ctx.pipeline().addFirst("tls", handler);
        int injected = input.readableBytes();
        if (injected > 0) {
            LOG.warning(() -> "IMAP client " + client + " sent " + injected + " octets after STARTTLS before TLS; discarded");
        }
        input.clear();
        decoder.reset();
        ctx.writeAndFlush(Unpooled.wrappedBuffer(ok.getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * COMPRESS=DEFLATE: raw deflate both ways, behind TLS if there is TLS (RFC 4978 section 4). Netty's JDK
     * deflater ends each write with a sync flush, so every response reaches the client whole.
     */
    private void compress(ChannelHandlerContext ctx) {
        String after = ctx.pipeline().get("tls") != null ? "tls" : null;
        if (after != null) {
            ctx.pipeline().addAfter(after, "inflate", new JdkZlibDecoder(ZlibWrapper.NONE, 0));
            ctx.pipeline().addAfter("inflate", "deflate", new JdkZlibEncoder(ZlibWrapper.NONE, 6));
        } else {
            ctx.pipeline().addFirst("deflate", new JdkZlibEncoder(ZlibWrapper.NONE, 6));
            ctx.pipeline().addFirst("inflate", new JdkZlibDecoder(ZlibWrapper.NONE, 0));
        }
    }

    private void closeWith(ChannelHandlerContext ctx, String text) {
        closing = true;
        ctx.writeAndFlush(Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8)))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private void release() {
        if (input != null) {
            input.release();
            input = null;
        }
        decoder.release();
    }
}
