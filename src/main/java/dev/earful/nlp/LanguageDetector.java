package dev.earful.nlp;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import opennlp.tools.langdetect.LanguageDetectorModel;
import opennlp.tools.ml.model.MaxentModel;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.util.IOUtils;

/**
 * The language of a comment, as an ISO 639-3 code ({@code eng}, {@code fra}, {@code spa}, ...).
 *
 * <p>Two libraries decide, in this order, because each alone is wrong in a way that matters:
 *
 * <ol>
 *   <li>The function words of each language (the Snowball stop-word lists that ship with Lucene): a
 *       comment that uses words only English has ("the", "was", "my") and none that only another
 *       listed language has is English. This settles most English feedback in microseconds; the
 *       OpenNLP detector costs about 2 ms a comment (its regular-expression normalisers and 103
 *       languages), which alone would cut import throughput several times.
 *   <li>Otherwise OpenNLP's language detector ({@code opennlp-models-langdetect} 1.3.0, 103
 *       languages, character n-grams) reads the first {@value #DETECTOR_CHARS} characters.
 * </ol>
 *
 * <p>Short texts are where n-grams fail ("Too slow" came out Latin, "Runs small" Minangkabau, "Pas
 * mal" Volapük in a check). So a text with fewer than {@value #SHORT_LETTERS} letters is only
 * <em>confidently</em> another language when its function words say so too (an exclusive function
 * word of the detector's language, or of one language only); otherwise the result is marked unsure,
 * and the caller gives it the main language of the comments around it ({@link #mainLanguage}). Text
 * with no letters at all is unsure too. Thread-safe.
 */
public final class LanguageDetector {

  /** English, the one language Earful analyses (themes, sentiment) today. */
  public static final String ENGLISH = dev.earful.domain.Analysis.ENGLISH;

  /** Below this many letters the detector's guess needs function words to back it. */
  static final int SHORT_LETTERS = 20;

  /** Characters read for function words: about 60 words, plenty to decide, and a bound on cost. */
  static final int SCAN_CHARS = 300;

  /** Characters read by the n-gram detector: enough to decide, and a bound on its cost. */
  static final int DETECTOR_CHARS = 400;

  private static final String MODEL = "/langdetect-183.bin";

  /** Snowball stop lists shipped in lucene-analysis-common, by ISO 639-3 code. */
  private static final Map<String, String> STOP_LISTS =
      Map.ofEntries(
          Map.entry("eng", "english_stop.txt"),
          Map.entry("fra", "french_stop.txt"),
          Map.entry("spa", "spanish_stop.txt"),
          Map.entry("deu", "german_stop.txt"),
          Map.entry("ita", "italian_stop.txt"),
          Map.entry("por", "portuguese_stop.txt"),
          Map.entry("nld", "dutch_stop.txt"),
          Map.entry("dan", "danish_stop.txt"),
          Map.entry("swe", "swedish_stop.txt"),
          Map.entry("nor", "norwegian_stop.txt"),
          Map.entry("fin", "finnish_stop.txt"));

  /** What was decided for one text: the language and whether the evidence was enough. */
  public record Detection(String language, boolean sure) {}

  private static final Detection UNSURE_ENGLISH = new Detection(ENGLISH, false);

  /** The n-gram model; evaluating it keeps no state, so threads share it. */
  private final MaxentModel ngrams;

  /** Word to the languages whose stop list has it. */
  private final Map<String, List<String>> functionWordOf;

  private static volatile LanguageDetector shared;

  /** One detector per process: the model is about 10 MB and loads in about a second. */
  public static LanguageDetector shared() {
    LanguageDetector d = shared;
    if (d == null) {
      synchronized (LanguageDetector.class) {
        d = shared;
        if (d == null) {
          d = new LanguageDetector();
          shared = d;
        }
      }
    }
    return d;
  }

  public LanguageDetector() {
    try (InputStream in = LanguageDetector.class.getResourceAsStream(MODEL)) {
      if (in == null) {
        throw new IllegalStateException(
            "OpenNLP model " + MODEL + " is not on the classpath (opennlp-models-langdetect)");
      }
      ngrams = new LanguageDetectorModel(in).getMaxentModel();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the OpenNLP language detector", e);
    }
    Map<String, List<String>> lists = new HashMap<>();
    new java.util.TreeMap<>(STOP_LISTS)
        .forEach(
            (lang, file) -> {
              for (Object w : stopWords(file)) {
                lists.computeIfAbsent(new String((char[]) w), k -> new ArrayList<>()).add(lang);
              }
            });
    lists.replaceAll((w, langs) -> List.copyOf(langs));
    functionWordOf = Map.copyOf(lists);
  }

  private static CharArraySet stopWords(String file) {
    InputStream in = SnowballFilter.class.getResourceAsStream(file);
    if (in == null) {
      throw new IllegalStateException("Lucene's stop list " + file + " is not on the classpath");
    }
    try (Reader r = IOUtils.getDecodingReader(in, StandardCharsets.UTF_8)) {
      return WordlistLoader.getSnowballWordSet(r);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Lucene's stop list " + file, e);
    }
  }

  /** The language of {@code text}; unsure when the evidence is thin (see the class comment). */
  public Detection detect(String text) {
    if (text == null) {
      return UNSURE_ENGLISH;
    }
    Map<String, Integer> votes = new HashMap<>();
    int letters = countFunctionWords(text, votes);
    if (letters == 0) {
      return UNSURE_ENGLISH;
    }
    if (!mostlyLatin(text)) {
      // The stop lists cover Latin-script languages only; n-grams tell scripts apart well.
      return new Detection(ngramGuess(text), true);
    }
    if (votes.isEmpty()) {
      // No function word of any listed language: short product talk ("Excellent performance.",
      // "Good case, Excellent value.") that n-grams took for Latin, Waray or Cebuano in 10 of the
      // 3,000 UCI sentences. Whatever its language, such text says too little to tell.
      return UNSURE_ENGLISH;
    }
    int english = votes.getOrDefault(ENGLISH, 0);
    int mostVotes = 0;
    int otherVotes = 0;
    for (Map.Entry<String, Integer> e : votes.entrySet()) {
      mostVotes = Math.max(mostVotes, e.getValue());
      if (!e.getKey().equals(ENGLISH)) {
        otherVotes = Math.max(otherVotes, e.getValue());
      }
    }
    if (english > 0 && english >= 2 * otherVotes) {
      return new Detection(ENGLISH, true);
    }
    String guess = ngramGuess(text);
    // Sure when the n-grams and the function words agree; otherwise the text is taken to be in
    // the main language of its batch ("Great price also!": German "also", English n-grams).
    boolean agree = votes.getOrDefault(guess, 0) == mostVotes;
    return new Detection(guess, agree);
  }

  /**
   * True when at least half the letters (of the first {@value #SCAN_CHARS} characters) are Latin
   * script.
   */
  public static boolean mostlyLatin(String text) {
    int end = Math.min(text.length(), SCAN_CHARS);
    int latin = 0;
    int letters = 0;
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      if (Character.isLetter(c)) {
        letters++;
        if (Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN) {
          latin++;
        }
      }
    }
    return latin * 2 >= letters;
  }

  /**
   * The n-gram model's most likely language. The context is the set of distinct character 1- to
   * 3-grams of the lower-cased text, as OpenNLP's {@code DefaultLanguageDetectorContextGenerator}
   * builds it, but made without its regular expressions (URLs, e-mails, @handles, emoji, digits):
   * they took about 1 ms a comment, ten times the model's own evaluation. Digits and symbols become
   * spaces here instead, and runs of spaces one.
   */
  private String ngramGuess(String text) {
    int end = Math.min(text.length(), DETECTOR_CHARS);
    StringBuilder clean = new StringBuilder(end);
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      boolean keep = Character.isLetter(c) || c == '\'' || c == '\u2019' || c == '.' || c == ',';
      char out = keep ? Character.toLowerCase(c) : ' ';
      if (out == ' ' && (clean.isEmpty() || clean.charAt(clean.length() - 1) == ' ')) {
        continue;
      }
      clean.append(out);
    }
    String t = clean.toString().strip();
    Set<String> grams = new LinkedHashSet<>();
    for (int n = 1; n <= 3; n++) {
      for (int i = 0; i + n <= t.length(); i++) {
        grams.add(t.substring(i, i + n));
      }
    }
    double[] probs = ngrams.eval(grams.toArray(new String[0]));
    int best = 0;
    for (int i = 1; i < probs.length; i++) {
      if (probs[i] > probs[best]) {
        best = i;
      }
    }
    return ngrams.getOutcome(best);
  }

  /**
   * Counts, per language, the words of {@code text} (of its first {@value #SCAN_CHARS} characters)
   * that are in that language's stop list, into {@code votes}, and returns the number of letters. A
   * word with an apostrophe is looked up whole first ("doesn't" is an English function word), then
   * as its parts ("n'est" is French "n" and "est").
   */
  private int countFunctionWords(String text, Map<String, Integer> votes) {
    int end = Math.min(text.length(), SCAN_CHARS);
    int letters = 0;
    StringBuilder word = new StringBuilder();
    for (int i = 0; i <= end; i++) {
      char c = i < end ? text.charAt(i) : ' ';
      if (Character.isLetter(c)) {
        letters++;
        word.append(Character.toLowerCase(c));
        continue;
      }
      if ((c == '\'' || c == '\u2019') && !word.isEmpty()) {
        word.append('\'');
        continue;
      }
      if (!word.isEmpty()) {
        vote(word.toString(), votes);
        word.setLength(0);
      }
    }
    return letters;
  }

  private void vote(String word, Map<String, Integer> votes) {
    List<String> langs = functionWordOf.get(word);
    if (langs == null && word.indexOf('\'') >= 0) {
      for (String part : word.split("'")) {
        if (!part.isEmpty()) {
          vote(part, votes);
        }
      }
      return;
    }
    if (langs != null) {
      for (String lang : langs) {
        votes.merge(lang, 1, Integer::sum);
      }
    }
  }

  /**
   * The language of most sure detections (ties to English, the order of codes otherwise), or
   * English when none is sure: what an unsure text of this batch is taken to be.
   */
  public static String mainLanguage(Collection<Detection> detections) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Detection d : detections) {
      if (d.sure()) {
        counts.merge(d.language(), 1, Integer::sum);
      }
    }
    String best = ENGLISH;
    int bestCount = counts.getOrDefault(ENGLISH, 0);
    for (Map.Entry<String, Integer> e : new java.util.TreeMap<>(counts).entrySet()) {
      if (e.getValue() > bestCount) {
        best = e.getKey();
        bestCount = e.getValue();
      }
    }
    return best;
  }
}
