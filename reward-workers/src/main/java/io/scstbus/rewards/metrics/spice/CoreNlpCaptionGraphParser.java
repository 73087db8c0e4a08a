package io.scstbus.rewards.metrics.spice;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.ling.IndexedWord;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.scenegraph.RuleBasedParser;
import edu.stanford.nlp.scenegraph.SceneGraph;
import edu.stanford.nlp.scenegraph.SceneGraphCoreAnnotations;
import edu.stanford.nlp.scenegraph.SceneGraphAttribute;
import edu.stanford.nlp.scenegraph.SceneGraphNode;
import edu.stanford.nlp.scenegraph.SceneGraphRelation;
import edu.stanford.nlp.semgraph.SemanticGraph;
import edu.stanford.nlp.semgraph.SemanticGraphCoreAnnotations;
import edu.stanford.nlp.semgraph.SemanticGraphEdge;
import edu.stanford.nlp.semgraph.semgrex.SemgrexMatcher;
import edu.stanford.nlp.semgraph.semgrex.SemgrexPattern;
import edu.stanford.nlp.trees.UniversalEnglishGrammaticalRelations;
import edu.stanford.nlp.util.CoreMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * CoreNLP's rule-based scene-graph parser ({@code edu.stanford.nlp.scenegraph.RuleBasedParser}, the parser
 * SPICE 1.0 runs) over the pipeline its {@code AbstractSceneGraphParser} builds: tokenize, ssplit, the PCFG
 * constituency parser with its converted dependencies, lemma, ner (numbers: {@code two planes} becomes two
 * plane nodes). NER's fine-grained and entity-mention steps, which CoreNLP 3.6 (SPICE 1.0's) did not have and
 * the scene graph does not read, are off: they double the load time.
 *
 * <p>{@code RuleBasedParser} adds a node only through an attribute or a relation, so {@code two airplanes are
 * parked in an airport} (a passive: no pattern matches) would have no object at all. The objects it missed are
 * added by the scene-graph package's own entity rule ({@code EntityExtractor.ENTITY_PATTERN} in CoreNLP's
 * sources, not in the 4.5.10 jar; {@link #ENTITY} is it with UD v2's relation names): nouns heading a subject,
 * object, nominal modifier, clause, conjunct or compound, or the sentence, leaving out the first words of
 * collapsed compounds ({@code parking} of {@code parking lot}); an attribute the parser hangs on such a first
 * word goes to the compound ({@code white storage tank}: white on {@code storage}, here on {@code storage tank}).
 * Needs
 * {@code edu.stanford.nlp:stanford-corenlp:4.5.10:models} (474 MB) on the classpath; loading takes 20-40 s
 * on 2 cores and about 1 GB of heap. {@link #parseAll} runs CoreNLP on every core (its pipeline is thread-safe), the
 * scene-graph rules on the calling thread; one instance serves one thread at a time.
 */
public final class CoreNlpCaptionGraphParser implements CaptionGraphParser {

    /** The PCFG model in CoreNLP's models jar: present when the jar is on the classpath. */
    static final String MODEL_RESOURCE = "edu/stanford/nlp/models/lexparser/englishPCFG.ser.gz";
    /** The one command that fetches the models jar into the local Maven repository. */
    public static final String FETCH_COMMAND =
            "./mvnw dependency:get -Dartifact=edu.stanford.nlp:stanford-corenlp:4.5.10:jar:models -Dtransitive=false";

    /** A noun that names an object. */
    static final SemgrexPattern ENTITY = SemgrexPattern.compile("{tag:/NN.*/}=entity "
            + "[ </^(nsubj(:pass)?|[id]?obj|nmod.*|obl.*|acl|advcl|[xc]comp|conj.*|compound)$/ {} | == {$} ]");

    /** Captions annotated at once by {@link #parseAll}: bounds the parse trees held in memory. */
    private static final int BATCH = 256;

    private final StanfordCoreNLP pipeline;
    private final RuleBasedParser rules = new RuleBasedParser();
    private final int threads = Runtime.getRuntime().availableProcessors();

    private CoreNlpCaptionGraphParser(StanfordCoreNLP pipeline) {
        this.pipeline = pipeline;
    }

    /** Loads the pipeline; fails with a message naming the missing jar and the command that fetches it. */
    public static CoreNlpCaptionGraphParser load() {
        if (CoreNlpCaptionGraphParser.class.getClassLoader().getResource(MODEL_RESOURCE) == null) {
            throw new IllegalStateException("SPICE needs CoreNLP's models jar (edu.stanford.nlp:stanford-corenlp:"
                    + "4.5.10:models, 474 MB) on the classpath, and it is not there. bin/trainer evaluate --spice "
                    + "fetches it on first use; by hand: " + FETCH_COMMAND + ", then add ~/.m2/repository/edu/"
                    + "stanford/nlp/stanford-corenlp/4.5.10/stanford-corenlp-4.5.10-models.jar to the classpath");
        }
        Properties props = new Properties();
        props.setProperty("annotators", "tokenize,ssplit,parse,lemma,ner");
        props.setProperty("ner.applyFineGrained", "false");
        props.setProperty("ner.buildEntityMentions", "false");
        return new CoreNlpCaptionGraphParser(new StanfordCoreNLP(props));
    }

    @Override
    public CaptionGraph parse(String caption) {
        Annotation annotation = new Annotation(caption);
        pipeline.annotate(annotation);
        return graph(annotation);
    }

    @Override
    public List<CaptionGraph> parseAll(List<String> captions, LongConsumer parsed) {
        List<CaptionGraph> graphs = new ArrayList<>(captions.size());
        AtomicLong annotated = new AtomicLong();
        for (int start = 0; start < captions.size(); start += BATCH) {
            List<Annotation> batch = captions.subList(start, Math.min(captions.size(), start + BATCH)).stream()
                    .map(Annotation::new).toList();
            pipeline.annotate(batch, threads, annotation -> parsed.accept(annotated.incrementAndGet()));
            batch.forEach(annotation -> graphs.add(graph(annotation)));
        }
        return graphs;
    }

    private CaptionGraph graph(Annotation annotation) {
        List<String> objects = new ArrayList<>();
        List<CaptionGraph.Attribute> attributes = new ArrayList<>();
        List<CaptionGraph.Relation> relations = new ArrayList<>();
        for (CoreMap sentence : annotation.get(CoreAnnotations.SentencesAnnotation.class)) {
            SemanticGraph dependencies =
                    sentence.get(SemanticGraphCoreAnnotations.CollapsedCCProcessedDependenciesAnnotation.class);
            SceneGraph scene = rules.parse(dependencies); // enhances the dependencies in place
            SemgrexMatcher entities = ENTITY.matcher(dependencies);
            while (entities.findNextMatchingNode()) {
                IndexedWord entity = entities.getNode("entity");
                if (compoundHead(dependencies, entity) == null) {
                    scene.getOrAddNode(entity);
                }
            }
            for (SceneGraphNode node : scene.nodeListSorted()) {
                String name = objectName(dependencies, node.value());
                objects.add(name);
                for (SceneGraphAttribute attribute : node.getAttributes()) {
                    attributes.add(new CaptionGraph.Attribute(name, attribute.toString()));
                }
            }
            for (SceneGraphRelation relation : scene.relationListSorted()) {
                String predicate = relation.getRelation().strip();
                if (!predicate.isEmpty()) {
                    relations.add(new CaptionGraph.Relation(objectName(dependencies, relation.getSource().value()),
                            predicate, objectName(dependencies, relation.getTarget().value())));
                }
            }
        }
        return new CaptionGraph(objects, attributes, relations);
    }

    /**
     * A node's lemma (a collapsed compound's, {@code storage tank}); a compound's first word names its compound,
     * since the parser hangs adjectives on it ({@code white storage tank}: white on {@code storage}).
     */
    private static String objectName(SemanticGraph dependencies, IndexedWord word) {
        IndexedWord head = compoundHead(dependencies, word);
        return new SceneGraphNode(head == null ? word : head).toJSONString();
    }

    /** The head whose collapsed compound lemma includes {@code word}, or null. */
    private static IndexedWord compoundHead(SemanticGraph dependencies, IndexedWord word) {
        for (SemanticGraphEdge edge : dependencies.incomingEdgeIterable(word)) {
            if (edge.getRelation().equals(UniversalEnglishGrammaticalRelations.COMPOUND_MODIFIER)
                    && edge.getGovernor().containsKey(SceneGraphCoreAnnotations.CompoundLemmaAnnotation.class)) {
                return edge.getGovernor();
            }
        }
        return null;
    }
}
