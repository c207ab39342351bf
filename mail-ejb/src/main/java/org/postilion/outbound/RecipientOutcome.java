package org.postilion.outbound;

/**
 * What one attempt did for one recipient.
 *
 * @param address    the recipient
 * @param status     DELIVERED, DEFERRED or BOUNCED
 * @param dsnStatus  the RFC 3463 status code ({@code 2.0.0}, {@code 4.4.1}, {@code 5.1.1}, ...)
 * @param reply      the remote server's reply, or what went wrong before there was one
 * @param remoteHost the host name tried, or null when none was reached
 * @param remoteIp   its address, or null
 * @param tls        the TLS protocol and cipher suite of the connection, or null in clear
 */
public record RecipientOutcome(String address, OutboundRecipient.Status status, String dsnStatus, String reply,
                               String remoteHost, String remoteIp, String tls) {
}
