package dev.fugong.shared.upload;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.fugong.support.OversightFixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Types decided by content, never by name: what is accepted, and what is refused however
 * it is named (executables, pages, zip bombs, macros).
 */
class UploadInspectorTests {

	static final Set<FileType> ALL = EnumSet.allOf(FileType.class);

	@Test
	void documentsAndPhotosAreRecognisedByTheirBytes() {
		assertThat(UploadInspector.inspect(OversightFixture.PDF, ALL, ArchiveLimits.DEFAULT)).isEqualTo(FileType.PDF);
		assertThat(UploadInspector.inspect(OversightFixture.PNG, ALL, ArchiveLimits.DEFAULT)).isEqualTo(FileType.PNG);
		byte[] jpeg = { (byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 0x10, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0,
				1, 0, 1, 0, 0 };
		assertThat(UploadInspector.inspect(jpeg, ALL, ArchiveLimits.DEFAULT)).isEqualTo(FileType.JPEG);
		assertThat(UploadInspector.inspect(OversightFixture.docx(), ALL, ArchiveLimits.DEFAULT))
			.isEqualTo(FileType.DOCX);
		assertThat(UploadInspector.inspect(OversightFixture.xlsxWith("xl/worksheets/sheet1.xml", 1000), ALL,
				ArchiveLimits.DEFAULT))
			.isEqualTo(FileType.XLSX);
	}

	@Test
	void anExecutableIsRefusedWhateverItIsCalled() {
		assertRefused(OversightFixture.EXE, UploadRefusedException.UNSUPPORTED_FILE_TYPE);
		byte[] elf = new byte[64];
		elf[0] = 0x7f;
		elf[1] = 'E';
		elf[2] = 'L';
		elf[3] = 'F';
		elf[4] = 2;
		elf[5] = 1;
		elf[6] = 1;
		assertRefused(elf, UploadRefusedException.UNSUPPORTED_FILE_TYPE);
		assertRefused("#!/bin/sh\nrm -rf /\n".getBytes(StandardCharsets.US_ASCII),
				UploadRefusedException.UNSUPPORTED_FILE_TYPE);
	}

	@Test
	void pagesAndImagesABrowserWouldRunAreRefused() {
		assertRefused("<!DOCTYPE html><html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8),
				UploadRefusedException.UNSUPPORTED_FILE_TYPE);
		assertRefused(
				"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".getBytes(StandardCharsets.UTF_8),
				UploadRefusedException.UNSUPPORTED_FILE_TYPE);
	}

	@Test
	void aTypeNotAcceptedHereIsRefused() {
		assertThatThrownBy(() -> UploadInspector.inspect(OversightFixture.PDF, EnumSet.of(FileType.JPEG, FileType.PNG),
				ArchiveLimits.DEFAULT))
			.isInstanceOf(UploadRefusedException.class)
			.extracting(ex -> ((UploadRefusedException) ex).code())
			.isEqualTo(UploadRefusedException.UNSUPPORTED_FILE_TYPE);
	}

	@Test
	void aZipBombIsRefusedBeforeItIsFullyInflated() {
		// 200 MiB of zeros in about 200 KiB.
		byte[] bomb = OversightFixture.xlsxWith("xl/worksheets/sheet1.xml", 200L << 20);
		assertThat(bomb.length).isLessThan(1 << 20);
		assertRefused(bomb, UploadRefusedException.ARCHIVE_REFUSED);
		// Under the total but compressed a thousand to one.
		assertRefused(OversightFixture.xlsxWith("xl/worksheets/sheet1.xml", 20L << 20),
				UploadRefusedException.ARCHIVE_REFUSED);
	}

	@Test
	void macrosTooManyPartsAndOtherArchivesAreRefused() {
		assertRefused(OversightFixture.xlsxWith("xl/vbaProject.bin", 10), UploadRefusedException.ARCHIVE_REFUSED);
		assertThat(UploadInspector.inspect(OversightFixture.xlsxWith("xl/media/image1.png", 10), ALL,
				ArchiveLimits.DEFAULT))
			.isEqualTo(FileType.XLSX);
		assertThatThrownBy(
				() -> UploadInspector.inspect(OversightFixture.docx(), ALL, new ArchiveLimits(1, 1 << 20, 200)))
			.isInstanceOf(UploadRefusedException.class)
			.extracting(ex -> ((UploadRefusedException) ex).code())
			.isEqualTo(UploadRefusedException.ARCHIVE_REFUSED);
		byte[] truncated = java.util.Arrays.copyOf(OversightFixture.docx(), 60);
		assertThatThrownBy(() -> UploadInspector.inspect(truncated, ALL, ArchiveLimits.DEFAULT))
			.isInstanceOf(UploadRefusedException.class);
	}

	@Test
	void servedNamesAreCleanedAndEndInTheirType() {
		assertThat(Attachments.cleanName("../../etc/passwd")).isEqualTo("passwd");
		assertThat(Attachments.cleanName("C:\\temp\\承诺书.pdf")).isEqualTo("承诺书.pdf");
		assertThat(Attachments.cleanName("a\"b\r\nc.pdf")).isEqualTo("abc.pdf");
		assertThat(Attachments.cleanName("..")).isEqualTo("file");
		assertThat(Attachments.servedName("plan.exe", FileType.PDF)).isEqualTo("plan.exe.pdf");
		assertThat(Attachments.servedName("承诺书.PDF", FileType.PDF)).isEqualTo("承诺书.PDF");
	}

	private static void assertRefused(byte[] content, String code) {
		var refused = assertThatThrownBy(() -> UploadInspector.inspect(content, ALL, ArchiveLimits.DEFAULT))
			.isInstanceOf(UploadRefusedException.class);
		if (code != null) {
			refused.extracting(ex -> ((UploadRefusedException) ex).code()).isEqualTo(code);
		}
	}

}
