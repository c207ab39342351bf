/**
 * What the EJB tier sees of the mail connector: the listener interfaces that message-driven beans implement
 * to answer the protocols' questions, and the value types those calls carry.
 *
 * <p>This package is the connector's API jar ({@code mail-connector-api.jar}), the only part of the connector
 * that {@code mail-ejb} compiles against. At run time its classes are loaded once, from the RAR.
 *
 * <p>Calls are synchronous and made from the connector's worker threads, never from a socket's event loop.
 * Each listener method runs in its own container-managed transaction when the bean asks for one.
 *
 * <p>SECURITY: values arriving here come from the network, already checked for syntax by the protocol code
 * (addresses are parsed, lengths are bounded) but not for meaning: the implementations decide policy.
 */
package org.postilion.connector.spi;
