package io.scstbus.trainer.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The summary's view of one evaluation: the eight signals later checks read, null when the configured
 * scorer does not provide one, plus any other evaluated signal under {@code other}.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ValMetrics(
        @JsonProperty("cider_d") Double ciderD,
        @JsonProperty("bleu_4") Double bleu4,
        @JsonProperty("rouge_l") Double rougeL,
        @JsonProperty("sde") Double sde,
        @JsonProperty("count_abs") Double countAbs,
        @JsonProperty("count_signed") Double countSigned,
        @JsonProperty("oversight") Double oversight,
        @JsonProperty("hallucination") Double hallucination,
        @JsonProperty("other") Map<String, Double> other,
        @JsonProperty("images") int images) {

    public static ValMetrics of(EvalResult result) {
        Map<String, Double> other = new LinkedHashMap<>();
        result.signals().keySet().stream().filter(s -> !EvalConfig.SUMMARY_SIGNALS.contains(s))
                .forEach(s -> other.put(s, result.mean(s)));
        return new ValMetrics(result.mean("cider_d"), result.mean("bleu_4"), result.mean("rouge_l"), result.mean("sde"),
                result.mean("count_abs"), result.mean("count_signed"), result.mean("oversight"),
                result.mean("hallucination"), other, result.images());
    }

    /** Every evaluated signal's mean by name, summary signals first. */
    public Map<String, Double> all() {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("cider_d", ciderD);
        out.put("bleu_4", bleu4);
        out.put("rouge_l", rougeL);
        out.put("sde", sde);
        out.put("count_abs", countAbs);
        out.put("count_signed", countSigned);
        out.put("oversight", oversight);
        out.put("hallucination", hallucination);
        if (other != null) {
            out.putAll(other);
        }
        return out;
    }
}
