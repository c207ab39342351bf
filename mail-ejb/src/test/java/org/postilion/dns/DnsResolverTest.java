package org.postilion.dns;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;

import java.io.IOException;
import java.net.InetAddress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The resolver against a real DNS server, Debian's dnsmasq on a loopback port, serving the cases of RFC 5321
 * section 5.1 and RFC 7505: MX by preference, equal preferences shuffled, no MX but an address, null MX, no such
 * domain, CNAME to the exchanger; and the ordering itself on records made in the test.
 */
class DnsResolverTest {

    private static final int PORT = 40153;
    private static Process dnsmasq;
    private static DnsResolver dns;

    @BeforeAll
    static void startDnsmasq() throws Exception {
        Path dir = Files.createTempDirectory("dnsmasq");
        Path conf = dir.resolve("dnsmasq.conf");
        Files.writeString(conf, String.join("\n",
                "port=" + PORT, "listen-address=127.0.0.1", "bind-interfaces", "no-resolv", "no-hosts",
                "local=/test/",
                "mx-host=good.test,mx1.good.test,10",
                "mx-host=good.test,mx2.good.test,20",
                "mx-host=good.test,mx3.good.test,20",
                "host-record=mx1.good.test,127.0.0.2",
                "host-record=mx2.good.test,127.0.0.3,::1",
                "host-record=mx3.good.test,127.0.0.5",
                "dns-rr=nullmx.test,15,000000",
                "host-record=amx.test,127.0.0.4",
                "mx-host=viacname.test,mail.viacname.test,5",
                "cname=mail.viacname.test,mx1.good.test",
                "mx-host=noaddress.test,ghost.noaddress.test,10",
                "") + "\n");
        String binary = Files.exists(Path.of("/usr/sbin/dnsmasq")) ? "/usr/sbin/dnsmasq" : "dnsmasq";
        dnsmasq = new ProcessBuilder(binary, "-k", "-C", conf.toString(), "--pid-file=" + dir.resolve("pid"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
        // until dnsmasq answers (a fresh resolver each time: a failed answer would be cached)
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> DnsResolver.over(
                DnsResolver.resolver("127.0.0.1", PORT, Duration.ofSeconds(2)), Duration.ofSeconds(2))
                .exchangers("good.test") instanceof MailExchangers.Hosts);
        dns = DnsResolver.over(DnsResolver.resolver("127.0.0.1", PORT, Duration.ofSeconds(2)), Duration.ofSeconds(2));
        assertTrue(dnsmasq.isAlive(), "dnsmasq runs (Debian package dnsmasq-base): " + Files.readString(dir.resolve("log")));
    }

    @AfterAll
    static void stopDnsmasq() throws InterruptedException {
        if (dnsmasq != null) {
            dnsmasq.destroy();
            dnsmasq.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void exchangersComeLowestPreferenceFirstAndEqualOnesInBothOrders() {
        Set<List<String>> orders = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            MailExchangers.Hosts hosts = assertInstanceOf(MailExchangers.Hosts.class, dns.exchangers("good.test"));
            List<String> names = hosts.exchangers().stream().map(MailExchangers.Exchanger::host).toList();
            assertEquals("mx1.good.test", names.get(0));
            assertEquals(Set.of("mx2.good.test", "mx3.good.test"), Set.copyOf(names.subList(1, 3)));
            orders.add(names);
        }
        assertEquals(2, orders.size(), "equal preferences are tried in random order: " + orders);
    }

    @Test
    void addressesAreIpv4ThenIpv6() throws Exception {
        assertEquals(List.of(InetAddress.getByName("127.0.0.3"), InetAddress.getByName("::1")),
                dns.addresses("mx2.good.test"));
        assertEquals(List.of(), dns.addresses("ghost.noaddress.test"));
    }

    @Test
    void aDomainWithoutMxButWithAnAddressIsItsOwnExchanger() {
        MailExchangers.Hosts hosts = assertInstanceOf(MailExchangers.Hosts.class, dns.exchangers("amx.test"));
        assertEquals(List.of(new MailExchangers.Exchanger("amx.test", 0)), hosts.exchangers());
        assertTrue(hosts.implicit());
    }

    @Test
    void nullMxSaysTheDomainTakesNoMail() {
        assertInstanceOf(MailExchangers.NullMx.class, dns.exchangers("nullmx.test"));
    }

    @Test
    void anUnknownDomainIsNoSuchDomain() {
        assertInstanceOf(MailExchangers.NoSuchDomain.class, dns.exchangers("nothere.test"));
        assertInstanceOf(MailExchangers.NoSuchDomain.class, dns.exchangers("bad..name"));
    }

    @Test
    void anExchangerReachedThroughACnameHasTheTargetsAddress() throws Exception {
        MailExchangers.Hosts hosts = assertInstanceOf(MailExchangers.Hosts.class, dns.exchangers("viacname.test"));
        assertEquals("mail.viacname.test", hosts.exchangers().get(0).host());
        assertEquals(List.of(InetAddress.getByName("127.0.0.2")), dns.addresses("mail.viacname.test"));
    }

    @Test
    void aSilentServerIsATemporaryFailure() throws IOException {
        DnsResolver nobody = DnsResolver.over(DnsResolver.resolver("127.0.0.1", PORT + 1, Duration.ofMillis(300)),
                Duration.ofMillis(300));
        assertInstanceOf(MailExchangers.TemporaryFailure.class, nobody.exchangers("good.test"));
    }

    @Test
    void aNullMxAmongOtherRecordsIsIgnoredAndPreferencesOrderTheRest() throws Exception {
        Name owner = Name.fromString("mixed.test.");
        List<MXRecord> records = new ArrayList<>(List.of(
                new MXRecord(owner, DClass.IN, 60, 30, Name.fromString("c.mixed.test.")),
                new MXRecord(owner, DClass.IN, 60, 0, Name.root),
                new MXRecord(owner, DClass.IN, 60, 5, Name.fromString("A.mixed.test."))));
        MailExchangers.Hosts hosts = assertInstanceOf(MailExchangers.Hosts.class,
                MxOrder.order(records, new SplittableRandom(1)));
        assertEquals(List.of(new MailExchangers.Exchanger("a.mixed.test", 5),
                new MailExchangers.Exchanger("c.mixed.test", 30)), hosts.exchangers());
        assertInstanceOf(MailExchangers.NullMx.class,
                MxOrder.order(List.of(new MXRecord(owner, DClass.IN, 60, 0, Name.root)), new SplittableRandom(1)));
    }

}
