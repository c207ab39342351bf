/**
 * SEARCH, SORT and THREAD as a pure library: parse the command's arguments once into a program, test each
 * message of the selected mailbox against it, and render the untagged response. No sockets, no store, no
 * session state: the session hands in {@link org.postilion.connector.imap.search.SearchCandidate}s and a
 * {@link org.postilion.connector.imap.search.SearchContext}, and gets numbers and response lines back.
 *
 * <p>How a session uses it:
 * <ol>
 *   <li>{@code SearchProgram.parse(args, utf8Enabled)} (or {@code SortProgram.parse}, {@code ThreadProgram.parse});
 *       a {@link org.postilion.connector.imap.search.SearchSyntaxException} is {@code BAD} with its message, or
 *       {@code NO [BADCHARSET (UTF-8)]} when {@code isBadCharset()}.</li>
 *   <li>If {@code usesSavedResult()} and the mailbox changed since the SAVE, the saved UIDs still apply (RFC 5182
 *       keeps them by UID); put them in the context.</li>
 *   <li>Load per message only what {@code needsDescription()}, {@code needsHeader()} and {@code needsBody()} ask
 *       for; call {@code matches} for each message, in sequence order.</li>
 *   <li>Answer with {@link org.postilion.connector.imap.search.SearchResponses}: {@code search(...)} for an
 *       IMAP4rev1 client without RETURN, {@code esearch(...)} with {@code returnOptions()} otherwise (an
 *       IMAP4rev2 client always gets ESEARCH); pass the highest MODSEQ of the reported messages when
 *       {@code hasModseq()}. With SAVE, keep {@code resultToSave(uids)} as the new {@code $}.</li>
 *   <li>SORT: {@code sort(matched, uid)} then {@code SearchResponses.sort}; THREAD: {@code thread(matched, uid)}
 *       is the whole line.</li>
 * </ol>
 *
 * <p>Where the text comes from: FROM, TO, CC, BCC and SUBJECT are answered from the stored ENVELOPE (which holds
 * exactly those fields, so the most common client searches load no header); HEADER reads the raw header; BODY
 * reads the text parts through the stored MIME part offsets, decoded from base64 or quoted-printable and from
 * their charset; TEXT reads the header, the MIME part headers and that body text. Every string is compared as
 * case-folded Unicode after RFC 2047 encoded-words are decoded. Dovecot searches the address headers rather
 * than the ENVELOPE; the difference shows only for comments and group names, which the ENVELOPE drops.
 *
 * <p>SECURITY: all input is the client's (the arguments) or a sender's (the messages). Parsing is bounded in
 * depth, key count and string length before any message is read; nothing recurses deeper than
 * {@link org.postilion.connector.imap.search.SearchProgram#MAX_DEPTH} (THREAD walks its trees with explicit
 * stacks, since a reply chain can be as long as the mailbox); decoders of message text are lenient, linear and
 * never throw on malformed mail; error messages quote client input only shortened and with control characters
 * replaced.
 *
 * <p>STANDARDS: RFC 9051 section 6.4.4 (SEARCH), RFC 3501 section 6.4.4 (NEW, OLD, RECENT), RFC 4731 (ESEARCH),
 * RFC 5182 (SEARCHRES), RFC 7162 section 3.1.5 (MODSEQ), RFC 6855 section 3 and erratum 4029 (charsets under
 * UTF8=ACCEPT), RFC 5256 (SORT, THREAD, base subject), RFC 5957 (DISPLAYFROM, DISPLAYTO), RFC 2047 (encoded
 * words), RFC 2045 (transfer encodings), RFC 5322 (Date, Message-ID, References).
 *
 * <p>LIMITS:
 * <ul>
 *   <li>nesting of NOT, OR and parentheses: 64 levels ({@code SearchProgram.MAX_DEPTH}); deeper is {@code BAD}.
 *       Not 16: Thunderbird expresses a multi-term filter as a left-deep {@code OR} chain, one level per term,
 *       and a level costs only a stack frame</li>
 *   <li>search keys per command: 1000 ({@code SearchProgram.MAX_KEYS})</li>
 *   <li>one search string: 8192 octets ({@code SearchProgram.MAX_STRING})</li>
 *   <li>sort criteria: 16 ({@code SortProgram.MAX_CRITERIA})</li>
 *   <li>references per message used by THREAD: the last 1000 ({@code ThreadProgram.MAX_REFERENCES})</li>
 *   <li>one RFC 2047 encoded-word: 1024 characters ({@code EncodedWords.MAX_WORD})</li>
 * </ul>
 */
package org.postilion.connector.imap.search;
