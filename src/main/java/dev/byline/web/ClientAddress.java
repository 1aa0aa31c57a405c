package dev.byline.web;

import dev.byline.BylineConfig;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.inject.Singleton;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The address a request really came from. X-Forwarded-For is believed only when the connection comes from a
 * configured trusted proxy, so a client cannot choose its own rate-limit bucket by sending the header.
 */
@Singleton // no client proxy: on every anonymous read, answered on the event loop
public class ClientAddress {

    private final List<Cidr> trusted;

    public ClientAddress(BylineConfig config) {
        this.trusted = config.trustedProxies().orElse(List.of()).stream()
                .map(String::trim).filter(s -> !s.isEmpty()).map(Cidr::parse).toList();
    }

    public String of(HttpServerRequest request) {
        // The connection's own peer: the request's remoteAddress() may be rewritten from Forwarded headers by the
        // web layer (and costs a parse of them on every request); here only a trusted proxy's headers count.
        SocketAddress peer = request.connection() == null ? request.remoteAddress()
                : request.connection().remoteAddress();
        String address = peer == null ? "unknown" : peer.hostAddress();
        if (!isTrusted(address)) {
            return address;
        }
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null) {
            return address;
        }
        // Walk from the nearest hop back; the first address that is not one of our proxies is the client.
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !isTrusted(hop)) {
                return hop;
            }
        }
        return address;
    }

    private boolean isTrusted(String address) {
        if (trusted.isEmpty()) {
            return false;
        }
        return trusted.stream().anyMatch(cidr -> cidr.contains(address));
    }

    /** An address range such as 10.0.0.0/8 or a single address (also the allow list of webhook targets). */
    public record Cidr(byte[] network, int prefixLength) {

        /** The range {@code text} names; IllegalArgumentException when it is not an IP literal or CIDR range. */
        public static Cidr parse(String text) {
            String[] parts = text.split("/", 2);
            byte[] address = literal(parts[0]);
            if (address == null) {
                throw new IllegalArgumentException("byline.trusted-proxies: '" + text + "' is not an IP address or CIDR range");
            }
            int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : address.length * 8;
            return new Cidr(address, bits);
        }

        /** Whether the IP literal {@code candidate} is in this range (a host name never is). */
        public boolean contains(String candidate) {
            byte[] address = literal(candidate);
            if (address == null || address.length != network.length) {
                return false;
            }
            int shift = network.length * 8 - prefixLength;
            return new BigInteger(1, address).shiftRight(shift).equals(new BigInteger(1, network).shiftRight(shift));
        }

        /** Parses only IP literals: never a DNS lookup on a header value. */
        private static byte[] literal(String text) {
            String value = text.trim();
            if (value.startsWith("[") && value.endsWith("]")) {
                value = value.substring(1, value.length() - 1);
            }
            boolean ipv6 = value.contains(":") && value.matches("[0-9a-fA-F:.]+");
            if (!ipv6 && !value.matches("[0-9.]+")) {
                return null;
            }
            if (!ipv6 && !value.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                return null;
            }
            try {
                return InetAddress.getByName(value).getAddress();
            } catch (UnknownHostException e) {
                return null;
            }
        }
    }
}
