package com.acme.registry.webhook;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Resolves a webhook's host for the connection itself and refuses it when any address it resolves to is refused by
 * the {@link TargetPolicy}: the address checked is the address connected to, so a host whose DNS answer changes after
 * the subscription was saved (DNS rebinding) cannot reach an internal address.
 */
final class GuardedDnsResolver implements DnsResolver {

    /** A connection the policy refused; reported as the attempt's error. */
    static final class RefusedAddressException extends UnknownHostException {
        RefusedAddressException(String host, String reason) {
            super("refused: " + host + " resolves to " + reason);
        }
    }

    private final TargetPolicy policy;

    GuardedDnsResolver(TargetPolicy policy) {
        this.policy = policy;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
        for (InetAddress address : addresses) {
            Optional<String> refused = policy.refusal(address);
            if (refused.isPresent()) {
                throw new RefusedAddressException(host, refused.get());
            }
        }
        return addresses;
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        return Arrays.stream(resolve(host)).map(address -> new InetSocketAddress(address, port)).toList();
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }
}
