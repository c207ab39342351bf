package org.postilion.endpoint;

/** How the EJB tier names the mail connector. */
final class ConnectorNames {

    /** The resource adapter: the RAR inside the EAR, as WildFly names it. */
    static final String RESOURCE_ADAPTER = "mail-ear.ear#mail-connector.rar";

    private ConnectorNames() {
    }
}
