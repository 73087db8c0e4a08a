package io.scstbus.rewards.graph;

/** A problem found while reading a graph: where (character offset into the input) and what. */
public record ParseError(int offset, String message) {

    @Override
    public String toString() {
        return "<" + offset + ">: " + message;
    }
}
