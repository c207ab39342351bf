/**
 * The JCA 2.1 resource adapter: {@link org.postilion.connector.ra.MailResourceAdapter} opens the listeners in
 * {@code start()} and closes them in {@code stop()}; message-driven beans implementing the
 * {@link org.postilion.connector.spi} listeners activate against it, and are called through
 * {@link org.postilion.connector.ra.EndpointRegistry} on work-manager threads, never on an event loop.
 *
 * <p>Configuration: each setting is a resource adapter config property, overridden by a system property of
 * the same meaning (listed in {@link org.postilion.connector.ra.ListenerConfig}).
 */
package org.postilion.connector.ra;
