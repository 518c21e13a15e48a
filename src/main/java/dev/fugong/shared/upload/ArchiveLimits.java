package dev.fugong.shared.upload;

/**
 * How far an archive-based document (DOCX and XLSX are ZIP files) may expand when read: a
 * few kilobytes of ZIP can inflate to gigabytes (a zip bomb).
 *
 * @param maxEntries files inside the archive
 * @param maxExpandedBytes all of them together, inflated
 * @param maxRatio inflated to compressed, for any entry over a mebibyte inflated
 */
public record ArchiveLimits(int maxEntries, long maxExpandedBytes, int maxRatio) {

	/** Generous for real documents (a 10 MB spreadsheet inflates to some 100 MB). */
	public static final ArchiveLimits DEFAULT = new ArchiveLimits(2_000, 128L * 1024 * 1024, 200);

}
