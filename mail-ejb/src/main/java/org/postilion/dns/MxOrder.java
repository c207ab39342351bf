package org.postilion.dns;

import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * Orders MX records as RFC 5321 section 5.1 says: lowest preference first, hosts of equal preference in random
 * order (so that load spreads); a single record of preference 0 whose target is the root is a null MX (RFC 7505
 * section 3), and a null MX among other records is ignored as the RFC allows (those records are used).
 */
final class MxOrder {

    private MxOrder() {
    }

    static MailExchangers order(List<MXRecord> records, RandomGenerator random) {
        List<MXRecord> usable = records.stream().filter(r -> !r.getTarget().equals(Name.root)).toList();
        if (usable.isEmpty()) {
            return new MailExchangers.NullMx();
        }
        Map<Integer, List<MailExchangers.Exchanger>> byPreference = new TreeMap<>(Comparator.naturalOrder());
        for (MXRecord r : usable) {
            String host = r.getTarget().toString(true).toLowerCase(java.util.Locale.ROOT);
            List<MailExchangers.Exchanger> same = byPreference.computeIfAbsent(r.getPriority(), p -> new ArrayList<>());
            if (same.stream().noneMatch(e -> e.host().equals(host))) {
                same.add(new MailExchangers.Exchanger(host, r.getPriority()));
            }
        }
        List<MailExchangers.Exchanger> ordered = new ArrayList<>();
        for (List<MailExchangers.Exchanger> same : byPreference.values()) {
            shuffle(same, random);
            ordered.addAll(same);
        }
        return new MailExchangers.Hosts(ordered, false);
    }

    private static void shuffle(List<MailExchangers.Exchanger> list, RandomGenerator random) {
        for (int i = list.size() - 1; i > 0; i--) {
            Collections.swap(list, i, random.nextInt(i + 1));
        }
    }
}
