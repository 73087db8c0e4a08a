package io.scstbus.rewards.worker;

import io.scstbus.proto.v1.ImageReferences;
import io.scstbus.proto.v1.ReferencesKey;
import io.scstbus.rewards.signals.TokenWindow;
import io.scstbus.rewards.signals.UnigramDistribution;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import io.scstbus.rewards.metrics.CorpusStats;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Scoring state of one stream task. vocab_kl windows: run id to the run's token window in a persistent, changelogged
 * key-value store, so a restarted or moved task continues where it was. A run's rollout groups are spread
 * over partitions by their key (run, step, image), so the window is per (run, task): it holds the last N
 * tokens of the run's groups that this partition received. Values are deterministic given the partition
 * count and the order of records in each partition, not the number of worker instances.
 *
 * <p>Recently used windows are also kept decoded in memory (the task owns the store, every write goes to
 * both), so a busy run is not decoded per record.
 */
final class StoreScoringState implements ScoringState {

    private static final int CACHED_RUNS = 64;

    private final KeyValueStore<String, byte[]> windows;
    private final ReadOnlyKeyValueStore<ReferencesKey, ImageReferences> references;
    private final TrainingReferences training;
    private final Function<String, List<String>> tokenizer;
    private final Map<String, TokenWindow> decoded = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TokenWindow> eldest) {
            return size() > CACHED_RUNS;
        }
    };

    /**
     * @param windows   the task's vocab_kl window store, or null when the group does not serve vocab_kl
     * @param tokenizer how vocab_kl tokenises captions (for the training unigrams)
     */
    StoreScoringState(KeyValueStore<String, byte[]> windows,
                      ReadOnlyKeyValueStore<ReferencesKey, ImageReferences> references, TrainingReferences training,
                      Function<String, List<String>> tokenizer) {
        this.windows = windows;
        this.references = references;
        this.training = training;
        this.tokenizer = tokenizer;
    }

    @Override
    public TokenWindow window(String runId, int capacity) {
        if (windows == null) {
            throw new IllegalStateException("no vocab_kl window store in this task (the group does not serve vocab_kl)");
        }
        TokenWindow window = decoded.get(runId);
        if (window == null || window.capacity() != capacity) {
            byte[] stored = windows.get(runId);
            window = stored == null ? new TokenWindow(capacity) : decode(stored, capacity, runId);
            decoded.put(runId, window);
        }
        return window;
    }

    @Override
    public void save(String runId, TokenWindow window) {
        decoded.put(runId, window);
        windows.put(runId, encode(window));
    }

    @Override
    public UnigramDistribution reference(String dataset) {
        return training.derive(dataset, "unigrams", references, refs -> UnigramDistribution.of(refs.stream()
                .flatMap(r -> r.getCaptionsList().stream()).map(tokenizer).toList()));
    }

    @Override
    public Optional<CorpusStats> corpusStats(String dataset) {
        return training.derive(dataset, "cider_d", references,
                refs -> refs.isEmpty() ? Optional.<CorpusStats>empty() : Optional.of(StandardSignals.corpusStats(refs)));
    }

    static byte[] encode(TokenWindow window) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            List<String> tokens = window.tokens();
            out.writeInt(tokens.size());
            for (String token : tokens) {
                out.writeUTF(token);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a vocab_kl window", e);
        }
        return bytes.toByteArray();
    }

    static TokenWindow decode(byte[] stored, int capacity, String runId) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
            int n = in.readInt();
            List<String> tokens = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                tokens.add(in.readUTF());
            }
            return TokenWindow.of(capacity, tokens);
        } catch (IOException e) {
            throw new UncheckedIOException("vocab_kl window of run '" + runId + "' in the state store is corrupt", e);
        }
    }
}
