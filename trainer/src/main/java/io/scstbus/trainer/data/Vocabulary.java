package io.scstbus.trainer.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Word ids for the captioner. Ids 0..3 are {@code <pad>}, {@code <bos>}, {@code <eos>},
 * {@code <unk>}; the words follow by descending training count, ties alphabetically, so the same
 * captions always give the same ids. Immutable.
 */
public final class Vocabulary {

    public static final String PAD = "<pad>";
    public static final String BOS = "<bos>";
    public static final String EOS = "<eos>";
    public static final String UNK = "<unk>";
    public static final int PAD_ID = 0;
    public static final int BOS_ID = 1;
    public static final int EOS_ID = 2;
    public static final int UNK_ID = 3;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> tokens;
    private final Map<String, Integer> ids;

    public Vocabulary(List<String> tokens) {
        if (tokens.size() < 4 || !tokens.subList(0, 4).equals(List.of(PAD, BOS, EOS, UNK))) {
            throw new IllegalArgumentException("vocabulary must start with " + List.of(PAD, BOS, EOS, UNK)
                    + ", got " + tokens.subList(0, Math.min(4, tokens.size())));
        }
        this.tokens = List.copyOf(tokens);
        Map<String, Integer> map = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (map.put(tokens.get(i), i) != null) {
                throw new IllegalArgumentException("vocabulary lists '" + tokens.get(i) + "' twice");
            }
        }
        this.ids = Map.copyOf(map);
    }

    /** Words seen at least {@code minCount} times in {@code captions} (already tokenised). */
    public static Vocabulary build(Collection<List<String>> captions, int minCount) {
        if (minCount < 1) {
            throw new IllegalArgumentException("vocabulary min count must be >= 1, got " + minCount);
        }
        Map<String, Integer> counts = new HashMap<>();
        for (List<String> caption : captions) {
            for (String word : caption) {
                counts.merge(word, 1, Integer::sum);
            }
        }
        List<String> words = new ArrayList<>();
        counts.forEach((word, count) -> {
            if (count >= minCount && !word.startsWith("<")) {
                words.add(word);
            }
        });
        words.sort((a, b) -> {
            int byCount = Integer.compare(counts.get(b), counts.get(a));
            return byCount != 0 ? byCount : a.compareTo(b);
        });
        List<String> all = new ArrayList<>(List.of(PAD, BOS, EOS, UNK));
        all.addAll(words);
        return new Vocabulary(all);
    }

    public int size() {
        return tokens.size();
    }

    public int id(String word) {
        return ids.getOrDefault(word, UNK_ID);
    }

    public String word(int id) {
        return tokens.get(id);
    }

    public List<String> tokens() {
        return tokens;
    }

    public int[] encode(List<String> words) {
        int[] out = new int[words.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = id(words.get(i));
        }
        return out;
    }

    /** The words before the first {@code <eos>}, specials left out, joined by single spaces. */
    public String decode(int[] ids) {
        StringBuilder text = new StringBuilder();
        for (int id : ids) {
            if (id == EOS_ID) {
                break;
            }
            if (id <= UNK_ID) {
                continue;
            }
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(tokens.get(id));
        }
        return text.toString();
    }

    /** Tokens the policy generated before {@code <eos>} (the wire's {@code token_count}). */
    public static int lengthBeforeEos(int[] ids) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == EOS_ID) {
                return i;
            }
        }
        return ids.length;
    }

    public String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.putPOJO("tokens", tokens);
        return node.toString();
    }

    public static Vocabulary fromJson(String json) throws IOException {
        JsonNode node = JSON.readTree(json);
        List<String> tokens = new ArrayList<>();
        node.path("tokens").forEach(t -> tokens.add(t.asText()));
        return new Vocabulary(tokens);
    }

    public void save(Path file) throws IOException {
        java.nio.file.Files.writeString(file, toJson());
    }

    public static Vocabulary load(Path file) throws IOException {
        return fromJson(java.nio.file.Files.readString(file));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && v.tokens.equals(tokens);
    }

    @Override
    public int hashCode() {
        return tokens.hashCode();
    }
}
