package org.postilion.web.autoconfig;

import org.postilion.connector.spi.Listeners;

/**
 * What a mail client needs to know to connect: the server's name and the ports of the listeners that are on
 * (a port of -1 turns a listener off, and it is then not offered). Read from the same settings the connector
 * listens with ({@code postilion.hostname}, {@code postilion.imaps.port}, ...).
 *
 * @param hostname          the name clients connect to (the certificate's name)
 * @param imapsPort         IMAP over implicit TLS, or -1
 * @param imapPort          IMAP with STARTTLS, or -1
 * @param submissionsPort   submission over implicit TLS, or -1
 * @param submissionPort    submission with STARTTLS, or -1
 */
public record ClientSettings(String hostname, int imapsPort, int imapPort, int submissionsPort, int submissionPort) {

    public static ClientSettings fromSystemProperties() {
        return new ClientSettings(Listeners.hostname(),
                Listeners.port("imaps", Listeners.DEFAULT_IMAPS_PORT),
                Listeners.port("imap", Listeners.DEFAULT_IMAP_PORT),
                Listeners.port("submissions", Listeners.DEFAULT_SUBMISSIONS_PORT),
                Listeners.port("submission", Listeners.DEFAULT_SUBMISSION_PORT));
    }
}
