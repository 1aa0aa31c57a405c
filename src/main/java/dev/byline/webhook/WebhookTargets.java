package dev.byline.webhook;

import dev.byline.BylineConfig;
import dev.byline.web.ClientAddress.Cidr;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which URLs webhooks may be sent to (server-side request forgery): http or https, without credentials, on a host
 * whose every address is public. Loopback, link-local (cloud metadata), private, carrier-grade NAT, unique-local,
 * multicast, unspecified and reserved addresses are refused, including IPv4 addresses inside IPv6 (mapped, NAT64,
 * 6to4) and Teredo, unless the operator allows private targets or lists the host or range.
 *
 * <p>Checked when a subscription is written and again before every delivery, since a name may later resolve
 * elsewhere (DNS rebinding). The HTTP client then resolves the name again; the JVM's address cache (30 s by
 * default) answers it with the addresses just checked. Redirects are never followed.
 */
@ApplicationScoped
public class WebhookTargets {

    /** Why a URL may not receive webhooks, in words for the partner. */
    static final class Refused extends Exception {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    private final boolean allowPrivate;
    private final List<Cidr> allowedRanges = new ArrayList<>();
    private final Set<String> allowedHosts = new TreeSet<>();

    @Inject
    public WebhookTargets(BylineConfig config) {
        this(config.webhooks().allowPrivateTargets(), config.webhooks().allowedTargets().orElse(List.of()));
    }

    WebhookTargets(boolean allowPrivate, List<String> allowed) {
        this.allowPrivate = allowPrivate;
        for (String entry : allowed) {
            String value = entry.trim();
            if (value.isEmpty()) {
                continue;
            }
            try {
                allowedRanges.add(Cidr.parse(value));
            } catch (IllegalArgumentException notARange) {
                allowedHosts.add(value.toLowerCase(Locale.ROOT));
            }
        }
    }

    /** Checks the form of {@code url} and every address its host resolves to; blocks while the name is resolved. */
    void check(URI url) throws Refused {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!url.isAbsolute() || url.isOpaque() || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new Refused("must be an absolute http or https URL");
        }
        if (url.getRawUserInfo() != null) {
            throw new Refused("must not contain a user name or password; deliveries are signed instead");
        }
        if (url.getRawFragment() != null) {
            throw new Refused("must not have a #fragment");
        }
        String host = url.getHost();
        if (host == null || host.isEmpty()) {
            throw new Refused("must name a host");
        }
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (allowPrivate || allowedHosts.contains(name.toLowerCase(Locale.ROOT))) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(name);
        } catch (UnknownHostException e) {
            throw new Refused("has a host, " + name + ", that does not resolve to an address");
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address) && allowedRanges.stream().noneMatch(r -> r.contains(address.getHostAddress()))) {
                throw new Refused("resolves to " + address.getHostAddress() + ", which is not a public address;"
                        + " webhooks are only sent to public addresses");
            }
        }
    }

    /** Whether {@code address} is on the public internet as far as its range says. */
    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicV4(b);
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return false; // fc00::/7, unique local
            }
            if (allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                return isPublicV4(slice(b, 12)); // ::ffff:a.b.c.d, IPv4-mapped
            }
            if (allZero(b, 0, 12)) {
                return isPublicV4(slice(b, 12)); // ::a.b.c.d, IPv4-compatible (and ::, ::1 above)
            }
            if (first == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                    && allZero(b, 4, 12)) {
                return isPublicV4(slice(b, 12)); // 64:ff9b::/96, NAT64
            }
            if (first == 0x20 && (b[1] & 0xff) == 0x02) {
                return isPublicV4(slice(b, 2)); // 2002::/16, 6to4
            }
            if (first == 0x20 && (b[1] & 0xff) == 0x01 && b[2] == 0 && b[3] == 0) {
                return false; // 2001::/32, Teredo: the IPv4 address inside is obfuscated
            }
            return true;
        }
        return false;
    }

    private static boolean isPublicV4(byte[] b) {
        int a = b[0] & 0xff;
        int second = b[1] & 0xff;
        return !(a == 0                                      // 0.0.0.0/8, "this network"
                || a == 10                                   // 10.0.0.0/8, private
                || a == 127                                  // loopback
                || (a == 100 && (second & 0xc0) == 64)       // 100.64.0.0/10, carrier-grade NAT
                || (a == 169 && second == 254)               // link-local, cloud metadata
                || (a == 172 && (second & 0xf0) == 16)       // 172.16.0.0/12, private
                || (a == 192 && second == 0 && b[2] == 0)    // 192.0.0.0/24, protocol assignments
                || (a == 192 && second == 168)               // 192.168.0.0/16, private
                || (a == 198 && (second & 0xfe) == 18)       // 198.18.0.0/15, benchmarking
                || a >= 224);                                // multicast, reserved, broadcast
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] slice(byte[] b, int from) {
        return new byte[] {b[from], b[from + 1], b[from + 2], b[from + 3]};
    }
}
