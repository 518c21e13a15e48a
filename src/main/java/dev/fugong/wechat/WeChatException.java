package dev.fugong.wechat;

/**
 * WeChat answered with an error code. The message carries the code only, never request
 * data.
 */
public class WeChatException extends RuntimeException {

	private final WeChatError error;

	private final int errcode;

	public WeChatException(int errcode) {
		super("WeChat errcode " + errcode + " (" + WeChatError.of(errcode) + ")");
		this.error = WeChatError.of(errcode);
		this.errcode = errcode;
	}

	public WeChatError error() {
		return error;
	}

	public int errcode() {
		return errcode;
	}

}
