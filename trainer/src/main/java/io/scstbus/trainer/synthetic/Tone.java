package io.scstbus.trainer.synthetic;

/** The colour of an object kind in one scene; all objects of a kind in a scene share it. */
public enum Tone {
    WHITE("white"),
    GRAY("gray"),
    GREEN("green"),
    BLUE("blue"),
    RED("red");

    private final String adjective;

    Tone(String adjective) {
        this.adjective = adjective;
    }

    /** The colour word a caption may use, e.g. {@code white storage tanks}. */
    public String adjective() {
        return adjective;
    }
}
