package dev.fugong.ledger.domain;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import reactor.core.publisher.Mono;

import dev.fugong.audit.AuditService;
import dev.fugong.audit.AuditService.AuditEntry;
import dev.fugong.enterprise.domain.EnterpriseService;
import dev.fugong.enterprise.place.domain.PosterRenderer;
import dev.fugong.enterprise.place.domain.PosterRenderer.Column;
import dev.fugong.enterprise.place.domain.PosterRenderer.Section;
import dev.fugong.filing.domain.FilingService;
import dev.fugong.filing.model.Materials;
import dev.fugong.scanin.domain.ScanCounts;
import dev.fugong.scanin.domain.ScanCounts.DayScan;
import dev.fugong.shared.security.CurrentUser;

import org.springframework.stereotype.Component;

/**
 * 防疫公示表 (seed 003): the page a shop posts outside, filled from the platform's own records
 * of today: supplies as declared in its latest filing, temperature checks (today's
 * scan-ins with a temperature), disinfection and ventilation rounds, vehicle disinfection
 * rounds, staff on file and on site. No names: only counts, times and areas. What the
 * platform has no record of is printed as such ("平台暂无此项记录"), never made up.
 */
@Component
public class DisclosureBoard {

	static final String NO_SOURCE = "平台暂无此项记录";

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

	private final EnterpriseService enterprises;

	private final FilingService filings;

	private final ScanCounts scans;

	private final DisinfectionService rounds;

	private final LedgerService ledgers;

	private final PosterRenderer renderer;

	private final AuditService audit;

	private final ZoneId zone;

	DisclosureBoard(EnterpriseService enterprises, FilingService filings, ScanCounts scans, DisinfectionService rounds,
			LedgerService ledgers, PosterRenderer renderer, AuditService audit, LedgerProperties properties) {
		this.enterprises = enterprises;
		this.filings = filings;
		this.scans = scans;
		this.rounds = rounds;
		this.ledgers = ledgers;
		this.renderer = renderer;
		this.audit = audit;
		this.zone = properties.zone();
	}

	/** Today's board of an enterprise in the caller's scope, as an A4 PDF. */
	public Mono<Printed> print(CurrentUser user, UUID enterpriseId) {
		var today = ledgers.today();
		return enterprises.get(user, enterpriseId).flatMap(enterprise -> {
			Mono<Materials> materials = filings.ofEnterprise(user, enterpriseId)
				.next()
				.map(filing -> filing.materials())
				.defaultIfEmpty(new Materials(false, false, null, null, false, null, null, null));
			Mono<List<DayScan>> dayScans = scans.ofDay(enterpriseId, today).collectList();
			Mono<List<DisinfectionService.Round>> dayRounds = rounds.ofDay(enterpriseId, today).collectList();
			return Mono.zip(materials, dayScans, dayRounds).flatMap(all -> {
				List<Section> sections = new ArrayList<>();
				Materials.Supplies supplies = all.getT1().supplies();
				sections.add(new Section("防疫物资储备", "来源：最近一次复工备案申报的库存（非实时盘点）",
						List.of(new Column("物资", 2), new Column("数量", 1)),
						supplies == null ? List.of()
								: List.of(List.of("口罩（只）", String.valueOf(supplies.masks())),
										List.of("消毒液（升）", String.valueOf(supplies.disinfectantLitres())),
										List.of("体温计（支）", String.valueOf(supplies.thermometers()))),
						"尚未备案：" + NO_SOURCE));
				List<DayScan> measured = all.getT2().stream().filter(scan -> scan.temperature() != null).toList();
				long fevers = measured.stream().filter(DayScan::fever).count();
				long onSite = all.getT2().stream().filter(DayScan::admitted).map(DayScan::personId).distinct().count();
				sections
					.add(new Section("体温监测情况", "来源：今日门岗扫码登记时测量的体温", List.of(new Column("项目", 2), new Column("今日", 1)),
							List.of(List.of("测温人次", String.valueOf(measured.size())),
									List.of("体温正常（<37.3℃）", String.valueOf(measured.size() - fevers)),
									List.of("发热（≥37.3℃，已拒绝入场并告警）", String.valueOf(fevers))),
							""));
				List<List<String>> inside = new ArrayList<>();
				List<List<String>> vehicles = new ArrayList<>();
				for (DisinfectionService.Round round : all.getT3()) {
					List<String> row = java.util.Arrays.asList(TIME.format(round.at().atZone(zone)),
							round.kind().label(), round.area(), round.maskedBy());
					(round.kind() == DisinfectionKind.VEHICLE ? vehicles : inside).add(row);
				}
				List<Column> roundColumns = List.of(new Column("时间", 1), new Column("类型", 1), new Column("区域", 2),
						new Column("执行人", 1));
				sections.add(new Section("店内消杀通风情况", "来源：今日台账的消杀通风记录", roundColumns, inside, "今日尚无记录"));
				sections.add(new Section("车辆消毒情况", "来源：今日台账的车辆消毒记录", roundColumns, vehicles, "今日尚无记录"));
				sections.add(new Section("从业人员信息", "来源：一人一档与今日门岗扫码；不公示姓名",
						List.of(new Column("项目", 2), new Column("人数", 1)),
						List.of(List.of("今日到岗（扫码放行，去重）", String.valueOf(onSite)), List.of("健康证明、个人健康承诺书", NO_SOURCE)),
						""));
				PosterRenderer.Sheet sheet = new PosterRenderer.Sheet("防疫公示表",
						List.of("商户：" + enterprise.name()
								+ (enterprise.shopKind() == null ? "" : "（" + enterprise.shopKind() + "）"),
								"地址：" + enterprise.address(), "日期：" + today + "（由复工平台根据当日记录生成）"),
						sections, "请张贴于店外显著位置");
				return audit
					.record(new AuditEntry(user.id(), "DISCLOSURE_BOARD_PRINTED", "enterprise", enterpriseId.toString(),
							null, Map.of("date", today.toString())))
					.then(renderer.sheet(sheet))
					.map(pdf -> new Printed(enterprise.name(), today.toString(), pdf));
			});
		});
	}

	/** The PDF and what to name it. */
	public record Printed(String enterpriseName, String date, byte[] pdf) {
	}

}
