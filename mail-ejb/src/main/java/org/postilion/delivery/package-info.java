/**
 * The delivery agent: {@link org.postilion.delivery.InboundMailConsumer} takes each message from
 * {@code mail.inbound} and {@link org.postilion.delivery.LocalDelivery} stores it into its local recipients'
 * INBOXes, once.
 *
 * <p>Exactly once: the store records the queue id (unique) in the same database transaction as the messages,
 * and the queue message is acknowledged only after that transaction committed; a queue message redelivered
 * after a crash finds its delivery done and stops. Failures are rethrown: the broker redelivers with back-off
 * and finally moves the message to {@code mail.dlq}; nothing is logged and dropped.
 */
package org.postilion.delivery;
