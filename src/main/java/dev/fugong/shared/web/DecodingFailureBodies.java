package dev.fugong.shared.web;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.netty.NettyPipeline;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Requests Reactor Netty refuses before the application sees them (a request line over
 * its limit: 414; headers over theirs: 431; a control character in a header or a bad
 * Content-Length: 400) are answered with an empty body. This gives them the RFC 9457
 * problem body every other refusal has, so a client handles them the same way.
 * <p>
 * Written by hand: Reactor Netty writes these answers itself
 * ({@code HttpServerOperations.sendDecodingFailures}) with no hook to shape them, so a
 * small outbound handler behind the HTTP codec fills in the body of exactly those: a
 * complete response with one of these statuses, no body, and the connection closing. The
 * application's own refusals always carry a body and pass untouched.
 */
@Configuration(proxyBeanMethods = false)
class DecodingFailureBodies {

	static final String HANDLER = "fugong.decodingFailureBodies";

	private static final Map<Integer, String[]> PROBLEMS = Map.of(414,
			new String[] { "uri_too_long", "URI Too Long", "The request line is longer than the server accepts." }, 431,
			new String[] { "headers_too_large", "Request Header Fields Too Large",
					"The request's headers are larger than the server accepts." },
			413,
			new String[] { "payload_too_large", "Payload Too Large", "The request is larger than the server accepts." },
			400, new String[] { "malformed_request", "Bad Request",
					"The request is not well-formed HTTP (a control character in a header, or a bad Content-Length)." });

	@Bean
	NettyServerCustomizer decodingFailureProblemBodies() {
		ChannelHandler handler = new Filler();
		return server -> server.doOnChannelInit((observer, channel, remote) -> {
			if (channel.pipeline().get(NettyPipeline.HttpCodec) != null && channel.pipeline().get(HANDLER) == null) {
				channel.pipeline().addAfter(NettyPipeline.HttpCodec, HANDLER, handler);
			}
		});
	}

	@ChannelHandler.Sharable
	static final class Filler extends ChannelOutboundHandlerAdapter {

		@Override
		public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) throws Exception {
			if (message instanceof FullHttpResponse response && response.content().readableBytes() == 0
					&& PROBLEMS.containsKey(response.status().code()) && closing(response)) {
				String[] problem = PROBLEMS.get(response.status().code());
				byte[] body = ("{\"type\":\"https://fugong.dev/problems/" + problem[0] + "\",\"title\":\"" + problem[1]
						+ "\",\"status\":" + response.status().code() + ",\"detail\":\"" + problem[2] + "\",\"code\":\""
						+ problem[0] + "\"}")
					.getBytes(StandardCharsets.UTF_8);
				ByteBuf content = response.content();
				content.writeBytes(body);
				response.headers()
					.set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
					.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
			}
			super.write(context, message, promise);
		}

		private static boolean closing(FullHttpResponse response) {
			return response.headers().contains(HttpHeaderNames.CONNECTION, "close", true)
					|| response.status().equals(HttpResponseStatus.REQUEST_URI_TOO_LONG);
		}

	}

}
