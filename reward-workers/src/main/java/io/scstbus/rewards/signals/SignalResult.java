package io.scstbus.rewards.signals;

import java.util.Objects;

/**
 * One signal's verdict on one candidate. {@code value} is meaningful only when {@code status} is OK;
 * otherwise {@code reason} says why there is no value.
 */
public record SignalResult(Status status, double value, String reason, SignalDetails details) {

    public SignalResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(details, "details");
    }

    public static SignalResult ok(double value) {
        return new SignalResult(Status.OK, value, "", SignalDetails.NONE);
    }

    public static SignalResult ok(double value, SignalDetails details) {
        return new SignalResult(Status.OK, value, "", details);
    }

    public static SignalResult invalid(String reason) {
        return new SignalResult(Status.INVALID, 0.0, reason, SignalDetails.NONE);
    }

    public static SignalResult error(String reason) {
        return new SignalResult(Status.ERROR, 0.0, reason, SignalDetails.NONE);
    }

    public static SignalResult timeout(String reason) {
        return new SignalResult(Status.TIMEOUT, 0.0, reason, SignalDetails.NONE);
    }

    public boolean isOk() {
        return status == Status.OK;
    }
}
