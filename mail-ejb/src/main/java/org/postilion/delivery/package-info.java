/**
 * The delivery agent: {@link org.postilion.delivery.InboundMailConsumer} takes each message from
 * {@code mail.inbound} and {@link org.postilion.delivery.LocalDelivery} stores it into its local recipients'
 * INBOXes, once.
 *
 * <p>Exactly once: the queue message is acknowledged in the same transaction as the store, and the store
 * records the queue id (unique), so a queue message redelivered after a crash finds its delivery done and
 * stops. Failures are rethrown: the broker redelivers with back-off and finally moves the message to
 * {@code mail.dlq}; nothing is logged and dropped.
 */
package org.postilion.delivery;
