package dev.fugong.wechat;

/**
 * The documented {@code errcode}s of the calls this service makes. WeChat answers errors
 * as HTTP 200 with {@code errcode}/{@code errmsg}; a success has no {@code errcode} (or
 * 0).
 */
public enum WeChatError {

	/**
	 * -1: system busy; the only error worth retrying, and only for calls that spend no
	 * code.
	 */
	BUSY(-1),
	/** 40001: the access token is invalid (or the AppSecret is wrong). */
	TOKEN_INVALID(40001),
	/** 42001: the access token has expired. */
	TOKEN_EXPIRED(42001),
	/** 40029: the login or phone code is invalid (unknown or expired). */
	INVALID_CODE(40029),
	/** 40163: the code has been used already. */
	CODE_USED(40163),
	/** 45011: too many calls; rate limited. */
	RATE_LIMITED(45011),
	/** 40226: WeChat's risk control blocks this user. */
	RISKY_USER(40226),
	/**
	 * 43101: the user has not subscribed to this message (or used up the subscription).
	 */
	USER_REFUSED(43101),
	/** 47003: a template field is missing or invalid. */
	BAD_FIELD(47003),
	/** Any code not listed here. */
	UNKNOWN(Integer.MIN_VALUE);

	private final int code;

	WeChatError(int code) {
		this.code = code;
	}

	public int code() {
		return code;
	}

	public static WeChatError of(int code) {
		for (WeChatError error : values()) {
			if (error.code == code) {
				return error;
			}
		}
		return UNKNOWN;
	}

	/**
	 * The client sent a code that is not (or no longer) good: what a client guessing or
	 * replaying codes causes, as opposed to WeChat's own trouble.
	 */
	public boolean isBadCode() {
		return this == INVALID_CODE || this == CODE_USED;
	}

	public boolean isTokenProblem() {
		return this == TOKEN_INVALID || this == TOKEN_EXPIRED;
	}

}
