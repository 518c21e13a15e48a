package dev.fugong.shared.upload;

import org.springframework.http.MediaType;

/**
 * The kinds of file the platform takes, each recognised by its content. Nothing that a
 * browser would run or render as a page (HTML, SVG, scripts) is among them.
 */
public enum FileType {

	PDF("application/pdf", "pdf"), JPEG("image/jpeg", "jpg"), PNG("image/png", "png"),
	DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
	XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

	private final String mediaType;

	private final String extension;

	FileType(String mediaType, String extension) {
		this.mediaType = mediaType;
		this.extension = extension;
	}

	public String mediaType() {
		return mediaType;
	}

	public MediaType toMediaType() {
		return MediaType.parseMediaType(mediaType);
	}

	public String extension() {
		return extension;
	}

	/** The type stored as {@link #mediaType()}; null if none. */
	public static FileType ofMediaType(String mediaType) {
		for (FileType type : values()) {
			if (type.mediaType.equals(mediaType)) {
				return type;
			}
		}
		return null;
	}

}
