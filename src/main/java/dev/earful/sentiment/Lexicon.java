package dev.earful.sentiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The VADER sentiment lexicon (Hutto and Gilbert, MIT license): about 7,500 words and emoticons
 * with a mean valence in [-4, 4], plus VADER's negation words and intensifiers. The file is
 * unpacked from the vader-sentiment-analyzer jar at build time (that jar is never on the
 * classpath). Immutable and shared.
 */
public final class Lexicon {

  static final String RESOURCE = "/sentiment/vader_sentiment_lexicon.txt";

  /** VADER's scale of an intensifier ("very good") and a dampener ("slightly good"). */
  static final double BOOST = 0.293;

  /** VADER's factor for a negated lexicon word ("not good" is -0.74 x good). */
  static final double NEGATION_FACTOR = -0.74;

  /** Negation words (VADER's list, plus the halves our tokenizer leaves of contractions). */
  static final Set<String> NEGATORS =
      Set.of(
          "not",
          "n't",
          "no",
          "never",
          "none",
          "nothing",
          "nowhere",
          "nobody",
          "neither",
          "nor",
          "without",
          "cannot",
          "nope",
          "rarely",
          "seldom",
          "hardly",
          "aint",
          "dont",
          "didnt",
          "doesnt",
          "isnt",
          "wasnt",
          "werent",
          "cant",
          "couldnt",
          "wont",
          "wouldnt",
          "shouldnt",
          "havent",
          "hasnt",
          "hadnt");

  /** Intensifiers that strengthen the next lexicon word (VADER's B_INCR list, abridged). */
  static final Set<String> BOOSTERS =
      Set.of(
          "absolutely",
          "amazingly",
          "awfully",
          "completely",
          "considerably",
          "decidedly",
          "deeply",
          "enormously",
          "entirely",
          "especially",
          "exceptionally",
          "extremely",
          "fabulously",
          "fully",
          "greatly",
          "highly",
          "hugely",
          "incredibly",
          "intensely",
          "majorly",
          "particularly",
          "purely",
          "quite",
          "really",
          "remarkably",
          "so",
          "substantially",
          "thoroughly",
          "totally",
          "tremendously",
          "unbelievably",
          "unusually",
          "utterly",
          "very",
          "super",
          "truly",
          "seriously",
          "most",
          "more");

  /** Dampeners that weaken the next lexicon word (VADER's B_DECR list, one-word entries). */
  static final Set<String> DAMPENERS =
      Set.of(
          "almost",
          "barely",
          "kinda",
          "less",
          "little",
          "marginally",
          "occasionally",
          "partly",
          "scarcely",
          "slightly",
          "somewhat",
          "sorta",
          "fairly",
          "bit");

  /**
   * Words asking for change. Negated they praise ("nothing to improve", "no complaints", "would not
   * change a thing"), whatever their VADER valence, so a negated one counts as this positive
   * valence instead of being flipped.
   */
  static final Set<String> CHANGE_WORDS =
      Set.of(
          "improve",
          "improvement",
          "change",
          "fix",
          "complain",
          "complaint",
          "fault",
          "problem",
          "issue",
          "wrong",
          "regret",
          "hassle",
          "trouble",
          "worry",
          "concern",
          "disappoint");

  static final double NEGATED_CHANGE_VALENCE = 1.5;

  /**
   * Service words VADER does not score because they are neutral in general text but are complaints
   * in customer feedback, in every industry. Added only where VADER has no entry.
   */
  static final Map<String, Double> FEEDBACK_VALENCES =
      Map.ofEntries(
          Map.entry("late", -1.2),
          Map.entry("slow", -1.0),
          Map.entry("overcharge", -1.8),
          Map.entry("overcharged", -1.8),
          Map.entry("overpriced", -1.5),
          Map.entry("outage", -1.8),
          Map.entry("downtime", -1.2),
          Map.entry("unreachable", -1.2),
          Map.entry("unresponsive", -1.5),
          Map.entry("canceled", -1.0),
          Map.entry("glitch", -1.2),
          Map.entry("buggy", -1.5),
          Map.entry("laggy", -1.2),
          Map.entry("overdue", -1.0));

  /**
   * Words that judge a service or a product in feedback and that VADER does not hold ("the doctor
   * was thorough", "the cabin crew were attentive", "the seats were cramped"). The model's lexicon
   * features read them ({@link Annotation}); the lexicon baseline does not, so it stays VADER as
   * the issue defines it. Written for feedback in general, not from one data set; words whose sense
   * turns with the context stay out ("fast": a fast delivery, a battery that drains fast; "tiny": a
   * tiny room, a tiny bit; "patient": a healthcare noun).
   */
  static final Map<String, Double> FEEDBACK_JUDGEMENTS =
      Map.ofEntries(
          Map.entry("quick", 1.5),
          Map.entry("quickly", 1.5),
          Map.entry("prompt", 1.5),
          Map.entry("promptly", 1.5),
          Map.entry("thorough", 1.8),
          Map.entry("attentive", 2.0),
          Map.entry("knowledgeable", 1.8),
          Map.entry("professional", 1.5),
          Map.entry("polite", 1.8),
          Map.entry("reliable", 1.6),
          Map.entry("spotless", 2.2),
          Map.entry("tidy", 1.3),
          Map.entry("intuitive", 1.6),
          Map.entry("seamless", 1.8),
          Map.entry("straightforward", 1.3),
          Map.entry("punctual", 1.5),
          Map.entry("spacious", 1.5),
          Map.entry("roomy", 1.3),
          Map.entry("tasty", 2.0),
          Map.entry("flavourful", 1.8),
          Map.entry("flavorful", 1.8),
          Map.entry("cosy", 1.5),
          Map.entry("cozy", 1.5),
          Map.entry("sturdy", 1.3),
          Map.entry("durable", 1.3),
          Map.entry("accurate", 1.2),
          Map.entry("cramped", -1.5),
          Map.entry("soggy", -1.5),
          Map.entry("stale", -1.5),
          Map.entry("bland", -1.3),
          Map.entry("greasy", -1.2),
          Map.entry("overcooked", -1.5),
          Map.entry("undercooked", -1.5),
          Map.entry("lukewarm", -1.2),
          Map.entry("filthy", -2.5),
          Map.entry("smelly", -1.8),
          Map.entry("overcrowded", -1.5),
          Map.entry("understaffed", -1.5),
          Map.entry("unreliable", -1.8),
          Map.entry("unhelpful", -1.8),
          Map.entry("clunky", -1.3),
          Map.entry("flimsy", -1.5),
          Map.entry("forgettable", -1.0),
          Map.entry("mediocre", -1.3),
          Map.entry("inaccurate", -1.3),
          Map.entry("leaky", -1.3),
          Map.entry("leaking", -1.3),
          Map.entry("expensive", -1.0),
          Map.entry("pricey", -1.0),
          Map.entry("outdated", -1.2),
          // Session 9: more of the same kind, from how feedback judges a service, an app or a
          // product in any industry (VADER holds none of them; four appear in the aspect set's dev
          // split: nightmare, flaky, unusable, overbooked). Context-bound words stay out
          // ("declined": a card, or an offer; "cold": food, or a drink).
          Map.entry("nightmare", -2.5),
          Map.entry("unusable", -2.0),
          Map.entry("inedible", -2.5),
          Map.entry("extortionate", -2.0),
          Map.entry("shoddy", -1.8),
          Map.entry("substandard", -1.8),
          Map.entry("subpar", -1.5),
          Map.entry("sloppy", -1.5),
          Map.entry("glitchy", -1.5),
          Map.entry("flaky", -1.3),
          Map.entry("patchy", -1.2),
          Map.entry("spotty", -1.0),
          Map.entry("intermittent", -0.8),
          Map.entry("inconsistent", -1.2),
          Map.entry("incorrect", -1.2),
          Map.entry("convoluted", -1.3),
          Map.entry("tedious", -1.3),
          Map.entry("cluttered", -1.0),
          Map.entry("overbooked", -1.3),
          Map.entry("disorganised", -1.2),
          Map.entry("stuffy", -1.0),
          Map.entry("stained", -1.3),
          Map.entry("dismissive", -1.8),
          Map.entry("condescending", -2.0),
          Map.entry("patronising", -1.8),
          Map.entry("patronizing", -1.8),
          Map.entry("effortless", 1.8),
          Map.entry("speedy", 1.5),
          Map.entry("accommodating", 1.8),
          Map.entry("informative", 1.5),
          Map.entry("comfy", 1.8),
          Map.entry("smooth", 1.3),
          Map.entry("smoothly", 1.3));

  /** "on time" ("left on time", "never on time" once negated): the valence of its "time". */
  static final double ON_TIME_VALENCE = 1.5;

  /**
   * Nouns that say something no longer works or is not to be had right after "out of": "out of
   * order", "out of stock", "out of sync", "out of date", "out of service", "out of action" (and,
   * in clothing, "out of shape" and "out of proportion"). No word of these phrases has a VADER
   * valence, so "the lifts were out of order" read as a neutral statement. Only these nouns: "out
   * of this world" praises and "out of the box", "out of town", "out of curiosity" judge nothing.
   */
  static final Set<String> OUT_OF =
      Set.of("order", "stock", "sync", "date", "service", "action", "shape", "proportion");

  /** The valence of an {@link #OUT_OF} noun after "out of", on the scale of the other rules. */
  static final double OUT_OF_VALENCE = -1.5;

  /**
   * Troubles whose absence right after a negator praises ("no issues", "without any fuss", "no
   * hassle at all"); VADER has none of them. Only right after the negator: in "they never fixed the
   * issue" the issue is still there.
   */
  static final Set<String> TROUBLES = Set.of("issue", "fuss", "hassle", "drama");

  static final double TROUBLE_VALENCE = -2.0;

  /**
   * Sizes judged against what was paid ("tiny for the price", "huge for the money"): small ones
   * complain, large ones praise; alone they are no judgement.
   */
  static final Map<String, Double> SIZES_FOR_THE_PRICE =
      Map.ofEntries(
          Map.entry("tiny", -1.5),
          Map.entry("small", -1.5),
          Map.entry("little", -1.5),
          Map.entry("thin", -1.5),
          Map.entry("short", -1.5),
          Map.entry("basic", -1.5),
          Map.entry("huge", 1.5),
          Map.entry("big", 1.5),
          Map.entry("large", 1.5),
          Map.entry("generous", 1.5));

  /** A word's valence from {@link #FEEDBACK_JUDGEMENTS}, 0 when it is not one. */
  static double judgement(String word) {
    Double v = FEEDBACK_JUDGEMENTS.get(word);
    return v == null ? 0.0 : v;
  }

  /**
   * What a customer expects to happen. Not happening is a complaint ("never arrived", "didn't
   * work", "nobody answered"); happening is no opinion, so these score only when negated.
   */
  static final Set<String> EXPECTATIONS =
      Set.of(
          "arrive",
          "work",
          "respond",
          "answer",
          "reply",
          "receive",
          "show",
          "deliver",
          "load",
          "connect",
          "come",
          "turn",
          "call",
          "refund",
          "return",
          "resolve",
          "solve",
          "sort",
          // Owed to a customer as much as a delivery: "without any warning", "nobody could explain
          // why", "the towels were never replaced". VADER scores "warning" negative, so negated
          // it would praise; an expectation's negation is a complaint whatever its valence.
          "warning",
          "notice",
          "tell",
          "inform",
          "warn",
          "explanation",
          "explain",
          "update",
          "notify",
          "notification",
          "replace",
          "confirm",
          "confirmation",
          "collect",
          "process",
          "compensation",
          "response");

  static final double NEGATED_EXPECTATION_VALENCE = -1.5;

  /** The expectations that are verbs of telling, also said in "can't tell you how happy". */
  static final Set<String> TELLING = Set.of("tell", "explain", "inform", "warn", "notify");

  /**
   * Lengths of time in seconds, by the units' lemmas; "ages" and "forever" are long without a
   * number. A span of time said of what a customer waits for is a judgement the lexicon cannot
   * hold: "took three weeks to arrive" complains, "took less than ten minutes" praises.
   */
  static final Map<String, Long> TIME_SPANS =
      Map.ofEntries(
          Map.entry("second", 1L),
          Map.entry("minute", 60L),
          Map.entry("min", 60L),
          Map.entry("hour", 3_600L),
          Map.entry("hr", 3_600L),
          Map.entry("day", 86_400L),
          Map.entry("night", 86_400L),
          Map.entry("week", 604_800L),
          Map.entry("month", 2_592_000L),
          Map.entry("year", 31_536_000L),
          Map.entry("age", Long.MAX_VALUE),
          Map.entry("ages", Long.MAX_VALUE),
          Map.entry("forever", Long.MAX_VALUE));

  /** Words that count a span of time ("three weeks", "a few days", "forty-five minutes"). */
  static final Map<String, Integer> QUANTITIES =
      Map.ofEntries(
          Map.entry("a", 1),
          Map.entry("an", 1),
          Map.entry("one", 1),
          Map.entry("two", 2),
          Map.entry("three", 3),
          Map.entry("four", 4),
          Map.entry("five", 5),
          Map.entry("six", 6),
          Map.entry("seven", 7),
          Map.entry("eight", 8),
          Map.entry("nine", 9),
          Map.entry("ten", 10),
          Map.entry("eleven", 11),
          Map.entry("twelve", 12),
          Map.entry("fifteen", 15),
          Map.entry("twenty", 20),
          Map.entry("thirty", 30),
          Map.entry("forty", 40),
          Map.entry("fifty", 50),
          Map.entry("sixty", 60),
          Map.entry("ninety", 90),
          Map.entry("couple", 2),
          Map.entry("few", 3),
          Map.entry("several", 4),
          Map.entry("many", 5),
          Map.entry("half", 1),
          Map.entry("whole", 1),
          Map.entry("entire", 1),
          Map.entry(Units.NUMBER, -1));

  /** Verbs (lemmas) of waiting: a long span after one is a complaint ("waited two hours"). */
  static final Set<String> WAITING = Set.of("take", "wait", "hold", "queue");

  /** Before a span, these make it short: "within a day", "less than ten minutes". */
  static final Set<String> SHORT_MARKERS = Set.of("within", "under");

  /** A span of time a customer waited for, and a short one, as valences. */
  static final double LONG_WAIT_VALENCE = -1.5;

  static final double SHORT_WAIT_VALENCE = 1.5;

  /**
   * Words that name what a customer pays. Said of one, a rise is a complaint and a fall is praise,
   * whatever the words' own valences ("increase" is positive in VADER, "drop" and "low" negative).
   * Ambiguous words stay out ("rate": a response rate; "charge": a battery's).
   */
  static final Set<String> COSTS =
      Set.of(
          "price",
          "pricing",
          "cost",
          "bill",
          "fee",
          "premium",
          "tariff",
          "rent",
          "fare",
          "subscription",
          "pay",
          "invoice");

  /**
   * Whether a unit names a cost ({@link #COSTS}), also in the plural the lemmatizer left as it was:
   * a capitalised plural that opens a sentence is often tagged as a name and keeps its "s" ("Bills
   * have been lower since", "Fees went up").
   */
  static boolean isCost(String unit) {
    return COSTS.contains(unit)
        || (unit.length() > 3
            && unit.endsWith("s")
            && COSTS.contains(unit.substring(0, unit.length() - 1)));
  }

  /** Said of a cost: it went up. "up" counts after "go" / "put" ("went up", "put up"). */
  static final Set<String> RISES =
      Set.of(
          "rise",
          "increase",
          "double",
          "doubl", // the lemmatizer's form of "doubled"
          "tripl",
          "triple",
          "jump",
          "climb",
          "soar",
          "skyrocket",
          "hike",
          "high",
          "steep",
          "hefty",
          "expensive",
          "pricey");

  /** Said of a cost: it went down. "down" counts after "go" / "come" / "bring". */
  static final Set<String> FALLS =
      Set.of(
          "drop",
          "fall",
          "decrease",
          "halve",
          "reduce",
          "lower",
          "cut",
          "low",
          "cheap",
          "affordable",
          "reasonable");

  static final double COST_RISE_VALENCE = -1.5;
  static final double COST_FALL_VALENCE = 1.5;

  /** Valence of the word after "too" ("too long"): a clear complaint, as a negated expectation. */
  static final double EXCESS_VALENCE = -1.5;

  /** Valence of a positive word after "could / should be" ("could be better"): a mild complaint. */
  static final double COUNTERFACTUAL_VALENCE = -1.2;

  /**
   * Verbs that ask for a change or voice a grievance: "nothing to improve", "no complaints to
   * make", "not much to complain about", "nothing I would fix" judge nothing wanting, like "no
   * complaints".
   */
  static final Set<String> GRIEVANCES =
      Set.of(
          "improve",
          "complain",
          "fix",
          "fault",
          "change",
          "criticise",
          "criticize",
          "moan",
          "grumble",
          "nitpick",
          "gripe",
          "quibble");

  private static final Lexicon VADER = load();

  private final Map<String, Double> valences;

  private Lexicon(Map<String, Double> valences) {
    this.valences = Map.copyOf(valences);
  }

  /** The VADER lexicon from the classpath, loaded once. */
  public static Lexicon vader() {
    return VADER;
  }

  private static Lexicon load() {
    InputStream in = Lexicon.class.getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IllegalStateException(
          "the VADER lexicon "
              + RESOURCE
              + " is not on the classpath; the build unpacks it at generate-resources"
              + " (run ./mvnw generate-resources)");
    }
    Map<String, Double> map = new HashMap<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        int tab = line.indexOf('\t');
        if (tab <= 0) {
          continue;
        }
        int tab2 = line.indexOf('\t', tab + 1);
        String value = tab2 < 0 ? line.substring(tab + 1) : line.substring(tab + 1, tab2);
        map.put(line.substring(0, tab).toLowerCase(Locale.ROOT), Double.parseDouble(value.strip()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the VADER lexicon", e);
    }
    FEEDBACK_VALENCES.forEach(map::putIfAbsent);
    if (map.size() < 7000) {
      throw new IllegalStateException(
          "the VADER lexicon looks truncated: " + map.size() + " entries");
    }
    return new Lexicon(map);
  }

  /** The valence of a lower-case word in [-4, 4], 0 when the lexicon does not know it. */
  public double valence(String word) {
    Double v = valences.get(word);
    return v == null ? 0.0 : v;
  }

  public boolean contains(String word) {
    return valences.containsKey(word);
  }

  public int size() {
    return valences.size();
  }
}
