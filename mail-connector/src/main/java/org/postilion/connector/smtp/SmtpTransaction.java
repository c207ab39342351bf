package org.postilion.connector.smtp;

import org.postilion.connector.spi.Envelope.BodyType;
import org.postilion.connector.spi.MailAddress;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The state of one mail transaction: from MAIL until the end of DATA, RSET, HELO/EHLO or the end of the
 * session (RFC 5321 section 3.3).
 */
public final class SmtpTransaction {

    private final MailAddress reversePath;
    private final BodyType bodyType;
    private final boolean smtpUtf8;
    private final long declaredSize;
    private final List<MailAddress> recipients = new ArrayList<>();

    public SmtpTransaction(MailAddress reversePath, BodyType bodyType, boolean smtpUtf8, long declaredSize) {
        this.reversePath = reversePath;
        this.bodyType = bodyType;
        this.smtpUtf8 = smtpUtf8;
        this.declaredSize = declaredSize;
    }

    /** The sender, or null for {@code <>}. */
    public MailAddress reversePath() {
        return reversePath;
    }

    public BodyType bodyType() {
        return bodyType;
    }

    public boolean smtpUtf8() {
        return smtpUtf8;
    }

    /** The SIZE the client declared, or -1. */
    public long declaredSize() {
        return declaredSize;
    }

    public List<MailAddress> recipients() {
        return Collections.unmodifiableList(recipients);
    }

    /** Adds a recipient unless the same address was accepted already; returns whether it was new. */
    public boolean addRecipient(MailAddress recipient) {
        for (MailAddress r : recipients) {
            if (r.domain().equals(recipient.domain()) && r.localPart().equalsIgnoreCase(recipient.localPart())) {
                return false;
            }
        }
        return recipients.add(recipient);
    }
}
