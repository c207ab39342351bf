package org.postilion.connector.smtp;

import org.postilion.connector.spi.Envelope.BodyType;
import org.postilion.connector.spi.Envelope.DsnReturn;
import org.postilion.connector.spi.EnvelopeRecipient;
import org.postilion.connector.spi.MailAddress;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The state of one mail transaction: from MAIL until the end of the data, RSET, HELO/EHLO, STARTTLS or the end
 * of the session (RFC 5321 section 3.3).
 */
public final class SmtpTransaction {

    /** How the message data is being sent: not yet, with DATA, or in BDAT chunks (RFC 3030). */
    public enum DataMode {
        NONE, DATA, BDAT
    }

    private final MailAddress reversePath;
    private final BodyType bodyType;
    private final boolean smtpUtf8;
    private final long declaredSize;
    private final DsnReturn dsnReturn;
    private final String envelopeId;
    private final List<EnvelopeRecipient> recipients = new ArrayList<>();
    private DataMode dataMode = DataMode.NONE;

    /**
     * @param reversePath  the sender, or null for {@code <>}
     * @param declaredSize the SIZE parameter, or -1
     * @param dsnReturn    the RET parameter, or null
     * @param envelopeId   the ENVID parameter, decoded, or null
     */
    public SmtpTransaction(MailAddress reversePath, BodyType bodyType, boolean smtpUtf8, long declaredSize,
                           DsnReturn dsnReturn, String envelopeId) {
        this.reversePath = reversePath;
        this.bodyType = bodyType;
        this.smtpUtf8 = smtpUtf8;
        this.declaredSize = declaredSize;
        this.dsnReturn = dsnReturn;
        this.envelopeId = envelopeId;
    }

    /** A transaction without parameters. */
    public SmtpTransaction(MailAddress reversePath) {
        this(reversePath, BodyType.SEVEN_BIT, false, -1, null, null);
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

    public DsnReturn dsnReturn() {
        return dsnReturn;
    }

    public String envelopeId() {
        return envelopeId;
    }

    public List<EnvelopeRecipient> recipients() {
        return Collections.unmodifiableList(recipients);
    }

    public List<MailAddress> recipientAddresses() {
        return recipients.stream().map(EnvelopeRecipient::address).toList();
    }

    /** Adds a recipient unless the same address was accepted already; returns whether it was new. */
    public boolean addRecipient(EnvelopeRecipient recipient) {
        for (EnvelopeRecipient r : recipients) {
            MailAddress a = r.address();
            if (a.domain().equals(recipient.address().domain())
                    && a.localPart().equalsIgnoreCase(recipient.address().localPart())) {
                return false;
            }
        }
        return recipients.add(recipient);
    }

    public DataMode dataMode() {
        return dataMode;
    }

    public void dataMode(DataMode mode) {
        dataMode = mode;
    }
}
