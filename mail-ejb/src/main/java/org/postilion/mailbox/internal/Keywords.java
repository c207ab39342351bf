package org.postilion.mailbox.internal;

import org.postilion.connector.spi.imap.FlagChange;

import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
        Set<String> distinct = new KeywordSet();
        distinct.addAll(keywords);
        return distinct.isEmpty() ? null : String.join(" ", distinct);
    }

    /** The keywords after a STORE. */
    static String apply(String column, FlagChange change) {
        List<String> current = new ArrayList<>(split(column));
        switch (change.mode()) {
            case REPLACE -> current = new ArrayList<>(change.keywords());
            case ADD -> current.addAll(change.keywords());
            case REMOVE -> {
                KeywordSet removed = new KeywordSet();
                removed.addAll(change.keywords());
                current.removeIf(removed::contains);
            }
        }
        return join(current);
    }

    /** Keywords compared without case, keeping the first spelling added, in the order added. */
    static final class KeywordSet extends AbstractSet<String> {
        private final Map<String, String> byLowerCase = new LinkedHashMap<>();

        @Override
        public boolean add(String keyword) {
            return byLowerCase.putIfAbsent(keyword.toLowerCase(Locale.ROOT), keyword) == null;
        }

        @Override
        public boolean contains(Object o) {
            return o instanceof String k && byLowerCase.containsKey(k.toLowerCase(Locale.ROOT));
        }

        @Override
        public Iterator<String> iterator() {
            return byLowerCase.values().iterator();
        }

        @Override
        public int size() {
            return byLowerCase.size();
        }
    }
}
