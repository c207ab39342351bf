package org.postilion.connector.spi;

import java.util.Set;

/**
 * One recipient of the envelope, with its delivery status notification request (RFC 3461 section 4).
 *
 * @param address the recipient
 * @param dsnNotify NOTIFY: empty when the client gave none (the default then is FAILURE and DELAY); NEVER alone
 *                or any of SUCCESS, FAILURE, DELAY
 * @param orcpt   ORCPT as received ({@code addr-type;xtext}, e.g. {@code rfc822;bob@example.com}), or null
 */
public record EnvelopeRecipient(MailAddress address, Set<Notify> dsnNotify, String orcpt) {

    public EnvelopeRecipient {
        dsnNotify = Set.copyOf(dsnNotify);
    }

    public static EnvelopeRecipient of(MailAddress address) {
        return new EnvelopeRecipient(address, Set.of(), null);
    }

    /** The values of the NOTIFY parameter. */
    public enum Notify {
        NEVER, SUCCESS, FAILURE, DELAY
    }
}
