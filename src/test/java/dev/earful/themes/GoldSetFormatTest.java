package dev.earful.themes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the hand-labelled theme gold set in corpora/themes-gold/ (read from the repository, so a
 * fresh clone checks it too): the TSV shape, every label in the codebook of its domain, the
 * dev/heldout split given by the seeded hash of the id (so nobody moves a comment between the parts
 * after seeing results), no duplicates, and the promised sizes.
 */
class GoldSetFormatTest {

  private static final Path GOLD = Path.of("corpora", "themes-gold");
  private static final String HEADER = "source\tid\tsplit\tlabels\ttext";

  /** The seed of corpora/themes-gold/sample.py; the split is derived from it and the id. */
  private static final long SEED = 20261201L;

  /** Women's reviews promised by issue 9 (the set holds 700). */
  private static final int WOMENS_MINIMUM = 600;

  private static final Pattern SECTION = Pattern.compile("^## (\\S+)\\s*$");
  private static final Pattern LABEL = Pattern.compile("^- `([^`]+)`:");

  /** What a file holds: per source, its row count; and the problems found, with line numbers. */
  record Check(Map<String, Integer> countBySource, int dev, int heldout, List<String> problems) {}

  @Test
  void womensFileHasTheFormatTheCodebookAndItsPromisedSize() throws IOException {
    Check check = check(GOLD.resolve("womens.tsv"), Set.of("womens"), codebook());
    assertEquals(List.of(), check.problems());
    int count = check.countBySource().getOrDefault("womens", 0);
    assertTrue(count >= WOMENS_MINIMUM, "women's reviews labelled: " + count);
    assertRoughlyHalfHeldOut(check);
  }

  @Test
  void uciFileHasTheFormatTheCodebookAndAtLeast150PerSource() throws IOException {
    Check check = check(GOLD.resolve("uci.tsv"), Set.of("amazon", "yelp", "imdb"), codebook());
    assertEquals(List.of(), check.problems());
    int amazon = check.countBySource().getOrDefault("amazon", 0);
    int yelp = check.countBySource().getOrDefault("yelp", 0);
    assertTrue(amazon >= 150, "amazon sentences labelled: " + amazon);
    assertTrue(yelp >= 150, "yelp sentences labelled: " + yelp);
    assertTrue(amazon + yelp >= 300, "UCI sentences labelled: " + (amazon + yelp));
    assertRoughlyHalfHeldOut(check);
  }

  @Test
  void everyCodebookLabelIsUsedAtLeastOnce() throws IOException {
    Map<String, Set<String>> codebook = codebook();
    Map<String, Set<String>> used = new TreeMap<>();
    for (String file : List.of("womens.tsv", "uci.tsv")) {
      for (String line : body(GOLD.resolve(file))) {
        String[] cols = line.split("\t", -1);
        String domain = cols[0];
        for (String label : cols[3].isEmpty() ? new String[0] : cols[3].split("\\|")) {
          used.computeIfAbsent(domain, d -> new HashSet<>()).add(label);
        }
      }
    }
    for (String domain : List.of("womens", "amazon", "yelp")) {
      Set<String> unused = new java.util.TreeSet<>(codebook.get(domain));
      unused.removeAll(used.getOrDefault(domain, Set.of()));
      assertEquals(Set.of(), unused, "codebook labels of " + domain + " never used");
    }
  }

  @Test
  void reportsEachKindOfBrokenLineWithItsLineNumber(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("bad.tsv");
    List<String> dev = idsWithSplit("womens", "dev", 1);
    List<String> held = idsWithSplit("womens", "heldout", 6);
    Files.writeString(
        bad,
        String.join(
                "\n",
                HEADER,
                "womens\t"
                    + dev.get(0)
                    + "\tdev\truns small|fabric quality\tRuns small. Thin fabric.",
                "womens\t" + held.get(0) + "\tdev\t\tSplit does not follow the hash.",
                "womens\t" + dev.get(0) + "\tdev\t\tDuplicate id.",
                "yelp\t5\tdev\tfood quality\tWrong source for this file.",
                "womens\tx1\theldout\t\tId is not a number.",
                "womens\t" + held.get(1) + "\ttest\truns tiny\tUnknown split and label.",
                "womens\t" + held.get(2) + "\theldout\truns small|runs small\tRepeated label.",
                "womens\t" + held.get(3) + "\theldout\t\t",
                "womens\t" + held.get(4) + "\theldout\tfour columns")
            + "\n",
        StandardCharsets.UTF_8);
    Check check = check(bad, Set.of("womens"), codebook());
    assertEquals(
        List.of(
            "line 3: split dev, the seeded hash of the id says heldout",
            "line 4: duplicate id womens " + dev.get(0),
            "line 5: source yelp does not belong in this file",
            "line 6: id x1 is not a number",
            "line 7: split test is neither dev nor heldout",
            "line 7: label 'runs tiny' is not in the womens codebook",
            "line 8: label 'runs small' repeated",
            "line 9: empty text",
            "line 10: 4 columns, expected 5"),
        check.problems());
    assertEquals(Map.of("womens", 7, "yelp", 1), check.countBySource());
  }

  @Test
  void reportsAWrongHeader(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("bad.tsv");
    Files.writeString(bad, "source\tid\tlabels\ttext\n", StandardCharsets.UTF_8);
    assertEquals(
        List.of("line 1: header is 'source\tid\tlabels\ttext', expected '" + HEADER + "'"),
        check(bad, Set.of("womens"), codebook()).problems());
  }

  private static void assertRoughlyHalfHeldOut(Check check) {
    double share = check.heldout() / (double) (check.dev() + check.heldout());
    assertTrue(share > 0.4 && share < 0.6, "held-out share " + share);
  }

  /** Label names per domain, from the "- `name`:" lines under each "## domain" heading. */
  static Map<String, Set<String>> codebook() throws IOException {
    Map<String, Set<String>> byDomain = new LinkedHashMap<>();
    String domain = null;
    for (String line : Files.readAllLines(GOLD.resolve("codebook.md"), StandardCharsets.UTF_8)) {
      Matcher section = SECTION.matcher(line);
      Matcher label = LABEL.matcher(line);
      if (section.matches()) {
        domain = section.group(1);
        byDomain.put(domain, new HashSet<>());
      } else if (label.find() && domain != null) {
        byDomain.get(domain).add(label.group(1));
      }
    }
    return byDomain;
  }

  static Check check(Path tsv, Set<String> sources, Map<String, Set<String>> codebook)
      throws IOException {
    List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
    List<String> problems = new ArrayList<>();
    Map<String, Integer> counts = new TreeMap<>();
    Set<String> ids = new HashSet<>();
    int dev = 0;
    int heldout = 0;
    if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
      problems.add(
          "line 1: header is '"
              + (lines.isEmpty() ? "" : lines.get(0))
              + "', expected '"
              + HEADER
              + "'");
    }
    for (int i = 1; i < lines.size(); i++) {
      String where = "line " + (i + 1) + ": ";
      String[] cols = lines.get(i).split("\t", -1);
      if (cols.length != 5) {
        problems.add(where + cols.length + " columns, expected 5");
        continue;
      }
      String source = cols[0];
      String id = cols[1];
      String split = cols[2];
      counts.merge(source, 1, Integer::sum);
      if (!sources.contains(source)) {
        problems.add(where + "source " + source + " does not belong in this file");
        continue;
      }
      boolean numeric = id.matches("\\d+");
      if (!numeric) {
        problems.add(where + "id " + id + " is not a number");
      } else if (!ids.add(source + " " + id)) {
        problems.add(where + "duplicate id " + source + " " + id);
      }
      if (split.equals("dev") || split.equals("heldout")) {
        if (split.equals("dev")) {
          dev++;
        } else {
          heldout++;
        }
        String expected = splitOf(source, id);
        if (numeric && !split.equals(expected)) {
          problems.add(where + "split " + split + ", the seeded hash of the id says " + expected);
        }
      } else {
        problems.add(where + "split " + split + " is neither dev nor heldout");
      }
      Set<String> seen = new HashSet<>();
      for (String label : cols[3].isEmpty() ? new String[0] : cols[3].split("\\|", -1)) {
        if (!codebook.getOrDefault(source, Set.of()).contains(label)) {
          problems.add(where + "label '" + label + "' is not in the " + source + " codebook");
        } else if (!seen.add(label)) {
          problems.add(where + "label '" + label + "' repeated");
        }
      }
      if (cols[4].isBlank()) {
        problems.add(where + "empty text");
      }
    }
    return new Check(counts, dev, heldout, problems);
  }

  /** The rule of sample.py: first byte of sha256("SEED:source:id") even means dev. */
  static String splitOf(String source, String id) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((SEED + ":" + source + ":" + id).getBytes(StandardCharsets.UTF_8));
      return (digest[0] & 1) == 0 ? "dev" : "heldout";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  private static List<String> idsWithSplit(String source, String split, int n) {
    List<String> ids = new ArrayList<>();
    for (int id = 0; ids.size() < n; id++) {
      if (splitOf(source, Integer.toString(id)).equals(split)) {
        ids.add(Integer.toString(id));
      }
    }
    return ids;
  }

  private static List<String> body(Path tsv) throws IOException {
    List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
    return lines.subList(1, lines.size());
  }
}
