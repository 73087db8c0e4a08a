package io.scstbus.rewards.signals;

import com.github.benmanes.caffeine.cache.Cache;
import io.scstbus.rewards.metrics.CaptionTokens;
import io.scstbus.rewards.metrics.CiderD;
import io.scstbus.rewards.metrics.CorpusStats;
import io.scstbus.rewards.text.Tokenizer;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * CIDEr-D against the image's reference captions with fixed document frequencies (self-critical.pytorch's
 * reward). The version names the df table's fingerprint, so a result records which table scored it.
 */
public final class CiderDSignal extends ReferenceMetricSignal {

    public static final String NAME = "cider_d";

    private final CiderD ciderD;
    private final Cache<List<CaptionTokens>, CiderD.References> read = perImageCache();

    public CiderDSignal(CorpusStats stats, Tokenizer tokenizer) {
        this(stats, new ReferenceTokens(tokenizer));
    }

    /** With a token cache shared with the other text-metric signals. */
    public CiderDSignal(CorpusStats stats, ReferenceTokens tokens) {
        super(NAME, "CIDEr-D (n=1..4, sigma 6, x10) with document frequencies fixed from "
                        + Objects.requireNonNull(stats, "stats").documents() + " training images",
                "cider_d/1 df=" + stats.documents() + ":" + stats.fingerprint(), tokens);
        this.ciderD = new CiderD(stats);
    }

    @Override
    protected SignalResult score(CaptionTokens candidate, List<CaptionTokens> references) {
        List<String> words = candidate.words();
        CiderD.Result result = ciderD.evaluate(words, read.get(references,
                refs -> ciderD.references(refs.stream().map(CaptionTokens::words).toList())));
        double[] orders = result.byOrder();
        return SignalResult.ok(result.score(), SignalDetails.extra(Map.of(
                "cider_d_1", orders[0],
                "cider_d_2", orders[1],
                "cider_d_3", orders[2],
                "cider_d_4", orders[3],
                "candidate_tokens", (double) words.size(),
                "references", (double) references.size())));
    }
}
