package dev.fugong.support;

import java.util.List;
import java.util.UUID;

import dev.fugong.shared.security.Audience;
import dev.fugong.shared.security.Grant;
import dev.fugong.shared.security.Role;
import dev.fugong.shared.security.TokenService;

/**
 * Access tokens for the demo users, signed by the service's own {@link TokenService}:
 * what the login endpoints will hand out, without going through WeChat.
 */
public final class TestTokens {

	private final TokenService tokens;

	public TestTokens(TokenService tokens) {
		this.tokens = tokens;
	}

	public String admin() {
		return console(Demo.ADMIN_USER, Role.DISTRICT_ADMIN, null, Demo.DISTRICT);
	}

	/** demo-official: the park and its grid. */
	public String official() {
		return console(Demo.OFFICIAL_USER, Role.OFFICIAL, null, Demo.PARK);
	}

	/** An official of the town, outside the park. */
	public String townOfficial() {
		return console(UUID.randomUUID(), Role.OFFICIAL, null, Demo.TOWN);
	}

	/** demo-manager, of 瑞润电子. */
	public String manager() {
		return console(Demo.MANAGER_USER, Role.ENTERPRISE_MANAGER, Demo.RUIRUN, null);
	}

	public String managerOf(UUID enterpriseId) {
		return console(UUID.randomUUID(), Role.ENTERPRISE_MANAGER, enterpriseId, null);
	}

	public String guide() {
		return console(Demo.GUIDE_USER, Role.GUIDE, Demo.RUIRUN, null);
	}

	public String employeeOnMiniProgram() {
		return issue(Demo.EMPLOYEE_USER, Audience.MINI_PROGRAM, new Grant(Role.EMPLOYEE, Demo.RUIRUN));
	}

	/** demo-gate, gate staff of 瑞润电子, on the mini-program. */
	public String gateStaff() {
		return issue(Demo.GATE_USER, Audience.MINI_PROGRAM, new Grant(Role.GATE_STAFF, Demo.RUIRUN));
	}

	/** A manager's token issued to the mini-program: not valid on console endpoints. */
	public String managerOnMiniProgram() {
		return issue(Demo.MANAGER_USER, Audience.MINI_PROGRAM, new Grant(Role.ENTERPRISE_MANAGER, Demo.RUIRUN));
	}

	public String console(UUID userId, Role role, UUID enterpriseId, UUID zoneId) {
		return issue(userId, Audience.CONSOLE, Grant.of(role, enterpriseId, zoneId));
	}

	/**
	 * A token with these grants, of grants version 0: what a user whose grants were never
	 * revoked gets. Tests that revoke a grant sign their own users in instead.
	 */
	public String issue(UUID userId, Audience audience, Grant... grants) {
		return tokens.issue(userId, List.of(grants), 0, audience, null).value();
	}

}
