package dev.earful.sentiment;

import dev.earful.domain.Polarity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** Readers for the sentiment training and evaluation data, and a seeded train/test split. */
public final class SentimentCorpora {

  /** The hand-labelled customer-feedback sentences of this project (corpora/sentiment/). */
  public static final String HAND_LABELLED = "/corpora/sentiment/feedback-en.tsv";

  /**
   * Hand-labelled sentences for training only, never split or evaluated on: written after the
   * held-out figures of {@link #HAND_LABELLED} existed, so that set's split stays as it was.
   */
  public static final String HAND_TRAINING = "/corpora/sentiment/feedback-train-en.tsv";

  public static final String WOMENS_REVIEWS = "womens-clothing-reviews.csv";
  public static final List<String> LABELLED_SENTENCE_FILES =
      List.of("amazon_cells_labelled.txt", "yelp_labelled.txt", "imdb_labelled.txt");

  private SentimentCorpora() {}

  /** A women's clothing review: text, 1-5 rating and the "Recommended IND" flag. */
  public record Review(String text, int rating, boolean recommended) {

    /** The review's label as the issue defines it: 1-2 negative, 3 neutral, 4-5 positive. */
    public Polarity ratingLabel() {
      return rating <= 2 ? Polarity.NEGATIVE : rating == 3 ? Polarity.NEUTRAL : Polarity.POSITIVE;
    }
  }

  /** A train / test split. */
  public record Split<T>(List<T> train, List<T> test) {}

  /** The reviews with a non-empty text, in file order. */
  public static List<Review> womensReviews(Path csv) {
    requireFile(csv);
    List<Review> out = new ArrayList<>();
    try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      for (CSVRecord rec :
          CSVFormat.RFC4180
              .builder()
              .setHeader()
              .setSkipHeaderRecord(true)
              .setAllowMissingColumnNames(true)
              .get()
              .parse(r)) {
        String text = rec.get("Review Text");
        if (text == null || text.isBlank()) {
          continue;
        }
        out.add(
            new Review(
                text.strip(),
                Integer.parseInt(rec.get("Rating").strip()),
                rec.get("Recommended IND").strip().equals("1")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + csv, e);
    }
    return out;
  }

  /** A labelled-sentence file: one {@code sentence<TAB>label} per line, label 0 or 1. */
  public static List<LabelledText> labelledSentences(Path file) {
    requireFile(file);
    try {
      return parseTabSeparated(
          Files.readAllLines(file, StandardCharsets.UTF_8), file.getFileName().toString(), false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * {@code text<TAB>label[<TAB>more]} lines; labels 0/1 or words; blank lines are skipped, and so
   * are lines starting with '#' when {@code comments} (the data sets have sentences starting with
   * '#').
   */
  static List<LabelledText> parseTabSeparated(List<String> lines, String source, boolean comments) {
    List<LabelledText> out = new ArrayList<>();
    int lineNo = 0;
    for (String line : lines) {
      lineNo++;
      if (line.isBlank() || (comments && line.startsWith("#"))) {
        continue;
      }
      String[] cols = line.split("\t");
      if (cols.length < 2) {
        throw new IllegalArgumentException(
            source + " line " + lineNo + ": expected text<TAB>label");
      }
      String label = cols[1].strip();
      Polarity p =
          switch (label) {
            case "0" -> Polarity.NEGATIVE;
            case "1" -> Polarity.POSITIVE;
            default -> Polarity.parse(label);
          };
      out.add(new LabelledText(cols[0].strip(), p, source));
    }
    return out;
  }

  /** The project's hand-labelled sentences from the classpath. */
  public static List<LabelledText> handLabelled() {
    return resource(HAND_LABELLED, "hand-labelled");
  }

  /** The project's training-only hand-labelled sentences ({@link #HAND_TRAINING}). */
  public static List<LabelledText> handTraining() {
    return resource(HAND_TRAINING, "hand-labelled training");
  }

  private static List<LabelledText> resource(String name, String source) {
    try (InputStream in = SentimentCorpora.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is not on the classpath");
      }
      List<String> lines =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
      return parseTabSeparated(lines, source, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }

  /** A seeded shuffle of {@code items}, the first {@code testShare} of it held out. */
  public static <T> Split<T> split(List<T> items, double testShare, long seed) {
    List<T> shuffled = new ArrayList<>(items);
    Collections.shuffle(shuffled, new Random(seed));
    int test = (int) Math.round(items.size() * testShare);
    return new Split<>(
        List.copyOf(shuffled.subList(test, shuffled.size())),
        List.copyOf(shuffled.subList(0, test)));
  }

  /**
   * A missing input is the user's to fix, so it is a NoSuchFileException the CLI prints in a line.
   */
  static void requireFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new java.io.UncheckedIOException(
          new java.nio.file.NoSuchFileException(
              file.toAbsolutePath().normalize().toString(),
              null,
              "not found (expected the shared data folder; see --shared-data)"));
    }
  }
}
