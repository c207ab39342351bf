/**
 * Outbound delivery, the remote delivery agent (Postfix's {@code qmgr} and {@code smtp}): messages for recipients
 * elsewhere are consumed from {@code mail.outbound} ({@link org.postilion.outbound.OutboundMailConsumer}) and,
 * after a temporary failure, from {@code mail.outbound.deferred} with back-off
 * ({@link org.postilion.outbound.DeferredMailConsumer}); {@link org.postilion.outbound.RemoteDelivery} routes each
 * recipient by DNS ({@link org.postilion.dns}), speaks SMTP to the exchangers ({@code SmtpTransaction}, Angus
 * Mail), and bounces what fails for good with an RFC 3464 notice ({@code DeliveryStatusNotice}). The
 * {@link org.postilion.outbound.OutboundLedger} keeps each message's and recipient's state and the trace.
 */
package org.postilion.outbound;
