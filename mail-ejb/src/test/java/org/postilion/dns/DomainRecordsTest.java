package org.postilion.dns;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The records advised for a domain, and how a published TXT record is judged against the advice. */
class DomainRecordsTest {

    @Test
    void theAdvisedRecordsNameTheMailHostAndTheDomainsPostmaster() {
        List<DomainRecords.Expected> r = DomainRecords.expected("example.com", "mx.example.net", 587, 993, 143);
        assertEquals(List.of("MX", "A", "TXT", "TXT", "TXT", "CNAME", "TXT", "CNAME", "CNAME", "SRV", "SRV", "SRV", "PTR"),
                r.stream().map(DomainRecords.Expected::type).toList());
        assertEquals("10 mx.example.net.", r.get(0).value());
        assertTrue(r.get(0).required() && r.get(1).required() && !r.get(2).required());
        assertEquals("v=spf1 mx -all", r.get(2).value());
        assertEquals("_dmarc.example.com", r.get(3).name());
        assertTrue(r.get(3).value().endsWith("rua=mailto:postmaster@example.com"));
        assertEquals("0 1 587 mx.example.net.", r.get(9).value());
    }

    @Test
    void spfMustMatchWhileOtherPoliciesNeedOnlyBeThere() {
        assertTrue(DomainRecords.sameKind("v=spf1   mx -all", "v=spf1 mx -all"));
        assertFalse(DomainRecords.sameKind("v=spf1 ip4:192.0.2.1 ~all", "v=spf1 mx -all"));
        assertTrue(DomainRecords.sameKind("v=DMARC1;p=none", "v=DMARC1; p=quarantine; rua=mailto:postmaster@x"));
        assertTrue(DomainRecords.sameKind("v=STSv1; id=20261207", "v=STSv1; id=1"));
        assertEquals("v=spf1", DomainRecords.tagOf("  v=spf1 mx"));
        assertEquals("google-site-verification=abc", DomainRecords.tagOf("google-site-verification=abc"));
        assertEquals("", DomainRecords.tagOf(""));
    }
}
