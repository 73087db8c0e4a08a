package io.scstbus.rewards.signals;

/** Token counts of a window of generated tokens: what vocab_kl compares with the training distribution. */
public interface WindowCounts {

    /** How often {@code token} occurs in the window. */
    int count(String token);

    /** Tokens in the window. */
    long total();
}
