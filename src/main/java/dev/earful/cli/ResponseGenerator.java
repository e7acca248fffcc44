package dev.earful.cli;

import dev.earful.domain.Analysis;
import dev.earful.domain.AnalyzedResponse;
import dev.earful.domain.Clause;
import dev.earful.domain.Metric;
import dev.earful.domain.Polarity;
import dev.earful.domain.Response;
import dev.earful.domain.Sentence;
import dev.earful.domain.Sentiment;
import dev.earful.domain.Token;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Seeded synthetic survey responses for benchmarks: comments of one to three sentences drawn from
 * the phrase banks in {@code corpora/generator/} (detractors mostly negative sentences, promoters
 * mostly positive), four segments, NPS / CSAT / CES in 70 / 20 / 10 proportions, spread over two
 * years. Response {@code i} depends only on the seed and {@code i}, so any thread can make any
 * response and the data set is the same every run.
 *
 * <p>No NLP: the analysis comes from {@link #plainAnalysis}, a regex tokenizer whose lemmas are the
 * lower-cased words, with each sentence's polarity taken from the bank it was drawn from. It has
 * the shape of a real analysis (positions, sentences, clauses) at a fraction of the cost, so the
 * benchmark measures the index, not OpenNLP.
 */
public final class ResponseGenerator {

  /** The first instant of the two years the responses spread over. */
  static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

  static final long SPAN_SECONDS = 730L * 86_400;

  private static final String[] REGIONS = {"EU", "EU", "EU", "US", "US", "UK", "APAC", "LATAM"};
  private static final String[] PLANS = {"free", "free", "free", "pro", "pro", "enterprise"};
  private static final String[] CHANNELS = {"web", "web", "ios", "android", "email"};
  private static final String[] LANGUAGES = {"en", "en", "en", "de", "fr", "es"};

  private final long seed;
  private final List<String> negative;
  private final List<String> positive;
  private final List<String> neutral;
  private final List<String> items;

  public ResponseGenerator(long seed) {
    this.seed = seed;
    this.negative = bank("negative.txt");
    this.positive = bank("positive.txt");
    this.neutral = bank("neutral.txt");
    this.items = bank("items.txt");
  }

  private static List<String> bank(String name) {
    String resource = "/corpora/generator/" + name;
    InputStream in = ResponseGenerator.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("phrase bank " + resource + " is not on the classpath");
    }
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String l = line.strip();
        if (!l.isEmpty() && !l.startsWith("#")) {
          lines.add(l);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(lines);
  }

  /** Words of the banks, for building benchmark queries that hit. */
  public List<String> sentences(Polarity polarity) {
    return switch (polarity) {
      case POSITIVE -> positive;
      case NEUTRAL -> neutral;
      case NEGATIVE -> negative;
    };
  }

  /** Response number {@code i} (ids "g0000001"...). */
  public AnalyzedResponse response(long i) {
    SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
    double m = rnd.nextDouble();
    Metric metric = m < 0.7 ? Metric.NPS : m < 0.9 ? Metric.CSAT : Metric.CES;
    int score = score(metric, rnd);
    Polarity tone =
        switch (metric.categorize(score).group()) {
          case POSITIVE -> Polarity.POSITIVE;
          case MIDDLE -> Polarity.NEUTRAL;
          case NEGATIVE -> Polarity.NEGATIVE;
        };
    Map<String, String> segments = new TreeMap<>();
    segments.put("region", REGIONS[rnd.nextInt(REGIONS.length)]);
    segments.put("plan", PLANS[rnd.nextInt(PLANS.length)]);
    segments.put("channel", CHANNELS[rnd.nextInt(CHANNELS.length)]);
    segments.put("language", LANGUAGES[rnd.nextInt(LANGUAGES.length)]);
    Instant at = START.plusSeconds(rnd.nextLong(SPAN_SECONDS));
    List<String> sentences = new ArrayList<>();
    List<Polarity> polarities = new ArrayList<>();
    if (rnd.nextDouble() >= 0.04) { // about 4% leave the comment empty
      int n = 1 + rnd.nextInt(3);
      for (int k = 0; k < n; k++) {
        Polarity p = sentencePolarity(tone, rnd);
        List<String> bank = sentences(p);
        String s = bank.get(rnd.nextInt(bank.size()));
        sentences.add(s.replace("{item}", items.get(rnd.nextInt(items.size()))));
        polarities.add(p);
      }
    }
    String comment = String.join(" ", sentences);
    Response r = new Response(id(i), metric, score, comment, at, segments);
    return new AnalyzedResponse(r, plainAnalysis(comment, sentences, polarities));
  }

  /** "g" and the number padded to seven digits: ids sort in generation order. */
  static String id(long i) {
    String digits = Long.toString(i);
    return "g" + "0".repeat(Math.max(0, 7 - digits.length())) + digits;
  }

  private static int score(Metric metric, SplittableRandom rnd) {
    double u = rnd.nextDouble();
    return switch (metric) {
      // roughly 45% promoters, 25% passives, 30% detractors
      case NPS -> u < 0.45 ? 9 + rnd.nextInt(2) : u < 0.70 ? 7 + rnd.nextInt(2) : rnd.nextInt(7);
      case CSAT -> u < 0.6 ? 4 + rnd.nextInt(2) : u < 0.75 ? 3 : 1 + rnd.nextInt(2);
      case CES -> u < 0.55 ? 5 + rnd.nextInt(3) : u < 0.7 ? 4 : 1 + rnd.nextInt(3);
    };
  }

  private static Polarity sentencePolarity(Polarity tone, SplittableRandom rnd) {
    double u = rnd.nextDouble();
    return switch (tone) {
      case NEGATIVE ->
          u < 0.75 ? Polarity.NEGATIVE : u < 0.9 ? Polarity.NEUTRAL : Polarity.POSITIVE;
      case POSITIVE ->
          u < 0.75 ? Polarity.POSITIVE : u < 0.9 ? Polarity.NEUTRAL : Polarity.NEGATIVE;
      case NEUTRAL -> u < 0.4 ? Polarity.NEUTRAL : u < 0.7 ? Polarity.NEGATIVE : Polarity.POSITIVE;
    };
  }

  /**
   * The analysis of a comment made of {@code sentences} joined by single spaces, without NLP:
   * tokens are runs of letters or digits (apostrophes inside words kept) or single other
   * characters, lemmas their lower case, no tags; each sentence is one clause of its polarity.
   */
  static Analysis plainAnalysis(String comment, List<String> sentences, List<Polarity> polarities) {
    if (sentences.isEmpty()) {
      return Analysis.EMPTY;
    }
    List<Sentence> out = new ArrayList<>(sentences.size());
    int offset = 0;
    int negative = 0;
    int positive = 0;
    for (int k = 0; k < sentences.size(); k++) {
      String s = sentences.get(k);
      List<Token> tokens = new ArrayList<>();
      int i = 0;
      while (i < s.length()) {
        char c = s.charAt(i);
        if (Character.isWhitespace(c)) {
          i++;
          continue;
        }
        int start = i;
        if (Character.isLetterOrDigit(c)) {
          while (i < s.length()
              && (Character.isLetterOrDigit(s.charAt(i))
                  || (s.charAt(i) == '\''
                      && i + 1 < s.length()
                      && Character.isLetter(s.charAt(i + 1))))) {
            i++;
          }
        } else {
          i++;
        }
        String text = s.substring(start, i);
        tokens.add(
            new Token(offset + start, offset + i, text, null, text.toLowerCase(Locale.ROOT)));
      }
      Polarity p = polarities.get(k);
      Sentiment sentiment = sentimentOf(p);
      if (p == Polarity.NEGATIVE) {
        negative++;
      } else if (p == Polarity.POSITIVE) {
        positive++;
      }
      out.add(
          new Sentence(
              offset,
              offset + s.length(),
              tokens,
              sentiment,
              List.of(new Clause(0, tokens.size(), sentiment))));
      offset += s.length() + 1;
    }
    Polarity overall =
        negative > positive
            ? Polarity.NEGATIVE
            : positive > negative ? Polarity.POSITIVE : Polarity.NEUTRAL;
    return new Analysis(out, sentimentOf(overall));
  }

  private static Sentiment sentimentOf(Polarity p) {
    return switch (p) {
      case POSITIVE -> new Sentiment(Polarity.POSITIVE, 0.6, 0.8);
      case NEUTRAL -> Sentiment.NEUTRAL;
      case NEGATIVE -> new Sentiment(Polarity.NEGATIVE, -0.6, 0.8);
    };
  }
}
