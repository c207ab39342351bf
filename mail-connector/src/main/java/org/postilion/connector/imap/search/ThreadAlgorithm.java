package org.postilion.connector.imap.search;

/** The threading algorithms of RFC 5256 section 3 that THREAD accepts. */
public enum ThreadAlgorithm {
    /** Threads by the References and In-Reply-To headers, then by base subject (RFC 5256 section 2.2). */
    REFERENCES,
    /** "Poor man's threading": groups by base subject, ordered by sent date (RFC 5256 section 2.1). */
    ORDEREDSUBJECT
}
