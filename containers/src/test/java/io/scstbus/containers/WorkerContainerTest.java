package io.scstbus.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scstbus.broker.EmbeddedKafkaBroker;
import io.scstbus.broker.KafkaBrokerExtension;
import io.scstbus.proto.Topics;
import io.scstbus.proto.v1.ScoreStatus;
import io.scstbus.trainer.bus.CandidateRewards;
import io.scstbus.trainer.bus.GroupRewards;
import io.scstbus.trainer.bus.KafkaRewardBus;
import io.scstbus.trainer.bus.StepRewards;
import io.scstbus.trainer.bus.TestRollouts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.ToStringConsumer;

/** A reward worker in its container scores the rollouts a trainer-side producer on the host publishes. */
@ExtendWith(KafkaBrokerExtension.class)
class WorkerContainerTest {

    private static final Topics TOPICS = Topics.withPrefix("container-worker.");
    private static final int IMAGES = 12;
    private static final List<String> SIGNALS = List.of("cider_d", "length");

    @BeforeAll
    static void docker() {
        LocalImages.requireDocker();
    }

    @Test
    void aWorkerContainerScoresEveryCandidateOfEveryGroup(EmbeddedKafkaBroker broker) throws Exception {
        Map<String, Object> client = LocalImages.busWithReferences(broker, TOPICS, IMAGES);
        ToStringConsumer output = new ToStringConsumer();
        try (GenericContainer<?> worker = LocalImages.worker(broker.bootstrapServers(), "cheap", String.join(",", SIGNALS),
                "container-1", output, "--topic-prefix", "container-worker.");
             KafkaRewardBus bus = new KafkaRewardBus(client, TOPICS, "container-run", Duration.ofSeconds(120))) {
            worker.start();
            for (int step = 1; step <= 2; step++) {
                StepRewards rewards = bus.exchange(step, TestRollouts.step("container-run", step, IMAGES, 3, SIGNALS));
                assertEquals(List.of(), rewards.dropped(), "step " + step + "; worker output:\n" + output.toUtf8String());
                assertEquals(IMAGES, rewards.complete().size(), "step " + step);
                for (GroupRewards group : rewards.complete().values()) {
                    List<CandidateRewards> candidates = new java.util.ArrayList<>(group.samples());
                    candidates.add(group.greedy());
                    for (CandidateRewards candidate : candidates) {
                        assertEquals(SIGNALS.size(), candidate.scores().size(), "scores of " + candidate);
                        candidate.scores().forEach((signal, score) -> assertEquals(ScoreStatus.OK, score.getStatus(),
                                signal + " of " + group.key() + ": " + score.getReason()));
                    }
                }
            }
        }
    }
}
