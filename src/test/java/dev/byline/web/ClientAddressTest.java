package dev.byline.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Trusted-proxy ranges: IPv4 and IPv6 CIDR matching, and never a DNS lookup on a header value. */
class ClientAddressTest {

    @Test
    void matchesAddressesInsideARange() {
        ClientAddress.Cidr range = ClientAddress.Cidr.parse("10.1.0.0/16");
        assertTrue(range.contains("10.1.200.3"));
        assertFalse(range.contains("10.2.0.1"));
        assertFalse(range.contains("2001:db8::1"));
    }

    @Test
    void aSingleAddressIsAFullLengthRange() {
        ClientAddress.Cidr single = ClientAddress.Cidr.parse("192.0.2.7");
        assertTrue(single.contains("192.0.2.7"));
        assertFalse(single.contains("192.0.2.8"));
    }

    @Test
    void matchesIpv6Ranges() {
        ClientAddress.Cidr range = ClientAddress.Cidr.parse("2001:db8::/32");
        assertTrue(range.contains("2001:db8:abcd::1"));
        assertTrue(range.contains("[2001:db8::5]"));
        assertFalse(range.contains("2001:db9::1"));
    }

    @Test
    void hostNamesAndGarbageNeverMatchAndAreNeverResolved() {
        ClientAddress.Cidr range = ClientAddress.Cidr.parse("0.0.0.0/0");
        assertFalse(range.contains("localhost"));
        assertFalse(range.contains("cafe"));
        assertFalse(range.contains("1.2.3"));
        assertThrows(IllegalArgumentException.class, () -> ClientAddress.Cidr.parse("proxy.internal"));
    }
}
