package org.postilion.connector.net.tls;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Real handshakes over loopback: a Netty server with the provider's context, as the listeners use it, and JDK
 * clients that trust the test certificates.
 */
class HandshakeTest {

    private static final String HOST = "mail.example.test";

    @TempDir
    static Path dir;

    private static final TlsFixtures.ManualClock CLOCK = new TlsFixtures.ManualClock();
    private static KeyMaterial first;
    /** RSA, so that the replacement shows RSA keys serving too. */
    private static KeyMaterial renewed;
    private static TlsContextProvider provider;
    private static EventLoopGroup loop;
    private static Channel server;

    @BeforeAll
    static void startServer() {
        first = TlsFixtures.ec(HOST);
        renewed = KeyMaterial.fromPem(TlsFixtures.resource("rsa-pkcs1.crt.pem"),
                TlsFixtures.resource("rsa-pkcs1.key.pem"));
        TlsFixtures.writePem(first, dir.resolve("fullchain.pem"), dir.resolve("privkey.pem"));
        provider = TlsContextProvider.create(
                TlsSettings.pem(HOST, dir.resolve("fullchain.pem"), dir.resolve("privkey.pem")), CLOCK);
        loop = new NioEventLoopGroup(1, new DefaultThreadFactory("tls-test", true));
        server = new ServerBootstrap()
                .group(loop)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(provider.current().newHandler(ch.alloc()), new TellTheTrace());
                    }
                })
                .bind(InetAddress.getLoopbackAddress(), 0).syncUninterruptibly().channel();
    }

    @AfterAll
    static void stopServer() {
        server.close().syncUninterruptibly();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** After the handshake, the server sends its {@code Received:} wording of the session, and closes. */
    private static final class TellTheTrace extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof SslHandshakeCompletionEvent completion && completion.isSuccess()) {
                String trace = TlsTrace.received(ctx.pipeline().get(SslHandler.class).engine().getSession());
                ctx.writeAndFlush(Unpooled.copiedBuffer(trace + "\r\n", StandardCharsets.US_ASCII));
            }
            ctx.fireUserEventTriggered(event);
        }
    }

    private static SSLSocket connect(String protocol, String cipherSuite) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("first", first.leaf());
        trusted.setCertificateEntry("renewed", renewed.leaf());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, trust.getTrustManagers(), null);
        SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket();
        try {
            socket.connect(server.localAddress(), 2000);
            socket.setSoTimeout(3000);
            if (protocol != null) {
                socket.setEnabledProtocols(new String[]{protocol});
            }
            if (cipherSuite != null) {
                socket.setEnabledCipherSuites(new String[]{cipherSuite});
            }
            socket.startHandshake();
            return socket;
        } catch (Exception e) {
            socket.close();
            throw e;
        }
    }

    private static String traceFrom(SSLSocket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
    }

    @Test
    void aClientWithTheJdksDefaultsGetsTls13() throws Exception {
        try (SSLSocket socket = connect(null, null)) {
            assertEquals("TLSv1.3", socket.getSession().getProtocol());
            assertEquals(TlsTrace.received(socket.getSession()), traceFrom(socket));
        }
    }

    @ParameterizedTest(name = "{0} with {1} is accepted and traced as \"{2}\"")
    @CsvSource({
            "TLSv1.3, TLS_AES_128_GCM_SHA256, using TLSv1.3 with cipher TLS_AES_128_GCM_SHA256 (128/128 bits)",
            "TLSv1.3, TLS_AES_256_GCM_SHA384, using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)",
            "TLSv1.2, TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, "
                    + "using TLSv1.2 with cipher TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 (256/256 bits)",
            "TLSv1.2, TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, "
                    + "using TLSv1.2 with cipher TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 (256/256 bits)",
    })
    void acceptsTls13And12WithAeadCiphersAndTracesThem(String protocol, String cipherSuite, String trace)
            throws Exception {
        try (SSLSocket socket = connect(protocol, cipherSuite)) {
            assertEquals(protocol, socket.getSession().getProtocol());
            assertEquals(trace, traceFrom(socket));
        }
    }

    @Test
    void refusesTls12WithACbcCipherSuite() {
        assertThrows(SSLHandshakeException.class, () -> connect("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"));
    }

    @Test
    void aClientLimitedToTls11CannotConnect() {
        assertThrows(SSLHandshakeException.class, () -> connect("TLSv1.1", null));
    }

    /**
     * The JDK client above refuses TLS 1.1 by itself ({@code jdk.tls.disabledAlgorithms}); this asks the server
     * with a hand-made TLS 1.1 ClientHello and expects its fatal {@code protocol_version} alert (RFC 8996).
     */
    @Test
    void answersATls11ClientHelloWithAProtocolVersionAlert() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(server.localAddress(), 2000);
            socket.setSoTimeout(3000);
            socket.getOutputStream().write(clientHello(0x0302));
            byte[] record = new byte[7];
            new DataInputStream(socket.getInputStream()).readFully(record);

            assertEquals(0x15, record[0], "an alert record");
            assertArrayEquals(new byte[]{0, 2, 2, 70}, new byte[]{record[3], record[4], record[5], record[6]},
                    "length 2, fatal, protocol_version");
        }
    }

    @Test
    void newConnectionsGetTheReplacedCertificate() throws Exception {
        TlsFixtures.replace(dir.resolve("fullchain.pem"), TlsFixtures.certificatePem(renewed));
        TlsFixtures.replace(dir.resolve("privkey.pem"), TlsFixtures.keyPem(renewed));
        CLOCK.advance(Duration.ofSeconds(10));
        try (SSLSocket socket = connect(null, null)) {
            assertEquals(renewed.leaf(), socket.getSession().getPeerCertificates()[0]);
        } finally {
            // back to the EC certificate, which the ECDSA cipher suites of the other tests need
            TlsFixtures.replace(dir.resolve("fullchain.pem"), TlsFixtures.certificatePem(first));
            TlsFixtures.replace(dir.resolve("privkey.pem"), TlsFixtures.keyPem(first));
            CLOCK.advance(Duration.ofSeconds(10));
            provider.current();
        }
        assertEquals(first.leaf(), provider.certificate());
    }

    /** A TLS 1.1-style ClientHello without extensions, offering ECDHE and RSA suites with AES-CBC. */
    private static byte[] clientHello(int version) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(version >> 8);
        body.write(version);
        body.writeBytes(new byte[32]);
        body.write(0);
        body.writeBytes(new byte[]{0, 6, (byte) 0xc0, 0x09, (byte) 0xc0, 0x13, 0x00, 0x2f});
        body.writeBytes(new byte[]{1, 0});
        int n = body.size();
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.writeBytes(new byte[]{0x16, 0x03, 0x01, (byte) ((n + 4) >> 8), (byte) (n + 4)});
        record.writeBytes(new byte[]{1, 0, (byte) (n >> 8), (byte) n});
        record.writeBytes(body.toByteArray());
        return record.toByteArray();
    }
}
