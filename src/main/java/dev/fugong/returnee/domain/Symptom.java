package dev.fugong.returnee.domain;

/** Symptoms a health report can declare (seed 004: 发热、咳嗽等症状). */
public enum Symptom {

	FEVER("发热"), COUGH("咳嗽"), FATIGUE("乏力"), SORE_THROAT("咽痛"), SHORTNESS_OF_BREATH("气促"), DIARRHEA("腹泻"),
	LOSS_OF_TASTE_OR_SMELL("嗅觉味觉减退"), OTHER("其他不适");

	private final String label;

	Symptom(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}

}
