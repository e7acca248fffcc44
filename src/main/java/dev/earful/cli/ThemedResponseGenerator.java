package dev.earful.cli;

import dev.earful.domain.Analysis;
import dev.earful.domain.AnalyzedResponse;
import dev.earful.domain.CharSpan;
import dev.earful.domain.Clause;
import dev.earful.domain.Metric;
import dev.earful.domain.Polarity;
import dev.earful.domain.Response;
import dev.earful.domain.Sentence;
import dev.earful.domain.Sentiment;
import dev.earful.domain.Theme;
import dev.earful.domain.ThemeCatalog;
import dev.earful.domain.ThemeMention;
import dev.earful.domain.Token;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Seeded NPS responses whose comments mention themes at realistic rates, for {@code bench-impact}:
 * theme t (of up to 200, each a two-word phrase such as "slow checkout") is mentioned with
 * probability 0.12 / (t + 1)^0.8 (about 1.2 themes per comment, the most common theme in 12% of
 * comments, the rarest in 0.2%); every tenth theme raises the log-odds of a detractor by 0.4 to
 * 2.2, every seventh lowers it by 0.5, the rest do nothing. Spread evenly over two years from
 * 2024-01-01 (so a weekly trend has 105 periods). No NLP: the analysis is built directly (lemmas =
 * lower-cased words, one clause per sentence with the sentence's polarity), as bench-index does, so
 * the benchmark measures impact, not OpenNLP. Response i depends only on the seed and i.
 */
final class ThemedResponseGenerator {

  static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
  static final long SPAN_SECONDS = 731L * 86_400;
  static final double BASE_LOGIT = -1.4;

  private static final String[] ADJECTIVES = {
    "slow",
    "late",
    "rude",
    "broken",
    "confusing",
    "expensive",
    "missing",
    "noisy",
    "dirty",
    "friendly",
    "helpful",
    "fast",
    "cheap",
    "clean",
    "easy",
    "quiet",
    "long",
    "hidden",
    "wrong",
    "damaged"
  };
  private static final String[] NOUNS = {
    "delivery",
    "checkout",
    "agent",
    "app",
    "invoice",
    "refund",
    "parcel",
    "password",
    "menu",
    "seat"
  };
  private static final String[] REGIONS = {"EU", "EU", "US", "US", "UK", "APAC"};
  private static final String[] PLANS = {"free", "free", "pro", "enterprise"};
  private static final String[] FILLERS = {
    "Order number %d.",
    "Ticket %d was mine.",
    "Thanks for asking.",
    "I ordered on a Tuesday.",
    "We have used you for years."
  };

  private final long seed;
  private final int themeCount;
  private final List<Theme> themes = new ArrayList<>();
  private final double[] rate;
  private final double[] effect;

  ThemedResponseGenerator(long seed, int themeCount) {
    if (themeCount < 1 || themeCount > ADJECTIVES.length * NOUNS.length) {
      throw new IllegalArgumentException(
          "themes must be within 1-" + ADJECTIVES.length * NOUNS.length);
    }
    this.seed = seed;
    this.themeCount = themeCount;
    this.rate = new double[themeCount];
    this.effect = new double[themeCount];
    for (int t = 0; t < themeCount; t++) {
      String a = ADJECTIVES[t % ADJECTIVES.length];
      String n = NOUNS[(t / ADJECTIVES.length + t) % NOUNS.length];
      String phrase = a + " " + n;
      themes.add(
          new Theme(
              String.format(Locale.ROOT, "t%03d", t),
              phrase,
              List.of(phrase),
              List.of(List.of(a, n)),
              null,
              "edited"));
      rate[t] = 0.12 / Math.pow(t + 1, 0.8);
      effect[t] = t % 10 == 0 ? 0.4 + 0.2 * ((t / 10) % 10) : t % 7 == 0 ? -0.5 : 0.0;
    }
  }

  List<Theme> themes() {
    return themes;
  }

  /** The planted log-odds effect of the theme with this id ("t007"). */
  double effect(String themeId) {
    return effect[Integer.parseInt(themeId.substring(1))];
  }

  /** How many themes have a planted effect raising detractors. */
  int drivers() {
    int n = 0;
    for (double e : effect) {
      if (e > 0) {
        n++;
      }
    }
    return n;
  }

  /** Response number {@code i} (ids "b0000001"...). */
  AnalyzedResponse response(long i) {
    SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
    List<Integer> mentioned = new ArrayList<>();
    double logit = BASE_LOGIT;
    for (int t = 0; t < themeCount; t++) {
      if (rnd.nextDouble() < rate[t]) {
        mentioned.add(t);
        logit += effect[t];
      }
    }
    boolean detractor = rnd.nextDouble() < 1 / (1 + Math.exp(-logit));
    int score =
        detractor
            ? rnd.nextInt(7)
            : rnd.nextDouble() < 0.6 ? 9 + rnd.nextInt(2) : 7 + rnd.nextInt(2);
    List<String> sentences = new ArrayList<>();
    List<Polarity> polarities = new ArrayList<>();
    for (int t : mentioned) {
      boolean bad = effect[t] > 0 || (effect[t] == 0 && detractor);
      sentences.add(
          (bad ? "The " : "I liked the ") + themes.get(t).name() + (bad ? " annoyed me." : "."));
      polarities.add(bad ? Polarity.NEGATIVE : Polarity.POSITIVE);
    }
    sentences.add(String.format(Locale.ROOT, FILLERS[rnd.nextInt(FILLERS.length)], i));
    polarities.add(Polarity.NEUTRAL);
    String comment = String.join(" ", sentences);
    Map<String, String> segments = new TreeMap<>();
    segments.put("region", REGIONS[rnd.nextInt(REGIONS.length)]);
    segments.put("plan", PLANS[rnd.nextInt(PLANS.length)]);
    Instant at = START.plusSeconds(rnd.nextLong(SPAN_SECONDS));
    Response r =
        new Response(
            String.format(Locale.ROOT, "b%07d", i), Metric.NPS, score, comment, at, segments);
    return new AnalyzedResponse(r, analysis(sentences, polarities));
  }

  /** Sentences joined by single spaces, tokenised on letters and digits, lemmas lower-cased. */
  static Analysis analysis(List<String> sentences, List<Polarity> polarities) {
    List<Sentence> out = new ArrayList<>();
    int offset = 0;
    for (int k = 0; k < sentences.size(); k++) {
      String s = sentences.get(k);
      List<Token> tokens = new ArrayList<>();
      int i = 0;
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c == ' ') {
          i++;
          continue;
        }
        int start = i;
        if (Character.isLetterOrDigit(c)) {
          while (i < s.length() && Character.isLetterOrDigit(s.charAt(i))) {
            i++;
          }
        } else {
          i++;
        }
        String text = s.substring(start, i);
        tokens.add(new Token(offset + start, offset + i, text, "X", text.toLowerCase(Locale.ROOT)));
      }
      Sentiment sentiment =
          switch (polarities.get(k)) {
            case POSITIVE -> new Sentiment(Polarity.POSITIVE, 0.6, 0.9);
            case NEGATIVE -> new Sentiment(Polarity.NEGATIVE, -0.6, 0.9);
            case NEUTRAL -> Sentiment.NEUTRAL;
          };
      out.add(
          new Sentence(
              offset,
              offset + s.length(),
              tokens,
              sentiment,
              List.of(new Clause(0, tokens.size(), sentiment))));
      offset += s.length() + 1;
    }
    return new Analysis(out, Sentiment.NEUTRAL);
  }

  /** The generated themes as a catalog: a mention is the phrase's two lemmas in a row. */
  ThemeCatalog catalog() {
    return new ThemeCatalog() {
      @Override
      public List<Theme> all() {
        return themes;
      }

      @Override
      public Optional<Theme> find(String id) {
        return themes.stream().filter(t -> t.id().equals(id)).findFirst();
      }

      @Override
      public long version() {
        return 1;
      }

      @Override
      public List<ThemeMention> mentionsIn(Analysis analysis) {
        List<ThemeMention> out = new ArrayList<>();
        for (Theme theme : themes) {
          List<String> lemmas = theme.lemmaPhrases().get(0);
          for (Sentence s : analysis.sentences()) {
            List<Token> tokens = s.tokens();
            for (int i = 0; i + 1 < tokens.size(); i++) {
              if (tokens.get(i).lemma().equals(lemmas.get(0))
                  && tokens.get(i + 1).lemma().equals(lemmas.get(1))) {
                out.add(
                    new ThemeMention(
                        theme.id(),
                        theme.name(),
                        s.sentiment().label(),
                        List.of(new CharSpan(tokens.get(i).start(), tokens.get(i + 1).end()))));
              }
            }
          }
        }
        return out;
      }
    };
  }
}
