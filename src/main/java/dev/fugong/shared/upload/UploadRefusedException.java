package dev.fugong.shared.upload;

import dev.fugong.shared.problem.ApiException;

import org.springframework.http.HttpStatus;

/** An upload refused for what it is, not for who sent it. */
public class UploadRefusedException extends ApiException {

	/** The content is none of the accepted types (whatever its name says). */
	public static final String UNSUPPORTED_FILE_TYPE = "unsupported_file_type";

	/**
	 * An archive-based document (DOCX, XLSX) that expands too far, holds macros, is
	 * encrypted or cannot be read.
	 */
	public static final String ARCHIVE_REFUSED = "archive_refused";

	UploadRefusedException(HttpStatus status, String code, String detail) {
		super(status, code, detail);
	}

	static UploadRefusedException unsupported(String accepted) {
		return new UploadRefusedException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, UNSUPPORTED_FILE_TYPE,
				"The file's content is not an accepted type (" + accepted + "); its name is not considered.");
	}

	static UploadRefusedException archive(String why) {
		return new UploadRefusedException(HttpStatus.BAD_REQUEST, ARCHIVE_REFUSED,
				"The document is refused: " + why + ".");
	}

}
