package io.scstbus.trainer.replay;

import io.scstbus.proto.v1.Candidate;
import io.scstbus.proto.v1.RolloutGroup;
import io.scstbus.proto.v1.SignalScore;
import io.scstbus.trainer.bus.CandidateRewards;
import io.scstbus.trainer.bus.GroupRewards;
import io.scstbus.trainer.scst.GroupReward;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One candidate caption of a step as replay reports it.
 *
 * @param status the group's: included, left_out or dropped
 * @param scores the joined scores by signal (absent where none arrived)
 * @param total the trainer's total reward, null unless the group was included
 * @param advantage the trainer's advantage, null for greedy captions and groups not included
 */
public record CandidateRow(long step, String imageId, int sampleIndex, boolean greedy, String status, int tokens,
                           String caption, Map<String, SignalScore> scores, Double total, Double advantage) {

    /**
     * The rows of one step in the file order: image id, then samples by index, then the greedy caption.
     * Groups come sorted by image id from {@link StepAssembler}.
     */
    static List<CandidateRow> of(ScoredStep scored) {
        Map<io.scstbus.proto.v1.RolloutKey, GroupReward> totals = scored.totals();
        List<CandidateRow> rows = new ArrayList<>();
        for (RolloutGroup group : scored.joined().groups()) {
            var key = group.getKey();
            GroupRewards joined = scored.joined().complete().get(key);
            GroupReward total = totals.get(key);
            double[] advantages = scored.advantages().get(key);
            String status = scored.status(key);
            List<Candidate> samples = group.getSamplesList().stream()
                    .sorted(java.util.Comparator.comparingInt(Candidate::getSampleIndex)).toList();
            for (Candidate c : samples) {
                int position = group.getSamplesList().indexOf(c);
                rows.add(new CandidateRow(key.getStep(), key.getImageId(), c.getSampleIndex(), false, status,
                        c.getTokenCount(), c.getText(), scoresOf(joined, c, false),
                        total == null ? null : total.samples()[position],
                        advantages == null ? null : advantages[position]));
            }
            if (group.hasGreedy()) {
                Candidate g = group.getGreedy();
                rows.add(new CandidateRow(key.getStep(), key.getImageId(), g.getSampleIndex(), true, status,
                        g.getTokenCount(), g.getText(), scoresOf(joined, g, true),
                        total == null ? null : total.greedy(), null));
            }
        }
        return rows;
    }

    private static Map<String, SignalScore> scoresOf(GroupRewards joined, Candidate c, boolean greedy) {
        if (joined == null) {
            return Map.of();
        }
        if (greedy) {
            return joined.greedy() == null ? Map.of() : joined.greedy().scores();
        }
        for (CandidateRewards r : joined.samples()) {
            if (r.sampleIndex() == c.getSampleIndex()) {
                return r.scores();
            }
        }
        return Map.of();
    }

    /** 1 - distinct/total over the caption's lowercased words: 0 for no repeated word. */
    double repetition() {
        String[] words = caption.trim().toLowerCase(java.util.Locale.ROOT).split("\\s+");
        if (caption.isBlank() || words.length == 0) {
            return 0.0;
        }
        return 1.0 - (double) java.util.Arrays.stream(words).distinct().count() / words.length;
    }
}
