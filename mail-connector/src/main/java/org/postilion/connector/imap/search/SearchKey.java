package org.postilion.connector.imap.search;

import org.postilion.connector.imap.decode.SequenceSet;

import java.time.LocalDate;
import java.util.List;

/**
 * One parsed search key of RFC 9051 section 6.4.4 (and the RFC 3501 keys that IMAP4rev2 dropped), as a value
 * that can test one message. Strings are kept case-folded ({@link Fold}) so that each test folds only the
 * message's side.
 *
 * <p>What each key needs of the message decides what the session must load: {@link #needs()}.
 */
sealed interface SearchKey {

    /** What a key needs beyond flags and numbers. */
    enum Need {
        NOTHING, DESCRIPTION, HEADER, CONTENT
    }

    boolean matches(MessageView m);

    /** The parts of a message this key reads. */
    default Need need() {
        return Need.NOTHING;
    }

    /** The key's direct sub-keys (of NOT, OR and groups); used to derive what a program needs. */
    default List<SearchKey> children() {
        return List.of();
    }

    /** ALL. */
    record All() implements SearchKey {
        @Override
        public boolean matches(MessageView m) {
            return true;
        }
    }

    /** ANSWERED, DELETED, DRAFT, FLAGGED, SEEN and their UN- forms: a system flag bit set (or not). */
    record Flag(int bit, boolean set) implements SearchKey {
        @Override
        public boolean matches(MessageView m) {
            return m.candidate().state().has(bit) == set;
        }
    }

    /** KEYWORD and UNKEYWORD; keywords compare case-insensitively (RFC 9051 section 2.3.2). */
    record Keyword(String keyword, boolean set) implements SearchKey {
        @Override
        public boolean matches(MessageView m) {
            boolean has = false;
            for (String k : m.candidate().state().keywords()) {
                if (k.equalsIgnoreCase(keyword)) {
                    has = true;
                    break;
                }
            }
            return has == set;
        }
    }

    /** RECENT (RFC 3501): {@code \Recent} in this session. NEW is RECENT UNSEEN, OLD is NOT RECENT. */
    record Recent() implements SearchKey {
        @Override
        public boolean matches(MessageView m) {
            return m.context().isRecent(m.candidate().uid());
        }
    }

    /** LARGER n (size &gt; n) and SMALLER n (size &lt; n), on RFC822.SIZE. */
    record Size(long octets, boolean larger) implements SearchKey {
        @Override
        public boolean matches(MessageView m) {
            long size = m.description().size();
            return larger ? size > octets : size < octets;
        }

        @Override
        public Need need() {
            return Need.DESCRIPTION;
        }
    }

    /** How a date key compares: BEFORE (earlier day), ON (same day), SINCE (same or later day). */
    enum DateOp {
        BEFORE, ON, SINCE;

        boolean test(LocalDate day, LocalDate key) {
            return switch (this) {
                case BEFORE -> day.isBefore(key);
                case ON -> day.equals(key);
                case SINCE -> !day.isBefore(key);
            };
        }
    }

    /**
     * BEFORE, ON, SINCE: the internal date's day "disregarding time and timezone" (RFC 9051 section 6.4.4),
     * taken in the zone INTERNALDATE is shown in ({@link SearchContext#zone()}), so that a message a client sees
     * as delivered on 1-Feb is found by ON 1-Feb.
     */
    record InternalDate(DateOp op, LocalDate date) implements SearchKey {
        @Override
        public boolean matches(MessageView m) {
            LocalDate day = m.description().internalDate().atZone(m.context().zone()).toLocalDate();
            return op.test(day, date);
        }

        @Override
        public Need need() {
            return Need.DESCRIPTION;
        }
    }

    /**
     * SENTBEFORE, SENTON, SENTSINCE: the Date header's day as written in it, disregarding its time and zone
     * (RFC 9051 section 6.4.4). A message without a readable Date header is judged by its internal date, as
     * SORT does (RFC 5256 section 2.2), rather than matching no date key at all.
     */
    record SentDate(DateOp op, LocalDate date) implements SearchKey {
        @Override
        public boolean matches(MessageView m) {
            MessageDate sent = m.sentDate();
            LocalDate day = sent != null ? sent.day()
                    : m.description().internalDate().atZone(m.context().zone()).toLocalDate();
            return op.test(day, date);
        }

        @Override
        public Need need() {
            return Need.DESCRIPTION;
        }
    }

    /** Which envelope field an envelope key searches. */
    enum Field {
        FROM, TO, CC, BCC, SUBJECT
    }

    /**
     * FROM, TO, CC, BCC, SUBJECT: answered from the stored ENVELOPE, which holds exactly these fields, so that
     * the common client searches never load a header. Addresses are searched as {@code Name <mailbox@host>},
     * names and subjects with their encoded-words decoded.
     */
    record Envelope(Field field, String folded) implements SearchKey {
        @Override
        public boolean matches(MessageView m) {
            ImapEnvelope e = m.envelope();
            if (e == null) {
                return false;
            }
            String text = switch (field) {
                case FROM -> ImapEnvelope.searchText(e.from());
                case TO -> ImapEnvelope.searchText(e.to());
                case CC -> ImapEnvelope.searchText(e.cc());
                case BCC -> ImapEnvelope.searchText(e.bcc());
                case SUBJECT -> e.decodedSubject();
            };
            if (text == null) {
                return false;
            }
            return Fold.contains(text, folded);
        }

        @Override
        public Need need() {
            return Need.DESCRIPTION;
        }
    }

    /**
     * HEADER name string: a field of that name whose decoded value contains the string; an empty string
     * matches every message that has the field (RFC 9051 section 6.4.4).
     */
    record Header(String name, String folded) implements SearchKey {
        @Override
        public boolean matches(MessageView m) {
            for (String[] f : m.headerFields()) {
                if (f[0].equalsIgnoreCase(name) && Fold.contains(f[1], folded)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public Need need() {
            return Need.HEADER;
        }
    }

    /** BODY string: the decoded text of the body's text parts (see {@link MessageView}). */
    record Body(String folded) implements SearchKey {
        @Override
        public boolean matches(MessageView m) {
            return m.foldedBody().contains(folded);
        }

        @Override
        public Need need() {
            return Need.CONTENT;
        }
    }

    /** TEXT string: the decoded header, body, or MIME header fields of the parts. */
    record Text(String folded) implements SearchKey {
        @Override
        public boolean matches(MessageView m) {
            return m.foldedText().contains(folded);
        }

        @Override
        public Need need() {
            return Need.CONTENT;
        }
    }

    /** A sequence set (of sequence numbers), or with {@code uid} the UID key; {@code $} uses the saved UIDs. */
    record Numbers(SequenceSet set, boolean uid) implements SearchKey {
        @Override
        public boolean matches(MessageView m) {
            SearchCandidate c = m.candidate();
            if (set.isSaved()) {
                return m.context().isSaved(c.uid());
            }
            return uid ? set.contains(c.uid(), m.context().maxUid()) : set.contains(c.seq(), m.context().maxSeq());
        }
    }

    /**
     * MODSEQ (RFC 7162 section 3.1.5): the message's MODSEQ is at least the value. The optional entry name and
     * type are accepted and not used: the store keeps one MODSEQ per message, which RFC 7162 allows (the
     * message's MODSEQ is an upper bound of every flag's).
     */
    record Modseq(long modseq) implements SearchKey {
        @Override
        public boolean matches(MessageView m) {
            return m.candidate().state().modseq() >= modseq;
        }
    }

    /** NOT key. */
    record Not(SearchKey key) implements SearchKey {
        @Override
        public boolean matches(MessageView m) {
            return !key.matches(m);
        }

        @Override
        public List<SearchKey> children() {
            return List.of(key);
        }
    }

    /** OR key1 key2. */
    record Or(SearchKey left, SearchKey right) implements SearchKey {
        @Override
        public boolean matches(MessageView m) {
            return left.matches(m) || right.matches(m);
        }

        @Override
        public List<SearchKey> children() {
            return List.of(left, right);
        }
    }

    /** Keys side by side, or in parentheses: all must match. Cheap keys are tried first (see the parser). */
    record And(List<SearchKey> keys) implements SearchKey {
        public And {
            keys = List.copyOf(keys);
        }

        @Override
        public boolean matches(MessageView m) {
            for (SearchKey k : keys) {
                if (!k.matches(m)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public List<SearchKey> children() {
            return keys;
        }
    }
}
