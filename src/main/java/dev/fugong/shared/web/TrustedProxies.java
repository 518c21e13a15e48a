package dev.fugong.shared.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;

/**
 * Who the client is, when a request came through proxies. {@code X-Forwarded-For} and
 * {@code Forwarded: for=} are believed only when the peer that sent them is one of the
 * configured proxies (the ingress's addresses), and then read from the right: each hop
 * appends the address it saw, so the rightmost address that is not a trusted proxy is the
 * client; whatever is left of it the client may have written itself. With no proxies
 * configured (the default), the headers are ignored: the peer is the client.
 *
 * <p>
 * The address drives the per-address sign-in limit and is what a phone is shown at a
 * console QR sign-in (the defence against a relayed code), so a forged one must not pass.
 * Only IP literals are taken; nothing is ever resolved by DNS.
 */
public final class TrustedProxies {

	private final List<IpSubnetFilterRule> proxies;

	/**
	 * @param cidrs addresses or ranges ({@code 10.0.0.0/8}, {@code fd00::/8})
	 */
	public TrustedProxies(List<String> cidrs) {
		this.proxies = cidrs.stream().map(TrustedProxies::rule).toList();
	}

	private static IpSubnetFilterRule rule(String cidr) {
		int slash = cidr.indexOf('/');
		String address = slash < 0 ? cidr.trim() : cidr.substring(0, slash).trim();
		InetAddress parsed = NetUtil.createInetAddressFromIpAddressString(address);
		if (parsed == null) {
			throw new IllegalArgumentException("Not an IP address or range: " + cidr);
		}
		int bits = slash < 0 ? parsed.getAddress().length * 8 : Integer.parseInt(cidr.substring(slash + 1).trim());
		return new IpSubnetFilterRule(parsed, bits, IpFilterRuleType.ACCEPT);
	}

	public boolean isEmpty() {
		return proxies.isEmpty();
	}

	/**
	 * The client's address: the peer's own, unless the peer is a trusted proxy and the
	 * headers name one further out.
	 * @param peer the address the connection came from
	 * @param forwarded the {@code Forwarded} header (RFC 7239), or null
	 * @param xForwardedFor the {@code X-Forwarded-For} header, or null
	 */
	public InetAddress client(InetAddress peer, String forwarded, String xForwardedFor) {
		if (!trusted(peer)) {
			return peer;
		}
		List<String> hops = forwarded != null ? forwardedFor(forwarded) : split(xForwardedFor);
		InetAddress client = peer;
		for (int i = hops.size() - 1; i >= 0; i--) {
			InetAddress hop = literal(hops.get(i));
			if (hop == null) {
				// Garbage in the chain: stop at the last address we could trust.
				return client;
			}
			client = hop;
			if (!trusted(hop)) {
				return hop;
			}
		}
		return client;
	}

	private boolean trusted(InetAddress address) {
		InetSocketAddress socket = new InetSocketAddress(address, 0);
		return proxies.stream().anyMatch(proxy -> proxy.matches(socket));
	}

	private static List<String> split(String header) {
		List<String> hops = new ArrayList<>();
		if (header != null) {
			for (String hop : header.split(",")) {
				hops.add(hop.trim());
			}
		}
		return hops;
	}

	/** The {@code for=} of each element of a Forwarded header, in order. */
	private static List<String> forwardedFor(String header) {
		List<String> hops = new ArrayList<>();
		for (String element : header.split(",")) {
			String found = null;
			for (String pair : element.split(";")) {
				String[] nameValue = pair.trim().split("=", 2);
				if (nameValue.length == 2 && nameValue[0].trim().toLowerCase(Locale.ROOT).equals("for")) {
					found = nameValue[1].trim();
				}
			}
			hops.add(found == null ? "" : found);
		}
		return hops;
	}

	/**
	 * An IP literal as the headers write it ({@code 203.0.113.9},
	 * {@code "[2001:db8::1]:4711"}, {@code 203.0.113.9:4711}); null for anything else (a
	 * name, {@code unknown}, an obfuscated id).
	 */
	static InetAddress literal(String value) {
		String text = value.trim();
		if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
			text = text.substring(1, text.length() - 1);
		}
		if (text.startsWith("[")) {
			int end = text.indexOf(']');
			text = end > 0 ? text.substring(1, end) : text;
		}
		else if (text.indexOf(':') > 0 && text.indexOf(':') == text.lastIndexOf(':')) {
			// IPv4 with a port.
			text = text.substring(0, text.indexOf(':'));
		}
		return NetUtil.createInetAddressFromIpAddressString(text);
	}

}
