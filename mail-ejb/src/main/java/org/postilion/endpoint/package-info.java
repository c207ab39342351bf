/**
 * The beans behind the mail connector's endpoints: one message-driven bean per listener interface of
 * {@link org.postilion.connector.spi}, each bound to the resource adapter in the EAR and each handing off to a
 * service at once. The connector calls them synchronously, from its worker threads.
 */
package org.postilion.endpoint;
