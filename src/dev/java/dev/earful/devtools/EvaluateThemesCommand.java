package dev.earful.devtools;

import dev.earful.domain.Analysis;
import dev.earful.domain.Metric;
import dev.earful.domain.Sentence;
import dev.earful.domain.Theme;
import dev.earful.domain.ThemeMention;
import dev.earful.domain.Token;
import dev.earful.nlp.PhraseExtractor;
import dev.earful.nlp.PhraseLexicon;
import dev.earful.nlp.TextAnalyzer;
import dev.earful.sentiment.SentimentScorer;
import dev.earful.themes.AnalysisSource;
import dev.earful.themes.DiscoverySettings;
import dev.earful.themes.Outcome;
import dev.earful.themes.Taxonomy;
import dev.earful.themes.ThemeDiscoverer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Measures theme discovery against a hand-labelled gold set (corpora/themes-gold): per gold theme,
 * the discovered theme whose comments best match the comments carrying the label, and its F1; the
 * mean; and the same for a simple baseline in the same run (the most frequent nouns as themes). A
 * developer command, hidden from the user command list.
 */
@Command(
    name = "evaluate-themes",
    hidden = true,
    mixinStandardHelpOptions = true,
    description = {
      "Discovers themes over the comments of each source in a gold TSV",
      "(source<TAB>id<TAB>split<TAB>labels<TAB>text, labels separated by |), optionally together",
      "with more comments of that source from a CSV (--corpus), then prints per gold label and split",
      "the best-matching theme shown and its F1, the mean, and the same for the baseline (the N",
      "most frequent nouns as themes, N = the number of themes shown). Every theme the product shows",
      "counts: a top-level theme with its sub-themes' comments (as the product counts it) and each",
      "sub-theme on its own; the figure over top-level themes alone is printed beside it. Labels are",
      "used only to score; never tune on the heldout split."
    })
public final class EvaluateThemesCommand implements Callable<Integer> {

  @Parameters(index = "0..*", description = "gold TSV file(s)")
  List<Path> goldFiles;

  @Option(
      names = "--corpus",
      description =
          "SOURCE=FILE: more comments of that source to discover on (repeatable): a CSV, or a UCI"
              + " sentence<TAB>label .txt file")
  Map<String, Path> corpora = new TreeMap<>();

  @Option(
      names = "--text-column",
      split = ",",
      defaultValue = "Title,Review Text",
      description = "text column(s) of the --corpus CSVs (default: Title,Review Text)")
  List<String> textColumns;

  @Option(
      names = "--score-column",
      defaultValue = "Rating",
      description =
          "score column of the --corpus CSVs, read as --metric says (default: ${DEFAULT-VALUE}, the"
              + " women's reviews' 1-5 rating); discovery reads whether each comment's writer is a"
              + " detractor. A UCI .txt file's 0/1 label is read as its score (0 = the negative"
              + " group, a detractor; 1 = not): the only outcome those files have. Gold comments"
              + " found in the corpus take the corpus row's score; the others have none")
  String scoreColumn;

  @Option(
      names = "--metric",
      defaultValue = "csat",
      description =
          "metric of the --score-column values: nps, csat or ces (default: ${DEFAULT-VALUE})")
  String metric;

  @Option(
      names = "--ignore-scores",
      description = "Discover as if no comment had a score (every outcome unknown).")
  boolean ignoreScores;

  @Option(
      names = "--max-comments",
      defaultValue = "2147483647",
      description = "read at most this many comments from each --corpus CSV")
  int maxComments;

  @Option(
      names = "--threads",
      defaultValue = "0",
      description = "analysis threads; 0 = one per core")
  int threads;

  /** One labelled gold comment. */
  record GoldRow(String source, String id, String split, Set<String> labels, String text) {}

  /** A UCI file's label as an outcome: 0 (negative) a detractor, 1 not, anything else unknown. */
  static Outcome uciOutcome(String label) {
    return switch (label.strip()) {
      case "0" -> Outcome.DETRACTOR;
      case "1" -> Outcome.NOT_DETRACTOR;
      default -> Outcome.UNKNOWN;
    };
  }

  static List<GoldRow> readGold(Path file) throws IOException {
    List<GoldRow> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t", -1);
      if (f.length != 5) {
        throw new IllegalArgumentException(
            file + " line " + (i + 1) + ": expected 5 tab-separated columns, found " + f.length);
      }
      Set<String> labels = new TreeSet<>();
      for (String l : f[3].split("\\|")) {
        if (!l.isBlank()) {
          labels.add(l.strip());
        }
      }
      out.add(new GoldRow(f[0], f[1], f[2], labels, f[4]));
    }
    return out;
  }

  /**
   * The comments discovery reads for one source, and where each gold comment's analysis is among
   * them: {@code texts} are the corpus in file order, then the gold comments not found in it;
   * {@code goldAt[i]} is the position of gold row i; {@code reused} counts the gold rows found in
   * the corpus.
   */
  record DiscoverySet(List<String> texts, int[] goldAt, int reused) {}

  /**
   * The comments to discover on: every comment of {@code corpus} once, in file order, as import
   * would read the file, with each gold row pointing at the corpus comment it was sampled from;
   * gold rows not in the corpus are added after it. The gold set is sampled from the same files, so
   * adding every gold row to the corpus counted each gold comment twice: discovery ran over 1,200
   * UCI sentences where a user importing the file has 1,000, and a phrase said in one gold sentence
   * and one other (held-out included) reached the three comments a candidate needs. Comments are
   * matched by their letters and digits alone, since the gold set joined a title and its review
   * with ". " where import joins them with a line break.
   */
  static DiscoverySet discoverySet(List<GoldRow> rows, List<String> corpus) {
    Map<String, ArrayDeque<Integer>> byKey = new HashMap<>();
    for (int i = 0; i < corpus.size(); i++) {
      byKey.computeIfAbsent(matchKey(corpus.get(i)), k -> new ArrayDeque<>()).add(i);
    }
    List<String> texts = new ArrayList<>(corpus);
    int[] goldAt = new int[rows.size()];
    int reused = 0;
    for (int i = 0; i < rows.size(); i++) {
      ArrayDeque<Integer> same = byKey.get(matchKey(rows.get(i).text()));
      if (same != null && !same.isEmpty()) {
        goldAt[i] = same.poll();
        reused++;
      } else {
        goldAt[i] = texts.size();
        texts.add(rows.get(i).text());
      }
    }
    return new DiscoverySet(texts, goldAt, reused);
  }

  private static String matchKey(String text) {
    StringBuilder b = new StringBuilder(text.length());
    text.codePoints()
        .filter(Character::isLetterOrDigit)
        .map(Character::toLowerCase)
        .forEach(b::appendCodePoint);
    return b.toString();
  }

  @Option(
      names = "--splits",
      split = ",",
      defaultValue = "dev,heldout",
      description =
          "Which splits to score, comma-separated (default dev,heldout); tune with dev only.")
  List<String> splits;

  @Option(
      names = "--merge-similarity",
      split = ",",
      description =
          "Discovery's merge similarity, or several comma-separated to compare them on the same"
              + " analyses (default: the product's setting).")
  List<Double> mergeSimilarities;

  @Option(
      names = "--sub-theme-similarity",
      split = ",",
      description =
          "Discovery's sub-theme similarity, or several comma-separated (default: the product's"
              + " setting).")
  List<Double> subThemeSimilarities;

  @Option(
      names = "--max-sub-themes",
      split = ",",
      description =
          "Sub-themes kept per theme, or several comma-separated (default: the product's setting).")
  List<Integer> maxSubThemes;

  @Option(
      names = "--cooccurrence-weight",
      split = ",",
      description =
          "Discovery's co-occurrence weight, or several comma-separated (default: the product's"
              + " setting).")
  List<Double> cooccurrenceWeights;

  @Option(
      names = "--context-weight",
      split = ",",
      description =
          "Discovery's context weight (how much of a phrase's meaning comes from its shortest"
              + " sentence), or several comma-separated (default: the product's setting).")
  List<Double> contextWeights;

  @Option(
      names = "--analysis-cache",
      description =
          "Directory that keeps each source's analyses between runs, so comparing discovery"
              + " changes does not analyse the same comments again; a cache made by other"
              + " analysis code (a fingerprint of the analysis classes, corpora and models, and a"
              + " sample analysed afresh) is rebuilt. Developer runs only.")
  Path analysisCache;

  @Option(
      names = "--sentiment-stage",
      defaultValue = "cascade",
      description =
          "what scores each comment's sentiment, which discovery reads: cascade (also the model's"
              + " embedding stage where the fast model is unsure: the labels a served folder ends"
              + " with under the default --sentiment-stage refine, and --sentiment-stage cascade's)"
              + " or fast (the fast model alone, as --sentiment-stage fast); the analysis cache"
              + " keeps each stage's analyses apart (default: ${DEFAULT-VALUE})")
  String sentimentStage;

  @Option(
      names = "--show-themes",
      description = "Also prints the discovered themes with their sub-themes and first phrases.")
  boolean showThemes;

  @Option(
      names = "--diagnose",
      description =
          "Also prints, per gold theme, what limits its best match: the precision and recall of the"
              + " best theme shown, the best F1 with every group discovery formed shown (no limit on"
              + " themes or sub-themes), and the single candidate phrase that matches it best, with"
              + " where that phrase went (the theme holding it, the reason it was set aside, or not"
              + " shown), and where the best group stands when it has no row (its theme's rank by"
              + " support, and whether the theme or only the sub-theme has no row). Only the dev"
              + " split is diagnosed: the held-out split's figures are printed, never what limits"
              + " them.")
  boolean diagnose;

  /**
   * The cache file of one source's analyses scored by one sentiment stage: the stage is part of the
   * name (and of the fingerprint the file records), so a cascade's analyses are never read as the
   * fast model's, and both can be kept side by side to compare discovery on each.
   */
  static Path cacheFile(Path dir, String source, String stage) {
    return dir.resolve(source + "." + stage + ".analyses.gz");
  }

  /**
   * The fingerprint a cache of analyses scored by {@code stage} records: the code's and the stage.
   */
  static String cacheFingerprint(String stage) throws IOException {
    return AnalysisCache.codeFingerprint() + " sentiment " + stage;
  }

  @Override
  public Integer call() throws Exception {
    if (!sentimentStage.equals("fast") && !sentimentStage.equals("cascade")) {
      System.err.println(
          "error: --sentiment-stage must be fast or cascade, got '" + sentimentStage + "'");
      return 2;
    }
    List<GoldRow> gold = new ArrayList<>();
    for (Path p : goldFiles) {
      gold.addAll(readGold(p));
    }
    Map<String, List<GoldRow>> bySource = new TreeMap<>();
    gold.forEach(r -> bySource.computeIfAbsent(r.source(), s -> new ArrayList<>()).add(r));
    TextAnalyzer analyzer = new TextAnalyzer();
    Path noOverride = Files.createTempDirectory("earful-eval");
    SentimentScorer sentiment = SentimentScorer.load(noOverride, sentimentStage.equals("cascade"));
    Files.delete(noOverride);
    int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    List<DiscoverySettings> settingsToTry = new ArrayList<>();
    DiscoverySettings d = DiscoverySettings.DEFAULTS;
    for (double merge :
        mergeSimilarities == null ? List.of(d.mergeSimilarity()) : mergeSimilarities) {
      for (double sub :
          subThemeSimilarities == null ? List.of(d.subThemeSimilarity()) : subThemeSimilarities) {
        for (int subs : maxSubThemes == null ? List.of(d.maxSubThemes()) : maxSubThemes) {
          for (double w :
              cooccurrenceWeights == null ? List.of(d.cooccurrenceWeight()) : cooccurrenceWeights) {
            for (double c : contextWeights == null ? List.of(d.contextWeight()) : contextWeights) {
              settingsToTry.add(
                  d.withSimilarities(merge, sub)
                      .withMaxSubThemes(subs)
                      .withCooccurrenceWeight(w)
                      .withContextWeight(c));
            }
          }
        }
      }
    }
    Map<String, double[]> means = new LinkedHashMap<>();
    for (Map.Entry<String, List<GoldRow>> e : bySource.entrySet()) {
      String source = e.getKey();
      List<GoldRow> rows = e.getValue();
      List<String> corpus = new ArrayList<>();
      List<Outcome> corpusOutcomes = new ArrayList<>();
      if (corpora.containsKey(source)) {
        Path file = corpora.get(source);
        if (file.getFileName().toString().endsWith(".txt")) {
          // The UCI files: one "sentence<TAB>label" per line; the label (0 negative, 1 positive)
          // is the only outcome they have, so 0 is read as a detractor.
          for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int tab = line.lastIndexOf('\t');
            String text = tab < 0 ? line : line.substring(0, tab);
            if (!text.isBlank() && corpus.size() < maxComments) {
              corpus.add(text);
              corpusOutcomes.add(uciOutcome(tab < 0 ? "" : line.substring(tab + 1)));
            }
          }
        } else {
          Metric m = Metric.parse(metric);
          for (CommentFiles.Scored c :
              CommentFiles.readScoredComments(file, textColumns, scoreColumn, maxComments)) {
            corpus.add(c.text());
            corpusOutcomes.add(CommentFiles.outcome(c.score(), m));
          }
        }
      }
      DiscoverySet set = discoverySet(rows, corpus);
      List<String> texts = set.texts();
      List<Outcome> outcomes = new ArrayList<>(texts.size());
      for (int i = 0; i < texts.size(); i++) {
        outcomes.add(
            ignoreScores || i >= corpusOutcomes.size() ? Outcome.UNKNOWN : corpusOutcomes.get(i));
      }
      // Scored for sentiment as --sentiment-stage says (by default the cascade, the labels a
      // served folder's discovery ends on): discovery reads how a term's comments spread over
      // sentiment.
      List<Analysis> analyses =
          analysisCache == null
              ? analyse(analyzer, sentiment, texts, n)
              : AnalysisCache.load(
                  cacheFile(analysisCache, source, sentimentStage),
                  texts,
                  cacheFingerprint(sentimentStage),
                  text -> sentiment.score(analyzer.analyze(text)),
                  all -> analyse(analyzer, sentiment, all, n));
      List<Analysis> goldAnalyses = Arrays.stream(set.goldAt()).mapToObj(analyses::get).toList();
      for (DiscoverySettings settings : settingsToTry) {
        String tag =
            settingsToTry.size() == 1
                ? source
                : String.format(
                    java.util.Locale.ROOT,
                    "%s m%.2f s%.2f x%d c%.2f w%.2f",
                    source,
                    settings.mergeSimilarity(),
                    settings.subThemeSimilarity(),
                    settings.maxSubThemes(),
                    settings.cooccurrenceWeight(),
                    settings.contextWeight());
        score(tag, rows, set.reused(), analyses, outcomes, goldAnalyses, analyzer, settings, means);
      }
    }
    System.out.printf(
        "%nSummary: mean best-match F1 over every theme shown (a theme counts its sub-themes'"
            + " comments, as the product does) / over top-level themes only / baseline%n");
    means.forEach(
        (k, v) ->
            System.out.printf(
                "  %-30s %5.3f / %5.3f / %5.3f  (%d gold themes)%n",
                k, v[0], v[1], v[2], (int) v[3]));
    return 0;
  }

  private static List<Analysis> analyse(
      TextAnalyzer analyzer, SentimentScorer sentiment, List<String> texts, int threads) {
    return CommentFiles.analyze(analyzer, texts, threads).parallelStream()
        .map(sentiment::score)
        .toList();
  }

  private void score(
      String tag,
      List<GoldRow> rows,
      int inCorpus,
      List<Analysis> analyses,
      List<Outcome> outcomes,
      List<Analysis> gold,
      TextAnalyzer analyzer,
      DiscoverySettings settings,
      Map<String, double[]> means) {
    AnalysisSource source = AnalysisSource.of(analyses, outcomes);
    ThemeDiscoverer.Result result =
        new ThemeDiscoverer(new PhraseExtractor(), settings).discover(source);
    Taxonomy taxonomy = Taxonomy.inMemory(analyzer::lemmasOf);
    taxonomy.applyDiscovery(result.themes());
    int topLevel = (int) taxonomy.all().stream().filter(t -> t.parentId() == null).count();
    int shown = taxonomy.all().size();
    if (showThemes) {
      printThemes(tag, taxonomy, result);
    }
    if (diagnose) {
      diagnose(tag, rows, source, gold, analyzer, settings, result);
    }

    // Per gold row: every theme shown that it mentions (a parent's phrases include its
    // sub-themes', so a comment of a sub-theme counts for its parent too, as in the product), the
    // top-level themes alone, and the baseline nouns (as many as themes shown).
    List<String> baselineNouns = frequentNouns(analyses, shown);
    List<Set<String>> found = new ArrayList<>();
    List<Set<String>> foundTop = new ArrayList<>();
    List<Set<String>> baseline = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Set<String> names = new TreeSet<>();
      Set<String> top = new TreeSet<>();
      for (ThemeMention m : taxonomy.mentionsIn(gold.get(i))) {
        Theme t = taxonomy.find(m.themeId()).orElseThrow();
        names.add(t.parentId() == null ? t.name() : "  " + t.name());
        if (t.parentId() == null) {
          top.add(t.name());
        }
      }
      found.add(names);
      foundTop.add(top);
      Set<String> nouns = new TreeSet<>(nounsOf(gold.get(i)));
      nouns.retainAll(baselineNouns);
      baseline.add(nouns);
    }
    System.out.printf(
        "%n== %s: %,d gold comments (%,d of them found in the corpus), discovery over %,d"
            + " comments: %d themes, %d shown with sub-themes; baseline: the %d most frequent"
            + " nouns%n",
        tag, rows.size(), inCorpus, analyses.size(), topLevel, shown, baselineNouns.size());
    for (String split : splits) {
      List<Integer> idx = rowsOf(rows, split);
      Set<String> labels = new TreeSet<>();
      idx.forEach(i -> labels.addAll(rows.get(i).labels()));
      System.out.printf(
          "%n  %s (%d comments)%n  %-30s %4s  %-24s %5s  %5s  %-14s %5s%n",
          split,
          idx.size(),
          "gold theme",
          "n",
          "best theme shown",
          "F1",
          "top F1",
          "baseline noun",
          "F1");
      double sum = 0;
      double topSum = 0;
      double baseSum = 0;
      for (String label : labels) {
        Set<Integer> truth = labelled(rows, idx, label);
        Best ours = best(truth, idx, found);
        Best top = best(truth, idx, foundTop);
        Best base = best(truth, idx, baseline);
        sum += ours.f1();
        topSum += top.f1();
        baseSum += base.f1();
        System.out.printf(
            "  %-30s %4d  %-24s %5.2f  %5.2f  %-14s %5.2f%n",
            cut(label, 30),
            truth.size(),
            cut(ours.name(), 24),
            ours.f1(),
            top.f1(),
            cut(base.name(), 14),
            base.f1());
      }
      int k = labels.size();
      double[] m = {k == 0 ? 0 : sum / k, k == 0 ? 0 : topSum / k, k == 0 ? 0 : baseSum / k, k};
      means.put(tag + " " + split, m);
      System.out.printf(
          "  %-30s %4s  %-24s %5.2f  %5.2f  %-14s %5.2f%n",
          "MEAN over " + k + " gold themes", "", "", m[0], m[1], "", m[2]);
    }
  }

  /** The comments of the shown themes of a discovery, per gold row (a parent counts its subs'). */
  private static List<Set<String>> themesPerRow(
      List<GoldRow> rows, List<Analysis> gold, TextAnalyzer analyzer, ThemeDiscoverer.Result r) {
    Taxonomy taxonomy = Taxonomy.inMemory(analyzer::lemmasOf);
    taxonomy.applyDiscovery(r.themes());
    List<Set<String>> found = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Set<String> names = new TreeSet<>();
      for (ThemeMention m : taxonomy.mentionsIn(gold.get(i))) {
        Theme t = taxonomy.find(m.themeId()).orElseThrow();
        names.add(t.parentId() == null ? t.name() : "  " + t.name());
      }
      found.add(names);
    }
    return found;
  }

  /** The positions among {@code idx} whose gold comment carries {@code label}. */
  private static Set<Integer> labelled(List<GoldRow> rows, List<Integer> idx, String label) {
    Set<Integer> truth = new HashSet<>();
    for (int i : idx) {
      if (rows.get(i).labels().contains(label)) {
        truth.add(i);
      }
    }
    return truth;
  }

  /** The positions in {@code rows} of the gold comments of {@code split}. */
  private static List<Integer> rowsOf(List<GoldRow> rows, String split) {
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).split().equals(split)) {
        idx.add(i);
      }
    }
    return idx;
  }

  private void diagnose(
      String tag,
      List<GoldRow> rows,
      AnalysisSource source,
      List<Analysis> gold,
      TextAnalyzer analyzer,
      DiscoverySettings settings,
      ThemeDiscoverer.Result result) {
    PhraseExtractor extractor = new PhraseExtractor();
    List<Set<String>> shown = themesPerRow(rows, gold, analyzer, result);
    ThemeDiscoverer.Result all =
        new ThemeDiscoverer(extractor, settings.withMaxThemes(100_000).withMaxSubThemes(1_000))
            .discover(source);
    List<Set<String>> unbounded = themesPerRow(rows, gold, analyzer, all);
    Set<String> shownNames = new HashSet<>();
    result.themes().forEach(t -> shownNames.add(t.name()));
    System.out.printf("%n  groups not shown (the next 25 by support):%n");
    all.themes().stream()
        .filter(t -> !shownNames.contains(t.name()))
        .limit(25)
        .forEach(
            t ->
                System.out.printf(
                    "    %-22s %6d  %s%n",
                    t.name(),
                    t.support(),
                    String.join(
                        ", ",
                        t.phrases().stream()
                            .limit(8)
                            .map(dev.earful.themes.DiscoveredTheme.Phrase::surface)
                            .toList())));
    List<Set<String>> phrasesOf = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Set<String> ps = new TreeSet<>();
      for (Sentence s : gold.get(i).sentences()) {
        extractor.candidates(s).forEach(c -> ps.add(c.text()));
      }
      phrasesOf.add(ps);
    }
    Map<String, String> whereShown = new HashMap<>();
    for (dev.earful.themes.DiscoveredTheme t : result.themes()) {
      t.phrases().forEach(p -> whereShown.putIfAbsent(p.text(), t.name()));
      for (dev.earful.themes.DiscoveredTheme s : t.subThemes()) {
        s.phrases().forEach(p -> whereShown.putIfAbsent(p.text(), t.name() + ">" + s.name()));
      }
    }
    Map<String, String> whereUnbounded = new HashMap<>();
    for (dev.earful.themes.DiscoveredTheme t : all.themes()) {
      t.phrases().forEach(p -> whereUnbounded.putIfAbsent(p.text(), t.name()));
      for (dev.earful.themes.DiscoveredTheme s : t.subThemes()) {
        s.phrases().forEach(p -> whereUnbounded.putIfAbsent(p.text(), t.name() + ">" + s.name()));
      }
    }
    Map<String, String> setAside = new HashMap<>();
    result.nonThemes().forEach(x -> setAside.put(x.term(), x.reason().name()));
    for (String split : splits) {
      if (!split.equals("dev")) {
        // What limits each held-out label is exactly what one would tune on: not printed.
        System.out.printf("%n  %s: not diagnosed (only the dev split is)%n", split);
        continue;
      }
      List<Integer> idx = rowsOf(rows, split);
      Set<String> labels = new TreeSet<>();
      idx.forEach(i -> labels.addAll(rows.get(i).labels()));
      System.out.printf(
          "%n  diagnosis %s %s%n  %-26s %3s  %-18s %4s %4s %4s | %-18s %4s | %-18s %4s  %s%n",
          tag,
          split,
          "gold theme",
          "n",
          "best shown",
          "F1",
          "P",
          "R",
          "best, all groups",
          "F1",
          "best phrase",
          "F1",
          "where the phrase went");
      Map<String, String> places = places(all.themes(), result.themes());
      for (String label : labels) {
        Set<Integer> truth = labelled(rows, idx, label);
        Best ours = best(truth, idx, shown);
        int tp = 0;
        int size = 0;
        for (int i : idx) {
          if (shown.get(i).contains(ours.name())) {
            size++;
            if (truth.contains(i)) {
              tp++;
            }
          }
        }
        Best any = best(truth, idx, unbounded);
        Best phrase = best(truth, idx, phrasesOf);
        String where = whereShown.get(phrase.name());
        if (where == null) {
          String key = phrase.name().contains(" ") ? null : phrase.name();
          String reason = setAside.get(phrase.name());
          if (reason == null && key == null) {
            for (String w : phrase.name().split(" ")) {
              reason = reason == null ? setAside.get(w) : reason;
            }
          }
          String group = whereUnbounded.get(phrase.name());
          where =
              reason != null
                  ? "set aside " + reason
                  : group != null ? "not shown, in group " + group : "no candidate";
        }
        if (any.f1() > ours.f1() && places.containsKey(any.name())) {
          // A row-choice loss: the group that matches best exists but has no row.
          where += "; best group: " + places.get(any.name());
        }
        System.out.printf(
            "  %-26s %3d  %-18s %4.2f %4.2f %4.2f | %-18s %4.2f | %-18s %4.2f  %s%n",
            cut(label, 26),
            truth.size(),
            cut(ours.name().strip(), 18),
            ours.f1(),
            size == 0 ? 0.0 : tp / (double) size,
            truth.isEmpty() ? 0.0 : tp / (double) truth.size(),
            cut(any.name().strip(), 18),
            any.f1(),
            cut(phrase.name(), 18),
            phrase.f1(),
            where);
      }
    }
  }

  /**
   * Where each group of an unbounded discovery ({@code all}, every group shown) stands, keyed as
   * {@link #themesPerRow} names it (a sub-theme indented by two spaces): a theme by its rank by
   * support, a sub-theme by its theme's, and "no row" when the discovery that was scored ({@code
   * shown}) does not list it. A label whose best group has no row is a row-choice loss; the place
   * says whether its theme missed the top-level rows ("sub-theme of skin, theme 47, no row") or
   * only the group did.
   */
  static Map<String, String> places(
      List<dev.earful.themes.DiscoveredTheme> all, List<dev.earful.themes.DiscoveredTheme> shown) {
    Map<String, Set<String>> shownSubs = new HashMap<>();
    for (dev.earful.themes.DiscoveredTheme t : shown) {
      Set<String> subs = new HashSet<>();
      t.subThemes().forEach(s -> subs.add(s.name()));
      shownSubs.put(t.name(), subs);
    }
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i < all.size(); i++) {
      dev.earful.themes.DiscoveredTheme t = all.get(i);
      boolean themeShown = shownSubs.containsKey(t.name());
      out.putIfAbsent(t.name(), "theme " + (i + 1) + (themeShown ? "" : ", no row"));
      for (dev.earful.themes.DiscoveredTheme s : t.subThemes()) {
        boolean subShown = themeShown && shownSubs.get(t.name()).contains(s.name());
        out.putIfAbsent(
            "  " + s.name(),
            "sub-theme of "
                + t.name()
                + ", theme "
                + (i + 1)
                + (themeShown ? "" : " (no row)")
                + (subShown ? "" : ", no row"));
      }
    }
    return out;
  }

  private static void printThemes(String tag, Taxonomy taxonomy, ThemeDiscoverer.Result result) {
    System.out.printf("%n== %s: themes discovered%n", tag);
    for (dev.earful.themes.DiscoveredTheme t : result.themes()) {
      System.out.printf("  %-24s %6d  %s%n", t.name(), t.support(), firstPhrases(t, 10));
      for (dev.earful.themes.DiscoveredTheme s : t.subThemes()) {
        System.out.printf("    - %-20s %6d  %s%n", s.name(), s.support(), firstPhrases(s, 8));
      }
    }
    System.out.printf("  set aside: %s%n", result.nonThemes().stream().limit(15).toList());
  }

  private static String firstPhrases(dev.earful.themes.DiscoveredTheme t, int k) {
    return String.join(
        ", ",
        t.phrases().stream()
            .limit(k)
            .map(dev.earful.themes.DiscoveredTheme.Phrase::surface)
            .toList());
  }

  record Best(String name, double f1) {}

  /** The candidate (a discovered theme or a noun) whose comments best match the truth. */
  static Best best(Set<Integer> truth, List<Integer> idx, List<Set<String>> tags) {
    Map<String, Set<Integer>> byName = new LinkedHashMap<>();
    for (int i : idx) {
      for (String name : tags.get(i)) {
        byName.computeIfAbsent(name, k -> new HashSet<>()).add(i);
      }
    }
    Best best = new Best("-", 0);
    for (Map.Entry<String, Set<Integer>> e : new TreeMap<>(byName).entrySet()) {
      int both = 0;
      for (int i : e.getValue()) {
        if (truth.contains(i)) {
          both++;
        }
      }
      double f1 = 2.0 * both / (truth.size() + e.getValue().size());
      if (f1 > best.f1()) {
        best = new Best(e.getKey(), f1);
      }
    }
    return best;
  }

  private static final PhraseLexicon LEXICON = PhraseLexicon.standard();

  static Set<String> nounsOf(Analysis a) {
    Set<String> out = new HashSet<>();
    for (Sentence s : a.sentences()) {
      for (Token t : s.tokens()) {
        String l = t.lemma();
        if (t.tag().equals("NOUN")
            && l.length() > 1
            && Character.isLetter(l.charAt(0))
            && !LEXICON.stopWords().contains(l)) {
          out.add(l);
        }
      }
    }
    return out;
  }

  /** The baseline: the {@code k} nouns found in the most comments (ties by text). */
  static List<String> frequentNouns(List<Analysis> analyses, int k) {
    Map<String, Integer> df = new HashMap<>();
    for (Analysis a : analyses) {
      nounsOf(a).forEach(l -> df.merge(l, 1, Integer::sum));
    }
    return df.entrySet().stream()
        .sorted(
            Comparator.comparingInt((Map.Entry<String, Integer> e) -> -e.getValue())
                .thenComparing(Map.Entry::getKey))
        .limit(Math.max(1, k))
        .map(Map.Entry::getKey)
        .toList();
  }

  private static String cut(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "~";
  }
}
