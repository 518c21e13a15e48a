package dev.fugong.apidoc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.fugong.enterprise.place.domain.CodeRejection;
import dev.fugong.shared.problem.ProblemCode;

import org.springframework.http.HttpStatus;

/**
 * Every problem {@code code} the service answers, with its status and what a client
 * should make of it. The codes are constants ({@link ProblemCode}, {@link CodeRejection})
 * or literals at the place they are thrown; {@code ProblemCatalogTests} reads the main
 * sources and fails when a code is thrown that is not here, or is here and thrown
 * nowhere, so this list cannot drift from the code.
 */
final class ProblemCatalog {

	/** A code's status and meaning. */
	record Entry(String code, HttpStatus status, String meaning) {
	}

	private static final Map<String, Entry> ENTRIES;

	static {
		Map<String, Entry> entries = new LinkedHashMap<>();
		// Kept in the order of ProblemCode: shared by every feature.
		put(entries, ProblemCode.VALIDATION_FAILED, HttpStatus.BAD_REQUEST,
				"A field is missing or invalid; `errors[]` names each field (`field`) and why (`message`). Nothing was changed.");
		put(entries, ProblemCode.MALFORMED_REQUEST, HttpStatus.BAD_REQUEST,
				"The request cannot be read: not JSON, an unknown field, a wrong type, a bad query parameter or URL.");
		put(entries, ProblemCode.UNAUTHORIZED, HttpStatus.UNAUTHORIZED,
				"No access token was sent (`Authorization: Bearer …`). Sign in first.");
		put(entries, ProblemCode.INVALID_TOKEN, HttpStatus.UNAUTHORIZED,
				"The access token is expired, revoked, malformed or was issued to the other client (mini-program vs console). Refresh it or sign in again.");
		put(entries, ProblemCode.FORBIDDEN, HttpStatus.FORBIDDEN, "The caller's role does not allow this request.");
		put(entries, ProblemCode.OUT_OF_SCOPE, HttpStatus.FORBIDDEN,
				"A filter (zone, enterprise) names something outside the caller's scope.");
		put(entries, ProblemCode.NOT_FOUND, HttpStatus.NOT_FOUND,
				"No such record, or it is outside the caller's scope (existence is not revealed).");
		put(entries, ProblemCode.METHOD_NOT_ALLOWED, HttpStatus.METHOD_NOT_ALLOWED,
				"This path does not take this method.");
		put(entries, ProblemCode.NOT_ACCEPTABLE, HttpStatus.NOT_ACCEPTABLE,
				"The `Accept` header asks for a format this path does not give.");
		put(entries, ProblemCode.UNSUPPORTED_MEDIA_TYPE, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
				"The body's `Content-Type` is not one this path takes.");
		put(entries, ProblemCode.CONFLICT, HttpStatus.CONFLICT,
				"The request conflicts with the record's current state.");
		put(entries, ProblemCode.CONCURRENT_UPDATE, HttpStatus.CONFLICT,
				"Someone else changed the record meanwhile. Read it again and retry.");
		put(entries, ProblemCode.PRECONDITION_FAILED, HttpStatus.PRECONDITION_FAILED,
				"`If-Match` does not name the record's current version.");
		put(entries, ProblemCode.PAYLOAD_TOO_LARGE, HttpStatus.CONTENT_TOO_LARGE,
				"The body is larger than this path takes.");
		put(entries, ProblemCode.RATE_LIMITED, HttpStatus.TOO_MANY_REQUESTS,
				"Too many requests from this address or account. Wait (see `Retry-After` where given) and retry.");
		put(entries, ProblemCode.DEPENDENCY_UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE,
				"A service this request needs (database, Redis, WeChat) is slow or down. Retry after `Retry-After` seconds; a retry with the same ids is safe.");
		put(entries, ProblemCode.INTERNAL_ERROR, HttpStatus.INTERNAL_SERVER_ERROR,
				"A fault of the service; nothing a client can fix.");
		// Scanned codes (场所码, 通行码): their reasons carry their own status and text.
		for (CodeRejection rejection : CodeRejection.values()) {
			put(entries, rejection.code(), rejection.status(), rejection.message());
		}
		// Uploads (dev.fugong.shared.upload).
		put(entries, "unsupported_file_type", HttpStatus.UNSUPPORTED_MEDIA_TYPE,
				"The file's content is none of the accepted types (its name is not considered).");
		put(entries, "archive_refused", HttpStatus.BAD_REQUEST,
				"The document (DOCX, XLSX) expands too far, holds macros, is encrypted or cannot be read.");
		// Features' own codes.
		put(entries, "phone_not_bound", HttpStatus.CONFLICT,
				"The person has not bound a phone number yet (绑定手机号); bind it, then retry.");
		put(entries, "scan_in_progress", HttpStatus.CONFLICT,
				"An earlier request with the same `clientScanId` is still being recorded. Retry shortly with the same id.");
		put(entries, "too_many_grants", HttpStatus.CONFLICT,
				"The account holds more roles than a sign-in may carry; the district must merge them.");
		put(entries, "wechat_code_invalid", HttpStatus.BAD_REQUEST,
				"WeChat did not accept the `code` from wx.login / getPhoneNumber. Get a new one.");
		put(entries, "wechat_code_used", HttpStatus.BAD_REQUEST, "This WeChat `code` was already used. Get a new one.");
		put(entries, "wechat_risky_user", HttpStatus.FORBIDDEN, "WeChat refused this account for security reasons.");
		put(entries, "ticket_expired", HttpStatus.GONE, "The console's sign-in QR code has expired; show a new one.");
		put(entries, "ticket_taken", HttpStatus.CONFLICT, "The sign-in QR code was already used by someone else.");
		put(entries, "role_already_granted", HttpStatus.CONFLICT, "The user already holds this role for this object.");
		put(entries, "case_not_confirmed", HttpStatus.CONFLICT,
				"The screened person is not a confirmed case: contacts are warned only once it is ABNORMAL with a POSITIVE test on file.");
		put(entries, "screening_not_of_a_case", HttpStatus.CONFLICT,
				"The screening is of an enterprise's returnees, not of one case: screen the confirmed person's contacts and warn those.");
		put(entries, "screening_not_done", HttpStatus.CONFLICT,
				"The screening is still running: warn once it is done.");
		put(entries, "screening_outdated", HttpStatus.CONFLICT,
				"The screening was made before warnings existed and does not hold its contacts' ids: screen the person again.");
		put(entries, "zone_not_a_grid", HttpStatus.CONFLICT,
				"Residential communities (小区) belong to a grid zone (网格), not to a park, town or street: choose the grid.");
		put(entries, "uscc_taken", HttpStatus.CONFLICT,
				"An enterprise with this unified social credit code (统一社会信用代码) is already filed or applied for.");
		put(entries, "application_pending", HttpStatus.CONFLICT,
				"An application (入驻申请) for this enterprise is already waiting for a decision.");
		put(entries, "negative_listed", HttpStatus.CONFLICT,
				"The enterprise's industry and shop kind are on the district's negative list (负面清单) today: it may not apply or file to reopen. `detail` gives the list's reason and, where set, the last listed day.");
		put(entries, "invalid_transition", HttpStatus.CONFLICT,
				"The record is not in a state that allows this step (for example, deciding twice).");
		put(entries, "no_places", HttpStatus.CONFLICT,
				"The enterprise has no places yet, so there is nothing to print.");
		put(entries, "already_filed", HttpStatus.CONFLICT, "The enterprise's filing (备案) is already approved.");
		put(entries, "filing_open", HttpStatus.CONFLICT, "A filing of this enterprise is already open.");
		put(entries, "materials_missing", HttpStatus.CONFLICT,
				"The filing lacks required materials (材料); upload them before submitting.");
		put(entries, "too_many_files", HttpStatus.CONFLICT, "The filing already holds as many files as it may.");
		put(entries, "change_pending", HttpStatus.CONFLICT,
				"A plate change (挂牌变更) of this enterprise is already waiting for its second official.");
		put(entries, "change_not_awaiting", HttpStatus.CONFLICT,
				"The plate change is no longer waiting for a decision.");
		put(entries, "assignment_ended", HttpStatus.CONFLICT, "The guide's assignment (驻企) has ended.");
		put(entries, "already_assigned", HttpStatus.CONFLICT, "The guide is already stationed in this enterprise.");
		put(entries, "team_full", HttpStatus.CONFLICT,
				"The enterprise already has its full team of guides; end an assignment first.");
		put(entries, "department_taken", HttpStatus.CONFLICT,
				"A guide of this department is already in the enterprise's team (a team's guides come from different departments).");
		put(entries, "plate_unchanged", HttpStatus.CONFLICT, "The enterprise already has this plate.");
		put(entries, "follow_up_required", HttpStatus.CONFLICT,
				"This plate is lifted only by a passed follow-up inspection (回头看).");
		put(entries, "own_change", HttpStatus.FORBIDDEN,
				"A RED plate needs a second official: the proposer cannot confirm its own change.");
		put(entries, "change_expired", HttpStatus.CONFLICT,
				"The plate change waited longer than its confirmation window; propose it again.");
		ENTRIES = Collections.unmodifiableMap(entries);
	}

	private ProblemCatalog() {
	}

	private static void put(Map<String, Entry> entries, String code, HttpStatus status, String meaning) {
		if (entries.put(code, new Entry(code, status, meaning)) != null) {
			throw new IllegalStateException("Problem code listed twice: " + code);
		}
	}

	static Map<String, Entry> entries() {
		return ENTRIES;
	}

	/** The entry of a code, or an error naming it (a typo in a {@code @ProblemCodes}). */
	static Entry get(String code) {
		Entry entry = ENTRIES.get(code);
		if (entry == null) {
			throw new IllegalStateException("Unknown problem code " + code + ": list it in ProblemCatalog");
		}
		return entry;
	}

}
