package dev.fugong.shared.upload;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/**
 * Serving a stored upload: always as an attachment (downloaded, never shown inline), with
 * its type as detected at upload (one of {@link FileType}, none of which a browser runs),
 * {@code nosniff} so no browser second-guesses that type, and a sandboxing CSP in case
 * one opens it anyway.
 */
public final class Attachments {

	private static final int MAX_NAME = 120;

	private Attachments() {
	}

	public static ResponseEntity<byte[]> of(byte[] content, FileType type, String name) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(type.toMediaType());
		headers.setContentLength(content.length);
		headers.setContentDisposition(
				ContentDisposition.attachment().filename(servedName(name, type), StandardCharsets.UTF_8).build());
		headers.set("X-Content-Type-Options", "nosniff");
		headers.set("Content-Security-Policy", "sandbox; default-src 'none'");
		headers.setCacheControl(CacheControl.noStore().cachePrivate());
		return ResponseEntity.ok().headers(headers).body(content);
	}

	/**
	 * A name safe to show and to store: no path, no control or quote characters, at most
	 * 120 characters; "file" if nothing is left.
	 */
	public static String cleanName(String name) {
		if (name == null) {
			return "file";
		}
		String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
		StringBuilder clean = new StringBuilder();
		base.codePoints()
			.filter(cp -> !Character.isISOControl(cp) && cp != '"' && Character.getType(cp) != Character.FORMAT)
			.limit(MAX_NAME)
			.forEach(clean::appendCodePoint);
		String result = clean.toString().strip();
		return result.isEmpty() || result.equals(".") || result.equals("..") ? "file" : result;
	}

	/**
	 * The name ends in the extension of what the file is, so a PDF uploaded as
	 * {@code plan.exe} is saved as {@code plan.exe.pdf}.
	 */
	static String servedName(String name, FileType type) {
		String clean = cleanName(name);
		return clean.toLowerCase(Locale.ROOT).endsWith("." + type.extension()) ? clean : clean + "." + type.extension();
	}

}
