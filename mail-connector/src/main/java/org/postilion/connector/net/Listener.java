package org.postilion.connector.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.net.InetSocketAddress;

/** One bound server socket: a protocol on an address and port. */
public final class Listener implements AutoCloseable {

    private final String name;
    private final Channel channel;

    private Listener(String name, Channel channel) {
        this.name = name;
        this.channel = channel;
    }

    /**
     * Binds and starts accepting.
     *
     * @param name        what it serves, such as {@code smtp}
     * @param initializer sets up each accepted connection's pipeline
     */
    public static Listener open(String name, InetSocketAddress address, EventLoops loops,
                                ChannelInitializer<SocketChannel> initializer) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loops.acceptor(), loops.io())
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(initializer);
        Channel channel = bootstrap.bind(address).syncUninterruptibly().channel();
        return new Listener(name, channel);
    }

    public String name() {
        return name;
    }

    /** The address actually bound (the port is known here when 0 was asked for). */
    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }

    @Override
    public String toString() {
        return name + " on " + address();
    }
}
