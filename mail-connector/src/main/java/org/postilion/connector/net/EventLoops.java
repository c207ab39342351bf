package org.postilion.connector.net;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.util.concurrent.TimeUnit;

/**
 * The I/O threads of all listeners: one thread accepting connections, and a few (two per core by default)
 * serving them. They never block: anything that waits (a database, the broker) runs on worker threads.
 */
public final class EventLoops implements AutoCloseable {

    private final EventLoopGroup acceptor;
    private final EventLoopGroup io;

    public EventLoops(int ioThreads) {
        acceptor = new NioEventLoopGroup(1, new DefaultThreadFactory("postilion-accept", true));
        io = new NioEventLoopGroup(ioThreads, new DefaultThreadFactory("postilion-io", true));
    }

    public EventLoopGroup acceptor() {
        return acceptor;
    }

    public EventLoopGroup io() {
        return io;
    }

    @Override
    public void close() {
        acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        io.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
