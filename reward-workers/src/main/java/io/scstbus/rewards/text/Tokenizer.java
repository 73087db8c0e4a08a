package io.scstbus.rewards.text;

import java.util.List;

/** Turns a caption into the tokens every metric and signal counts. Implementations are thread-safe. */
public interface Tokenizer {

    List<String> tokenize(String text);
}
