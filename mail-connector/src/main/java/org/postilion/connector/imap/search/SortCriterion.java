package org.postilion.connector.imap.search;

/**
 * The sort keys of RFC 5256 section 3 and RFC 5957. Each names what it compares; strings compare with
 * i;ascii-casemap, the default collation of both RFCs (ASCII letters without case, everything else as is).
 */
public enum SortCriterion {
    /** The internal date. */
    ARRIVAL,
    /** {@code addr-mailbox} of the first Cc address (the part before the {@code @}). */
    CC,
    /** The sent date (Date header, compared in UTC), the internal date when there is no valid one. */
    DATE,
    /** {@code addr-mailbox} of the first From address. */
    FROM,
    /** RFC822.SIZE. */
    SIZE,
    /** The base subject (RFC 5256 section 2.1). */
    SUBJECT,
    /** {@code addr-mailbox} of the first To address. */
    TO,
    /**
     * RFC 5957 section 3: the display name of the first From address with its encoded-words decoded, or when
     * that is missing or empty its {@code mailbox@host}.
     */
    DISPLAYFROM,
    /** RFC 5957: the same for the first To address. */
    DISPLAYTO
}
