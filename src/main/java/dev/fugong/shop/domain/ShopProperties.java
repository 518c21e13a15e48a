package dev.fugong.shop.domain;

import java.time.ZoneId;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of shops and the negative list ({@code fugong.shop}).
 *
 * @param zone the district's time zone: an item's days follow it
 * @param maxItems the most items the negative list takes in one version
 */
@Validated
@ConfigurationProperties("fugong.shop")
public record ShopProperties(@NotNull ZoneId zone, @Min(1) @Max(1000) int maxItems) {
}
