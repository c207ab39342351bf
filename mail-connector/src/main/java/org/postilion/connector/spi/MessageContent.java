package org.postilion.connector.spi;

import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of one message as received (dot-unstuffed, CRLF line ends), with the connector's
 * {@code Received:} header in front. It stays readable until the call it was passed to returns.
 */
public interface MessageContent {

    /** The size in octets. */
    long size();

    /** A new stream over the whole message, from its first octet. */
    InputStream openStream() throws IOException;
}
