package dev.fugong.scanin.model;

/** Into or out of the place: residents scan both ways at a community's checkpoint. */
public enum Direction {

	IN, OUT

}
