package io.scstbus.rewards.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scstbus.rewards.TestData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PtbTokenizerTest {

    private final PtbTokenizer tokenizer = new PtbTokenizer();

    private String tokenize(String caption) {
        return String.join(" ", tokenizer.tokenize(caption));
    }

    @Test
    void matchesPycocoevalcapOnEveryVectorCaption() throws Exception {
        JsonNode root = new ObjectMapper().readTree(TestData.data("metrics/vectors.json").toFile());
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (JsonNode suite : root.get("suites")) {
            for (JsonNode item : suite.get("items")) {
                JsonNode ptb = item.get("ptb");
                List<String[]> pairs = new ArrayList<>();
                pairs.add(new String[] {item.get("candidate").asText(), ptb.get("candidate_tokenized").asText()});
                for (int i = 0; i < item.get("references").size(); i++) {
                    pairs.add(new String[] {item.get("references").get(i).asText(),
                        ptb.get("references_tokenized").get(i).asText()});
                }
                for (String[] pair : pairs) {
                    checked++;
                    if (!tokenize(pair[0]).equals(pair[1])) {
                        mismatches.add(item.get("id").asText() + ": '" + tokenize(pair[0]) + "' != '" + pair[1] + "'");
                    }
                }
            }
        }
        assertEquals(List.of(), mismatches, "of " + checked + " captions");
    }

    @Test
    void bracketsSurviveAsLowerCaseEscapes() {
        assertEquals("waste in the bareland -lrb- 2", tokenize("waste in the bareland (2 ."));
        assertEquals("planes -lrb- parked -rrb- -lsb- x -rsb-", tokenize("planes (parked) [x]"));
    }

    @Test
    void cliticsAreSplitAndKept() {
        assertEquals("it 's the airport 's runway is n't it", tokenize("it's the airport's runway , isn't it ?"));
        assertEquals("ca n't", tokenize("can't"));
    }

    @Test
    void hyphensSlashesAndNumbersStayWhole() {
        assertEquals("a well-known north-south runway and/or 1/2 km 10:30 3.5 km 1,000",
                tokenize("a well-known north-south runway and/or 1/2 km 10:30 3.5km 1,000"));
    }

    @Test
    void punctuationTokensAreDropped() {
        assertEquals("he said stop it yes very big",
                tokenize("He said, \u201cstop \u2014 it\u201d; 'yes': very... big!"));
    }

    @Test
    void runsOfExclamationMarksAreKept() {
        assertEquals("terminal !!! big ?!", tokenize("terminal!!! big?!"));
    }

    @Test
    void charactersOutsideTheBmpAreDroppedLikeTheOldLexer() {
        assertEquals("a plane \u2708 near the runway", tokenize("a plane \u2708 \ud83d\ude00 near the runway"));
        assertEquals("nice day", tokenize("nice\ud83d\ude00day"));
    }

    @Test
    void hashAndOneLetterStayTogetherAsInTheOldLexer() {
        assertEquals("a building like p #q in it", tokenize("a building like p#q in it ."));
        assertEquals("# 3 #ab", tokenize("#3 #ab"));
    }

    @Test
    void backtickIsNotAnApostropheAsInTheOldLexer() {
        assertEquals("in all color s cars", tokenize("in all color`s cars ."));
        assertEquals("hello", tokenize("``hello''"));
    }

    @Test
    void emptyAndBlankCaptionsHaveNoTokens() {
        assertEquals(List.of(), tokenizer.tokenize(""));
        assertEquals(List.of(), tokenizer.tokenize(" \t\n "));
        assertEquals(List.of(), tokenizer.tokenize(". , ; --"));
    }

    @ParameterizedTest(name = "default locale {0}")
    @ValueSource(strings = {"en", "tr"})
    void lowerCasesTheSameUnderAnyDefaultLocale(String languageTag) {
        Locale previous = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag(languageTag));
            assertEquals("many planes are in an airport it is big",
                    tokenize("MANY PLANES ARE IN AN AIRPORT. IT IS BIG"));
        } finally {
            Locale.setDefault(previous);
        }
    }

    @Test
    void givesTheSameTokensFromManyThreads() throws Exception {
        List<String> captions = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            captions.add("There are " + i + " planes (parked) near the airport's terminal, isn't it?");
        }
        List<List<String>> sequential = captions.stream().map(tokenizer::tokenize).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (String caption : captions) {
                futures.add(pool.submit(() -> tokenizer.tokenize(caption)));
            }
            for (int i = 0; i < captions.size(); i++) {
                assertEquals(sequential.get(i), futures.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void reusesOneLexerPerThread() {
        assertTrue(PtbTokenizer.reusesLexers(), "CoreNLP's PTB lexer could not be reset; every caption builds one");
    }

    @Test
    void aReusedLexerTokenisesEachCaptionAsIfAlone() {
        // what one caption leaves in the lexer (an open quote, an abbreviation at the end, a bracket, an
        // untokenisable character) must not reach the next one
        List<String> captions = List.of("he said \"stop", "Planes near St.", "Airport (left", "a \u0001 b",
                "It's near the U.S.", "\u2018quoted", "Two planes. Three cars.");
        List<String> alone = new ArrayList<>();
        for (String caption : captions) {
            alone.add(String.join(" ", new PtbTokenizer().tokenize(caption)));
        }
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < captions.size(); i++) {
                assertEquals(alone.get(i), tokenize(captions.get(i)), captions.get(i));
            }
        }
    }
}
