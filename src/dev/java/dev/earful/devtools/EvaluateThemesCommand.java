package dev.earful.devtools;

import dev.earful.domain.Analysis;
import dev.earful.domain.Sentence;
import dev.earful.domain.Theme;
import dev.earful.domain.ThemeMention;
import dev.earful.domain.Token;
import dev.earful.nlp.PhraseExtractor;
import dev.earful.nlp.PhraseLexicon;
import dev.earful.nlp.TextAnalyzer;
import dev.earful.themes.AnalysisSource;
import dev.earful.themes.DiscoverySettings;
import dev.earful.themes.Taxonomy;
import dev.earful.themes.ThemeDiscoverer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
      "the best-matching discovered theme and its F1, the mean, and the same for the baseline",
      "(the N most frequent nouns as themes, N = the number of discovered themes). Labels are used",
      "only to score; never tune on the heldout split."
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

  @Override
  public Integer call() throws Exception {
    List<GoldRow> gold = new ArrayList<>();
    for (Path p : goldFiles) {
      gold.addAll(readGold(p));
    }
    Map<String, List<GoldRow>> bySource = new TreeMap<>();
    gold.forEach(r -> bySource.computeIfAbsent(r.source(), s -> new ArrayList<>()).add(r));
    TextAnalyzer analyzer = new TextAnalyzer();
    int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    Map<String, double[]> means = new TreeMap<>();
    for (Map.Entry<String, List<GoldRow>> e : bySource.entrySet()) {
      String source = e.getKey();
      List<GoldRow> rows = e.getValue();
      List<String> texts = new ArrayList<>(rows.stream().map(GoldRow::text).toList());
      if (corpora.containsKey(source)) {
        Path corpus = corpora.get(source);
        if (corpus.getFileName().toString().endsWith(".txt")) {
          // The UCI files: one "sentence<TAB>label" per line; the label is not read.
          for (String line : Files.readAllLines(corpus, StandardCharsets.UTF_8)) {
            int tab = line.lastIndexOf('\t');
            String text = tab < 0 ? line : line.substring(0, tab);
            if (!text.isBlank() && texts.size() - rows.size() < maxComments) {
              texts.add(text);
            }
          }
        } else {
          texts.addAll(CommentFiles.readComments(corpus, textColumns, maxComments));
        }
      }
      List<Analysis> analyses = CommentFiles.analyze(analyzer, texts, n);
      ThemeDiscoverer.Result result =
          new ThemeDiscoverer(new PhraseExtractor(), DiscoverySettings.DEFAULTS)
              .discover(AnalysisSource.of(analyses));
      Taxonomy taxonomy = Taxonomy.inMemory(analyzer::lemmasOf);
      taxonomy.applyDiscovery(result.themes());
      int themeCount = (int) taxonomy.all().stream().filter(t -> t.parentId() == null).count();

      // Discovered themes per gold row (a sub-theme counts for its parent), and baseline nouns.
      List<String> baselineNouns = frequentNouns(analyses, themeCount);
      List<Set<String>> found = new ArrayList<>();
      List<Set<String>> baseline = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        Set<String> names = new TreeSet<>();
        for (ThemeMention m : taxonomy.mentionsIn(analyses.get(i))) {
          Theme t = taxonomy.find(m.themeId()).orElseThrow();
          Theme top = t.parentId() == null ? t : taxonomy.find(t.parentId()).orElse(t);
          names.add(top.name());
        }
        found.add(names);
        Set<String> nouns = new TreeSet<>(nounsOf(analyses.get(i)));
        nouns.retainAll(baselineNouns);
        baseline.add(nouns);
      }
      System.out.printf(
          "%n== %s: %,d gold comments, discovery over %,d comments: %d themes; baseline: the %d"
              + " most frequent nouns%n",
          source, rows.size(), texts.size(), themeCount, baselineNouns.size());
      for (String split : List.of("dev", "heldout")) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
          if (rows.get(i).split().equals(split)) {
            idx.add(i);
          }
        }
        Set<String> labels = new TreeSet<>();
        idx.forEach(i -> labels.addAll(rows.get(i).labels()));
        System.out.printf(
            "%n  %s (%d comments)%n  %-34s %5s  %-28s %5s  %-16s %5s%n",
            split,
            idx.size(),
            "gold theme",
            "n",
            "best discovered theme",
            "F1",
            "baseline noun",
            "F1");
        double sum = 0;
        double baseSum = 0;
        for (String label : labels) {
          Set<Integer> truth = new HashSet<>();
          for (int i : idx) {
            if (rows.get(i).labels().contains(label)) {
              truth.add(i);
            }
          }
          Best ours = best(truth, idx, found);
          Best base = best(truth, idx, baseline);
          sum += ours.f1();
          baseSum += base.f1();
          System.out.printf(
              "  %-34s %5d  %-28s %5.2f  %-16s %5.2f%n",
              cut(label, 34),
              truth.size(),
              cut(ours.name(), 28),
              ours.f1(),
              cut(base.name(), 16),
              base.f1());
        }
        double mean = labels.isEmpty() ? 0 : sum / labels.size();
        double baseMean = labels.isEmpty() ? 0 : baseSum / labels.size();
        means.put(source + " " + split, new double[] {mean, baseMean, labels.size()});
        System.out.printf(
            "  %-34s %5s  %-28s %5.2f  %-16s %5.2f%n",
            "MEAN over " + labels.size() + " gold themes", "", "", mean, "", baseMean);
      }
    }
    System.out.printf("%nSummary: mean best-match F1 (discovery / baseline)%n");
    means.forEach(
        (k, v) ->
            System.out.printf(
                "  %-18s %5.3f / %5.3f  (%d gold themes)%n", k, v[0], v[1], (int) v[2]));
    return 0;
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
