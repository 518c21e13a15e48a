package dev.fugong.shared.web;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which address is the client's, for each way a chain of proxies can write it. */
class TrustedProxiesTests {

	final TrustedProxies ingress = new TrustedProxies(List.of("10.0.0.0/8", "fd00::/8"));

	final TrustedProxies none = new TrustedProxies(List.of());

	@ParameterizedTest(name = "{0} via {1} / {2} -> {3}")
	@CsvSource(delimiter = '|', nullValues = "-",
			textBlock = """
					# peer        | Forwarded                                | X-Forwarded-For                      | client
					# a client that is not a proxy writes what it likes: ignored
					203.0.113.7   | -                                        | 10.66.77.88                          | 203.0.113.7
					203.0.113.7   | for=10.66.77.88                          | -                                    | 203.0.113.7
					# through the ingress: the address it appended
					10.1.2.3      | -                                        | 198.51.100.4                         | 198.51.100.4
					10.1.2.3      | for=198.51.100.4;proto=https             | -                                    | 198.51.100.4
					10.1.2.3      | for="[2001:db8::1]:4711"                 | -                                    | 2001:db8::1
					10.1.2.3      | for=198.51.100.4:4711                    | -                                    | 198.51.100.4
					# a forged first hop, then the real one: the rightmost untrusted wins
					10.1.2.3      | -                                        | 10.66.77.88, 198.51.100.4            | 198.51.100.4
					10.1.2.3      | for=10.66.77.88, for=198.51.100.4        | -                                    | 198.51.100.4
					# two trusted hops in front of the client
					10.1.2.3      | -                                        | 198.51.100.4, 10.9.9.9               | 198.51.100.4
					# a name, not an address, is never resolved: the last trusted hop is the answer
					10.1.2.3      | -                                        | evil.example.com                     | 10.1.2.3
					10.1.2.3      | for=unknown                              | -                                    | 10.1.2.3
					10.1.2.3      | -                                        | -                                    | 10.1.2.3
					fd00::5       | -                                        | 198.51.100.4                         | 198.51.100.4
					""")
	void theClientIsTheRightmostAddressNoTrustedProxyAppended(String peer, String forwarded, String forwardedFor,
			String client) throws Exception {
		assertThat(ingress.client(InetAddress.getByName(peer), forwarded, forwardedFor))
			.isEqualTo(InetAddress.getByName(client));
	}

	@ParameterizedTest
	@CsvSource({ "10.1.2.3", "127.0.0.1", "203.0.113.7" })
	void withNoProxyConfiguredTheHeadersAreIgnored(String peer) throws Exception {
		assertThat(none.client(InetAddress.getByName(peer), "for=198.51.100.4", "198.51.100.4"))
			.isEqualTo(InetAddress.getByName(peer));
	}

}
