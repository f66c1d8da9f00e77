package io.pressroom.web.http;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a request comes from. {@code X-Forwarded-For} and {@code X-Forwarded-Proto} are
 * honoured only when the direct peer is a trusted proxy ({@code WebOptions.trustedProxies}:
 * addresses or CIDR ranges, e.g. {@code 10.0.0.0/8}); the client is then the right-most
 * forwarded address that is not itself a trusted proxy. Only IP literals are parsed (never a
 * DNS lookup).
 */
public final class ClientAddress {
    private static final Pattern IPV4 = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9A-Fa-f:.]+$");
    public static final int MAX_USER_AGENT = 512;

    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Range> trusted = new ArrayList<>();

    public ClientAddress(List<String> trustedProxies) {
        for (String entry : trustedProxies == null ? List.<String>of() : trustedProxies) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            int slash = e.indexOf('/');
            InetAddress a = literal(slash < 0 ? e : e.substring(0, slash));
            if (a == null) {
                throw new IllegalArgumentException("trusted proxy must be an IP address or CIDR range, was '" + e + "'");
            }
            int bits = a.getAddress().length * 8;
            int prefix = slash < 0 ? bits : Integer.parseInt(e.substring(slash + 1));
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("CIDR prefix out of range in '" + e + "'");
            }
            trusted.add(new Range(a.getAddress(), prefix));
        }
    }

    /** The client's IP address as the audit trail and the login throttle see it. */
    public String ip(Context ctx) {
        String peer = ctx.req().getRemoteAddr();
        if (!isTrusted(peer)) {
            return peer;
        }
        List<String> forwarded = new ArrayList<>();
        for (String header : ctx.req().getHeaders("X-Forwarded-For") == null ? java.util.Collections.<String>emptyList()
                : java.util.Collections.list(ctx.req().getHeaders("X-Forwarded-For"))) {
            for (String part : header.split(",")) {
                forwarded.add(part.strip());
            }
        }
        for (int i = forwarded.size() - 1; i >= 0; i--) {
            String candidate = forwarded.get(i);
            InetAddress a = literal(candidate);
            if (a == null) {
                return peer; // a malformed chain: trust what we saw ourselves
            }
            if (!isTrusted(candidate)) {
                return a.getHostAddress();
            }
        }
        return forwarded.isEmpty() ? peer : literal(forwarded.get(0)).getHostAddress();
    }

    /** Whether the client reached us over HTTPS (directly, or as a trusted proxy says). */
    public boolean https(Context ctx) {
        if ("https".equalsIgnoreCase(ctx.scheme())) {
            return true;
        }
        String proto = ctx.header("X-Forwarded-Proto");
        if (proto == null || !isTrusted(ctx.req().getRemoteAddr())) {
            return false;
        }
        return "https".equalsIgnoreCase(proto.split(",")[0].strip());
    }

    public static String userAgent(Context ctx) {
        String ua = ctx.header("User-Agent");
        if (ua == null) {
            return null;
        }
        ua = ua.strip();
        return ua.length() > MAX_USER_AGENT ? ua.substring(0, MAX_USER_AGENT) : ua;
    }

    private boolean isTrusted(String address) {
        if (trusted.isEmpty()) {
            return false;
        }
        InetAddress a = literal(address);
        if (a == null) {
            return false;
        }
        byte[] bytes = a.getAddress();
        for (Range r : trusted) {
            if (r.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    static InetAddress literal(String s) {
        if (s == null || s.isEmpty() || s.length() > 64) {
            return null;
        }
        String v = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
        if (!IPV4.matcher(v).matches() && !(v.contains(":") && IPV6.matcher(v).matches())) {
            return null;
        }
        try {
            return InetAddress.getByName(v); // a literal: no lookup
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
