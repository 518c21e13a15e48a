package dev.fugong.guide.model;

/**
 * A day's figures of an enterprise's staff, as a guide reports them (指导员日报).
 *
 * @param returned staff back at work (已返岗)
 * @param planned staff planned to return (计划返岗)
 * @param local of those back, from the city (本地)
 * @param outOfTown of those back, from outside the city (外地)
 * @param inObservation staff in medical observation (隔离医学观察), not at work
 */
public record Figures(int returned, int planned, int local, int outOfTown, int inObservation) {
}
