package dev.fugong.shared.upload;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.tika.Tika;

/**
 * Decides what an uploaded file is from its bytes alone (magic numbers, through Apache
 * Tika's detector), never from its name or the client's Content-Type, and refuses what is
 * not accepted: a renamed executable is an executable. DOCX and XLSX are ZIP archives:
 * they are opened and inflated under {@link ArchiveLimits} (a zip bomb is refused), must
 * hold the parts of their kind, and may not carry macros.
 *
 * <p>
 * CPU-bound (up to {@link ArchiveLimits#maxExpandedBytes()} inflated): call it off the
 * event loop.
 */
public final class UploadInspector {

	/**
	 * Tika's magic-number detector; with the name left out, only the bytes decide. Made
	 * once: it reads its type database from the classpath.
	 */
	private static final Tika TIKA = new Tika();

	private static final long ONE_MIB = 1024 * 1024;

	private UploadInspector() {
	}

	/**
	 * The file's type, if it is one of {@code accepted}.
	 * @throws UploadRefusedException otherwise
	 */
	public static FileType inspect(byte[] content, Set<FileType> accepted, ArchiveLimits limits) {
		String detected = TIKA.detect(content);
		FileType type = switch (detected) {
			case "application/pdf" -> FileType.PDF;
			case "image/jpeg" -> FileType.JPEG;
			case "image/png" -> FileType.PNG;
			case "application/zip", "application/x-tika-ooxml" -> officeDocument(content, limits);
			default -> null;
		};
		if (type == null || !accepted.contains(type)) {
			throw UploadRefusedException
				.unsupported(accepted.stream().map(FileType::extension).sorted().collect(Collectors.joining(", ")));
		}
		return type;
	}

	/**
	 * DOCX or XLSX, read entry by entry with every inflated byte counted; null for any
	 * other ZIP.
	 */
	private static FileType officeDocument(byte[] content, ArchiveLimits limits) {
		boolean contentTypes = false;
		boolean word = false;
		boolean spreadsheet = false;
		int entries = 0;
		long expanded = 0;
		byte[] buffer = new byte[16 * 1024];
		try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
			ZipEntry entry;
			while ((entry = zip.getNextEntry()) != null) {
				if (++entries > limits.maxEntries()) {
					throw UploadRefusedException.archive("it holds too many parts");
				}
				String name = entry.getName();
				String lower = name.toLowerCase(Locale.ROOT);
				if (lower.endsWith("vbaproject.bin") || lower.endsWith(".bin") && lower.contains("activex")) {
					throw UploadRefusedException.archive("it carries macros or controls");
				}
				contentTypes |= name.equals("[Content_Types].xml");
				word |= name.equals("word/document.xml");
				spreadsheet |= name.equals("xl/workbook.xml");
				long entryBytes = 0;
				int read;
				while ((read = read(zip, buffer)) > 0) {
					entryBytes += read;
					expanded += read;
					if (expanded > limits.maxExpandedBytes()) {
						throw UploadRefusedException.archive("it expands past the size allowed");
					}
				}
				long compressed = entry.getCompressedSize();
				if (entryBytes > ONE_MIB && compressed > 0 && entryBytes / compressed > limits.maxRatio()) {
					throw UploadRefusedException.archive("it is compressed suspiciously far");
				}
			}
		}
		catch (IOException | IllegalArgumentException ex) {
			// Truncated, encrypted or malformed: nothing a spreadsheet program wrote.
			throw UploadRefusedException.archive("it is not a readable document");
		}
		if (!contentTypes) {
			return null;
		}
		if (word && !spreadsheet) {
			return FileType.DOCX;
		}
		if (spreadsheet && !word) {
			return FileType.XLSX;
		}
		return null;
	}

	private static int read(InputStream in, byte[] buffer) throws IOException {
		return in.read(buffer, 0, buffer.length);
	}

}
