package io.scstbus.rewards.signals;

/** An object whose count the candidate states differently from the reference. */
public record CountError(String object, int generated, int reference) {
}
