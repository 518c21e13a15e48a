package dev.fugong.support;

import java.util.UUID;

/** The fixed ids of the demo district (src/main/resources/db/demo). */
public final class Demo {

	public static final UUID DISTRICT = UUID.fromString("00000000-0000-7000-8000-000000000001");

	/** 高新技术产业园: the zone of demo-official and demo-official-2. */
	public static final UUID PARK = UUID.fromString("00000000-0000-7000-8000-000000000002");

	/** 青杠街道: a zone outside the demo officials' scope. */
	public static final UUID TOWN = UUID.fromString("00000000-0000-7000-8000-000000000003");

	/** A grid inside the park. */
	public static final UUID PARK_GRID = UUID.fromString("00000000-0000-7000-8000-000000000004");

	/** 瑞润电子: the first demo enterprise, in the park's grid; demo-manager's. */
	public static final UUID RUIRUN = UUID.fromString("00000000-0000-7000-8000-000000000101");

	/** 天友乳业, in the park. */
	public static final UUID TIANYOU = UUID.fromString("00000000-0000-7000-8000-000000000102");

	/** 青杠便民超市, in the town: outside the demo officials' scope. */
	public static final UUID SUPERMARKET = UUID.fromString("00000000-0000-7000-8000-000000000104");

	/** 两山秀苑: the demo community of the park's grid (R__demo_grids.sql). */
	public static final UUID LIANGSHAN = UUID.fromString("00000000-0000-7000-8000-000000200001");

	/** 北门卡点: 两山秀苑's checkpoint. */
	public static final UUID LIANGSHAN_CHECKPOINT = UUID.fromString("00000000-0000-7000-8000-000000200101");

	/** 青杠花园: a community of the town, outside the park's officials' scope. */
	public static final UUID TOWN_COMMUNITY = UUID.fromString("00000000-0000-7000-8000-000000200002");

	/** demo-grid-official: OFFICIAL of the park's grid (产业园第一网格). */
	public static final UUID GRID_OFFICIAL_USER = UUID.fromString("00000000-0000-7000-8000-000000200301");

	public static final UUID ADMIN_USER = UUID.fromString("00000000-0000-7000-8000-000000000301");

	public static final UUID OFFICIAL_USER = UUID.fromString("00000000-0000-7000-8000-000000000302");

	public static final UUID MANAGER_USER = UUID.fromString("00000000-0000-7000-8000-000000000304");

	public static final UUID GUIDE_USER = UUID.fromString("00000000-0000-7000-8000-000000000305");

	public static final UUID GATE_USER = UUID.fromString("00000000-0000-7000-8000-000000000306");

	public static final UUID EMPLOYEE_USER = UUID.fromString("00000000-0000-7000-8000-000000000307");

	private Demo() {
	}

}
