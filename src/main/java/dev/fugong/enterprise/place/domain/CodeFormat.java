package dev.fugong.enterprise.place.domain;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The bytes of every code and their signature. A code is the URL
 * {@code <base URL>/q/<token>}, the token base64url (no padding) of:
 *
 * <pre>
 * byte 0      format (high 4 bits, 1) and kind (low 4 bits)
 * byte 1      key id
 * payload     per kind: place id and code version (+ step for dynamic codes),
 *             pass handle and expiry, or card id
 * last 16     HMAC-SHA256 of everything before, truncated to 128 bits
 * </pre>
 *
 * A printed place code is 38 bytes, 51 characters of token; with a host of up to 40
 * characters the URL fits a version 6 QR code at error correction M (106 bytes). Why HMAC
 * and why 128 bits: docs/adr/0004-signed-codes.md.
 * <p>
 * Hand-written rather than a JWT or PASETO because those carry a JSON header and claims:
 * three times the length, past version 6, for no gain in a code only this service
 * verifies.
 */
public final class CodeFormat {

	static final int FORMAT = 1;

	static final int TAG_LENGTH = 16;

	/** Longer content is refused before it is looked at. */
	static final int MAX_CONTENT_LENGTH = 512;

	private static final String PATH = "/q/";

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private final String baseUrl;

	private final SecretKeySpec[] keys = new SecretKeySpec[256];

	private final boolean[] withdrawn = new boolean[256];

	private final int signingKeyId;

	/** Mac objects are not thread-safe and slow to create: one per thread and key. */
	private final ThreadLocal<Mac[]> macs = ThreadLocal.withInitial(() -> new Mac[256]);

	/**
	 * @param baseUrl scheme and host (and port), e.g. {@code https://fugong.example.cn}
	 * @param keys key id to raw secret; the first signs, all verify
	 * @param withdrawnKeyIds keys whose codes are all refused from now on
	 */
	public CodeFormat(String baseUrl, List<Key> keys, Collection<Integer> withdrawnKeyIds) {
		this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
		if (keys.isEmpty()) {
			throw new IllegalArgumentException("At least one code signing key is required");
		}
		for (Key key : keys) {
			if (key.secret().length < 32) {
				throw new IllegalArgumentException("Code signing key " + key.id() + " is shorter than 32 bytes");
			}
			this.keys[key.id()] = new SecretKeySpec(key.secret(), "HmacSHA256");
		}
		for (int id : withdrawnKeyIds) {
			if (this.keys[id] != null) {
				throw new IllegalArgumentException("Code signing key " + id + " is both configured and withdrawn");
			}
			this.withdrawn[id] = true;
		}
		this.signingKeyId = keys.get(0).id();
	}

	public String baseUrl() {
		return baseUrl;
	}

	public String place(UUID placeId, int codeVersion) {
		return encode(CodeKind.PLACE, buffer -> putUuid(buffer, placeId).putInt(codeVersion));
	}

	public String dynamicPlace(UUID placeId, int codeVersion, long step) {
		return encode(CodeKind.PLACE_DYNAMIC,
				buffer -> putUuid(buffer, placeId).putInt(codeVersion).putInt((int) step));
	}

	public String pass(UUID handle, Instant expiresAt) {
		return encode(CodeKind.PASS, buffer -> putUuid(buffer, handle).putInt((int) expiresAt.getEpochSecond()));
	}

	public String card(UUID cardId) {
		return encode(CodeKind.CARD, buffer -> putUuid(buffer, cardId));
	}

	/**
	 * The code's content if it is a genuine code of this platform, signed by a key still
	 * in use. Whether it is still valid (rotation, expiry, revocation) is for the caller.
	 * @throws CodeRejectedException with the first reason found
	 */
	public ParsedCode verify(String content) {
		String token = token(content);
		if (token.isEmpty() || token.indexOf('=') >= 0) {
			throw reject(token.isEmpty() ? CodeRejection.MALFORMED : CodeRejection.BAD_ENCODING);
		}
		byte[] bytes;
		try {
			bytes = DECODER.decode(token);
		}
		catch (IllegalArgumentException ex) {
			throw reject(CodeRejection.BAD_ENCODING);
		}
		if (bytes.length < 2 + TAG_LENGTH) {
			throw reject(CodeRejection.MALFORMED);
		}
		CodeKind kind = CodeKind.ofTag(bytes[0] & 0x0F);
		if ((bytes[0] & 0xF0) >>> 4 != FORMAT || kind == null || bytes.length != 2 + kind.payloadLength + TAG_LENGTH) {
			throw reject(CodeRejection.MALFORMED);
		}
		if (!canonical(token)) {
			throw reject(CodeRejection.BAD_ENCODING);
		}
		int keyId = bytes[1] & 0xFF;
		if (withdrawn[keyId]) {
			throw reject(CodeRejection.KEY_WITHDRAWN);
		}
		if (keys[keyId] == null) {
			throw reject(CodeRejection.UNKNOWN_KEY);
		}
		int signedLength = bytes.length - TAG_LENGTH;
		Mac mac = mac(keyId);
		mac.update(bytes, 0, signedLength);
		byte[] expected = mac.doFinal();
		if (!tagMatches(expected, bytes, signedLength)) {
			throw reject(CodeRejection.BAD_SIGNATURE);
		}
		ByteBuffer payload = ByteBuffer.wrap(bytes, 2, kind.payloadLength);
		UUID subject = new UUID(payload.getLong(), payload.getLong());
		return switch (kind) {
			case PLACE -> new ParsedCode(kind, keyId, subject, payload.getInt(), 0, null);
			case PLACE_DYNAMIC ->
				new ParsedCode(kind, keyId, subject, payload.getInt(), Integer.toUnsignedLong(payload.getInt()), null);
			case PASS -> new ParsedCode(kind, keyId, subject, 0, 0,
					Instant.ofEpochSecond(Integer.toUnsignedLong(payload.getInt())));
			case CARD -> new ParsedCode(kind, keyId, subject, 0, 0, null);
		};
	}

	/**
	 * Whether the last character's unused low bits are zero. The JDK's decoder ignores
	 * them, so without this check one code had four spellings, each accepted (and a
	 * "damaged" code could pass). Hand-written: the JDK has no strict mode, and
	 * re-encoding every code to compare would allocate on every scan. Called after
	 * decoding, so the last character is one of the URL-safe alphabet ('_' is 63).
	 */
	private static boolean canonical(String token) {
		int unusedBits = switch (token.length() % 4) {
			case 2 -> 4;
			case 3 -> 2;
			default -> 0;
		};
		char last = token.charAt(token.length() - 1);
		int value = (last >= 'A' && last <= 'Z') ? last - 'A' : (last >= 'a' && last <= 'z') ? last - 'a' + 26
				: (last >= '0' && last <= '9') ? last - '0' + 52 : (last == '-') ? 62 : 63;
		return (value & ((1 << unusedBits) - 1)) == 0;
	}

	/** The token part of the URL, after the checks that need no decoding. */
	private String token(String content) {
		if (content == null || content.length() > MAX_CONTENT_LENGTH) {
			throw reject(content == null ? CodeRejection.NOT_A_URL : CodeRejection.TOO_LONG);
		}
		for (int i = 0; i < content.length(); i++) {
			char c = content.charAt(i);
			if (c <= 0x20 || c >= 0x7F) {
				throw reject(CodeRejection.NOT_ASCII);
			}
		}
		int schemeEnd = content.indexOf("://");
		if (schemeEnd < 0 || !(content.regionMatches(true, 0, "https", 0, schemeEnd) && schemeEnd == 5
				|| content.regionMatches(true, 0, "http", 0, schemeEnd) && schemeEnd == 4)) {
			throw reject(CodeRejection.NOT_A_URL);
		}
		int pathStart = content.indexOf('/', schemeEnd + 3);
		String origin = pathStart < 0 ? content : content.substring(0, pathStart);
		if (!origin.equalsIgnoreCase(baseUrl)) {
			throw reject(CodeRejection.WRONG_HOST);
		}
		if (!content.startsWith(PATH, pathStart)) {
			throw reject(CodeRejection.WRONG_PREFIX);
		}
		return content.substring(pathStart + PATH.length());
	}

	private String encode(CodeKind kind, Consumer<ByteBuffer> payload) {
		ByteBuffer buffer = ByteBuffer.allocate(2 + kind.payloadLength + TAG_LENGTH);
		buffer.put((byte) (FORMAT << 4 | kind.tag)).put((byte) signingKeyId);
		payload.accept(buffer);
		Mac mac = mac(signingKeyId);
		mac.update(buffer.array(), 0, buffer.position());
		buffer.put(mac.doFinal(), 0, TAG_LENGTH);
		return baseUrl + PATH + ENCODER.encodeToString(buffer.array());
	}

	private Mac mac(int keyId) {
		Mac[] perThread = macs.get();
		Mac mac = perThread[keyId];
		if (mac == null) {
			try {
				mac = Mac.getInstance("HmacSHA256");
				mac.init(keys[keyId]);
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("HmacSHA256 is unavailable", ex);
			}
			perThread[keyId] = mac;
		}
		return mac;
	}

	/** Constant time, like MessageDigest.isEqual, without copying the tag out. */
	private static boolean tagMatches(byte[] expected, byte[] code, int tagStart) {
		int difference = 0;
		for (int i = 0; i < TAG_LENGTH; i++) {
			difference |= expected[i] ^ code[tagStart + i];
		}
		return difference == 0;
	}

	private static ByteBuffer putUuid(ByteBuffer buffer, UUID id) {
		return buffer.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
	}

	private static CodeRejectedException reject(CodeRejection reason) {
		return new CodeRejectedException(reason);
	}

	/** A code signing key: its one-byte id and at least 32 random bytes. */
	public record Key(int id, byte[] secret) {
	}

}
