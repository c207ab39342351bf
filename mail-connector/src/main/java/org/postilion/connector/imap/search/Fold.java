package org.postilion.connector.imap.search;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The comparison SEARCH uses for strings: case-insensitive substring match on Unicode text (RFC 9051 section
 * 6.4.4: "case-insensitive substring"). Close to the i;unicode-casemap collation of RFC 5051 that Dovecot uses:
 * both sides are normalized (NFKC, so a composed and a decomposed "ä" are equal) and case-folded by upper- then
 * lower-casing in the root locale, so that "ÄPFEL" finds "äpfel" and "STRASSE" finds "straße". White space runs
 * are not collapsed: a client searching for two spaces asks for two spaces.
 */
final class Fold {

    private Fold() {
    }

    static String fold(String s) {
        String n = Normalizer.isNormalized(s, Normalizer.Form.NFKC) ? s : Normalizer.normalize(s, Normalizer.Form.NFKC);
        boolean ascii = true;
        for (int i = 0; i < n.length() && ascii; i++) {
            ascii = n.charAt(i) < 0x80;
        }
        return ascii ? n.toLowerCase(Locale.ROOT) : n.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    /** Whether {@code text} contains {@code foldedNeedle} (already folded) under the folding above. */
    static boolean contains(String text, String foldedNeedle) {
        if (foldedNeedle.isEmpty()) {
            return true;
        }
        return text != null && fold(text).contains(foldedNeedle);
    }
}
