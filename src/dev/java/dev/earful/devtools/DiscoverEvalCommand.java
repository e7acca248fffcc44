package dev.earful.devtools;

import dev.earful.domain.Analysis;
import dev.earful.domain.Metric;
import dev.earful.domain.Theme;
import dev.earful.domain.ThemeMention;
import dev.earful.nlp.PhraseExtractor;
import dev.earful.nlp.TextAnalyzer;
import dev.earful.sentiment.SentimentScorer;
import dev.earful.themes.AnalysisSource;
import dev.earful.themes.DiscoverySettings;
import dev.earful.themes.Outcome;
import dev.earful.themes.Taxonomy;
import dev.earful.themes.ThemeDiscoverer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Discovers the themes of a CSV's comments and prints them with counts and examples. */
@Command(
    name = "discover-eval",
    mixinStandardHelpOptions = true,
    description = {
      "Reads the comments of a CSV (columns mapped as for import), analyses them, discovers themes",
      "and prints the top ones with their comment counts, sub-themes, top phrases and two example",
      "comments each. Nothing is stored."
    })
public final class DiscoverEvalCommand implements Callable<Integer> {

  @Parameters(index = "0", description = "CSV file")
  Path file;

  @Option(
      names = "--text-column",
      required = true,
      split = ",",
      description =
          "column(s) holding the comment, joined in order (repeatable or comma-separated)")
  List<String> textColumns;

  @Option(
      names = "--score-column",
      defaultValue = "score",
      description =
          "score column, read when the CSV has it (default: ${DEFAULT-VALUE}): discovery reads"
              + " whether each comment's writer is a detractor of --metric")
  String scoreColumn;

  @Option(
      names = "--metric",
      defaultValue = "nps",
      description =
          "metric of the score column: nps, csat or ces (default: ${DEFAULT-VALUE}; the surveys of"
              + " corpora/probe-surveys and src/test/resources/themes/surveys score 0-10)")
  String metric;

  @Option(
      names = "--ignore-scores",
      description = "Discover as if no comment had a score (every outcome unknown).")
  boolean ignoreScores;

  @Option(names = "--limit", defaultValue = "20", description = "themes to print (default 20)")
  int limit;

  @Option(
      names = "--max-themes",
      description =
          "rows discovery gives, themes and sub-themes together, at most half of them top-level"
              + " (default: the product's, 80); --limit only says how many are printed")
  Integer maxThemes;

  @Option(
      names = "--max-comments",
      defaultValue = "2147483647",
      description = "read at most this many comments")
  int maxComments;

  @Option(
      names = "--threads",
      defaultValue = "0",
      description = "analysis and scoring threads; 0 = one per core")
  int threads;

  /**
   * The comments analysed and scored, in the file's order, both on the command's {@code threads}: a
   * parallel stream would score on the JVM's common pool, every core, whatever --threads says.
   */
  static List<Analysis> analyzedAndScored(
      TextAnalyzer analyzer, List<String> texts, int threads, UnaryOperator<Analysis> score) {
    return CommentFiles.analyze(analyzer, texts, threads, score);
  }

  @Option(
      names = "--sentiment-stage",
      defaultValue = "cascade",
      description =
          "what scores each comment's sentiment, which discovery reads: cascade (also the model's"
              + " embedding stage: the labels a served folder ends with under the default"
              + " --sentiment-stage refine) or fast (the fast model alone) (default:"
              + " ${DEFAULT-VALUE})")
  String sentimentStage;

  @Override
  public Integer call() throws Exception {
    if (!sentimentStage.equals("fast") && !sentimentStage.equals("cascade")) {
      System.err.println(
          "error: --sentiment-stage must be fast or cascade, got '" + sentimentStage + "'");
      return 2;
    }
    long t0 = System.nanoTime();
    Metric scale = Metric.parse(metric);
    List<CommentFiles.Scored> read =
        CommentFiles.readScoredComments(
            file, textColumns, ignoreScores ? null : scoreColumn, maxComments);
    List<String> texts = read.stream().map(CommentFiles.Scored::text).toList();
    List<Outcome> outcomes =
        read.stream().map(c -> CommentFiles.outcome(c.score(), scale)).toList();
    TextAnalyzer analyzer = new TextAnalyzer();
    int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    // Scored as a served folder ends: discovery reads each comment's and clause's sentiment (a
    // verb whose comments lean, a formula said in praise, a failure verb said as the complaint).
    // By default the cascade, whose labels the default --sentiment-stage refine ends with.
    SentimentScorer sentiment = SentimentScorer.loadDefault(sentimentStage.equals("cascade"));
    List<Analysis> analyses = analyzedAndScored(analyzer, texts, n, sentiment::score);
    long t1 = System.nanoTime();
    ThemeDiscoverer discoverer =
        new ThemeDiscoverer(
            new PhraseExtractor(),
            maxThemes == null
                ? DiscoverySettings.DEFAULTS
                : DiscoverySettings.DEFAULTS.withMaxThemes(maxThemes));
    ThemeDiscoverer.Result result = discoverer.discover(AnalysisSource.of(analyses, outcomes));
    long t2 = System.nanoTime();
    Taxonomy taxonomy = Taxonomy.inMemory(analyzer::lemmasOf);
    taxonomy.applyDiscovery(result.themes());

    Map<String, Integer> counts = new HashMap<>();
    // Examples: short comments that mention the theme and as few other themes as possible, so the
    // example shows this theme rather than a bit of everything (ties: first in the file).
    Map<String, List<int[]>> examples = new HashMap<>();
    for (int i = 0; i < analyses.size(); i++) {
      List<ThemeMention> mentions = taxonomy.mentionsIn(analyses.get(i));
      String text = texts.get(i);
      boolean fits = text.length() >= 40 && text.length() <= 200;
      for (ThemeMention m : mentions) {
        counts.merge(m.themeId(), 1, Integer::sum);
        if (fits) {
          List<int[]> ex = examples.computeIfAbsent(m.themeId(), k -> new ArrayList<>());
          ex.add(new int[] {mentions.size(), i});
          ex.sort(java.util.Comparator.<int[]>comparingInt(e -> e[0]).thenComparingInt(e -> e[1]));
          if (ex.size() > 2) {
            ex.remove(2);
          }
        }
      }
    }
    long detractors = outcomes.stream().filter(o -> o == Outcome.DETRACTOR).count();
    long scored = outcomes.stream().filter(o -> o != Outcome.UNKNOWN).count();
    System.out.printf(
        "%,d comments (%,d scored, %,d detractors): analysed in %.1f s, themes discovered in %.1f"
            + " s%n",
        texts.size(), scored, detractors, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
    long topLevel = taxonomy.all().stream().filter(t -> t.parentId() == null).count();
    System.out.printf(
        "%d themes, %d rows with sub-themes (at most %d)%n%n",
        topLevel, taxonomy.all().size(), discoverer.settings().maxThemes());
    List<Theme> top =
        taxonomy.all().stream()
            .filter(t -> t.parentId() == null)
            .sorted(
                java.util.Comparator.comparingInt((Theme t) -> -counts.getOrDefault(t.id(), 0))
                    .thenComparing(Theme::name))
            .limit(limit)
            .toList();
    int rank = 0;
    for (Theme t : top) {
      int c = counts.getOrDefault(t.id(), 0);
      System.out.printf(
          "%2d. %s  (%,d comments, %.1f%%)%n",
          ++rank, t.name(), c, 100.0 * c / Math.max(1, texts.size()));
      System.out.println(
          "    phrases: "
              + String.join(", ", t.phrases().subList(0, Math.min(8, t.phrases().size()))));
      List<Theme> subs = new ArrayList<>(taxonomy.children(t.id()));
      subs.sort(
          java.util.Comparator.comparingInt((Theme x) -> -counts.getOrDefault(x.id(), 0))
              .thenComparing(Theme::name));
      for (Theme sub : subs) {
        System.out.printf("    - %s (%,d)%n", sub.name(), counts.getOrDefault(sub.id(), 0));
      }
      for (int[] e : examples.getOrDefault(t.id(), List.of())) {
        System.out.println("    > " + texts.get(e[1]).replaceAll("\\s+", " "));
      }
      System.out.println();
    }
    if (!result.nonThemes().isEmpty()) {
      System.out.println("Set aside, not themes (term, why, comments):");
      for (ThemeDiscoverer.NonTheme t :
          result.nonThemes().subList(0, Math.min(limit, result.nonThemes().size()))) {
        System.out.printf("    %s  %s  %,d%n", t.term(), t.reason(), t.support());
      }
    }
    return 0;
  }
}
