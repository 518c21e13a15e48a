package dev.fugong.support;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * One-time lazy loading that reads the class path on whichever thread first needs it.
 * Each entry happens once per JVM, so it is not a blocking call on the request path;
 * anything else that blocks an event loop fails the test that caused it.
 */
public class BlockHoundAllowances implements BlockHoundIntegration {

	@Override
	public void applyTo(BlockHound.Builder builder) {
		builder.allowBlockingCallsInside("org.hibernate.validator.resourceloading.PlatformResourceBundleLocator",
				"loadBundle");
		builder.allowBlockingCallsInside("java.util.ResourceBundle", "getBundle");
		// The DRBG behind ids seeds itself from the OS once, on first use; never again
		// after.
		builder.allowBlockingCallsInside("sun.security.provider.AbstractDrbg", "instantiateIfNecessary");
		// Jackson builds a deserializer once per type, under a lock two first requests
		// can meet on.
		builder.allowBlockingCallsInside("tools.jackson.databind.deser.DeserializerCache",
				"_createAndCacheValueDeserializer");
		// Lettuce's writer lock on a shared connection: held only to hand a command to
		// Netty, but
		// concurrent writers can meet on it.
		builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "incrementWriters");
		builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "decrementWriters");
		// Spring Data Redis takes a lock on every reactive call to fetch its shared
		// connection; once the connection exists (RedisConfig opens it at start-up) the
		// lock is held for a field read, but concurrent callers can meet on it.
		builder.allowBlockingCallsInside("org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory",
				"getSharedReactiveConnection");
		// Spring Data Redis guards a script's cached SHA-1 with a lock held for a field
		// read.
		builder.allowBlockingCallsInside("org.springframework.data.redis.core.script.DefaultRedisScript", "getSha1");
		// Netty 4.2's default allocator: growing its magazines takes a StampedLock held
		// for
		// a few field writes, which two event loops reading at once can meet on. Seen
		// failing a read on an event loop (and so a request) under load, in Netty's own
		// code, not ours.
		builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup",
				"tryExpandMagazines");
		builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free");
		// Reads of /dev/urandom (Tink's nonces): a file read, but one that never waits on
		// Linux.
		builder.allowBlockingCallsInside("sun.security.provider.NativePRNG$RandomIO", "implNextBytes");
	}

}
