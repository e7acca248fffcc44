package dev.earful.devtools;

import dev.earful.domain.Analysis;
import dev.earful.domain.Polarity;
import dev.earful.nlp.TextAnalyzer;
import dev.earful.sentiment.AspectCorpus;
import dev.earful.sentiment.AspectEvaluator;
import dev.earful.sentiment.DefaultTraining;
import dev.earful.sentiment.Evaluator;
import dev.earful.sentiment.LabelMapper;
import dev.earful.sentiment.SentimentModel;
import dev.earful.sentiment.SentimentScorer;
import dev.earful.sentiment.SentimentTrainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code earful-dev evaluate-sentiment FILE}: accuracy, macro-F1 and confusion matrices of the
 * model and of the lexicon-only baseline on a labelled CSV, or on a {@code sentence<TAB>label}
 * file.
 */
@Command(
    name = "evaluate-sentiment",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluates the sentiment model and, in the same run, the lexicon-only (VADER rules) baseline"
          + " on a labelled file: accuracy, macro-F1 and the confusion matrix of each.",
      "FILE is a CSV with a header (name the columns) or a tab-separated sentence<TAB>label file"
          + " (no column options). Labels may be words (positive/neutral/negative), 0/1 or star"
          + " ratings 1-5 (1-2 negative, 3 neutral, 4-5 positive); --label-map overrides.",
      "--domains instead reports every domain of the shared data in one run: each labelled-sentence"
          + " file left out of training in turn (the training recipe rerun without it), the"
          + " hand-labelled and the women's reviews' held-out parts (the shipped model), each with"
          + " the lexicon baseline and the previous model (--previous) beside it."
    })
public final class EvaluateSentimentCommand implements Callable<Integer> {

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "FILE",
      description = "the labelled CSV or tab-separated file")
  Path file;

  @Option(
      names = "--domains",
      description = "report every domain of the shared data (see above) instead of one FILE")
  boolean domains;

  @Option(
      names = "--aspects",
      description =
          "report aspect-level polarity on the project's aspect-labelled comments"
              + " (corpora/sentiment/aspects-en.tsv, dev and held-out test split): each aspect's"
              + " clause against its whole sentence, scored as --stage says (the cascade by"
              + " default, the labels a served folder ends with; --stage fast for the fast model"
              + " alone, the labels an import stores before refinement)")
  boolean aspects;

  @Option(
      names = "--split",
      description =
          "with --aspects: score only this split (dev or test); choose on dev, the lead reads test"
              + " once at the end (default: both)")
  String split;

  @Option(
      names = "--show-errors",
      description = "with --aspects: list the dev split's wrongly labelled aspects")
  boolean showErrors;

  @Option(
      names = "--shared-data",
      defaultValue = "../shared/data",
      description =
          "with --domains: folder with womens-clothing-reviews.csv and"
              + " sentiment-labelled-sentences/ (default: ${DEFAULT-VALUE})")
  Path sharedData;

  @Option(
      names = "--previous",
      description =
          "a previous model to measure beside the current one (default: "
              + PREVIOUS_MODEL
              + " when it exists)")
  Path previous;

  @Option(names = "--seed", description = "seed of the splits (default: ${DEFAULT-VALUE})")
  long seed = SentimentTrainer.DEFAULT_SEED;

  /** The model the committed one replaced, kept so every evaluation can show the change. */
  static final String PREVIOUS_MODEL = "models/sentiment-en.previous.bin";

  @Option(names = "--text-column", description = "CSV column holding the text")
  String textColumn;

  @Option(names = "--label-column", description = "CSV column holding the label")
  String labelColumn;

  @Option(
      names = "--label-map",
      description =
          "explicit label mapping, e.g. 1=negative,2=negative,3=neutral,4=positive,5=positive")
  String labelMap;

  @Option(names = "--model", description = "a model file to evaluate (default: the built-in model)")
  Path model;

  @Option(
      names = "--data",
      description = "evaluate the model of this data folder (its own, if trained)")
  Path data;

  @Option(
      names = "--stage-threshold",
      description =
          "override the embedding stage's threshold (the fast model's top probability from which on"
              + " the stage is skipped), to calibrate it on dev data")
  Double stageThreshold;

  @Option(
      names = "--stage-mix",
      description =
          "override the embedding stage's weight in the blend, to calibrate it on dev data")
  Double stageMix;

  @Option(
      names = "--stage",
      defaultValue = "cascade",
      description =
          "what scores: cascade (also the model's embedding stage where the fast model is unsure:"
              + " the labels a served folder ends with under the default --sentiment-stage refine,"
              + " and those --sentiment-stage cascade stores) or fast (the fast model alone: what"
              + " imports store before refinement, and --sentiment-stage fast) (default:"
              + " ${DEFAULT-VALUE})")
  String stage;

  @Spec CommandSpec spec;

  private PrintWriter out;
  private PrintWriter err;

  @Override
  public Integer call() throws Exception {
    out = spec.commandLine().getOut();
    err = spec.commandLine().getErr();
    if (!stage.equals("fast") && !stage.equals("cascade")) {
      err.println("error: --stage must be fast or cascade, got '" + stage + "'");
      return 2;
    }
    if (split != null && (!aspects || !(split.equals("dev") || split.equals("test")))) {
      err.println("error: --split goes with --aspects and is dev or test, got '" + split + "'");
      return 2;
    }
    if (domains || aspects) {
      if (file != null) {
        err.println("error: give FILE, or --domains / --aspects, not both");
        return 2;
      }
      if (domains) {
        domains();
      }
      if (aspects) {
        aspects();
      }
      return 0;
    }
    if (file == null) {
      err.println(
          "error: give a labelled FILE, or --domains / --aspects for the project's own sets");
      return 2;
    }
    if (!Files.isRegularFile(file)) {
      err.println("error: " + file + " is not a file");
      return 2;
    }
    if ((textColumn == null) != (labelColumn == null)) {
      err.println(
          "error: give both --text-column and --label-column (CSV), or neither (tab-separated)");
      return 2;
    }
    List<String[]> rows = textColumn == null ? readTabSeparated() : readCsv();
    if (rows == null) {
      return 2;
    }
    LabelMapper mapper;
    try {
      mapper =
          labelMap != null
              ? LabelMapper.parse(labelMap)
              : LabelMapper.detect(rows.stream().map(r -> r[1]).toList());
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
    List<String> texts = new ArrayList<>();
    List<Polarity> gold = new ArrayList<>();
    int emptyText = 0;
    Map<String, Integer> unmapped = new LinkedHashMap<>();
    for (String[] row : rows) {
      if (row[0] == null || row[0].isBlank()) {
        emptyText++;
        continue;
      }
      Optional<Polarity> label = mapper.map(row[1]);
      if (label.isEmpty()) {
        unmapped.merge(row[1], 1, Integer::sum);
        continue;
      }
      texts.add(row[0]);
      gold.add(label.get());
    }
    out.printf(
        Locale.ROOT,
        "%s: %d rows, %d evaluated, %d skipped for empty text, %d for a label outside the mapping%s%n",
        file,
        rows.size(),
        texts.size(),
        emptyText,
        unmapped.values().stream().mapToInt(Integer::intValue).sum(),
        unmapped.isEmpty() ? "" : " " + firstFew(unmapped));
    out.println("labels: " + mapper.description());
    if (texts.isEmpty()) {
      err.println("error: nothing to evaluate");
      return 1;
    }
    TrainSentimentCommand.quietOpenNlp();
    SentimentScorer scorer = scorer();
    out.println("model: " + scorer.source() + " (" + scorer.model().algorithm() + ")");
    TextAnalyzer analyzer = new TextAnalyzer();
    List<Analysis> analyses = texts.stream().map(analyzer::analyze).toList();
    List<Evaluator.Item> items = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      items.add(new Evaluator.Item(analyses.get(i), gold.get(i)));
    }
    SentimentScorer before = previousScorer();
    if (before != null) {
      out.println("previous model: " + before.source());
    }
    Evaluator.Result r = Evaluator.evaluate(file.getFileName().toString(), items, scorer, before);
    if (r.binary()) {
      out.println("the gold labels have no neutral: both are judged by the sign of their score");
    }
    out.println();
    out.println("model     " + r.model().summary());
    out.print(r.model().matrix());
    out.println();
    out.println("baseline  " + r.baseline().summary() + "   (lexicon-only, VADER rules)");
    out.print(r.baseline().matrix());
    out.println();
    if (r.previous() != null) {
      out.println("previous  " + r.previous().summary());
      out.print(r.previous().matrix());
      out.println();
    }
    out.printf(Locale.ROOT, "model - baseline: %+.1f macro-F1 points%n", r.gain());
    return 0;
  }

  private void aspects() {
    TrainSentimentCommand.quietOpenNlp();
    SentimentScorer scorer = scorer();
    out.println("aspect-level polarity on " + AspectCorpus.RESOURCE + ", model " + scorer.source());
    List<AspectCorpus.Comment> comments = AspectCorpus.load();
    if (split != null) {
      comments = comments.stream().filter(c -> c.split().equals(split)).toList();
    }
    Map<String, AspectEvaluator.Result> results =
        AspectEvaluator.evaluate(comments, new TextAnalyzer(), scorer, showErrors ? out : null);
    for (AspectEvaluator.Result r : results.values()) {
      out.println();
      out.printf(Locale.ROOT, "%-5s aspect (its clause)   %s%n", r.split(), r.aspect().summary());
      out.print(r.aspect().matrix());
      out.printf(Locale.ROOT, "%-5s sentence fallback     %s%n", r.split(), r.sentence().summary());
      out.print(r.sentence().matrix());
    }
    out.flush();
  }

  private int domains() {
    TrainSentimentCommand.quietOpenNlp();
    SentimentScorer scorer = scorer();
    SentimentScorer before = previousScorer();
    PrintWriter stream = out;
    stream.println(
        "model: "
            + scorer.source()
            + " ("
            + scorer.model().algorithm()
            + "); previous: "
            + (before == null ? "none" : before.source()));
    DefaultTraining training =
        new DefaultTraining(
            new TextAnalyzer(),
            seed,
            stream,
            scorer.cascade() ? SentimentScorer.stageEncoder(scorer.model()) : null);
    if (scorer.model().words() != null) {
      // The left-out rows retrain the shipped recipe, word stage included.
      training.wordStage(
          scorer.model().words().mix(),
          scorer.model().words().readsNegations(),
          scorer.model().words().unseen());
    }
    training.domains(sharedData, scorer, before, SentimentTrainer.Algorithm.MAXENT);
    stream.flush();
    return 0;
  }

  /** The previous model, scored as the current one is (its embedding stage only with cascade). */
  private SentimentScorer previousScorer() {
    Path file = previous != null ? previous : Path.of(PREVIOUS_MODEL);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    SentimentModel m = SentimentModel.read(file);
    return stage.equals("cascade")
        ? new SentimentScorer(m, file.toString())
        : new SentimentScorer(m, file.toString(), null);
  }

  private SentimentScorer scorer() {
    // The fast stage alone loads no stage encoder.
    boolean cascade = this.stage.equals("cascade");
    SentimentScorer s;
    if (model != null) {
      s = SentimentScorer.read(model, cascade);
    } else if (data != null) {
      s = SentimentScorer.load(data, cascade);
    } else {
      s = SentimentScorer.loadDefault(cascade);
    }
    if (!cascade) {
      return s;
    }
    var stage = s.model().stage();
    if (stage == null || (stageThreshold == null && stageMix == null)) {
      return s;
    }
    double mix = stageMix == null ? stage.mix() : stageMix;
    double threshold = stageThreshold == null ? stage.threshold() : stageThreshold;
    return new SentimentScorer(
        s.model().with(stage.with(mix, threshold), s.model().about()),
        String.format(
            Locale.ROOT, "%s (stage mix %.2f, threshold %.2f)", s.source(), mix, threshold));
  }

  private List<String[]> readTabSeparated() throws IOException {
    List<String[]> rows = new ArrayList<>();
    int lineNo = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      if (line.startsWith("# ")) {
        // A comment line (the hand-labelled set's header); data lines never start with "# ".
        continue;
      }
      // text<TAB>label, optionally followed by more columns (the hand-labelled set's industry).
      String[] cols = line.split("\t");
      if (cols.length < 2) {
        err.printf(
            Locale.ROOT,
            "error: %s line %d has no tab; a CSV needs --text-column and --label-column%n",
            file,
            lineNo);
        return null;
      }
      rows.add(new String[] {cols[0], cols[1]});
    }
    return rows;
  }

  private List<String[]> readCsv() throws IOException {
    List<String[]> rows = new ArrayList<>();
    CSVFormat format =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setAllowMissingColumnNames(true)
            .setIgnoreSurroundingSpaces(true)
            .get();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = format.parse(r)) {
      List<String> header = parser.getHeaderNames();
      for (String column : List.of(textColumn, labelColumn)) {
        if (!header.contains(column)) {
          err.println("error: no column '" + column + "' in " + file + "; columns: " + header);
          return null;
        }
      }
      for (CSVRecord rec : parser) {
        String text = rec.isSet(textColumn) ? rec.get(textColumn) : "";
        String label = rec.isSet(labelColumn) ? rec.get(labelColumn) : "";
        rows.add(new String[] {text, label});
      }
    }
    return rows;
  }

  private static String firstFew(Map<String, Integer> unmapped) {
    StringBuilder sb = new StringBuilder("(");
    int k = 0;
    for (Map.Entry<String, Integer> e : unmapped.entrySet()) {
      if (k++ == 5) {
        sb.append(", ...");
        break;
      }
      sb.append(k > 1 ? ", " : "")
          .append('\'')
          .append(e.getKey())
          .append("' x")
          .append(e.getValue());
    }
    return sb.append(')').toString();
  }
}
