package dev.fugong.enterprise.domain;

import java.time.Instant;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

@Table("zone")
public record Zone(@Id UUID id, UUID parentId, ZoneKind kind, String name, Instant createdAt) {
}
