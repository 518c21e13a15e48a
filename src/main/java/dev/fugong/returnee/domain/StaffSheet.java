package dev.fugong.returnee.domain;

import java.util.List;

/**
 * The 上岗人员摸排表 (seed 000: 企业上岗人员摸排表, part of a filing): one row per person who will work,
 * with where a returnee comes from. Columns are found by their header, in any order; the
 * template the service hands out has them in this order.
 */
public final class StaffSheet {

	public static final String NAME = "姓名";

	public static final String PHONE = "手机号码";

	public static final String ID_NUMBER = "身份证号码";

	public static final String ORIGIN = "来源地区代码";

	public static final String DEPARTED = "离开日期";

	public static final String ARRIVAL = "抵达日期";

	public static final String TRANSPORT = "交通方式";

	public static final String ROUTE = "途经地区代码";

	public static final String CONTACT = "14天内接触病例";

	public static final List<String> HEADERS = List.of(NAME, PHONE, ID_NUMBER, ORIGIN, DEPARTED, ARRIVAL, TRANSPORT,
			ROUTE, CONTACT);

	/** Without these a sheet is not a staff sheet. */
	public static final List<String> REQUIRED = List.of(NAME, PHONE);

	private StaffSheet() {
	}

	/** The column letter of a header in the template (A for 姓名). */
	public static String letter(int index) {
		StringBuilder letters = new StringBuilder();
		int n = index + 1;
		while (n > 0) {
			int rem = (n - 1) % 26;
			letters.insert(0, (char) ('A' + rem));
			n = (n - 1) / 26;
		}
		return letters.toString();
	}

}
