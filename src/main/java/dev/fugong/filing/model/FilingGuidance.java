package dev.fugong.filing.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The guidance a filing gets (seed 000: "对于不满足相关要求的，当即指出存在的问题"): what its materials show
 * to be short, then the standing rules every enterprise follows (seed 004). In
 * notify-only mode this is what the enterprise gets instead of an approval.
 */
public final class FilingGuidance {

	/** Masks per planned worker: two a day for a week. */
	static final int MASKS_PER_WORKER = 14;

	private FilingGuidance() {
	}

	public static List<Advice> of(Materials materials) {
		List<Advice> advice = new ArrayList<>();
		int planned = materials.staff().planned();
		if (materials.supplies().masks() < planned * MASKS_PER_WORKER) {
			advice.add(new Advice("MASKS_SHORT", "口罩储备不足：按在岗人数每人每天 2 只、至少 7 天备足"));
		}
		if (materials.supplies().thermometers() == 0) {
			advice.add(new Advice("THERMOMETERS_MISSING", "须配备测温仪：出入口测温、每天不少于 2 次全员测温"));
		}
		if (materials.supplies().disinfectantLitres() == 0) {
			advice.add(new Advice("DISINFECTANT_MISSING", "须储备消毒液：每日对生产、生活场所消毒"));
		}
		if (materials.staff().outOfTown() > 0 && !materials.isolationRoom()) {
			advice.add(new Advice("ISOLATION_NEEDED", "有市外返岗人员：须设置隔离场所，落实 14 天隔离医学观察"));
		}
		if (materials.staff().fromKeyRegions() > 0) {
			advice.add(new Advice("KEY_REGION_STAFF", "重点疫区人员暂缓返岗，不得新招收不符合防控要求的人员"));
		}
		if (!materials.preventionGroup()) {
			advice.add(new Advice("NO_PREVENTION_GROUP", "须成立由主要负责人牵头的疫情防控领导小组"));
		}
		advice.add(new Advice("DAILY_CHECKS", "每天不少于 2 次全员测温并健康询问，建立防控工作台账"));
		advice.add(new Advice("VENTILATION", "每日对生产、生活场所通风消毒；错时分散用餐"));
		advice.add(new Advice("FEVER_REFERRAL", "发现发热等症状者，立即报告属地并送发热门诊"));
		return advice;
	}

	/** One piece of guidance: a stable code and its text. */
	public record Advice(String code, String text) {
	}

}
