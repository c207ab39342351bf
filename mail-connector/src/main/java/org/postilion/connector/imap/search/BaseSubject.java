package org.postilion.connector.imap.search;

/**
 * The base subject of RFC 5256 section 2.1, which SORT SUBJECT orders by and THREAD groups by: the subject
 * without the {@code Re:}, {@code Fwd:}, {@code [list]} and {@code (fwd)} decorations mailers add.
 * <pre>
 *   subj-trailer = "(fwd)" / WSP
 *   subj-leader  = (*subj-blob subj-refwd) / WSP
 *   subj-refwd   = ("re" / ("fw" ["d"])) *WSP [subj-blob] ":"
 *   subj-blob    = "[" *BLOBCHAR "]" *WSP
 *   subj-fwd-hdr = "[fwd:"        subj-fwd-trl = "]"
 * </pre>
 * The steps are the RFC's: decode encoded-words and collapse white space (1), strip trailers (2), strip
 * leaders (3) and a leading blob if something is left after it (4), repeat 3 and 4 (5), unwrap
 * {@code [fwd: ...]} and start again at 2 (6). Matching is case-insensitive, as the ABNF's literals are.
 *
 * @param text           the base subject; empty when nothing is left
 * @param replyOrForward whether anything that marks a reply or forward was removed (a subj-refwd, a
 *                       {@code (fwd)} trailer, a {@code [fwd: ]} wrapper): THREAD needs it (RFC 5256 section 2.2,
 *                       step 5)
 */
record BaseSubject(String text, boolean replyOrForward) {

    /** The base subject of a Subject header as sent (encoded-words not decoded yet); null counts as empty. */
    static BaseSubject of(String subject) {
        if (subject == null) {
            return new BaseSubject("", false);
        }
        String s = collapse(EncodedWords.decode(subject));
        boolean rf = false;
        while (true) {
            // (2) trailers
            while (true) {
                if (!s.isEmpty() && isWsp(s.charAt(s.length() - 1))) {
                    s = s.substring(0, s.length() - 1);
                } else if (endsWithIgnoreCase(s, "(fwd)")) {
                    s = s.substring(0, s.length() - 5);
                    rf = true;
                } else {
                    break;
                }
            }
            // (3)-(5) leaders and blobs
            while (true) {
                while (true) {
                    if (!s.isEmpty() && isWsp(s.charAt(0))) {
                        s = s.substring(1);
                        continue;
                    }
                    int leader = leader(s);
                    if (leader > 0) {
                        s = s.substring(leader);
                        rf = true;
                        continue;
                    }
                    break;
                }
                int blob = blob(s, 0);
                if (blob > 0 && blob < s.length()) {
                    s = s.substring(blob);
                    continue;
                }
                break;
            }
            // (6) [fwd: ...]
            if (s.length() >= 6 && s.regionMatches(true, 0, "[fwd:", 0, 5) && s.endsWith("]")) {
                s = s.substring(5, s.length() - 1);
                rf = true;
                continue;
            }
            return new BaseSubject(s, rf);
        }
    }

    /** Tabs to spaces, runs of spaces to one; CR and LF of a folded header are white space too. */
    private static String collapse(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                if (!space) {
                    sb.append(' ');
                }
                space = true;
            } else {
                sb.append(c);
                space = false;
            }
        }
        return sb.toString();
    }

    private static boolean isWsp(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean endsWithIgnoreCase(String s, String suffix) {
        return s.length() >= suffix.length()
                && s.regionMatches(true, s.length() - suffix.length(), suffix, 0, suffix.length());
    }

    /** The length of a {@code *subj-blob subj-refwd} at the start of {@code s}, or 0. */
    private static int leader(String s) {
        int i = 0;
        while (true) {
            int b = blob(s, i);
            if (b == 0) {
                break;
            }
            i += b;
        }
        int r = refwd(s, i);
        return r == 0 ? 0 : i + r;
    }

    /** The length of a {@code subj-refwd} at {@code from}, or 0. */
    private static int refwd(String s, int from) {
        int i = from;
        if (s.regionMatches(true, i, "re", 0, 2)) {
            i += 2;
        } else if (s.regionMatches(true, i, "fwd", 0, 3)) {
            i += 3;
        } else if (s.regionMatches(true, i, "fw", 0, 2)) {
            i += 2;
        } else {
            return 0;
        }
        while (i < s.length() && isWsp(s.charAt(i))) {
            i++;
        }
        i += blob(s, i);
        return i < s.length() && s.charAt(i) == ':' ? i + 1 - from : 0;
    }

    /** The length of a {@code subj-blob} at {@code from} (brackets, no brackets inside, trailing WSP), or 0. */
    private static int blob(String s, int from) {
        if (from >= s.length() || s.charAt(from) != '[') {
            return 0;
        }
        int i = from + 1;
        while (i < s.length() && s.charAt(i) != ']') {
            if (s.charAt(i) == '[') {
                return 0;
            }
            i++;
        }
        if (i >= s.length()) {
            return 0;
        }
        i++;
        while (i < s.length() && isWsp(s.charAt(i))) {
            i++;
        }
        return i - from;
    }

    /** The key SORT and THREAD compare: i;ascii-casemap, the default collation of RFC 5256. */
    String key() {
        return asciiUpper(text);
    }

    static String asciiUpper(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z') {
                if (sb == null) {
                    sb = new StringBuilder(s);
                }
                sb.setCharAt(i, (char) (c - 32));
            }
        }
        return sb == null ? s : sb.toString();
    }
}
