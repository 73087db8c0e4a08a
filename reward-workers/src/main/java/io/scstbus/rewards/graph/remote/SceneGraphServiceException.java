package io.scstbus.rewards.graph.remote;

import io.grpc.Status;

/**
 * A call to a remote {@code SceneGraphService} failed; the message names the target, the gRPC status and
 * what it means (unreachable, too slow, rejected). An {@link IllegalStateException} so command-line code
 * that reports an unavailable backend handles it like the others.
 */
public final class SceneGraphServiceException extends IllegalStateException {

    private final String target;
    private final Status.Code code;

    SceneGraphServiceException(String target, Status.Code code, String message, Throwable cause) {
        super(message, cause);
        this.target = target;
        this.code = code;
    }

    /** The service address, as given to the client. */
    public String target() {
        return target;
    }

    /** The gRPC status of the failed call. */
    public Status.Code code() {
        return code;
    }
}
