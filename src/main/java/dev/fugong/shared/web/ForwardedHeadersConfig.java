package dev.fugong.shared.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import dev.fugong.config.FugongProperties;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The client address of every request, by {@link TrustedProxies}: set on the connection
 * itself, so the rate limits, the QR sign-in and the access logs all see the same one.
 * Boot's own forwarded-header support trusts every peer, so it is off
 * ({@code server.forward-headers-strategy: none}).
 */
@Configuration(proxyBeanMethods = false)
class ForwardedHeadersConfig {

	@Bean
	NettyServerCustomizer trustedForwardedHeaders(FugongProperties properties) {
		TrustedProxies proxies = new TrustedProxies(properties.http().trustedProxies());
		return server -> proxies.isEmpty() ? server : server.forwarded((connection, request) -> {
			InetSocketAddress remote = connection.getRemoteAddress();
			if (remote == null || remote.getAddress() == null) {
				return connection;
			}
			InetAddress client = proxies.client(remote.getAddress(), request.headers().get("Forwarded"),
					request.headers().get("X-Forwarded-For"));
			return client.equals(remote.getAddress()) ? connection
					: connection.withRemoteAddress(new InetSocketAddress(client, remote.getPort()));
		});
	}

}
