package dev.fugong.enterprise.place.domain;

/**
 * What a code stands for. The kind is inside the signed bytes, so a pass code cannot be
 * presented where a place code is expected, or the reverse.
 */
public enum CodeKind {

	/** The printed code of a place; valid until the place's code is rotated. */
	PLACE(1, 16 + 4),

	/**
	 * A gate screen's code, changing every step (30 s); the previous one still passes.
	 */
	PLACE_DYNAMIC(2, 16 + 4 + 4),

	/** A person's pass code on their phone; valid about a minute. */
	PASS(3, 16 + 4),

	/** A person's printed pass card, for people without a smartphone; revocable. */
	CARD(4, 16);

	final int tag;

	/** Bytes between the key id and the signature. */
	final int payloadLength;

	CodeKind(int tag, int payloadLength) {
		this.tag = tag;
		this.payloadLength = payloadLength;
	}

	static CodeKind ofTag(int tag) {
		for (CodeKind kind : values()) {
			if (kind.tag == tag) {
				return kind;
			}
		}
		return null;
	}

	/** Whether a code of this kind names a place (printed or dynamic). */
	public boolean isPlace() {
		return this == PLACE || this == PLACE_DYNAMIC;
	}

}
