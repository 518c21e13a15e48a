package dev.fugong.shared.upload;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.fugong.shared.problem.ApiException;
import dev.fugong.shared.problem.ProblemCode;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.multipart.FilePartEvent;
import org.springframework.http.codec.multipart.FormPartEvent;
import org.springframework.http.codec.multipart.PartEvent;

/**
 * Reads a {@code multipart/form-data} upload of one file (the part named {@code file})
 * and a few short form fields, as a stream of {@link PartEvent}s: the file's bytes are
 * counted as they arrive and the upload is refused (413) the moment it passes the limit,
 * so nothing is spooled to disk and an endless chunked body costs at most the limit in
 * memory. The content's type is not decided here ({@link UploadInspector} does).
 */
public final class MultipartUpload {

	/** The form field that carries the file. */
	public static final String FILE_PART = "file";

	private static final int MAX_PARTS = 8;

	private MultipartUpload() {
	}

	/**
	 * @param maxFileBytes the largest file accepted
	 * @return the file and the form fields; 400 naming {@code file} if it is missing or
	 * empty, 413 if it is too large
	 */
	public static Mono<Upload> read(Flux<PartEvent> events, long maxFileBytes) {
		return events.reduce(new Reader(maxFileBytes), Reader::accept).map(Reader::finish);
	}

	/** The uploaded file (its bytes, the name the client gave) and the form fields. */
	public record Upload(String fileName, byte[] content, Map<String, String> fields) {

		public String field(String name) {
			return fields.get(name);
		}

	}

	private static final class Reader {

		private final long maxFileBytes;

		private final Map<String, String> fields = new HashMap<>();

		private ByteArrayOutputStream file;

		private String fileName;

		private String currentPart;

		private int parts;

		Reader(long maxFileBytes) {
			this.maxFileBytes = maxFileBytes;
		}

		Reader accept(PartEvent event) {
			try {
				String name = event.name();
				if (!name.equals(currentPart)) {
					currentPart = name;
					if (++parts > MAX_PARTS) {
						throw new ApiException(HttpStatus.BAD_REQUEST, ProblemCode.MALFORMED_REQUEST,
								"The upload has too many parts.");
					}
				}
				if (event instanceof FormPartEvent form) {
					fields.put(name, form.value());
				}
				else if (event instanceof FilePartEvent filePart && FILE_PART.equals(name)) {
					if (file == null) {
						file = new ByteArrayOutputStream();
						fileName = filePart.filename();
					}
					DataBuffer content = filePart.content();
					int size = content.readableByteCount();
					if (file.size() + (long) size > maxFileBytes) {
						throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, ProblemCode.PAYLOAD_TOO_LARGE,
								"The file is larger than " + maxFileBytes + " bytes.");
					}
					byte[] bytes = new byte[size];
					content.read(bytes);
					file.writeBytes(bytes);
				}
				return this;
			}
			finally {
				DataBufferUtils.release(event.content());
			}
		}

		Upload finish() {
			if (file == null || file.size() == 0) {
				throw new ApiException.InvalidField(FILE_PART, "is required: a non-empty file");
			}
			return new Upload(fileName, file.toByteArray(), Map.copyOf(fields));
		}

	}

}
