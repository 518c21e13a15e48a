package dev.fugong.bench;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import dev.fugong.enterprise.place.domain.CodeFormat;
import dev.fugong.enterprise.place.domain.CodeRejectedException;
import dev.fugong.enterprise.place.domain.ParsedCode;
import dev.fugong.shared.qr.QrCodeRenderer;

/**
 * Code verification and rendering on one thread, printed by JMH, asserted nowhere. Run
 * with {@code bash bench/codes-jmh.sh}; figures in docs/benchmarks.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodeBenchmark {

	private CodeFormat format;

	private String[] genuine;

	private String[] forged;

	private int next;

	@Setup
	public void setUp() {
		format = new CodeFormat("https://fugong.example.gov.cn",
				List.of(new CodeFormat.Key(1, "0123456789abcdef0123456789abcdef".getBytes())), List.of());
		genuine = new String[1024];
		forged = new String[1024];
		for (int i = 0; i < genuine.length; i++) {
			genuine[i] = format.place(UUID.randomUUID(), 1 + i);
			// A character inside the tag changed (the last one carries unused bits).
			int at = genuine[i].length() - 5;
			forged[i] = genuine[i].substring(0, at) + (genuine[i].charAt(at) == 'A' ? 'B' : 'A')
					+ genuine[i].substring(at + 1);
		}
	}

	/** A genuine printed code: URL checks, base64url, HMAC-SHA256, fields read. */
	@Benchmark
	public ParsedCode verifyGenuine() {
		return format.verify(genuine[next++ & 1023]);
	}

	/** A code with a damaged tag: the same work, ending in a refusal. */
	@Benchmark
	public Object verifyForged() {
		try {
			return format.verify(forged[next++ & 1023]);
		}
		catch (CodeRejectedException ex) {
			return ex.reason();
		}
	}

	@Benchmark
	public String sign() {
		return format.place(UUID.randomUUID(), 1);
	}

	/** The symbol only: encoding, mask choice and the readability check. */
	@Benchmark
	public Object modules() {
		return QrCodeRenderer.modules(genuine[next++ & 1023]);
	}

	/** A 512-pixel PNG, as the console downloads it. */
	@Benchmark
	public byte[] png512() {
		return QrCodeRenderer.renderPng(genuine[next++ & 1023], 512, 4);
	}

	@Benchmark
	public byte[] svg() {
		return QrCodeRenderer.renderSvg(genuine[next++ & 1023], 512, 4);
	}

}
