/**
 * Sockets: the Netty event loops shared by all listeners, and one {@link org.postilion.connector.net.Listener}
 * per configured address and port. Protocol code lives beside this package, not in it.
 *
 * <p>SECURITY: listeners bind to the address they are given (127.0.0.1 unless configured otherwise, as
 * WildFly itself does); every connection gets an idle timeout.
 */
package org.postilion.connector.net;
