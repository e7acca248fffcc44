package dev.earful.sentiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the sentiment rules read off a span of units: its clauses (split at contrast markers), the
 * negation scope of every unit, and every unit's lexicon valence after negation and intensifiers.
 * The model's features and the scorer's clause weights both come from here, so training and scoring
 * see the same thing.
 */
public final class Annotation {

  /** How a clause stands to its neighbours; decides its weight in the sentence. */
  public enum Role {
    /** No contrast around it. */
    PLAIN(1.0),
    /** Before "but", "however", "yet": VADER halves it. */
    BEFORE_CONTRAST(0.5),
    /** From "but", "however", "yet" on: VADER weighs it 1.5. */
    AFTER_CONTRAST(1.5),
    /** A concession ("although the staff were nice"): the main clause matters more. */
    CONCESSION(0.5);

    public final double weight;

    Role(double weight) {
      this.weight = weight;
    }
  }

  /** Units {@code [from, to)} of one clause. */
  public record Span(int from, int to, Role role) {}

  static final Set<String> CONTRAST =
      Set.of("but", "however", "yet", "except", "whereas", "otherwise");
  static final Set<String> CONCESSIVE = Set.of("although", "though", "despite", "albeit");
  static final Set<String> SCOPE_ENDS = Set.of(",", ".", "!", "?", ";", ":", "-", "--", "(", ")");

  final String[] units;
  final List<Span> clauses;

  /** The negator governing each unit, or -1. */
  final int[] negatedBy;

  /** Lexicon valence after negation and intensifiers, 0 for units the lexicon does not know. */
  final double[] valence;

  /** The raw lexicon valence of each unit. */
  final double[] raw;

  /** +1 boosted, -1 dampened, 0 neither. */
  final int[] intensity;

  /**
   * Units whose sense the words around them decide against the word's own: a cost's direction
   * ("cheaper than my old tariff", "low fees") and a size against the price ("tiny for the price").
   * The model reads their valence, not the word: its weight for the word alone was learnt where
   * "cheap" means shoddy ("feels cheap") and outweighed the rule.
   */
  final boolean[] ruled;

  private Annotation(String[] units) {
    this.units = units;
    this.clauses = split(units);
    this.negatedBy = new int[units.length];
    this.valence = new double[units.length];
    this.raw = new double[units.length];
    this.intensity = new int[units.length];
    this.ruled = new boolean[units.length];
    scope();
  }

  public static Annotation of(String[] units) {
    return new Annotation(units);
  }

  public List<Span> clauses() {
    return clauses;
  }

  /** Splits at contrast markers and semicolons; see {@link Role}. Never returns an empty list. */
  static List<Span> split(String[] u) {
    int n = u.length;
    List<Span> out = new ArrayList<>(2);
    int start = 0;
    Role role = Role.PLAIN;
    int concessionEnd = -1;
    for (int i = 0; i < n; i++) {
      String w = u[i];
      if (i == concessionEnd && i > start) {
        out.add(new Span(start, i, Role.CONCESSION));
        start = i;
        role = Role.PLAIN;
        concessionEnd = -1;
      }
      if (w.equals(";") && i + 1 < n && hasWords(u, i + 1, n)) {
        out.add(new Span(start, i + 1, role == Role.CONCESSION ? Role.CONCESSION : role));
        start = i + 1;
        role = Role.PLAIN;
        concessionEnd = -1;
        continue;
      }
      if (postposedContrast(u, i)) {
        // "Reporting is powerful, the learning curve is steep though": the clause that "though"
        // ends, from its comma, is the contrast; the words after "though" go on in it ("though
        // and the docs don't help"). Without a comma before it, the contrast is with an earlier
        // sentence and nothing splits here.
        int comma = lastClauseComma(u, start, i);
        if (comma > 0) {
          Role before = role == Role.PLAIN ? Role.BEFORE_CONTRAST : role;
          out.add(new Span(start, comma + 1, before));
          start = comma + 1;
          role = Role.AFTER_CONTRAST;
          concessionEnd = -1;
        }
        continue;
      }
      if (isContrast(u, i) && i > start && hasWords(u, start, i) && hasWords(u, i + 1, n)) {
        Role before = role == Role.PLAIN ? Role.BEFORE_CONTRAST : role;
        out.add(new Span(start, i, before));
        start = i;
        role = Role.AFTER_CONTRAST;
        concessionEnd = -1;
        continue;
      }
      if (CONCESSIVE.contains(w) && hasWords(u, i + 1, n)) {
        int from = i > 0 && u[i - 1].equals("even") ? i - 1 : i;
        int comma = next(u, i + 1, ",");
        if (from == start) {
          // "Although X, Y": the concession runs to the comma; without one there is no main clause.
          if (comma > 0 && hasWords(u, comma + 1, n)) {
            role = Role.CONCESSION;
            concessionEnd = comma + 1;
          }
        } else if (hasWords(u, start, from)) {
          out.add(new Span(start, from, role));
          start = from;
          role = Role.CONCESSION;
          concessionEnd = comma > 0 && hasWords(u, comma + 1, n) ? comma + 1 : -1;
        }
      }
    }
    out.add(new Span(start, n, role));
    return out;
  }

  /**
   * Whether unit {@code i} is a "though" that ends its clause ("the parking was a pain though.",
   * "steep though and"): it says "however" of the clause before it, not "although" of what follows.
   */
  static boolean postposedContrast(String[] u, int i) {
    if (!u[i].equals("though") || i == 0 || SCOPE_ENDS.contains(u[i - 1])) {
      return false;
    }
    String next = i + 1 < u.length ? u[i + 1] : ".";
    return SCOPE_ENDS.contains(next) || next.equals("and");
  }

  /** The last comma or semicolon in {@code (start, i)} with words on both sides, or -1. */
  private static int lastClauseComma(String[] u, int start, int i) {
    for (int k = i - 1; k > start; k--) {
      if ((u[k].equals(",") || u[k].equals(";"))
          && hasWords(u, start, k)
          && hasWords(u, k + 1, i)) {
        return k;
      }
    }
    return -1;
  }

  private static boolean isContrast(String[] u, int i) {
    String w = u[i];
    if (!CONTRAST.contains(w)) {
      return false;
    }
    String prev = i > 0 ? u[i - 1] : "";
    String next = i + 1 < u.length ? u[i + 1] : "";
    return switch (w) {
      // "nothing but praise", "all but", "not only ... but also" are not contrasts.
      case "but" ->
          !next.equals("also")
              && !prev.equals("nothing")
              && !prev.equals("all")
              && !prev.equals("anything");
      // "not yet arrived", "have yet to": only ", yet" joins clauses.
      case "yet" -> prev.equals(",") || prev.equals(";") || prev.equals("and");
      // "except" and "otherwise" join clauses after a comma ("slow at peak times, otherwise
      // great"); "I would otherwise have left" and "except for" inside a clause do not.
      case "except" -> prev.equals(",") || prev.equals(";");
      // ", otherwise I would have complained" says what would have followed had the clause
      // before not held: a counterfactual, not a contrast, so it does not outweigh that clause.
      // ", otherwise I will cancel" stays a contrast: the threat is the point of the sentence.
      case "otherwise" -> (prev.equals(",") || prev.equals(";")) && !counterfactual(u, i + 1);
      default -> true;
    };
  }

  /** Whether one of the three units from {@code from} is "would": what would have followed. */
  private static boolean counterfactual(String[] u, int from) {
    for (int k = from; k < Math.min(u.length, from + 3); k++) {
      if (u[k].equals("would") || u[k].equals("'d")) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasWords(String[] u, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!SCOPE_ENDS.contains(u[i]) && !u[i].equals("'") && !u[i].equals("\"")) {
        return true;
      }
    }
    return false;
  }

  private static int next(String[] u, int from, String what) {
    for (int i = from; i < u.length; i++) {
      if (u[i].equals(what)) {
        return i;
      }
    }
    return -1;
  }

  /** Marks negation scope (to the clause end or punctuation) and computes adjusted valences. */
  private void scope() {
    Lexicon lexicon = Lexicon.vader();
    for (Span c : clauses) {
      int negator = -1;
      int modal = -1;
      boolean pending = pending(c);
      for (int i = c.from(); i < c.to(); i++) {
        String w = units[i];
        negatedBy[i] = -1;
        if (SCOPE_ENDS.contains(w)
            || (i > c.from() && CONTRAST.contains(w))
            || (negator >= 0 && joinsClause(i))) {
          negator = -1;
          continue;
        }
        if (negator >= 0) {
          negatedBy[i] = negator;
        }
        if (isNegator(i)) {
          negator = i;
          continue;
        }
        if (COUNTERFACTUAL_MODALS.contains(w)) {
          modal = i;
        }
        double v = lexicon.valence(w);
        double cost = costDirection(i, c.from(), c.to());
        if (cost != 0.0) {
          // "the premium doubled", "low fees", "cheaper than my old tariff".
          v = cost;
          ruled[i] = true;
        } else if (v == 0.0) {
          v = Lexicon.judgement(w);
          if (v == 0.0) {
            v = phrase(i, c.from(), c.to());
          }
          if (v == 0.0) {
            v = timeSpan(i, c.from(), c.to());
          }
        } else {
          // VADER's own sense of a size word gives way when it is judged against the price.
          double sized = forThePrice(i, c.to());
          if (sized != 0.0) {
            v = sized;
            ruled[i] = true;
          }
        }
        if (v <= 0.0 && negatedBy[i] >= 0 && Lexicon.EXPECTATIONS.contains(w) && owed(i)) {
          // "never arrived": the lexicon has no word for it, the negated expectation is the cue.
          // "Not received the bill yet" is still pending, not a failure: no cue.
          if (!(pending && !units[negatedBy[i]].equals("never"))) {
            valence[i] = Lexicon.NEGATED_EXPECTATION_VALENCE;
          }
          continue;
        }
        if (excess(i, c.from(), v)) {
          // "too long", "too small", "too expensive": an excess is a complaint whatever the word's
          // own valence, and the lexicon knows few of these words ("long" has none).
          v = Lexicon.EXCESS_VALENCE;
        } else if (v > 0 && negatedBy[i] < 0 && counterfactual(modal, i)) {
          // "could be better", "should have been nicer": the good thing did not happen. (The
          // lemmas turn "better" into "good", so the modal is the cue, not the comparative.)
          v = Lexicon.COUNTERFACTUAL_VALENCE;
        }
        raw[i] = v;
        if (v == 0.0) {
          continue;
        }
        // Intensifiers within two units before the word, as VADER does (damped with distance).
        for (int k = 1; k <= 2 && i - k >= c.from(); k++) {
          String p = units[i - k];
          double damp = k == 1 ? 1.0 : 0.95;
          if (Lexicon.BOOSTERS.contains(p)) {
            v += Math.signum(v) * Lexicon.BOOST * damp;
            intensity[i] = 1;
            break;
          }
          if (Lexicon.DAMPENERS.contains(p)) {
            v -= Math.signum(v) * Lexicon.BOOST * damp;
            intensity[i] = -1;
            break;
          }
        }
        if (negatedBy[i] >= 0) {
          v = negatedValence(i, v);
        }
        valence[i] = v;
      }
    }
  }

  /** Grievance nouns that a "no" / "nothing" right before them denies: "no complaints". */
  private static final Set<String> GRIEVANCE_NOUNS =
      Set.of(
          "complaint",
          "complain",
          "problem",
          "issue",
          "fuss",
          "hassle",
          "drama",
          "trouble",
          "worry",
          "concern",
          "wrong",
          "regret",
          "fault",
          "gripe",
          "quibble");

  /**
   * Whether this span says it has nothing to complain of and judges nothing badly: a denied
   * grievance ("Nothing to improve.", "nothing I would change", {@link #grievanceDenied}) or "no" /
   * "nothing" right before a grievance noun ("No complaints.", "no real issues", "nothing wrong"),
   * with no unit of negative valence. "Nothing was fixed" and "the problem was not fixed" are no
   * such thing: the negator does not stand before the grievance noun.
   */
  boolean noComplaint() {
    boolean denied = false;
    for (int i = 0; i < units.length; i++) {
      if (valence[i] < 0) {
        return false;
      }
      int neg = negatedBy[i];
      if (neg < 0) {
        continue;
      }
      if (grievanceDenied(i, 0)) {
        denied = true;
        continue;
      }
      String negator = units[neg];
      if (GRIEVANCE_NOUNS.contains(units[i])
          && (negator.equals("no") || negator.equals("nothing") || negator.equals("none"))) {
        int k = i - 1;
        while (k > neg && TROUBLE_FILLERS.contains(units[k])) {
          k--;
        }
        denied |= k == neg;
      }
    }
    return denied;
  }

  /** Negators that deny a grievance: "nothing to improve", "no faults to report". */
  private static final Set<String> GRIEVANCE_NEGATORS = Set.of("nothing", "no", "not", "none");

  /**
   * What stands right before a denied grievance: "nothing to improve", "nothing I would change".
   */
  private static final Set<String> GRIEVANCE_OPENERS = Set.of("to", "would", "could", "'d");

  /**
   * Whether unit {@code i} is a grievance ({@link Lexicon#GRIEVANCES}) that its negator denies:
   * "nothing to improve", "no areas to improve", "not much to complain about", "nothing I would
   * change". The negator is at most four units before, with only words between.
   */
  boolean grievanceDenied(int i, int from) {
    int neg = negatedBy[i];
    return Lexicon.GRIEVANCES.contains(units[i])
        && neg >= from
        && i - neg <= 5
        && GRIEVANCE_NEGATORS.contains(units[neg])
        && GRIEVANCE_OPENERS.contains(units[i - 1])
        && (units[i - 1].equals("to") || speakerBefore(i - 1, neg));
  }

  /**
   * Who may speak of a grievance before a modal: "nothing I would change", "nothing we'd fault".
   */
  private static final Set<String> SPEAKERS = Set.of("i", "we", "you");

  /**
   * Whether the modal at {@code modal} has the speaker as its subject, after the negator: "nothing
   * I would change". Without it the negator is the subject and denies nothing of the customer's:
   * "No one could fix it", "Nothing could fix it".
   */
  private boolean speakerBefore(int modal, int neg) {
    return modal - 1 > neg && SPEAKERS.contains(units[modal - 1]);
  }

  /**
   * Whether the negated expectation at {@code i} is something owed to a customer rather than a
   * figure of speech: "notice" only as the noun ("without notice", "no notice"; not "I didn't
   * notice any noise"), and a verb of telling not before "how" ("I can't tell you how happy we
   * were", "words can't explain how good it was"; but "nobody could explain why").
   */
  private boolean owed(int i) {
    String w = units[i];
    if (w.equals("notice")) {
      String negator = units[negatedBy[i]];
      return negator.equals("without") || negator.equals("no");
    }
    if (Lexicon.TELLING.contains(w)) {
      for (int k = i + 1; k <= i + 2 && k < units.length; k++) {
        if (units[k].equals("how")) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * The valence of unit {@code i} from the words around it: "on time"; "out of order" ({@link
   * Lexicon#OUT_OF}); "no issues" / "without any fuss" (a trouble right after its negator, which
   * negation then keeps positive); a size judged against the price ("tiny for the price").
   */
  private double phrase(int i, int from, int to) {
    String w = units[i];
    if (w.equals("time") && i > from && units[i - 1].equals("on")) {
      return Lexicon.ON_TIME_VALENCE;
    }
    if (Lexicon.OUT_OF.contains(w)
        && i - 2 >= from
        && units[i - 1].equals("of")
        && units[i - 2].equals("out")) {
      // "out of order", "out of stock"; negation then praises ("never out of stock").
      return Lexicon.OUT_OF_VALENCE;
    }
    if (Lexicon.TROUBLES.contains(w) && negatedBy[i] >= 0) {
      int k = i - 1;
      while (k > negatedBy[i] && TROUBLE_FILLERS.contains(units[k])) {
        k--;
      }
      if (k == negatedBy[i]) {
        // A trouble as VADER scores "problem"; the negation then makes it praise.
        return Lexicon.TROUBLE_VALENCE;
      }
    }
    return forThePrice(i, to);
  }

  private static final Set<String> TROUBLE_FILLERS =
      Set.of("any", "a", "an", "single", "real", "major");

  /** A size word right before "for the price" / "for the money" / "for what you pay". */
  private double forThePrice(int i, int to) {
    Double size = Lexicon.SIZES_FOR_THE_PRICE.get(units[i]);
    if (size == null || i + 2 >= to || !units[i + 1].equals("for")) {
      return 0.0;
    }
    for (int k = i + 2; k <= Math.min(to - 1, i + 4); k++) {
      if (Lexicon.isCost(units[k]) || units[k].equals("money")) {
        return size;
      }
    }
    return 0.0;
  }

  /** How far (in units) a cost word and its direction may stand apart: "the premium doubled". */
  static final int COST_WINDOW = 4;

  /**
   * The valence of unit {@code i} as the direction of a cost beside it in the clause ({@link
   * Lexicon#COSTS}): a rise complains, a fall praises; 0 when {@code i} is no direction or no cost
   * is near. "more" and "less" count only right after the cost word ("cost more", "pay less").
   */
  private double costDirection(int i, int from, int to) {
    String w = units[i];
    boolean rise = Lexicon.RISES.contains(w);
    boolean fall = Lexicon.FALLS.contains(w);
    if (i > from) {
      String prev = units[i - 1];
      rise |= w.equals("up") && (prev.equals("go") || prev.equals("put"));
      fall |=
          w.equals("down") && (prev.equals("go") || prev.equals("come") || prev.equals("bring"));
      rise |= w.equals("more") && Lexicon.isCost(prev);
      fall |= w.equals("less") && Lexicon.isCost(prev);
    }
    if (!rise && !fall) {
      return 0.0;
    }
    for (int k = Math.max(from, i - COST_WINDOW); k <= Math.min(to - 1, i + COST_WINDOW); k++) {
      if (k != i && Lexicon.isCost(units[k]) && onlyLinksBetween(k, i)) {
        return rise ? Lexicon.COST_RISE_VALENCE : Lexicon.COST_FALL_VALENCE;
      }
    }
    return 0.0;
  }

  /**
   * The words that may stand between a cost and its direction when the direction is said of the
   * cost: determiners, a copula or auxiliary, "go" (up), degree words, a comparison ("cheap than my
   * old tariff"). Any other word, a noun above all, means the direction is said of something else:
   * "high quality for the price", "feels cheap for the price".
   */
  private static final Set<String> COST_LINKS =
      Set.of(
          "the", "a", "an", "my", "our", "your", "their", "its", "this", "that", "be", "have",
          "get", "go", "keep", "just", "again", "so", "very", "really", "much", "way", "far", "too",
          "bit", "little", "quite", "rather", "pretty", "even", "still", "now", "by", "monthly",
          "annual", "yearly", "new", "old", "than", "<num>", "%", "percent");

  private boolean onlyLinksBetween(int a, int b) {
    for (int k = Math.min(a, b) + 1; k < Math.max(a, b); k++) {
      if (!COST_LINKS.contains(units[k])) {
        return false;
      }
    }
    return true;
  }

  private static final Set<String> FREQUENCIES =
      Set.of("once", "twice", "times", "per", "every", "each");

  /** Words that may stand between a number and its unit: "four working days", "two more weeks". */
  private static final Set<String> SPAN_FILLERS =
      Set.of("-", "working", "business", "full", "long", "more", "other", "extra");

  /**
   * The valence of unit {@code i} as a span of time ({@link Lexicon#TIME_SPANS}) said of a wait:
   * long after a waiting verb ("took three weeks", "waited forty-five minutes", "on hold for over
   * an hour") complains; short ("within a day", "less than ten minutes", "only took five minutes",
   * "arrived a day early") praises. A point in time ("two weeks ago"), a span with no wait ("we
   * stayed a week") and a short span with something bad already said before it ("broke within a
   * week") get nothing. An hour or more is long; minutes are long from twenty.
   */
  private double timeSpan(int i, int from, int to) {
    Long seconds = Lexicon.TIME_SPANS.get(units[i]);
    if (seconds == null) {
      return 0.0;
    }
    String next = i + 1 < to ? units[i + 1] : "";
    if (next.equals("ago") || next.equals("later") || next.equals("old")) {
      return 0.0;
    }
    int k = i - 1;
    int count = 0;
    boolean counted = false;
    while (k >= from) {
      Integer q = Lexicon.QUANTITIES.get(units[k]);
      if (q != null) {
        counted = true;
        // Digits count as -1: "45 minutes" and "5 minutes" look alike after lemmatising, so
        // minutes after digits make no judgement (hours, days and weeks still do).
        count = Math.max(count, q);
      } else if (!SPAN_FILLERS.contains(units[k])) {
        break;
      }
      k--;
    }
    if (!counted && seconds != Long.MAX_VALUE) {
      return 0.0;
    }
    if (k >= from && FREQUENCIES.contains(units[k])) {
      // "twice a day", "once a week": how often, not how long.
      return 0.0;
    }
    boolean shortMark = k >= from && Lexicon.SHORT_MARKERS.contains(units[k]);
    shortMark |= k - 1 >= from && units[k].equals("than") && units[k - 1].equals("less");
    boolean onlyMark = k >= from && (units[k].equals("only") || units[k].equals("just"));
    boolean overMark = k >= from && (units[k].equals("over") || units[k].equals("than"));
    if (next.equals("early")) {
      shortMark = true;
    }
    if (shortMark) {
      return anyNegativeBefore(from, i) ? 0.0 : Lexicon.SHORT_WAIT_VALENCE;
    }
    // The waiting verb: within four units before the span ("waited for over an hour", "took us
    // three weeks"), or a queue of it ("a queue of two hours").
    boolean waited = false;
    for (int j = k; j >= Math.max(from, k - 4) && !waited; j--) {
      waited = Lexicon.WAITING.contains(units[j]) && negatedBy[j] < 0 && waitingSense(j, next);
    }
    if (!waited) {
      return 0.0;
    }
    if (onlyMark) {
      return anyNegativeBefore(from, i) ? 0.0 : Lexicon.SHORT_WAIT_VALENCE;
    }
    boolean longSpan = seconds >= 3_600L || (seconds >= 60L && (overMark || count >= 20));
    return longSpan ? Lexicon.LONG_WAIT_VALENCE : 0.0;
  }

  /**
   * Whether the verb at {@code j} is said of a wait, given the unit after the span: "hold" only as
   * "on hold" ("the battery holds a charge for two days" and "they held our bags for a few hours"
   * wait for nothing), "take" only when the span ends the clause or goes on with what it took to do
   * ("took three weeks to arrive", "took two hours for a reply"), not a span that describes a thing
   * ("we took a three day tour").
   */
  private boolean waitingSense(int j, String next) {
    return switch (units[j]) {
      case "hold" -> j > 0 && units[j - 1].equals("on");
      case "take" ->
          next.isEmpty() || SCOPE_ENDS.contains(next) || AFTER_A_TAKEN_SPAN.contains(next);
      default -> true;
    };
  }

  private static final Set<String> AFTER_A_TAKEN_SPAN =
      Set.of(
          "to", "for", "before", "until", "till", "and", "but", "so", "just", "now", "in", "at",
          "of", "from", "or", "longer", "then");

  private boolean anyNegativeBefore(int from, int i) {
    for (int j = from; j < i; j++) {
      if (valence[j] < 0) {
        return true;
      }
    }
    return false;
  }

  /** Words that open a new subject after "and" / "or": a determiner or a personal pronoun. */
  static final Set<String> SUBJECT_STARTS =
      Set.of(
          "the",
          "a",
          "an",
          "my",
          "our",
          "your",
          "their",
          "his",
          "her",
          "its",
          "this",
          "that",
          "these",
          "those",
          "i",
          "we",
          "they",
          "he",
          "she",
          "it",
          "you",
          "there",
          "everything",
          "everyone");

  /**
   * Whether unit {@code i} is an "and" / "or" that starts a new clause ("no hidden fees and the
   * rate is competitive"): a negation's scope ends there, as it does at a comma, while "not fast
   * and friendly" keeps both words in it.
   */
  private boolean joinsClause(int i) {
    String w = units[i];
    return (w.equals("and") || w.equals("or"))
        && i + 1 < units.length
        && SUBJECT_STARTS.contains(units[i + 1]);
  }

  /** Modals that, before "be" and a positive word, say the good thing did not happen. */
  static final Set<String> COUNTERFACTUAL_MODALS = Set.of("could", "should");

  /** Whether unit {@code i} follows "too" (an excess): "too long", "far too loud". */
  private boolean excess(int i, int clauseFrom, double v) {
    if (i <= clauseFrom || !units[i - 1].equals("too") || v < 0) {
      return false;
    }
    // "me too", "it fits too." and "too" before punctuation say "also", not "excessively".
    String w = units[i];
    return !SCOPE_ENDS.contains(w)
        && !w.equals("'")
        && !w.equals("\"")
        && Character.isLetter(w.charAt(0));
  }

  /**
   * Whether unit {@code i} is the predicate of "could / should (have) be ..." opened at {@code
   * modal}.
   */
  private boolean counterfactual(int modal, int i) {
    if (modal < 0 || i - modal > 4) {
      return false;
    }
    for (int k = modal + 1; k < i; k++) {
      if (units[k].equals("be")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a clause speaks of something still to come: "yet" without "still" ("not received the
   * bill yet" is pending; "still not received it" is a complaint).
   */
  private boolean pending(Span c) {
    boolean yet = false;
    for (int i = c.from(); i < c.to(); i++) {
      if (units[i].equals("still")) {
        return false;
      }
      yet |= units[i].equals("yet");
    }
    return yet;
  }

  private boolean isNegator(int i) {
    String w = units[i];
    if (!Lexicon.NEGATORS.contains(w)) {
      return false;
    }
    String next = i + 1 < units.length ? units[i + 1] : "";
    // "not only", "no doubt", "without doubt" carry no negation of what follows.
    return !(next.equals("only")
        || next.equals("doubt")
        || (w.equals("no") && next.equals("matter")));
  }

  private double negatedValence(int i, double v) {
    String w = units[i];
    if (Lexicon.CHANGE_WORDS.contains(w)) {
      return Lexicon.NEGATED_CHANGE_VALENCE;
    }
    int neg = negatedBy[i];
    // "couldn't be happier", "can't be better": a negated comparative after can/could praises.
    // The units are lemmas ("kinder" is "kind"), so "be" or "more" after the negator stands in.
    // The same holds the other way: "couldn't be worse" complains.
    if ((comparative(neg, i) || (v > 0 && (w.equals("better") || w.endsWith("ier"))))
        && neg > 0
        && (units[neg - 1].equals("can") || units[neg - 1].equals("could"))) {
      return v;
    }
    if (v > 0 && cannot(neg) && enoughInScope(neg, i)) {
      // "I can't recommend this place enough", "couldn't thank them enough", "can't say enough
      // good things": praise without an upper bound, not praise withheld. ("not good enough" has
      // no can / could and stays a complaint.)
      return v;
    }
    return v * Lexicon.NEGATION_FACTOR;
  }

  /** Whether the negator at {@code neg} denies an ability: "cannot", "can't", "couldn't". */
  private boolean cannot(int neg) {
    return units[neg].equals("cannot")
        || (neg > 0 && (units[neg - 1].equals("can") || units[neg - 1].equals("could")));
  }

  /**
   * Whether "enough" follows the praised word at {@code i} within its clause, at most four units
   * past it ("can't recommend this place enough", "can't thank them enough"), or the negator says
   * "say enough" ("can't say enough good things"). An "enough" between the negator and the word
   * measures a lack ("couldn't get enough help", "can't hire enough good staff"), so the negation
   * stands. The scope past {@code i} is not marked yet, so punctuation bounds it here.
   */
  private boolean enoughInScope(int neg, int i) {
    if (neg + 2 < i && units[neg + 1].equals("say") && units[neg + 2].equals("enough")) {
      return true;
    }
    for (int k = neg + 1; k < Math.min(units.length, i + 5); k++) {
      if (SCOPE_ENDS.contains(units[k])) {
        return false;
      }
      if (k > i && units[k].equals("enough")) {
        return true;
      }
    }
    return false;
  }

  /**
   * "could not be kinder", "could not have been more helpful": "be" (or "have be") right after the
   * negator, then the word, at most after "more" ("can't say it was bad" is not one).
   */
  private boolean comparative(int neg, int i) {
    int k = neg + 1;
    if (k < i && units[k].equals("have")) {
      k++;
    }
    if (k >= i || !units[k].equals("be")) {
      return false;
    }
    k++;
    if (k < i && (units[k].equals("more") || units[k].equals("any"))) {
      k++;
    }
    return k == i;
  }

  public boolean negated(int i) {
    return negatedBy[i] >= 0;
  }

  /** Sum of adjusted valences in {@code [from, to)}. */
  double valenceSum(int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) {
      s += valence[i];
    }
    return s;
  }

  /** Whether any unit carries a lexicon valence. */
  boolean hasValence() {
    for (double v : valence) {
      if (v != 0.0) {
        return true;
      }
    }
    return false;
  }
}
