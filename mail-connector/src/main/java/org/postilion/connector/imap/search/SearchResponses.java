package org.postilion.connector.imap.search;

import org.postilion.connector.imap.decode.SequenceSet;

import java.util.Arrays;
import java.util.Set;

/**
 * The untagged responses of SEARCH: {@code * SEARCH} (RFC 3501, IMAP4rev1 without RETURN) and
 * {@code * ESEARCH} (RFC 4731; IMAP4rev2 always), and of SORT. Lines are returned without their CRLF.
 */
public final class SearchResponses {

    private SearchResponses() {
    }

    /**
     * {@code * SEARCH 2 5 7 (MODSEQ 917162500)}; {@code * SEARCH} when nothing matched. The MODSEQ (RFC 7162
     * section 3.1.5: the highest MODSEQ of the messages returned) is left out when nothing matched, as there is
     * no message whose MODSEQ it could be.
     */
    public static String search(long[] numbers, Long highestModseqOrNull) {
        StringBuilder sb = new StringBuilder(16 + numbers.length * 6).append("* SEARCH");
        for (long n : numbers) {
            sb.append(' ').append(n);
        }
        if (highestModseqOrNull != null && numbers.length > 0) {
            sb.append(" (MODSEQ ").append(highestModseqOrNull).append(')');
        }
        return sb.toString();
    }

    /**
     * {@code * ESEARCH (TAG "A282") UID MIN 2 MAX 9 ALL 2,4:9 COUNT 5 MODSEQ 917162500}, in the order of
     * {@link ReturnOption}. When nothing matched, MIN, MAX and ALL are left out and COUNT is 0 (RFC 4731
     * section 3.1: the ESEARCH response is still sent, possibly with the tag alone).
     *
     * @param numbers the sequence numbers or UIDs found, in any order
     * @return the line, or null when {@code options} is SAVE alone: RFC 5182 section 2.1 and RFC 9051 section
     *         6.4.4.1 then want no ESEARCH response at all
     */
    public static String esearch(String tag, boolean uid, Set<ReturnOption> options, long[] numbers,
                                 Long highestModseqOrNull) {
        if (options.size() == 1 && options.contains(ReturnOption.SAVE)) {
            return null;
        }
        StringBuilder sb = new StringBuilder(64).append("* ESEARCH (TAG ");
        quote(sb, tag);
        sb.append(')');
        if (uid) {
            sb.append(" UID");
        }
        long[] sorted = numbers.clone();
        Arrays.sort(sorted);
        boolean any = sorted.length > 0;
        if (any && options.contains(ReturnOption.MIN)) {
            sb.append(" MIN ").append(sorted[0]);
        }
        if (any && options.contains(ReturnOption.MAX)) {
            sb.append(" MAX ").append(sorted[sorted.length - 1]);
        }
        if (any && options.contains(ReturnOption.ALL)) {
            sb.append(" ALL ").append(SequenceSet.of(sorted));
        }
        if (options.contains(ReturnOption.COUNT)) {
            sb.append(" COUNT ").append(sorted.length);
        }
        if (any && highestModseqOrNull != null) {
            sb.append(" MODSEQ ").append(highestModseqOrNull);
        }
        return sb.toString();
    }

    /** {@code * SORT 2 84 882} (RFC 5256 section 4); {@code * SORT} when nothing matched. */
    public static String sort(long[] sortedNumbers) {
        StringBuilder sb = new StringBuilder(16 + sortedNumbers.length * 6).append("* SORT");
        for (long n : sortedNumbers) {
            sb.append(' ').append(n);
        }
        return sb.toString();
    }

    /** A quoted string; tags are ASTRING-CHARs, so escaping is for safety only. */
    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c == '\r' || c == '\n' ? ' ' : c);
        }
        sb.append('"');
    }
}
