package org.postilion.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postilion.it.support.AdminClient;
import org.postilion.it.support.RemoteWorld;
import org.postilion.it.support.TestServer;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A domain's DNS records and their live check through the server's resolver, against a dnsmasq that publishes
 * some of them right, one wrong, and leaves the others out (the test server's mail host is mx.test).
 */
@ExtendWith(ArquillianExtension.class)
class DomainDnsIT {

    private static final AdminClient ADMIN = new AdminClient();

    @Test
    void eachRecordSaysWhetherItIsPublishedAsAdvised() throws Exception {
        String d = TestServer.uniqueDomain("dns");
        ADMIN.createDomain(d);
        RemoteWorld dnsServer = RemoteWorld.withDns(
                "host-record=mx.test,127.0.0.1",
                "mx-host=" + d + ",mx.test,10",
                "txt-record=" + d + ",\"v=spf1 ip4:192.0.2.1 ~all\"",
                "txt-record=" + d + ",\"site-verification=abc\"",
                "txt-record=_dmarc." + d + ",\"v=DMARC1; p=none\"",
                "cname=autoconfig." + d + ",mx.test",
                "srv-host=_submission._tcp." + d + ",mx.test," + TestServer.submissionPort() + ",0,1");
        try {
            List<JsonObject> records = ADMIN.get("/domains/" + d + "/dns").array().getValuesAs(JsonObject.class);
            Map<String, String> status = records.stream().collect(Collectors.toMap(
                    r -> r.getString("type") + " " + r.getString("name"), r -> r.getString("status"), (a, b) -> a));
            assertEquals("OK", status.get("MX " + d), records.toString());
            assertEquals("OK", status.get("A mx.test"));
            assertEquals("DIFFERS", status.get("TXT " + d), "another SPF policy is published");
            assertEquals("OK", status.get("TXT _dmarc." + d), "any DMARC policy will do");
            assertEquals("MISSING", status.get("TXT _mta-sts." + d));
            assertEquals("MISSING", status.get("TXT _smtp._tls." + d));
            assertEquals("OK", status.get("CNAME autoconfig." + d));
            assertEquals("MISSING", status.get("CNAME autodiscover." + d));
            assertEquals("OK", status.get("SRV _submission._tcp." + d));
            assertEquals("ADVICE", status.get("PTR (this server's public address)"));
            JsonObject spf = records.stream().filter(r -> r.getString("name").equals(d) && r.getString("type").equals("TXT"))
                    .findFirst().orElseThrow();
            assertEquals("v=spf1 mx -all", spf.getString("value"));
            assertEquals(List.of("v=spf1 ip4:192.0.2.1 ~all"), spf.getJsonArray("found")
                    .getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList(),
                    "only the SPF record is shown, not the site verification");
        } finally {
            dnsServer.close();
        }
        // without a DNS server the records are listed, their state unknown; or not checked at all
        JsonObject mx = ADMIN.get("/domains/" + d + "/dns").array().getJsonObject(0);
        assertEquals("UNKNOWN", mx.getString("status"), mx.toString());
        JsonObject unchecked = ADMIN.get("/domains/" + d + "/dns?check=false").array().getJsonObject(0);
        assertTrue(!unchecked.containsKey("status") || unchecked.isNull("status"), unchecked.toString());
        assertEquals(401, AdminClient.anonymous().get("/domains/" + d + "/dns").status());
    }
}
