package org.postilion.connector.imap.search;

/**
 * The sort keys of RFC 5256 section 3 and RFC 5957. Each names what it compares; strings compare with
 * i;ascii-casemap (RFC 5256's default collation), except the display names, which are Unicode text and compare
 * case-folded like search strings.
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
    /** RFC 5957: the decoded display name of the first From address, else its {@code mailbox@host}. */
    DISPLAYFROM,
    /** RFC 5957: the same for the first To address. */
    DISPLAYTO
}
