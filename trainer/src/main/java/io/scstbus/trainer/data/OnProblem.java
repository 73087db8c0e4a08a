package io.scstbus.trainer.data;

/** What the loader does with a missing image, an unreadable file or an image without captions. */
public enum OnProblem {
    /** Stop with an error naming the image and the file. */
    FAIL,
    /** Leave the image out, count it and report it in the {@link LoadReport}. */
    SKIP
}
