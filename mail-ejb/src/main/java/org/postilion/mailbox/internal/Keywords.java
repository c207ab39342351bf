package org.postilion.mailbox.internal;

import org.postilion.connector.spi.imap.FlagChange;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A message's keywords as the store keeps them: one column, separated by spaces (keywords are atoms, which hold
 * no space), null for none. Keywords compare without case (RFC 9051 section 2.3.2); the first spelling stays.
 */
final class Keywords {

    private Keywords() {
    }

    static List<String> split(String column) {
        if (column == null || column.isEmpty()) {
            return List.of();
        }
        return List.of(column.split(" "));
    }

    static String join(List<String> keywords) {
        List<String> distinct = new ArrayList<>();
        for (String k : keywords) {
            if (!containsIgnoreCase(distinct, k)) {
                distinct.add(k);
            }
        }
        return distinct.isEmpty() ? null : String.join(" ", distinct);
    }

    /** The keywords after a STORE. */
    static String apply(String column, FlagChange change) {
        List<String> current = new ArrayList<>(split(column));
        switch (change.mode()) {
            case REPLACE -> current = new ArrayList<>(change.keywords());
            case ADD -> current.addAll(change.keywords());
            case REMOVE -> current.removeIf(k -> containsIgnoreCase(change.keywords(), k));
        }
        return join(current);
    }

    private static boolean containsIgnoreCase(List<String> keywords, String keyword) {
        String lower = keyword.toLowerCase(Locale.ROOT);
        for (String k : keywords) {
            if (k.toLowerCase(Locale.ROOT).equals(lower)) {
                return true;
            }
        }
        return false;
    }
}
