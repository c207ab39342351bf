package org.postilion.connector.imap.search;

/**
 * The result options of {@code SEARCH RETURN (...)}: MIN, MAX, ALL and COUNT of RFC 4731 (ESEARCH, part of
 * IMAP4rev2), SAVE of RFC 5182 (SEARCHRES), which keeps the result for {@code $}.
 */
public enum ReturnOption {
    MIN, MAX, ALL, COUNT, SAVE
}
