/**
 * DNS, through dnsjava: the MX hosts of a destination domain and their addresses, for outbound routing. The
 * resolver's address and port are configurable ({@code postilion.dns.server}, {@code postilion.dns.port}), so that
 * tests use a DNS server of their own; answers are cached as long as their TTLs say, negative ones too.
 */
package org.postilion.dns;
