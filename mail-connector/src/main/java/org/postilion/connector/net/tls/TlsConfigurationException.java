package org.postilion.connector.net.tls;

/**
 * The configured key material cannot be used: a file is missing, unreadable, half written, in a format this
 * package does not read, protected by another password, or its private key does not belong to its certificate.
 *
 * <p>Unchecked, because nobody can recover from it at run time but the administrator: at first start it stops the
 * listeners (the message names the file and, where it can, the command that fixes it); on a later reload the
 * provider catches it, logs it and keeps the previous certificate.
 */
public class TlsConfigurationException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public TlsConfigurationException(String message) {
        super(message);
    }

    public TlsConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
