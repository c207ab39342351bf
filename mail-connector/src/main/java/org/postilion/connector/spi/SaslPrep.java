package org.postilion.connector.spi;

import java.text.Normalizer;
import java.util.Optional;

/**
 * SASLprep (RFC 4013, a profile of stringprep, RFC 3454) for user names and passwords: map, normalize with NFKC,
 * refuse prohibited characters, check bidirectional text.
 *
 * <p>STANDARDS and deviations: the tables of RFC 3454 are written out below (B.1, C.1.2 to C.9), but
 * normalization and bidirectional categories come from the running Java's Unicode version rather than
 * Unicode 3.2, and unassigned code points are allowed, as RFC 4013 allows them in queries (they are not
 * refused when a password is stored either, by the EJB tier). For the strings people type the result is the
 * same as a strict implementation's; for characters added to Unicode after 3.2 it may differ, and then a
 * SCRAM client that prepares strictly computes a different key and fails.
 */
public final class SaslPrep {

    private SaslPrep() {
    }

    /** The prepared string, or empty when it holds a prohibited character or breaks the bidi rule. */
    public static Optional<String> prepare(String s) {
        StringBuilder mapped = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (mappedToNothing(cp)) {
                continue;
            }
            if (nonAsciiSpace(cp)) {
                mapped.append(' ');
            } else {
                mapped.appendCodePoint(cp);
            }
        }
        String normalized = Normalizer.normalize(mapped, Normalizer.Form.NFKC);

        boolean rightToLeft = false;
        boolean leftToRight = false;
        for (int i = 0; i < normalized.length(); ) {
            int cp = normalized.codePointAt(i);
            i += Character.charCount(cp);
            if (prohibited(cp)) {
                return Optional.empty();
            }
            if (isRandAL(cp)) {
                rightToLeft = true;
            } else if (Character.getDirectionality(cp) == Character.DIRECTIONALITY_LEFT_TO_RIGHT) {
                leftToRight = true;
            }
        }
        // RFC 3454 section 6: a string with right-to-left characters has no left-to-right ones and starts and
        // ends with right-to-left characters
        if (rightToLeft && (leftToRight || !isRandAL(normalized.codePointAt(0))
                || !isRandAL(normalized.codePointBefore(normalized.length())))) {
            return Optional.empty();
        }
        return Optional.of(normalized);
    }

    private static boolean isRandAL(int cp) {
        byte d = Character.getDirectionality(cp);
        return d == Character.DIRECTIONALITY_RIGHT_TO_LEFT || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
    }

    /** RFC 3454 table B.1, "commonly mapped to nothing". */
    private static boolean mappedToNothing(int cp) {
        return cp == 0x00AD || cp == 0x034F || cp == 0x1806 || (cp >= 0x180B && cp <= 0x180D)
                || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF;
    }

    /** RFC 3454 table C.1.2, non-ASCII spaces (mapped to SPACE, RFC 4013 section 2.1). */
    private static boolean nonAsciiSpace(int cp) {
        return cp == 0x00A0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F
                || cp == 0x3000;
    }

    /** RFC 4013 section 2.3: RFC 3454 tables C.1.2, C.2.1, C.2.2, C.3, C.4, C.5, C.6, C.7, C.8 and C.9. */
    private static boolean prohibited(int cp) {
        return nonAsciiSpace(cp)
                // C.2.1 ASCII control characters
                || cp <= 0x1F || cp == 0x7F
                // C.2.2 non-ASCII control characters
                || (cp >= 0x80 && cp <= 0x9F) || cp == 0x06DD || cp == 0x070F || cp == 0x180E || cp == 0x200C
                || cp == 0x200D || cp == 0x2028 || cp == 0x2029 || (cp >= 0x2060 && cp <= 0x2063)
                || (cp >= 0x206A && cp <= 0x206F) || cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFC)
                || (cp >= 0x1D173 && cp <= 0x1D17A)
                // C.3 private use
                || (cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xF0000 && cp <= 0xFFFFD)
                || (cp >= 0x100000 && cp <= 0x10FFFD)
                // C.4 non-character code points
                || (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE
                // C.5 surrogate codes
                || (cp >= 0xD800 && cp <= 0xDFFF)
                // C.6 inappropriate for plain text
                || (cp >= 0xFFF9 && cp <= 0xFFFD)
                // C.7 inappropriate for canonical representation
                || (cp >= 0x2FF0 && cp <= 0x2FFB)
                // C.8 change display properties or deprecated
                || cp == 0x0340 || cp == 0x0341 || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E)
                // C.9 tagging characters
                || cp == 0xE0001 || (cp >= 0xE0020 && cp <= 0xE007F);
    }
}
