package dev.earful.devtools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earful.Earful;
import dev.earful.domain.Metric;
import dev.earful.themes.DiscoveredTheme;
import dev.earful.themes.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * evaluate-themes discovers over the comments a user would import: a gold comment sampled from the
 * corpus is read once, not once as gold and once more as part of the corpus.
 */
class EvaluateThemesCommandTest {

  private static EvaluateThemesCommand.GoldRow gold(String id, String text) {
    return new EvaluateThemesCommand.GoldRow("shop", id, "dev", Set.of("label"), text);
  }

  @Test
  void aGoldCommentFoundInTheCorpusIsReadOnceAtItsPlaceInTheFile() {
    List<String> corpus =
        List.of(
            "The battery died after a week.",
            "Love it!\nRuns small in the shoulders.",
            "Great sound.",
            "Great sound.",
            "Shipping was slow.");
    List<EvaluateThemesCommand.GoldRow> rows =
        List.of(
            gold("4", "Great sound."),
            // the gold set joins a title and its review with ". ", import with a line break
            gold("2", "Love it!. Runs small in the shoulders."),
            gold("9", "Not in the file at all."),
            gold("3", "Great sound."),
            gold("1", "The battery died after a week."));

    EvaluateThemesCommand.DiscoverySet set = EvaluateThemesCommand.discoverySet(rows, corpus);

    assertEquals(
        List.of(
            "The battery died after a week.",
            "Love it!\nRuns small in the shoulders.",
            "Great sound.",
            "Great sound.",
            "Shipping was slow.",
            "Not in the file at all."),
        set.texts());
    assertArrayEquals(new int[] {2, 1, 5, 3, 0}, set.goldAt());
    assertEquals(4, set.reused());
  }

  @Test
  void withoutACorpusTheGoldCommentsAreTheCommentsDiscoveredOn() {
    List<EvaluateThemesCommand.GoldRow> rows = List.of(gold("1", "A."), gold("2", "B."));
    EvaluateThemesCommand.DiscoverySet set = EvaluateThemesCommand.discoverySet(rows, List.of());
    assertEquals(List.of("A.", "B."), set.texts());
    assertArrayEquals(new int[] {0, 1}, set.goldAt());
    assertEquals(0, set.reused());
  }

  @Test
  void discoversOverTheCorpusFileAsImportedWhenTheGoldRowsAreSampledFromIt(@TempDir Path dir)
      throws Exception {
    Path tsv = dir.resolve("gold.tsv");
    Files.writeString(
        tsv,
        """
        source\tid\tsplit\tlabels\ttext
        shop\t1\tdev\tbattery\tThe battery died after a week.
        shop\t3\tdev\tbattery\tBattery life is short.
        """,
        StandardCharsets.UTF_8);
    Path corpus = dir.resolve("shop.txt");
    Files.writeString(
        corpus,
        """
        The battery died after a week.\t0
        The headset broke after a month.\t0
        Battery life is short.\t0
        Sound is clear.\t1
        """,
        StandardCharsets.UTF_8);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream before = System.out;
    int code;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      System.setOut(out);
      CommandLine cl = Earful.commandLine(new DevCommand());
      code =
          cl.execute(
              "evaluate-themes", tsv.toString(), "--corpus", "shop=" + corpus, "--splits", "dev");
    } finally {
      System.setOut(before);
    }
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, printed);
    assertTrue(
        printed.contains(
            "== shop: 2 gold comments (2 of them found in the corpus), discovery over 4 comments"),
        printed);
  }

  @Test
  void readsEachCommentsOutcomeFromItsScoreColumnOrItsUciLabel(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("shop.csv");
    Files.writeString(
        csv,
        """
        Title,Review Text,Rating
        ,Too small.,2
        ,,1
        Nice,Fits well.,3
        ,Love it.,
        ,Soft.,9
        """,
        StandardCharsets.UTF_8);
    List<CommentFiles.Scored> read =
        CommentFiles.readScoredComments(csv, List.of("Title", "Review Text"), "Rating", 100);
    assertEquals(
        List.of("Too small.", "Nice.\nFits well.", "Love it.", "Soft."),
        read.stream().map(CommentFiles.Scored::text).toList());
    assertEquals(
        List.of(Outcome.DETRACTOR, Outcome.NOT_DETRACTOR, Outcome.UNKNOWN, Outcome.UNKNOWN),
        read.stream().map(c -> CommentFiles.outcome(c.score(), Metric.CSAT)).toList());
    // A file without the column is read with no scores.
    assertEquals(
        Arrays.asList(null, null, null, null),
        CommentFiles.readScoredComments(csv, List.of("Title", "Review Text"), "score", 100).stream()
            .map(CommentFiles.Scored::score)
            .toList());
    assertEquals(Outcome.DETRACTOR, EvaluateThemesCommand.uciOutcome("0"));
    assertEquals(Outcome.NOT_DETRACTOR, EvaluateThemesCommand.uciOutcome("1\r"));
    assertEquals(Outcome.UNKNOWN, EvaluateThemesCommand.uciOutcome(""));
  }

  /** Runs evaluate-themes as the developer command line does; its exit code. */
  private static int evaluate(String... args) {
    PrintStream before = System.out;
    try (PrintStream out =
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)) {
      System.setOut(out);
      return Earful.commandLine(new DevCommand()).execute(args);
    } finally {
      System.setOut(before);
    }
  }

  @Test
  void theAnalysisCacheKeysOnTheSentimentStage(@TempDir Path dir) throws Exception {
    Path tsv = dir.resolve("gold.tsv");
    Files.writeString(
        tsv,
        """
        source\tid\tsplit\tlabels\ttext
        shop\t1\tdev\tbattery\tThe battery died after a week.
        shop\t2\tdev\tbattery\tBattery life is short.
        """,
        StandardCharsets.UTF_8);
    Path cache = dir.resolve("cache");
    String[] common = {"evaluate-themes", tsv.toString(), "--splits", "dev", "--analysis-cache"};

    assertEquals(0, evaluate(append(common, cache.toString(), "--sentiment-stage", "fast")));
    Path fast = EvaluateThemesCommand.cacheFile(cache, "shop", "fast");
    Path cascade = EvaluateThemesCommand.cacheFile(cache, "shop", "cascade");
    assertTrue(Files.isRegularFile(fast));
    assertFalse(Files.exists(cascade), "the fast run writes no cascade cache");
    // A fast cache put where the cascade's belongs is not read as the cascade's: its fingerprint
    // names the stage. The sampled check alone would accept it wherever both stages score the
    // sampled comments alike, as they do every clause the fast model is sure of.
    List<String> texts = List.of("The battery died after a week.", "Battery life is short.");
    assertNotNull(AnalysisCache.read(fast, texts, EvaluateThemesCommand.cacheFingerprint("fast")));
    Files.copy(fast, cascade);
    assertNull(
        AnalysisCache.read(cascade, texts, EvaluateThemesCommand.cacheFingerprint("cascade")));
    assertEquals(0, evaluate(append(common, cache.toString(), "--sentiment-stage", "cascade")));
    assertNotNull(
        AnalysisCache.read(cascade, texts, EvaluateThemesCommand.cacheFingerprint("cascade")));
    assertNotNull(
        AnalysisCache.read(fast, texts, EvaluateThemesCommand.cacheFingerprint("fast")),
        "the cascade run leaves the fast cache as it was");

    assertEquals(2, evaluate(append(common, cache.toString(), "--sentiment-stage", "slow")));
  }

  private static String[] append(String[] head, String... tail) {
    String[] all = Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }

  private static DiscoveredTheme theme(String name, int support, DiscoveredTheme... subs) {
    return new DiscoveredTheme(name, name, support, List.of(), List.of(subs));
  }

  @Test
  void theDiagnosisSaysWhetherABestGroupWithoutARowMissedTheThemesOrOnlyTheSubThemeRows() {
    DiscoveredTheme sale = theme("sale", 1221);
    DiscoveredTheme soldOut = theme("sold out", 365);
    DiscoveredTheme itchy = theme("itchy", 282);
    List<DiscoveredTheme> all =
        List.of(theme("price", 3334, sale, soldOut), theme("skin", 756, itchy));
    List<DiscoveredTheme> shown = List.of(theme("price", 3334, sale));

    Map<String, String> places = EvaluateThemesCommand.places(all, shown);

    assertEquals("theme 1", places.get("price"));
    assertEquals("sub-theme of price, theme 1", places.get("  sale"));
    assertEquals("sub-theme of price, theme 1, no row", places.get("  sold out"));
    assertEquals("theme 2, no row", places.get("skin"));
    assertEquals("sub-theme of skin, theme 2 (no row), no row", places.get("  itchy"));
  }
}
