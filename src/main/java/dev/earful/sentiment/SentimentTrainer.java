package dev.earful.sentiment;

import dev.earful.domain.Analysis;
import dev.earful.domain.Polarity;
import dev.earful.domain.Sentence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.util.CollectionObjectStream;
import opennlp.tools.util.TrainingParameters;

/**
 * Trains the sentiment model: OpenNLP's document categorizer over {@link SentimentFeatures}, with
 * maxent (GIS) or naive Bayes. Single-threaded and fed in a fixed order, so the same samples give
 * the same model.
 */
public final class SentimentTrainer {

  /** The seed of every split and sample of the default training. */
  public static final long DEFAULT_SEED = 20261122L;

  /** The two learners OpenNLP's document categorizer offers. */
  public enum Algorithm {
    /** Maxent trained by GIS, no regularisation beyond the feature cutoff. */
    MAXENT,
    /** Maxent trained by L-BFGS with L1 and L2 regularisation. */
    MAXENT_QN,
    NAIVEBAYES
  }

  /**
   * A way to train the fast model: an algorithm and OpenNLP training parameters beyond the defaults
   * (e.g. {@code L2Cost}, {@code Cutoff}), so recipes can be compared by name.
   */
  public record Recipe(String name, Algorithm algorithm, Map<String, String> parameters) {

    /** "MAXENT" or "MAXENT_QN:L2Cost=1,L1Cost=0": an algorithm and its parameters. */
    public static Recipe parse(String spec) {
      String[] parts = spec.split(":", 2);
      Map<String, String> params = new java.util.TreeMap<>();
      if (parts.length == 2) {
        for (String kv : parts[1].split(",")) {
          String[] p = kv.split("=", 2);
          if (p.length != 2) {
            throw new IllegalArgumentException("not key=value: '" + kv + "' in '" + spec + "'");
          }
          params.put(p[0].trim(), p[1].trim());
        }
      }
      return new Recipe(spec, Algorithm.valueOf(parts[0].trim()), params);
    }

    /** The recipe of {@code algorithm} with the default parameters. */
    public static Recipe of(Algorithm algorithm) {
      return new Recipe(algorithm.name(), algorithm, Map.of());
    }

    /** The blend weight of a word-embedding stage ({@code words=0.5}), NaN for none. */
    public double wordMix() {
      String w = parameters.get(WORDS);
      return w == null ? Double.NaN : Double.parseDouble(w);
    }

    /**
     * Whether the word stage reads clauses with a negator ({@code negations=read}, or {@code
     * skip}); null when the recipe does not say.
     */
    public Boolean wordNegations() {
      return flag(NEGATIONS, "read", "skip");
    }

    /**
     * Whether lexicon-free sentences judging with an adjective take their review's label ({@code
     * predicates=label}, or {@code skip}); null when the recipe does not say.
     */
    public Boolean predicates() {
      return flag(PREDICATES, "label", "skip");
    }

    /**
     * Whether the review sentences that take their review's label by judging with an adjective
     * ({@code predicates=label}) are kept as often positive as negative ({@code judgements=even},
     * {@link WeakSamples#capped(double, boolean)}), or drawn like every other sentence ({@code
     * judgements=drawn}); null when the recipe does not say.
     */
    public Boolean evenJudgements() {
      return flag(JUDGEMENTS, "even", "drawn");
    }

    /** A yes/no key of the recipe: true for {@code yes}, false for {@code no}, null when absent. */
    private Boolean flag(String key, String yes, String no) {
      String v = parameters.get(key);
      if (v == null) {
        return null;
      }
      if (v.equals(yes) || v.equals(no)) {
        return v.equals(yes);
      }
      throw new IllegalArgumentException(
          key + " must be " + yes + " or " + no + ", got '" + v + "' in '" + name + "'");
    }

    /**
     * The review sentences' label cap ({@code balance=3}: three times the rarest), NaN: default.
     */
    public double balance() {
      String b = parameters.get(BALANCE);
      return b == null ? Double.NaN : Double.parseDouble(b);
    }

    /**
     * How many draws of the review sentences train one model ({@code draws=4}, 1 by default): the
     * union of that many draws, each capped as one draw is ({@link WeakSamples#capped(double,
     * boolean)}), with every other source repeated as many times more, so each part weighs what it
     * weighs in one draw and a sentence weighs the share of draws that kept it. Session 13 measured
     * that one draw of a 9% sample of the positive review sentences moves the dev rows by 0.5 to
     * 1.3 points (sd); a union of draws averages that out.
     */
    public int draws() {
      String v = parameters.get(DRAWS);
      if (v == null) {
        return 1;
      }
      int n = Integer.parseInt(v);
      if (n < 1) {
        throw new IllegalArgumentException(
            DRAWS + " must be at least 1, got '" + v + "' in '" + name + "'");
      }
      return n;
    }

    /** The fast model alone (OpenNLP's part of the recipe). */
    public SentimentModel train(List<DocumentSample> samples) {
      return SentimentTrainer.train(samples, algorithm, openNlpParameters());
    }

    /** The recipe's OpenNLP training parameters: its keys without the project's own. */
    Map<String, String> openNlpParameters() {
      Map<String, String> openNlp = new java.util.TreeMap<>(parameters);
      // Every sample is there draws() times as often, so the feature cutoff counts that many
      // times more for the same rule (GIS itself reads only shares of the counts).
      if (draws() > 1) {
        openNlp.putIfAbsent(TrainingParameters.CUTOFF_PARAM, Integer.toString(CUTOFF * draws()));
      }
      openNlp.remove(DRAWS);
      openNlp.remove(WORDS);
      openNlp.remove(NEGATIONS);
      openNlp.remove(BALANCE);
      openNlp.remove(PREDICATES);
      openNlp.remove(JUDGEMENTS);
      openNlp.remove(SPREAD);
      openNlp.remove(UNSEEN);
      openNlp.remove(STAGE);
      openNlp.remove(ENCODER);
      openNlp.remove(STAGE_MIX_KEY);
      openNlp.remove(THRESHOLD);
      openNlp.remove(NEUTRAL);
      openNlp.remove(NEGATED);
      return openNlp;
    }

    /**
     * The number of training sources ({@code spread=2}: the women's reviews, each labelled-sentence
     * file, the hand-labelled sentences) a word must occur in to be a word feature of the maxent
     * model; 0 when the recipe does not say (every word is).
     */
    public int spread() {
      String v = parameters.get(SPREAD);
      return v == null ? 0 : Integer.parseInt(v);
    }

    /**
     * How the word stage's weight follows the clause's words the maxent model did not learn ({@code
     * unseen=floor}, {@code shift} or {@code fixed}, {@link WordEmbeddingStage.Unseen}); null when
     * the recipe does not say.
     */
    public WordEmbeddingStage.Unseen unseen() {
      String v = parameters.get(UNSEEN);
      if (v == null) {
        return null;
      }
      try {
        return WordEmbeddingStage.Unseen.valueOf(v.toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            UNSEEN + " must be fixed, floor or shift, got '" + v + "' in '" + name + "'", e);
      }
    }

    /**
     * Whether each model also gets the MiniLM embedding stage, fitted on the same samples, and is
     * scored as the cascade ({@code stage=cascade}, or {@code fast}, the default).
     */
    public boolean cascade() {
      return Boolean.TRUE.equals(flag(STAGE, "cascade", "fast"));
    }

    /**
     * The sentence encoder of the embedding stage with {@code stage=cascade}: {@code encoder=bge}
     * (bge-small-en-v1.5, the default, the shipped stage's, whose settings are the defaults of the
     * other stage keys) or {@code encoder=minilm} (all-MiniLM-L6-v2).
     */
    public dev.earful.embed.SentenceEncoder stageEncoder() {
      try {
        return SentimentTrainer.stageEncoder(parameters.getOrDefault(ENCODER, "bge"));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            ENCODER + " " + e.getMessage() + " in '" + name + "'", e);
      }
    }

    /**
     * The embedding stage's blend weight and threshold at scoring time ({@code stagemix=0.7},
     * {@code threshold=0.95}); NaN where the recipe does not say ({@link
     * SentimentTrainer#STAGE_MIX} and {@link SentimentTrainer#STAGE_THRESHOLD} then apply).
     */
    public double stageMix() {
      String v = parameters.get(STAGE_MIX_KEY);
      return v == null ? Double.NaN : Double.parseDouble(v);
    }

    /**
     * Whether the stage refines only the lean, the fast model's neutral kept ({@code
     * neutral=fast}), or every label ({@code neutral=blend}); null where the recipe does not say.
     */
    public Boolean stagePolarOnly() {
      return flag(NEUTRAL, "fast", "blend");
    }

    /**
     * Whether the stage also refines clauses with a negator ({@code negated=stage}) or leaves them
     * to the fast model ({@code negated=fast}); null where the recipe does not say.
     */
    public Boolean stageReadsNegations() {
      return flag(NEGATED, "stage", "fast");
    }

    /** See {@link #stageMix()}. */
    public double stageThreshold() {
      String v = parameters.get(THRESHOLD);
      return v == null ? Double.NaN : Double.parseDouble(v);
    }

    /** This recipe with the fast model alone ({@code stage=} and its keys removed). */
    Recipe withoutStage() {
      Map<String, String> p = new java.util.TreeMap<>(parameters);
      p.remove(STAGE);
      p.remove(ENCODER);
      return new Recipe(algorithm.name() + p, algorithm, p);
    }

    /** This recipe without its scoring-time keys: what a trained model depends on. */
    Recipe trained() {
      Map<String, String> p = new java.util.TreeMap<>(parameters);
      p.remove(UNSEEN);
      p.remove(STAGE_MIX_KEY);
      p.remove(THRESHOLD);
      p.remove(NEUTRAL);
      p.remove(NEGATED);
      return new Recipe(algorithm.name() + p, algorithm, p);
    }

    static final String DRAWS = "draws";
    static final String UNSEEN = "unseen";
    static final String STAGE = "stage";
    static final String ENCODER = "encoder";
    static final String STAGE_MIX_KEY = "stagemix";
    static final String THRESHOLD = "threshold";
    static final String NEUTRAL = "neutral";
    static final String NEGATED = "negated";
    static final String SPREAD = "spread";
    static final String WORDS = "words";
    static final String NEGATIONS = "negations";
    static final String BALANCE = "balance";
    static final String PREDICATES = "predicates";
    static final String JUDGEMENTS = "judgements";
  }

  /**
   * The embedding stage's encoder by the short name training options use: {@code bge}
   * (bge-small-en-v1.5) or {@code minilm} (all-MiniLM-L6-v2).
   *
   * @throws IllegalArgumentException for any other name, saying which are known
   */
  public static dev.earful.embed.SentenceEncoder stageEncoder(String shortName) {
    return switch (shortName) {
      case "minilm" -> dev.earful.embed.MiniLmEncoder.shared();
      case "bge" -> dev.earful.embed.BgeSmallEncoder.shared();
      default ->
          throw new IllegalArgumentException("must be minilm or bge, got '" + shortName + "'");
    };
  }

  static final int ITERATIONS = 300;
  static final int CUTOFF = 2;

  private SentimentTrainer() {}

  public static SentimentModel train(List<DocumentSample> samples, Algorithm algorithm) {
    return train(samples, algorithm, Map.of());
  }

  static SentimentModel train(
      List<DocumentSample> samples, Algorithm algorithm, Map<String, String> overrides) {
    TrainingParameters params = new TrainingParameters();
    params.put(TrainingParameters.ALGORITHM_PARAM, algorithm.name());
    params.put(TrainingParameters.ITERATIONS_PARAM, ITERATIONS);
    params.put(TrainingParameters.CUTOFF_PARAM, CUTOFF);
    params.put(TrainingParameters.THREADS_PARAM, 1);
    params.put("PrintMessages", false);
    if (algorithm == Algorithm.MAXENT_QN) {
      params.put("L1Cost", 0.1);
      params.put("L2Cost", 0.1);
    }
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      params.put(e.getKey(), e.getValue());
    }
    try {
      return SentimentModel.trained(
          DocumentCategorizerME.train(
              "en",
              new CollectionObjectStream<>(samples),
              params,
              new DoccatFactory(SentimentFeatures.generators())));
    } catch (IOException e) {
      throw new UncheckedIOException("training the sentiment model failed", e);
    }
  }

  /** One training sample: the units of a whole (short) text under one label. */
  public static DocumentSample sample(Polarity label, Analysis analysis) {
    List<dev.earful.domain.Token> tokens = new ArrayList<>();
    for (Sentence s : analysis.sentences()) {
      tokens.addAll(s.tokens());
    }
    return sample(label, unitsOf(analysis), SentimentScorer.textOf(tokens, 0, tokens.size()));
  }

  /** Key of a sample's text (what the embedding stage encodes) in its extra information. */
  static final String TEXT = "text";

  static DocumentSample sample(Polarity label, String[] units, String text) {
    return new DocumentSample(label.wireName(), units, Map.of(TEXT, text));
  }

  /** The text a sample was made from. */
  static String textOf(DocumentSample sample) {
    Object t = sample.getExtraInformation().get(TEXT);
    return t == null ? String.join(" ", sample.getText()) : t.toString();
  }

  /**
   * Mix and threshold of the embedding stage, and whether it refines only the lean and reads
   * clauses with a negator (see {@link EmbeddingStage}). The mix was set before measuring (session
   * 3); the rest were chosen for the bge-small stage on dev data only (session 20, `train-sentiment
   * --dev`, sample seeds 1 and 2; models/README.md "Session 20").
   */
  public static final double STAGE_MIX = 0.5;

  public static final double STAGE_THRESHOLD = 0.98;

  public static final boolean STAGE_LEAN_ONLY = true;

  public static final boolean STAGE_READS_NEGATIONS = true;

  /**
   * Fits the embedding stage on {@code samples} (a sample repeated to weigh more stays repeated).
   * Texts are encoded once: {@code cache} keeps their vectors across calls (leave-one-out runs).
   */
  public static EmbeddingStage trainStage(
      List<DocumentSample> samples,
      dev.earful.embed.SentenceEncoder encoder,
      Map<String, float[]> cache) {
    // One cache may serve several encoders: each text's key carries the encoder's name.
    String prefix = encoder.name() + "\u0000";
    List<String> missing = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (DocumentSample s : samples) {
      String text = textOf(s);
      if (!text.isBlank() && !cache.containsKey(prefix + text) && seen.add(text)) {
        missing.add(text);
      }
    }
    List<float[]> vectors = encoder.encodeAll(missing);
    for (int i = 0; i < missing.size(); i++) {
      cache.put(prefix + missing.get(i), vectors.get(i));
    }
    List<float[]> x = new ArrayList<>(samples.size());
    List<String[]> units = new ArrayList<>(samples.size());
    List<Polarity> y = new ArrayList<>(samples.size());
    for (DocumentSample s : samples) {
      float[] v = cache.get(prefix + textOf(s));
      if (v == null) {
        continue;
      }
      x.add(v);
      units.add(s.getText());
      y.add(Polarity.parse(s.getCategory()));
    }
    return EmbeddingStage.train(encoder.name(), x, units, y, STAGE_MIX, STAGE_THRESHOLD)
        .polarOnly(STAGE_LEAN_ONLY)
        .readsNegations(STAGE_READS_NEGATIONS);
  }

  /**
   * Fits the word-embedding stage on {@code samples}; {@code vectors} keeps every word's vector
   * across calls.
   */
  public static WordEmbeddingStage trainWords(
      List<DocumentSample> samples,
      dev.earful.embed.SentenceEncoder encoder,
      Map<String, float[]> vectors,
      double mix,
      boolean readsNegations) {
    return trainWords(samples, encoder, vectors, mix, readsNegations, 1);
  }

  /**
   * As above, for samples that hold every sample {@code copies} times ({@link Recipe#draws}): the
   * L2 penalty grows as much, so the fit is the one of the samples each weighed once.
   */
  static WordEmbeddingStage trainWords(
      List<DocumentSample> samples,
      dev.earful.embed.SentenceEncoder encoder,
      Map<String, float[]> vectors,
      double mix,
      boolean readsNegations,
      int copies) {
    List<String[]> units = new ArrayList<>(samples.size());
    List<Polarity> labels = new ArrayList<>(samples.size());
    for (DocumentSample s : samples) {
      units.add(s.getText());
      labels.add(Polarity.parse(s.getCategory()));
    }
    return WordEmbeddingStage.train(
        units, labels, encoder, vectors, mix, readsNegations, EmbeddingStage.LAMBDA * copies);
  }

  /** The units of every sentence of {@code analysis}, in order. */
  public static String[] unitsOf(Analysis analysis) {
    List<String> all = new ArrayList<>();
    for (Sentence s : analysis.sentences()) {
      all.addAll(List.of(Units.of(s.tokens()).units()));
    }
    return all.toArray(String[]::new);
  }

  /**
   * Weakly labelled, balanced sentence samples and a line saying what was kept and dropped; {@code
   * pool} holds every sentence of each label in the seeded order the cap draws from, so another cap
   * ({@link #capped}) draws the same sentences first.
   */
  public record WeakSamples(
      List<DocumentSample> samples, String report, Map<Polarity, List<DocumentSample>> pool) {

    /**
     * The same sentences, each label's pool in another order drawn with {@code seed}: another draw
     * of the review sentences from the same pool ({@link Recipe#draws}).
     */
    public WeakSamples redrawn(long seed) {
      Random random = new Random(seed);
      Map<Polarity, List<DocumentSample>> shuffled = new EnumMap<>(Polarity.class);
      for (Polarity p : Polarity.values()) {
        List<DocumentSample> list = new ArrayList<>(pool.get(p));
        Collections.shuffle(list, random);
        shuffled.put(p, list);
      }
      return new WeakSamples(List.of(), report, shuffled);
    }

    /** The pool capped at {@code balance} times the rarest label. */
    public List<DocumentSample> capped(double balance) {
      return capped(balance, false);
    }

    /**
     * The pool capped at {@code balance} times the rarest label; with {@code evenJudgements}, each
     * polar label keeps as many sentences labelled by judging with an adjective ({@link
     * #judgedByPredicate}) as the polar label that keeps the most of them, in place of others of
     * its label (each label's count does not change). Drawn like the rest, they follow the cap: the
     * rarest label (negative, in the women's reviews) keeps all of its own, the positive label a
     * sample of a much larger pool, so a lexicon-free judgement ("this is an extraordinary film")
     * learnt to lean negative.
     */
    public List<DocumentSample> capped(double balance, boolean evenJudgements) {
      int rarest = pool.values().stream().mapToInt(List::size).min().orElse(0);
      int cap = (int) Math.max(rarest * balance, 50);
      Map<Polarity, Integer> judged = new EnumMap<>(Polarity.class);
      int most = 0;
      for (Polarity p : List.of(Polarity.POSITIVE, Polarity.NEGATIVE)) {
        List<DocumentSample> list = pool.get(p);
        int n =
            (int)
                list.subList(0, Math.min(cap, list.size())).stream()
                    .filter(SentimentTrainer::judgedByPredicate)
                    .count();
        judged.put(p, n);
        most = Math.max(most, n);
      }
      List<DocumentSample> kept = new ArrayList<>();
      for (Polarity p : Polarity.values()) {
        List<DocumentSample> list = pool.get(p);
        int n = Math.min(cap, list.size());
        if (!evenJudgements || p == Polarity.NEUTRAL || judged.get(p) >= most) {
          kept.addAll(list.subList(0, n));
          continue;
        }
        List<DocumentSample> byPredicate =
            list.stream().filter(SentimentTrainer::judgedByPredicate).toList();
        List<DocumentSample> others = list.stream().filter(s -> !judgedByPredicate(s)).toList();
        int fromPredicate = Math.min(most, byPredicate.size());
        int fromOthers = Math.min(n - fromPredicate, others.size());
        fromPredicate = n - fromOthers;
        kept.addAll(byPredicate.subList(0, fromPredicate));
        kept.addAll(others.subList(0, fromOthers));
      }
      return kept;
    }

    /**
     * Sentences of each label that took it by judging with an adjective, kept at {@code balance}.
     */
    public Map<Polarity, Long> judgedCounts(double balance, boolean evenJudgements) {
      Map<Polarity, Long> counts = new EnumMap<>(Polarity.class);
      for (DocumentSample s : capped(balance, evenJudgements)) {
        if (judgedByPredicate(s)) {
          counts.merge(Polarity.parse(s.getCategory()), 1L, Long::sum);
        }
      }
      return counts;
    }
  }

  /** Key marking a review sentence labelled by {@link #judgesWithAdjective} in its extra info. */
  static final String JUDGED = "judged";

  /** Whether {@code sample} took its review's label by judging with an adjective. */
  static boolean judgedByPredicate(DocumentSample sample) {
    return Boolean.TRUE.equals(sample.getExtraInformation().get(JUDGED));
  }

  /**
   * Sentence samples from comments labelled by their score: each sentence takes {@link #weakLabel};
   * comments labelled null are skipped. Each label is then capped at {@code balance} times the
   * rarest, drawing with {@code seed}, so no label swamps the others.
   */
  public static WeakSamples weakSamples(
      List<Polarity> commentLabels, List<Analysis> analyses, double balance, long seed) {
    return weakSamples(commentLabels, analyses, balance, seed, false);
  }

  /**
   * As above; with {@code predicates}, a lexicon-free sentence that judges its subject with an
   * adjective ("the pasta was cold", "the fabric feels cheap", see {@link #judgesWithAdjective})
   * takes its comment's polarity instead of being a neutral statement (positive comments) or
   * dropped (negative ones): the lexicon lacks most of the adjectives customers judge with.
   */
  public static WeakSamples weakSamples(
      List<Polarity> commentLabels,
      List<Analysis> analyses,
      double balance,
      long seed,
      boolean predicates) {
    Map<Polarity, List<DocumentSample>> byLabel = new EnumMap<>(Polarity.class);
    for (Polarity p : Polarity.values()) {
      byLabel.put(p, new ArrayList<>());
    }
    int skipped = 0;
    int dropped = 0;
    for (int i = 0; i < analyses.size(); i++) {
      Polarity comment = commentLabels.get(i);
      if (comment == null) {
        skipped++;
        continue;
      }
      for (Sentence s : analyses.get(i).sentences()) {
        String[] units = Units.of(s.tokens()).units();
        Optional<Polarity> label = weakLabel(comment, units);
        boolean judged =
            predicates
                && comment != Polarity.NEUTRAL
                && !Annotation.of(units).hasValence()
                && judgesWithAdjective(s.tokens());
        if (judged) {
          label = Optional.of(comment);
        }
        if (label.isPresent()) {
          String text = SentimentScorer.textOf(s.tokens(), 0, s.tokens().size());
          byLabel
              .get(label.get())
              .add(
                  judged
                      ? new DocumentSample(
                          label.get().wireName(), units, Map.of(TEXT, text, JUDGED, true))
                      : sample(label.get(), units, text));
        } else {
          dropped++;
        }
      }
    }
    int rarest = byLabel.values().stream().mapToInt(List::size).min().orElse(0);
    int cap = (int) Math.max(rarest * balance, 50);
    List<DocumentSample> kept = new ArrayList<>();
    Random random = new Random(seed);
    StringBuilder counts = new StringBuilder();
    for (Polarity p : Polarity.values()) {
      List<DocumentSample> list = byLabel.get(p);
      Collections.shuffle(list, random);
      int n = Math.min(cap, list.size());
      counts.append(String.format(Locale.ROOT, " %s %d->%d", p.wireName(), list.size(), n));
      kept.addAll(list.subList(0, n));
    }
    String report =
        String.format(
            Locale.ROOT,
            "comments without a usable label %d, sentences dropped (lexicon disagrees) %d, kept:%s",
            skipped,
            dropped,
            counts);
    return new WeakSamples(kept, report, byLabel);
  }

  /** Verbs that link a subject to an adjective judging it ("was cold", "feels cheap"). */
  private static final java.util.Set<String> LINKING =
      java.util.Set.of(
          "be", "feel", "look", "seem", "run", "fit", "taste", "smell", "sound", "become", "get",
          "stay", "remain", "arrive", "come");

  /**
   * Whether a sentence judges its subject with an adjective: a linking verb ({@link #LINKING})
   * followed, after at most two adverbs, by an adjective ("the seats were cramped", "it runs very
   * small"). "I ordered the blue one" and "breakfast was included" are not.
   */
  static boolean judgesWithAdjective(List<dev.earful.domain.Token> tokens) {
    for (int i = 0; i < tokens.size(); i++) {
      if (!LINKING.contains(tokens.get(i).lemma())) {
        continue;
      }
      for (int k = i + 1; k < Math.min(tokens.size(), i + 4); k++) {
        String tag = tokens.get(k).tag();
        if (tag.equals("ADJ")) {
          return true;
        }
        if (!tag.equals("ADV")) {
          break;
        }
      }
    }
    return false;
  }

  /**
   * The label a sentence takes from its comment's label (weak supervision), or empty when the
   * sentence cannot be trusted with it. A sentence keeps its comment's polarity only when its
   * lexicon polarity agrees ("the colour is lovely" in a one-star review is dropped, not
   * mislabelled). A sentence without any lexicon word is a neutral statement in a positive comment
   * ("I ordered a medium") and dropped from a negative one: complaints without lexicon words exist
   * ("it runs small") but so do the facts around them, and labelling those negative taught the
   * model to call every statement of fact negative (measured: it cost 1-2 macro-F1 points on each
   * held-out labelled-sentence file). Comments in the middle lend only their lexicon-free
   * sentences, as neutral.
   */
  public static Optional<Polarity> weakLabel(Polarity comment, String[] units) {
    Annotation a = Annotation.of(units);
    double sum = a.valenceSum(0, units.length);
    boolean hits = false;
    for (double v : a.valence) {
      hits |= v != 0.0;
    }
    return switch (comment) {
      case POSITIVE ->
          !hits
              ? Optional.of(Polarity.NEUTRAL)
              : sum > 0 ? Optional.of(Polarity.POSITIVE) : Optional.empty();
      case NEGATIVE -> sum < 0 ? Optional.of(Polarity.NEGATIVE) : Optional.empty();
      case NEUTRAL -> !hits ? Optional.of(Polarity.NEUTRAL) : Optional.empty();
    };
  }
}
