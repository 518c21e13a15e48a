package dev.fugong.support;

import java.util.List;
import java.util.UUID;

import dev.fugong.shared.security.Audience;
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
		return tokens.issue(Demo.EMPLOYEE_USER, List.of(Role.EMPLOYEE), Demo.RUIRUN, null, Audience.MINI_PROGRAM)
			.value();
	}

	/** demo-gate, gate staff of 瑞润电子, on the mini-program. */
	public String gateStaff() {
		return tokens.issue(Demo.GATE_USER, List.of(Role.GATE_STAFF), Demo.RUIRUN, null, Audience.MINI_PROGRAM).value();
	}

	/** A manager's token issued to the mini-program: not valid on console endpoints. */
	public String managerOnMiniProgram() {
		return tokens
			.issue(Demo.MANAGER_USER, List.of(Role.ENTERPRISE_MANAGER), Demo.RUIRUN, null, Audience.MINI_PROGRAM)
			.value();
	}

	public String console(UUID userId, Role role, UUID enterpriseId, UUID zoneId) {
		return tokens.issue(userId, List.of(role), enterpriseId, zoneId, Audience.CONSOLE).value();
	}

}
