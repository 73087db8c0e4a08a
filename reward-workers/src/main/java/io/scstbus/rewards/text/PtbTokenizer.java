package io.scstbus.rewards.text;

import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.process.CoreLabelTokenFactory;
import edu.stanford.nlp.process.PTBTokenizer;
import edu.stanford.nlp.process.TokenizerFactory;
import java.io.Reader;
import java.io.StringReader;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * pycocoevalcap's tokenizer ({@code tokenizer/ptbtokenizer.py}): Penn Treebank tokenisation by Stanford
 * CoreNLP, lower-cased, then pycocoevalcap's punctuation tokens dropped.
 *
 * <p>Quirks kept on purpose, because published scores depend on them:
 * <ul>
 *   <li>Brackets survive as {@code -lrb-}/{@code -rrb-} (and {@code -lsb-}, {@code -lcb-}, ...): the
 *       Python list names the upper-case escapes, but CoreNLP has lower-cased them already.</li>
 *   <li>Clitics are split and kept: {@code it's -> it 's}, {@code isn't -> is n't}.</li>
 *   <li>Hyphenated words and {@code a/b} stay one token ({@code splitHyphenated=false,
 *       splitForwardSlash=false} make CoreNLP 4.5.10 behave like the 3.4.1 jar pycocoevalcap ships).</li>
 * </ul>
 * Where CoreNLP 4.5.10 and the 3.4.1 lexer differ on text seen in RSICD, the 3.4.1 result is restored:
 * <ul>
 *   <li>Characters outside the BMP (emoji) are dropped; 4.5.10 would keep them as tokens.</li>
 *   <li>{@code #} directly followed by one letter is one token ({@code p#q -> p #q}); 4.5.10 needs two.</li>
 *   <li>A backtick does not start a clitic ({@code color`s -> color s}); 4.5.10 gives {@code `s}.</li>
 * </ul>
 * With these, building document frequencies from all 43,670 RSICD train captions reproduces
 * {@code testdata/metrics/rsicd_train_df.tsv} exactly.
 * pycocoevalcap tokenises all captions of a call as lines of one text, and the 3.4.1 lexer looks past a
 * line end when deciding whether a final {@code X.} is an abbreviation. This class tokenises every
 * caption on its own, so a caption ending in such a token followed, in a pycocoevalcap batch, by a
 * capitalised caption can differ; no RSICD caption does.
 *
 * <p>Thread-safe: each thread has its own lexer, reset for every text. Building a lexer per caption (what
 * CoreNLP's factory does) parses the option string and allocates the lexer's buffer each time: a fifth of
 * a cheap-group worker's CPU in a JFR profile (BENCHMARKS.md, issue 17). The reset is JFlex's
 * {@code yyreset} on CoreNLP's package-private lexer, reached by reflection; should a CoreNLP version lack
 * it, every call builds its own lexer from the factory as before ({@link #reusesLexers()} says which).
 */
public final class PtbTokenizer implements Tokenizer {

    /**
     * CoreNLP options: the three of docs/design.md, no token-to-text inversion (offsets only), and unknown
     * characters dropped without logging.
     */
    public static final String OPTIONS =
            "invertible=false,ptb3Escaping=true,splitHyphenated=false,splitForwardSlash=false,untokenizable=noneDelete";

    /**
     * pycocoevalcap's {@code PUNCTUATIONS}, as they can match lower-cased tokens. The list also names
     * {@code -LRB- -RRB- -LCB- -RCB-}, which never match after lower-casing: that is the bracket quirk.
     */
    static final Set<String> PUNCTUATION =
            Set.of("''", "'", "``", "`", ".", "?", "!", ",", ":", "-", "--", "...", ";");

    /** Resets a PTBTokenizer's lexer to read a new text; null when this CoreNLP version does not allow it. */
    private static final LexerReset RESET = LexerReset.find();

    private final TokenizerFactory<CoreLabel> factory = PTBTokenizer.factory(new CoreLabelTokenFactory(), OPTIONS);
    private final ThreadLocal<PTBTokenizer<CoreLabel>> lexers = ThreadLocal.withInitial(
            () -> new PTBTokenizer<>(new StringReader(""), new CoreLabelTokenFactory(), OPTIONS));

    /** Whether each thread's lexer is reset and reused (true with the CoreNLP this project builds with). */
    public static boolean reusesLexers() {
        return RESET != null;
    }

    @Override
    public List<String> tokenize(String text) {
        Reader input = new StringReader(withoutAstralCharacters(text));
        List<CoreLabel> lexed;
        if (RESET != null) {
            PTBTokenizer<CoreLabel> tokenizer = lexers.get();
            RESET.reset(tokenizer, input);
            lexed = tokenizer.tokenize();
        } else {
            lexed = factory.getTokenizer(input).tokenize();
        }
        List<String> tokens = new ArrayList<>(lexed.size());
        for (int i = 0; i < lexed.size(); i++) {
            CoreLabel label = lexed.get(i);
            String word = label.word();
            if (word.equals("#") && i + 1 < lexed.size() && isSingleLetterRightAfter(label, lexed.get(i + 1))) {
                word = "#" + lexed.get(++i).word();
            } else if (word.length() > 1 && word.charAt(0) == '`' && isLetters(word.substring(1))) {
                word = word.substring(1);
            }
            String token = word.toLowerCase(Locale.ROOT);
            if (!PUNCTUATION.contains(token)) {
                tokens.add(token);
            }
        }
        return tokens;
    }

    private static boolean isSingleLetterRightAfter(CoreLabel previous, CoreLabel next) {
        String word = next.word();
        return next.beginPosition() == previous.endPosition()
                && word.codePointCount(0, word.length()) == 1 && Character.isLetter(word.codePointAt(0));
    }

    private static boolean isLetters(String text) {
        return text.codePoints().allMatch(Character::isLetter);
    }

    /** Replaces each supplementary code point by a space: the 3.4.1 lexer ends a token there and drops it. */
    static String withoutAstralCharacters(String text) {
        int length = text.length();
        int i = 0;
        while (i < length && !Character.isSurrogate(text.charAt(i))) {
            i++;
        }
        if (i == length) {
            return text;
        }
        StringBuilder out = new StringBuilder(length).append(text, 0, i);
        while (i < length) {
            int codePoint = text.codePointAt(i);
            out.append(Character.isBmpCodePoint(codePoint) && !Character.isSurrogate((char) codePoint)
                    ? (char) codePoint : ' ');
            i += Character.charCount(codePoint);
        }
        return out.toString();
    }

    /**
     * Puts a PTBTokenizer back to the state of a new one on another text: JFlex's {@code yyreset} clears the
     * lexer's position, buffer and lexical state; the previous token (kept for invertible tokenisation) and
     * the tokenizer's look-ahead token are cleared too, in case a call ended in an exception.
     */
    private record LexerReset(MethodHandle lexer, MethodHandle yyreset, MethodHandle previousWord,
                              MethodHandle lookAhead) {

        static LexerReset find() {
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                Field lexerField = PTBTokenizer.class.getDeclaredField("lexer");
                lexerField.setAccessible(true);
                Class<?> lexerClass = lexerField.getType();
                Method yyreset = lexerClass.getDeclaredMethod("yyreset", Reader.class);
                yyreset.setAccessible(true);
                Field previousWord = lexerClass.getDeclaredField("prevWord");
                previousWord.setAccessible(true);
                Field lookAhead = edu.stanford.nlp.process.AbstractTokenizer.class.getDeclaredField("nextToken");
                lookAhead.setAccessible(true);
                return new LexerReset(lookup.unreflectGetter(lexerField), lookup.unreflect(yyreset),
                        lookup.unreflectSetter(previousWord), lookup.unreflectSetter(lookAhead));
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }

        void reset(PTBTokenizer<CoreLabel> tokenizer, Reader input) {
            try {
                Object lexerOf = lexer.invoke(tokenizer);
                yyreset.invoke(lexerOf, input);
                previousWord.invoke(lexerOf, null);
                lookAhead.invoke(tokenizer, null);
            } catch (Throwable e) {
                throw new IllegalStateException("cannot reset CoreNLP's PTB lexer", e);
            }
        }
    }
}
