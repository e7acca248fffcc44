package dev.earful.devtools;

import dev.earful.nlp.TextAnalyzer;
import dev.earful.sentiment.DefaultTraining;
import dev.earful.sentiment.SentimentModel;
import dev.earful.sentiment.SentimentTrainer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code earful-dev train-sentiment}: builds the sentiment model and prints its held-out figures.
 */
@Command(
    name = "train-sentiment",
    mixinStandardHelpOptions = true,
    description = {
      "Trains the sentiment model (OpenNLP document categorizer, maxent and naive Bayes measured,"
          + " the better kept) from the shared data and the hand-labelled set, prints held-out"
          + " figures against the lexicon baseline and writes the model.",
      "This rebuilds the model the product ships; adapting it to one data folder is the user"
          + " command `earful train-sentiment --data DIR`.",
    })
public final class TrainSentimentCommand implements Callable<Integer> {

  @Option(
      names = "--shared-data",
      defaultValue = "../shared/data",
      description =
          "folder with womens-clothing-reviews.csv and sentiment-labelled-sentences/ (default: ${DEFAULT-VALUE})")
  Path sharedData;

  @Option(
      names = "--out",
      defaultValue = "models/sentiment-en.bin",
      description = "where to write the model (default: ${DEFAULT-VALUE})")
  Path out;

  @Option(
      names = "--seed",
      description =
          "seed of every split and sample (default: ${DEFAULT-VALUE}); not with --dev or --report,"
              + " whose figures must come from the default split's training parts")
  long seed = SentimentTrainer.DEFAULT_SEED;

  @Option(
      names = "--sample-seed",
      paramLabel = "SEED",
      description =
          "seed of the women's review sentences drawn for training alone (default: --seed); every"
              + " split stays as --seed makes it, so --dev and --report read the same rows and a"
              + " few sample seeds show how far a retrain of one recipe moves its figures")
  Long sampleSeed;

  @Option(
      names = "--algorithm",
      description =
          "train only this one: ${COMPLETION-CANDIDATES} (default: both, keep the better)")
  SentimentTrainer.Algorithm algorithm;

  @Option(
      names = "--fast-only",
      description = "train the fast model alone, without the embedding stage")
  boolean fastOnly;

  @Option(
      names = "--report",
      description =
          "also train without each labelled-sentence file and evaluate on it (leave-one-file-out)")
  boolean report;

  @Option(
      names = "--word-stage",
      paramLabel = "MIX",
      description =
          "give the fast model a MiniLM word-vector stage blended with weight MIX (0-1; default:"
              + " none)")
  Double wordStage;

  @Option(
      names = "--word-negations",
      description =
          "with --word-stage: the word stage also reads clauses with a negator (\"not\", \"no\","
              + " \"nothing\"...), leaving the negator's own vector out of its means (default:"
              + " such clauses stay with the maxent model)")
  boolean wordNegations;

  @Option(
      names = "--stage-from",
      paramLabel = "MODEL",
      description =
          "with --fast-only: take the embedding stage of the cascade from this model file instead"
              + " of fitting it again (the stage reads only the clause's sentence vector and the"
              + " lexicon, so it does not depend on the fast model it is shipped with)")
  Path stageFrom;

  @Option(
      names = "--stage-encoder",
      paramLabel = "NAME",
      description =
          "the sentence encoder of the embedding stage: minilm (all-MiniLM-L6-v2) or bge"
              + " (bge-small-en-v1.5) (default: ${DEFAULT-VALUE})")
  String stageEncoder = "bge";

  @Option(
      names = "--fit-stage",
      paramLabel = "MODEL",
      description =
          "train no fast model: read MODEL, fit a new embedding stage with --stage-encoder on the"
              + " training samples a rebuild uses, print the cascade's held-out figures beside the"
              + " fast model's, and write MODEL with that stage to --out (its fast model and word"
              + " stage unchanged)")
  Path fitStage;

  @Option(
      names = "--stage-mix",
      paramLabel = "MIX",
      description = "with --fit-stage: the stage's weight in the blend (default: ${DEFAULT-VALUE})")
  double stageMix = SentimentTrainer.STAGE_MIX;

  @Option(
      names = "--stage-threshold",
      paramLabel = "P",
      description =
          "with --fit-stage: the fast model's top probability from which on the stage is skipped"
              + " (default: ${DEFAULT-VALUE})")
  double stageThreshold = SentimentTrainer.STAGE_THRESHOLD;

  @Option(
      names = "--stage-neutral",
      paramLabel = "WHO",
      description =
          "with --fit-stage: fast (the stage refines only which way a clause leans, the fast"
              + " model's neutral probability kept) or blend (every label) (default:"
              + " ${DEFAULT-VALUE})")
  String stageNeutral = SentimentTrainer.STAGE_LEAN_ONLY ? "fast" : "blend";

  @Option(
      names = "--stage-negated",
      paramLabel = "WHO",
      description =
          "with --fit-stage: stage (the stage also refines clauses with a negator) or fast (they"
              + " stay with the fast model) (default: ${DEFAULT-VALUE})")
  String stageNegated = SentimentTrainer.STAGE_READS_NEGATIONS ? "stage" : "fast";

  @Option(
      names = "--widen-words",
      paramLabel = "MODEL",
      description =
          "train nothing: read MODEL, give its word stage the partial logits of every word of the"
              + " training data (as a rebuild does), and write it to --out; its scores do not"
              + " change, only fewer words are encoded with MiniLM at run time")
  Path widenWords;

  @Option(
      names = "--dev",
      split = ";",
      paramLabel = "RECIPE",
      description =
          "compare training recipes on dev data only and write no model: each recipe (an"
              + " algorithm, optionally with OpenNLP parameters, e.g. MAXENT_QN:L2Cost=1,L1Cost=0,"
              + " and the project's own: words=MIX for the word stage, negations=read for it to"
              + " read clauses with a negator, balance=B to cap the review sentences at B times the"
              + " rarest label, predicates=label|skip for lexicon-free review sentences that judge"
              + " with an adjective (default: label), judgements=even|drawn to keep as many of"
              + " those positive as negative (default: drawn like the rest), spread=N to keep from the maxent model the"
              + " words (not in the lexicon) that occur in fewer than N training sources,"
              + " stage=cascade to fit the embedding stage on each model's own samples and"
              + " score the cascade (encoder=minilm|bge its encoder, stagemix=M and threshold=P"
              + " its blend weight and threshold at scoring time), draws=N to train each model on the union of N draws of the"
              + " review sentences (the first the sample seed's) with every other source N times"
              + " as often;"
              + " several separated by ';') is trained without the women's reviews, without the"
              + " hand-labelled sentences and with everything, and measured on the training part"
              + " of what it left out and on the aspect set's dev split")
  List<String> recipes;

  @Option(
      names = "--dev-models",
      paramLabel = "DIR",
      description =
          "with --dev: keep each recipe's trained dev models in DIR and read them from there on"
              + " later runs instead of training again (a DIR written by other code measures that"
              + " code's models under this code's rules)")
  Path devModels;

  @Override
  public Integer call() throws Exception {
    quietOpenNlp();
    if (recipes != null && seed != SentimentTrainer.DEFAULT_SEED) {
      // The seed splits every source: another one puts rows of the default split's held-out
      // parts into what --dev trains on and scores, so its figures would read held-out rows.
      return refuseSeed(
          "--dev measures on the training parts of the default split",
          "would split every source again and read rows of its held-out parts");
    }
    if (report && seed != SentimentTrainer.DEFAULT_SEED) {
      // --report trains without each labelled-sentence file on the other sources' training parts:
      // under another split those hold rows of the default split's held-out parts, which the
      // shipped figures and --dev keep out of every model they measure.
      return refuseSeed(
          "--report trains on the training parts of the default split",
          "would split every source again and train on rows of its held-out parts");
    }
    if (recipes != null) {
      List<SentimentTrainer.Recipe> parsed;
      try {
        parsed = recipes.stream().map(SentimentTrainer.Recipe::parse).toList();
      } catch (IllegalArgumentException e) {
        System.err.println("error: --dev: " + e.getMessage());
        return 2;
      }
      DefaultTraining training =
          new DefaultTraining(new TextAnalyzer(), seed, new java.io.PrintWriter(System.out, true));
      if (wordStage != null) {
        training.wordStage(wordStage, wordNegations);
      }
      if (sampleSeed != null) {
        training.sampleSeed(sampleSeed);
      }
      if (devModels != null) {
        training.devModelsIn(devModels);
      }
      training.dev(sharedData, parsed);
      return 0;
    }
    // The stage's encoder loads (about 2 s) only for a run that fits a stage.
    dev.earful.embed.SentenceEncoder stageEncoding = null;
    if (fitStage != null || (widenWords == null && !fastOnly)) {
      try {
        stageEncoding = SentimentTrainer.stageEncoder(stageEncoder);
      } catch (IllegalArgumentException e) {
        System.err.println("error: --stage-encoder " + e.getMessage());
        return 2;
      }
    }
    if (!stageNeutral.equals("fast") && !stageNeutral.equals("blend")) {
      System.err.println(
          "error: --stage-neutral must be fast or blend, got '" + stageNeutral + "'");
      return 2;
    }
    if (!stageNegated.equals("stage") && !stageNegated.equals("fast")) {
      System.err.println(
          "error: --stage-negated must be stage or fast, got '" + stageNegated + "'");
      return 2;
    }
    if (fitStage != null) {
      SentimentModel fitted =
          new DefaultTraining(
                  new TextAnalyzer(),
                  seed,
                  new java.io.PrintWriter(System.out, true),
                  stageEncoding)
              .fitStage(
                  sharedData,
                  SentimentModel.read(fitStage),
                  stageMix,
                  stageThreshold,
                  stageNeutral.equals("fast"),
                  stageNegated.equals("stage"));
      fitted.write(out);
      System.out.printf(
          Locale.ROOT,
          "wrote %s (%s, %,d bytes)%n",
          out,
          fitted.algorithm(),
          java.nio.file.Files.size(out));
      return 0;
    }
    if (widenWords != null) {
      SentimentModel shipped = SentimentModel.read(widenWords);
      if (shipped.words() == null) {
        System.err.println("error: --widen-words: " + widenWords + " has no word stage");
        return 2;
      }
      SentimentModel wider =
          new DefaultTraining(new TextAnalyzer(), seed, new java.io.PrintWriter(System.out, true))
              .withTrainingVocabulary(sharedData, shipped);
      wider.write(out);
      System.out.printf(
          Locale.ROOT,
          "wrote %s (%,d words in the word stage, %,d bytes)%n",
          out,
          wider.words().words(),
          java.nio.file.Files.size(out));
      return 0;
    }
    DefaultTraining training =
        new DefaultTraining(
            new TextAnalyzer(),
            seed,
            new java.io.PrintWriter(System.out, true),
            fastOnly ? null : stageEncoding);
    if (wordStage != null) {
      training.wordStage(wordStage, wordNegations);
    }
    if (sampleSeed != null) {
      training.sampleSeed(sampleSeed);
    }
    if (stageFrom != null && !fastOnly) {
      System.err.println("error: --stage-from goes with --fast-only");
      return 2;
    }
    DefaultTraining.Outcome outcome =
        training.run(sharedData, report, Optional.ofNullable(algorithm));
    SentimentModel model = outcome.model();
    if (stageFrom != null) {
      SentimentModel donor = SentimentModel.read(stageFrom);
      if (donor.stage() == null) {
        System.err.println("error: " + stageFrom + " has no embedding stage");
        return 2;
      }
      java.util.Map<String, String> about = new java.util.TreeMap<>(model.about());
      about.put("stage", donor.stage().describe() + " (carried over from an earlier build)");
      model = model.with(donor.stage(), about);
    }
    model.write(out);
    System.out.printf(
        Locale.ROOT,
        "wrote %s (%s, %,d bytes)%n",
        out,
        model.algorithm(),
        java.nio.file.Files.size(out));
    return 0;
  }

  /** Refuses a non-default {@code --seed} for {@code what}, saying why and how to vary a draw. */
  private int refuseSeed(String what, String why) {
    System.err.println(
        "error: "
            + what
            + " (seed "
            + SentimentTrainer.DEFAULT_SEED
            + "); --seed "
            + seed
            + " "
            + why
            + " (--sample-seed draws other review sentences on the same split)");
    return 2;
  }

  /** OpenNLP logs every training iteration at INFO; the figures are what matters here. */
  static void quietOpenNlp() {
    if (org.slf4j.LoggerFactory.getLogger("opennlp")
        instanceof ch.qos.logback.classic.Logger logger) {
      logger.setLevel(ch.qos.logback.classic.Level.WARN);
    }
  }
}
