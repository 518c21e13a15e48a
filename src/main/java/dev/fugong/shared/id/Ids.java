package dev.fugong.shared.id;

import java.util.UUID;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/**
 * New ids: UUID version 7 (RFC 9562), time-ordered so that inserts land at the right edge
 * of a B-tree index, and opaque to clients.
 */
public final class Ids {

	private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

	private Ids() {
	}

	public static UUID newId() {
		return GENERATOR.generate();
	}

}
