package dev.fugong.filing.model;

/**
 * The structured part of a filing (企业复工复产报备表), after seed 000 (五必须, 六到位) and seed 001
 * (五个一). About the enterprise only: counts and plans, no person's data.
 *
 * @param commitment the 承诺书's pledges are accepted (must be true)
 * @param preventionGroup a prevention group led by the head of the enterprise exists
 * (必须成立由主要负责人牵头的疫情防控领导小组)
 * @param staff 人员排查: the staff expected back
 * @param supplies 防疫物资: masks, disinfectant, thermometers
 * @param isolationRoom a room to isolate a feverish person or observe returnees
 * @param preventionPlan 疫情防控工作方案, in short
 * @param emergencyPlan 应急预案, in short
 * @param fiveOnes seed 001's 五个一
 */
public record Materials(boolean commitment, boolean preventionGroup, Staff staff, Supplies supplies,
		boolean isolationRoom, String preventionPlan, String emergencyPlan, FiveOnes fiveOnes) {

	/**
	 * @param planned staff expected at work
	 * @param local of them, never left the city
	 * @param outOfTown of them, returning from outside the city (14 days of observation)
	 * @param fromKeyRegions of them, from key epidemic regions (not to return yet)
	 */
	public record Staff(int planned, int local, int outOfTown, int fromKeyRegions) {
	}

	/**
	 * @param masks masks in stock
	 * @param disinfectantLitres disinfectant in stock, litres
	 * @param thermometers thermometers
	 */
	public record Supplies(int masks, int disinfectantLitres, int thermometers) {
	}

	/**
	 * 五个一: one responsibility letter signed, one staff health form filled, one public
	 * health emergency plan, one prevention team, one management mechanism.
	 */
	public record FiveOnes(boolean responsibilityLetter, boolean healthInfoForm, boolean emergencyPlan,
			boolean emergencyTeam, boolean managementMechanism) {
	}

}
