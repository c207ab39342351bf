package org.postilion.connector.imap.search;

/**
 * Why the arguments of SEARCH, SORT or THREAD are refused. An expected outcome of hostile or broken client
 * input, not a programming error, hence checked: the caller answers {@code BAD} with {@link #getMessage()}, or
 * {@code NO [BADCHARSET (UTF-8)]} when {@link #isBadCharset()}.
 */
public final class SearchSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean badCharset;

    SearchSyntaxException(String message) {
        this(message, false);
    }

    private SearchSyntaxException(String message, boolean badCharset) {
        super(message);
        this.badCharset = badCharset;
    }

    static SearchSyntaxException badCharset(String charset) {
        return new SearchSyntaxException("charset not supported: " + charset, true);
    }

    /**
     * Whether the only fault is a charset the server does not search in: RFC 9051 section 6.4.4 wants a tagged
     * {@code NO [BADCHARSET]}, not {@code BAD}, for it.
     */
    public boolean isBadCharset() {
        return badCharset;
    }
}
