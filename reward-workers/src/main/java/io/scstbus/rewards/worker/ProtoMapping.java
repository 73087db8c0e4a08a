package io.scstbus.rewards.worker;

import io.scstbus.proto.v1.ImageReferences;
import io.scstbus.proto.v1.ScoreStatus;
import io.scstbus.proto.v1.SignalScore;
import io.scstbus.rewards.signals.CountError;
import io.scstbus.rewards.signals.ReferenceContext;
import io.scstbus.rewards.signals.Signal;
import io.scstbus.rewards.signals.SignalDetails;
import io.scstbus.rewards.signals.SignalResult;
import io.scstbus.rewards.signals.Status;

/** Maps between the wire messages and the pure signal API; the only place that knows both. */
public final class ProtoMapping {

    private ProtoMapping() {
    }

    public static ReferenceContext toContext(ImageReferences refs) {
        return new ReferenceContext(refs.getDataset(), refs.getImageId(), refs.getCaptionsList(),
                refs.getCountsMap(), refs.getSceneGraphsList());
    }

    public static SignalScore toProto(Signal signal, SignalResult result, double latencyMs) {
        SignalScore.Builder score = SignalScore.newBuilder()
                .setSignal(signal.name())
                .setStatus(toProto(result.status()))
                .setReason(result.reason())
                .setScorerVersion(signal.version())
                .setLatencyMs(latencyMs);
        if (result.isOk()) {
            score.setValue(result.value());
        }
        if (!result.details().equals(SignalDetails.NONE)) {
            score.setDetails(toProto(result.details()));
        }
        return score.build();
    }

    public static io.scstbus.proto.v1.SignalDetails toProto(SignalDetails details) {
        io.scstbus.proto.v1.SignalDetails.Builder b = io.scstbus.proto.v1.SignalDetails.newBuilder()
                .addAllMatched(details.matched())
                .addAllMissing(details.missing())
                .addAllHallucinated(details.hallucinated())
                .putAllExtra(details.extra());
        for (CountError error : details.countErrors()) {
            b.addCountErrors(io.scstbus.proto.v1.CountError.newBuilder()
                    .setObject(error.object()).setGenerated(error.generated()).setReference(error.reference()));
        }
        for (CountError pair : details.counted()) {
            b.addCounted(io.scstbus.proto.v1.CountError.newBuilder()
                    .setObject(pair.object()).setGenerated(pair.generated()).setReference(pair.reference()));
        }
        return b.build();
    }

    public static ScoreStatus toProto(Status status) {
        return switch (status) {
            case OK -> ScoreStatus.OK;
            case TIMEOUT -> ScoreStatus.TIMEOUT;
            case ERROR -> ScoreStatus.ERROR;
            case INVALID -> ScoreStatus.INVALID;
        };
    }
}
