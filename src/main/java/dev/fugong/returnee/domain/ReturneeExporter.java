package dev.fugong.returnee.domain;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.fugong.returnee.ReturneeProperties;
import dev.fugong.returnee.model.Flag;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Writes an export of returnees, chunk by chunk as they are read, with Chinese headers
 * and the phone and ID numbers masked. CSV goes out as each chunk is written. XLSX is a
 * zip whose parts need the whole sheet, so it is written by SXSSF (100 rows in memory,
 * the rest in a compressed temporary file) and streamed from disk when complete; the
 * files are deleted when the download ends, however it ends.
 */
@Component
public class ReturneeExporter {

	public static final MediaType XLSX = MediaType
		.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

	/** The columns, as the console and the district's sheets name them. */
	public static final List<String> HEADERS = List.of("姓名", "手机号码", "身份证号码", "企业", "来源地区", "交通方式", "离开时间", "抵达时间",
			"观察结束", "状态", "不得返岗原因");

	private static final byte[] BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	private final DataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;

	private final DateTimeFormatter time;

	ReturneeExporter(ReturneeProperties properties) {
		this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(properties.zone());
	}

	public Flux<DataBuffer> csv(Flux<List<ReturneeView>> chunks) {
		Flux<DataBuffer> header = Flux.defer(() -> Flux.just(buffer(BOM), buffer(csvLines(List.of(HEADERS)))));
		return chunks
			.concatMap(chunk -> Mono.fromCallable(() -> buffer(csvLines(chunk.stream().map(this::cells).toList())))
				.subscribeOn(Schedulers.boundedElastic()))
			// The header once the first chunk is read: a refusal (scope) comes before it.
			.switchOnFirst((first, all) -> first.hasValue() ? header.concatWith(all)
					: first.hasError() ? all : header.concatWith(all));
	}

	public Flux<DataBuffer> xlsx(Flux<List<ReturneeView>> chunks) {
		return Flux.usingWhen(Mono.fromCallable(XlsxFile::new).subscribeOn(Schedulers.boundedElastic()),
				file -> chunks.publishOn(Schedulers.boundedElastic())
					.doOnNext(chunk -> chunk.forEach(view -> file.add(cells(view))))
					.then(Mono.fromCallable(file::finish).subscribeOn(Schedulers.boundedElastic()))
					.flatMapMany(path -> DataBufferUtils.read(path, buffers, 64 * 1024)),
				file -> Mono.fromRunnable(file::close).subscribeOn(Schedulers.boundedElastic()));
	}

	private List<String> cells(ReturneeView view) {
		return List.of(text(view.maskedName()), text(view.maskedPhone()), text(view.maskedIdNumber()),
				text(view.enterpriseName()), text(view.originName()),
				view.transport() == null ? "" : view.transport().label(), format(view.departedAt()),
				format(view.arrivedAt() != null ? view.arrivedAt() : view.expectedArrivalAt()),
				format(view.observationEndsAt()), view.status().label(),
				view.flags().stream().map(Flag::label).collect(Collectors.joining("、")));
	}

	private String format(Instant instant) {
		return instant == null ? "" : time.format(instant);
	}

	/**
	 * A cell never starts with what a spreadsheet would run as a formula (CSV injection):
	 * such text gets a leading apostrophe.
	 */
	static String text(String value) {
		if (value == null || value.isEmpty()) {
			return "";
		}
		char first = value.charAt(0);
		return (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r')
				? "'" + value : value;
	}

	private static String csvLines(List<List<String>> rows) {
		StringBuilder out = new StringBuilder();
		try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.EXCEL)) {
			for (List<String> row : rows) {
				printer.printRecord(row);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toString();
	}

	private DataBuffer buffer(String text) {
		return buffer(text.getBytes(StandardCharsets.UTF_8));
	}

	private DataBuffer buffer(byte[] bytes) {
		return buffers.wrap(bytes);
	}

	/** One XLSX being written: SXSSF's temporary files, then the finished file. */
	private static final class XlsxFile {

		private final SXSSFWorkbook workbook = new SXSSFWorkbook(100);

		private final Sheet sheet;

		private int next;

		private Path finished;

		XlsxFile() {
			workbook.setCompressTempFiles(true);
			sheet = workbook.createSheet("返岗人员");
			add(HEADERS);
		}

		void add(List<String> cells) {
			Row row = sheet.createRow(next++);
			for (int i = 0; i < cells.size(); i++) {
				row.createCell(i).setCellValue(cells.get(i));
			}
		}

		Path finish() throws IOException {
			finished = Files.createTempFile("fugong-export-", ".xlsx");
			try (OutputStream out = Files.newOutputStream(finished)) {
				workbook.write(out);
			}
			workbook.close();
			return finished;
		}

		void close() {
			try {
				workbook.close();
				if (finished != null) {
					Files.deleteIfExists(finished);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
