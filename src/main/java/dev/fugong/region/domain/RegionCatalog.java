package dev.fugong.region.domain;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The administrative division codes of GB/T 2260 (provinces, prefectures, counties: 3,351
 * codes with their names), shipped as data in {@code regions/gb2260.csv} (from the
 * {@code china-division} package, MIT) and held in memory: a region code in a request is
 * checked here, without a database round trip.
 */
@Component
public class RegionCatalog {

	private static final String RESOURCE = "regions/gb2260.csv";

	private final Map<String, Region> regions;

	private final Map<String, List<Region>> children;

	RegionCatalog() {
		Map<String, Region> loaded = new LinkedHashMap<>();
		Map<String, List<Region>> byParent = new LinkedHashMap<>();
		try (Reader reader = new InputStreamReader(new ClassPathResource(RESOURCE).getInputStream(),
				StandardCharsets.UTF_8)) {
			for (CSVRecord record : CSVFormat.DEFAULT.builder()
				.setHeader()
				.setSkipHeaderRecord(true)
				.get()
				.parse(reader)) {
				String parent = record.get("parent");
				Region region = new Region(record.get("code"), record.get("name"), parent.isEmpty() ? null : parent);
				loaded.put(region.code(), region);
				byParent.computeIfAbsent(parent, key -> new ArrayList<>()).add(region);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The region table " + RESOURCE + " is missing", ex);
		}
		this.regions = Collections.unmodifiableMap(loaded);
		this.children = Collections.unmodifiableMap(byParent);
	}

	public boolean exists(String code) {
		return code != null && regions.containsKey(code);
	}

	public Region get(String code) {
		return code == null ? null : regions.get(code);
	}

	/** The region's code and its ancestors' codes, the region first. */
	public List<String> chain(String code) {
		List<String> chain = new ArrayList<>(3);
		Region region = regions.get(code);
		while (region != null) {
			chain.add(region.code());
			region = region.parent() == null ? null : regions.get(region.parent());
		}
		return chain;
	}

	/**
	 * The name as people read it: province, prefecture and county, leaving out the
	 * placeholders 市辖区 and 县 that stand for a municipality's own districts.
	 */
	public String fullName(String code) {
		List<String> chain = chain(code);
		if (chain.isEmpty()) {
			return null;
		}
		StringBuilder name = new StringBuilder();
		for (int i = chain.size() - 1; i >= 0; i--) {
			String part = regions.get(chain.get(i)).name();
			if (part.equals("市辖区") || part.equals("县") || part.endsWith("直辖县级行政区划")) {
				continue;
			}
			name.append(part);
		}
		return name.toString();
	}

	/** Regions directly under {@code parent} (provinces when null), in code order. */
	public List<Region> children(String parent) {
		return children.getOrDefault(parent == null ? "" : parent, List.of());
	}

	/** Regions whose name contains {@code text}, at most {@code limit}, in code order. */
	public List<Region> search(String text, int limit) {
		return regions.values().stream().filter(region -> region.name().contains(text)).limit(limit).toList();
	}

	public int size() {
		return regions.size();
	}

	/** One GB/T 2260 division. */
	public record Region(String code, String name, String parent) {
	}

}
