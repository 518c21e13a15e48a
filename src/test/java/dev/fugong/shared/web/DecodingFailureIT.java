package dev.fugong.shared.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.fugong.support.IntegrationTest;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests the HTTP layer refuses before the application sees them get the same RFC 9457
 * problem body as every other refusal (they had none: a client showed an empty error).
 * Sent over a raw socket: an HTTP client library refuses to send most of them.
 */
@IntegrationTest
class DecodingFailureIT {

	@LocalServerPort
	int port;

	static Stream<Arguments> malformed() {
		return Stream.of(
				Arguments.of("a request line of 10 KB", 414, "uri_too_long",
						"GET /api/v1/" + "x".repeat(10 * 1024) + " HTTP/1.1\r\nHost: localhost\r\n\r\n"),
				Arguments.of("headers of 10 KB", 431, "headers_too_large",
						"GET /livez HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "y".repeat(10 * 1024) + "\r\n\r\n"),
				Arguments.of("a control character in a header's name", 400, "malformed_request",
						"GET /livez HTTP/1.1\r\nHost: localhost\r\nX-\u0001A: b\r\n\r\n"),
				Arguments.of("a Content-Length that is not a number", 400, "malformed_request",
						"POST /api/v1/scans HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
								+ "Content-Length: abc\r\n\r\n{}"));
	}

	@ParameterizedTest(name = "{0}: {1} with a problem body")
	@MethodSource("malformed")
	void aRequestRefusedByTheHttpLayerGetsAProblemBody(String what, int status, String code, String request)
			throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(30_000);
			socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
			socket.getOutputStream().flush();
			String answer = readAll(socket.getInputStream());
			String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase(Locale.ROOT);
			String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
			assertThat(head).startsWith("http/1.1 " + status);
			assertThat(head).contains("content-type: application/problem+json");
			assertThat(body).contains("\"status\":" + status, "\"code\":\"" + code + "\"");
		}
	}

	/** Until the server closes the connection, as it does after these refusals. */
	private static String readAll(InputStream in) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		in.transferTo(out);
		return out.toString(StandardCharsets.UTF_8);
	}

}
