package dev.fugong.region.domain;

import reactor.core.publisher.Mono;

/**
 * Told after a region's risk changed, so that features that derived something from it
 * (the returnee feature's flags) derive it again. Implemented by other features.
 */
public interface RiskChangeListener {

	/**
	 * @param regionCode the region whose level changed (its sub-regions change with it)
	 */
	Mono<Void> riskChanged(String regionCode);

}
