/**
 * The mail queues on the embedded Artemis broker, named only in {@link org.postilion.queue.MailQueues}, and the
 * format of a queued message ({@link org.postilion.queue.QueuedMessage}): envelope in message properties, the
 * raw message as the body of a {@code BytesMessage}. Whole Java objects are never put on a queue.
 */
package org.postilion.queue;
