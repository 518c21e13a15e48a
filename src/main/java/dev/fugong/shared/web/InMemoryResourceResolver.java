package dev.fugong.shared.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.web.reactive.resource.ResourceResolver;
import org.springframework.web.reactive.resource.ResourceResolverChain;
import org.springframework.web.server.ServerWebExchange;

/**
 * Serves the console's static files (its pages, scripts, the WebJars it imports) from
 * memory. Finding and reading a file on the class path is blocking I/O (inside a jar, a
 * {@code RandomAccessFile} read; found by BlockHound), so the first request for a file
 * looks it up and reads it on a worker thread; the {@code CachingResourceResolver} in
 * front of this one keeps the result, and later requests never touch the disk. The files
 * are few and small (the largest, ECharts, about 1 MB), so keeping them is cheap.
 *
 * <p>
 * Written here because Spring's resolvers cache where a file is, not what it holds.
 */
final class InMemoryResourceResolver implements ResourceResolver {

	@Override
	public Mono<Resource> resolveResource(ServerWebExchange exchange, String requestPath,
			List<? extends Resource> locations, ResourceResolverChain chain) {
		return Mono.defer(() -> chain.resolveResource(exchange, requestPath, locations))
			.map(InMemoryResourceResolver::load)
			.subscribeOn(Schedulers.boundedElastic());
	}

	@Override
	public Mono<String> resolveUrlPath(String resourcePath, List<? extends Resource> locations,
			ResourceResolverChain chain) {
		return chain.resolveUrlPath(resourcePath, locations);
	}

	private static Resource load(Resource resource) {
		try (InputStream in = resource.getInputStream()) {
			return new Loaded(in.readAllBytes(), resource.getFilename(), resource.lastModified());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Static resource not readable: " + resource.getDescription(), ex);
		}
	}

	/** A file's bytes, with the name (for its media type) and time (for caching). */
	private static final class Loaded extends ByteArrayResource {

		private final String filename;

		private final long lastModified;

		Loaded(byte[] content, String filename, long lastModified) {
			super(content, filename);
			this.filename = filename;
			this.lastModified = lastModified;
		}

		@Override
		public String getFilename() {
			return filename;
		}

		@Override
		public long lastModified() {
			return lastModified;
		}

		@Override
		public boolean equals(Object other) {
			return this == other;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this);
		}

	}

}
