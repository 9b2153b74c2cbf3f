package com.acme.registry.webhook;

import java.net.IDN;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a webhook may be sent (server-side request forgery): https only unless http is allowed by configuration; no
 * credentials in the URL; and never to loopback, link-local (cloud metadata at 169.254.169.254), private, shared
 * (100.64/10, where Alibaba's metadata lives), unique-local IPv6 (AWS's fd00:ec2::254), multicast, reserved or
 * unspecified addresses, unless a configured CIDR block names the address. IPv4 addresses inside IPv6 (mapped,
 * compatible, NAT64, 6to4) are judged as the IPv4 address. Checked when a subscription is saved and again on every
 * connection, on the addresses the connection actually uses ({@link GuardedDnsResolver}), so a DNS answer that
 * changes later does not get past it.
 */
public final class TargetPolicy {

    static final int MAX_URL_LENGTH = 2000;

    private static final List<Cidr> DENIED = List.of(
            Cidr.parse("0.0.0.0/8"), Cidr.parse("10.0.0.0/8"), Cidr.parse("100.64.0.0/10"), Cidr.parse("127.0.0.0/8"),
            Cidr.parse("169.254.0.0/16"), Cidr.parse("172.16.0.0/12"), Cidr.parse("192.0.0.0/24"),
            Cidr.parse("192.0.2.0/24"), Cidr.parse("192.168.0.0/16"), Cidr.parse("198.18.0.0/15"),
            Cidr.parse("198.51.100.0/24"), Cidr.parse("203.0.113.0/24"), Cidr.parse("224.0.0.0/3"),
            Cidr.parse("::/128"), Cidr.parse("::1/128"), Cidr.parse("fc00::/7"), Cidr.parse("fe80::/10"),
            Cidr.parse("fec0::/10"), Cidr.parse("ff00::/8"), Cidr.parse("2001:db8::/32"));

    private final boolean allowHttp;
    private final List<Cidr> allowed;

    public TargetPolicy(boolean allowHttp, List<String> allowedNetworks) {
        this.allowHttp = allowHttp;
        List<Cidr> parsed = new ArrayList<>();
        for (String network : allowedNetworks) {
            parsed.add(Cidr.parse(network.strip()));
        }
        this.allowed = List.copyOf(parsed);
    }

    /** A URL's problem, or empty when it may be saved (its host resolved, every address allowed). */
    public Optional<String> problem(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("is required");
        }
        if (url.length() > MAX_URL_LENGTH) {
            return Optional.of("must be at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            return Optional.of(allowHttp ? "must be an http or https URL" : "must be an https URL (plain http is "
                    + "allowed only when registry.webhooks.allow-http is set, for local testing)");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry a user name or password: the receiver checks the signature instead");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return Optional.of("must name a host");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("must not have a fragment");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host(uri));
        } catch (UnknownHostException | IllegalArgumentException e) {
            return Optional.of("names a host that does not resolve: '" + uri.getHost() + "'");
        }
        for (InetAddress address : addresses) {
            Optional<String> refused = refusal(address);
            if (refused.isPresent()) {
                return Optional.of("resolves to " + refused.get());
            }
        }
        return Optional.empty();
    }

    /** The host as a resolver takes it: brackets off an IPv6 literal, an internationalised name in ASCII. */
    static String host(URI uri) {
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            return host.substring(1, host.length() - 1);
        }
        return IDN.toASCII(host);
    }

    /** Why a connection to this address is refused, or empty when it is allowed. */
    public Optional<String> refusal(InetAddress address) {
        for (Cidr network : allowed) {
            if (network.contains(address)) {
                return Optional.empty();
            }
        }
        InetAddress judged = embeddedIpv4(address).orElse(address);
        for (Cidr network : DENIED) {
            if (network.contains(judged)) {
                return Optional.of(address.getHostAddress() + ", a loopback, private, link-local, metadata or reserved "
                        + "address (" + network + "): webhooks may not reach it unless registry.webhooks."
                        + "allowed-networks names it");
            }
        }
        return Optional.empty();
    }

    /** The IPv4 address inside an IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. */
    static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] b = address.getAddress();
        byte[] v4 = null;
        boolean zeroPrefix = true;
        for (int i = 0; i < 12; i++) {
            zeroPrefix &= b[i] == 0;
        }
        if (zeroPrefix && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] == 0 || b[15] == 1))) {
            v4 = new byte[] {b[12], b[13], b[14], b[15]};
        } else if (b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b) {
            v4 = new byte[] {b[12], b[13], b[14], b[15]};
        } else if (b[0] == 0x20 && b[1] == 0x02) {
            v4 = new byte[] {b[2], b[3], b[4], b[5]};
        }
        if (v4 == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Inet4Address.getByAddress(v4));
        } catch (UnknownHostException impossible) {
            return Optional.empty();
        }
    }

    /** An address block; an IPv4 block never contains an IPv6 address and the other way round. */
    record Cidr(byte[] network, int prefix, String text) {

        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            String address = slash < 0 ? text : text.substring(0, slash);
            try {
                if (!address.matches("[0-9a-fA-F:.]+")) {
                    throw new IllegalArgumentException("not an IP address");
                }
                byte[] bytes = InetAddress.getByName(address).getAddress();
                int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
                if (prefix < 0 || prefix > bytes.length * 8) {
                    throw new IllegalArgumentException("prefix out of range");
                }
                return new Cidr(bytes, prefix, text);
            } catch (UnknownHostException | IllegalArgumentException e) {
                throw new IllegalStateException("registry.webhooks.allowed-networks: '" + text
                        + "' is not a CIDR block such as 10.20.0.0/16 or fd12::/64", e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            int bits = prefix;
            for (int i = 0; i < candidate.length && bits > 0; i++, bits -= 8) {
                int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
                if ((candidate[i] & mask) != (network[i] & mask)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
