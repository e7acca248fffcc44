package dev.earful.themes;

import dev.earful.domain.Analysis;
import dev.earful.domain.Sentence;
import dev.earful.domain.Token;
import dev.earful.nlp.PhraseCandidate;
import dev.earful.nlp.PhraseCandidate.Kind;
import dev.earful.nlp.PhraseExtractor;
import dev.earful.nlp.PhraseLexicon;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import smile.clustering.HierarchicalClustering;
import smile.clustering.linkage.UPGMALinkage;

/**
 * Finds themes in stored comments, in three streaming passes over an {@link AnalysisSource}:
 *
 * <ol>
 *   <li>count, per comment, the phrase candidates of {@link PhraseExtractor} and the key lemma each
 *       is about ("wait" for "kept me waiting"); the count table is capped (lossy counting: past
 *       {@link DiscoverySettings#vocabularyCap()} the rarest entries are dropped), so memory stays
 *       bounded on any number of comments;
 *   <li>for the most frequent keys only: exact comment counts, sentence co-occurrence, and context
 *       vectors (the words around each mention) from a seeded systematic sample of about {@link
 *       DiscoverySettings#similaritySample()} comments;
 *   <li>the exact number of comments each theme holds.
 * </ol>
 *
 * Between passes 2 and 3, nouns whose contexts are alike (PPMI-weighted cosine, average-linkage
 * clustering with Smile) form one theme with the others as sub-themes ("fabric" with "material");
 * judged qualities and verbs ("too big", "runs large") join the noun they co-occur with most
 * distinctively ("size"), or stand alone. Morphological variants share a key ("sizing" and "size",
 * "colour" and "color"). Each theme is named by its most representative phrase.
 *
 * <p>Deterministic: every ranking breaks ties by text, the sample is seeded and the passes read the
 * source in its order, so the same comments and settings give the same themes.
 */
public final class ThemeDiscoverer {

  private static final int CONTEXT_WINDOW = 4;

  /** Mentions (sampled, or sentences) below which similarity and co-occurrence are not trusted. */
  private static final int MIN_EVIDENCE = 15;

  private static final Set<String> DEMONSTRATIVES = Set.of("this", "these");
  private static final int NOUN = 0;
  private static final int VERB = 1;
  private static final int QUALITY = 2;

  private final PhraseExtractor extractor;
  private final PhraseLexicon lexicon;
  private final DiscoverySettings settings;

  public ThemeDiscoverer(PhraseExtractor extractor, DiscoverySettings settings) {
    this.extractor = extractor;
    this.lexicon = extractor.lexicon();
    this.settings = settings;
  }

  public ThemeDiscoverer() {
    this(new PhraseExtractor(), DiscoverySettings.DEFAULTS);
  }

  public DiscoverySettings settings() {
    return settings;
  }

  /** What one discovery found: the themes, best supported first, over how many comments. */
  public record Result(int documents, List<DiscoveredTheme> themes) {
    public Result {
      themes = List.copyOf(themes);
    }
  }

  // ---- pass 1: counting ----------------------------------------------------------------------

  private static final class PhraseStat {
    final String key;
    final List<String> lemmas;
    final int[] kindDf = new int[Kind.values().length];
    int df;
    boolean contiguous;
    final String[] surfaces = new String[3];
    final int[] surfaceCounts = new int[3];

    PhraseStat(String key, List<String> lemmas) {
      this.key = key;
      this.lemmas = lemmas;
    }

    void surface(String s) {
      for (int i = 0; i < surfaces.length; i++) {
        if (surfaces[i] == null) {
          surfaces[i] = s;
          surfaceCounts[i] = 1;
          return;
        }
        if (surfaces[i].equals(s)) {
          surfaceCounts[i]++;
          return;
        }
      }
    }

    String bestSurface() {
      String best = String.join(" ", lemmas);
      int n = 0;
      for (int i = 0; i < surfaces.length; i++) {
        if (surfaces[i] != null
            && (surfaceCounts[i] > n
                || (surfaceCounts[i] == n && surfaces[i].compareTo(best) < 0))) {
          best = surfaces[i];
          n = surfaceCounts[i];
        }
      }
      return best;
    }

    Kind mainKind() {
      int best = 0;
      for (int i = 1; i < kindDf.length; i++) {
        if (kindDf[i] > kindDf[best]) {
          best = i;
        }
      }
      return Kind.values()[best];
    }
  }

  private static final class KeyStat {
    final int[] kindDf = new int[Kind.values().length];
    int df;

    /** Comments where the key is written as a plural "-ings" noun ("leggings", "settings"). */
    int pluralIngs;
  }

  private final class Counts {
    final Map<String, PhraseStat> phrases = new HashMap<>();
    final Map<String, KeyStat> keys = new HashMap<>();
    int documents;
    int floor;

    void add(Analysis analysis) {
      documents++;
      Map<String, Integer> docPhrases = new HashMap<>();
      Map<String, Integer> docKeys = new HashMap<>();
      Set<String> pluralIngs = null;
      for (Sentence s : analysis.sentences()) {
        for (PhraseCandidate c : extractor.candidates(s)) {
          String text = c.text();
          int kindBit = 1 << c.kind().ordinal();
          docKeys.merge(c.key(), kindBit, (a, b) -> a | b);
          if (c.kind() == Kind.NOUN
              && c.lemmas().size() == 1
              && c.key().endsWith("ing")
              && s.tokens().get(c.tokenFrom()).text().toLowerCase(Locale.ROOT).endsWith("ings")) {
            if (pluralIngs == null) {
              pluralIngs = new HashSet<>();
            }
            pluralIngs.add(c.key());
          }
          Integer seen = docPhrases.get(text);
          PhraseStat stat = phrases.get(text);
          if (stat == null) {
            stat = new PhraseStat(c.key(), c.lemmas());
            phrases.put(text, stat);
          }
          stat.contiguous |= c.contiguous();
          stat.surface(surface(s, c));
          docPhrases.put(text, seen == null ? kindBit : seen | kindBit);
        }
      }
      docPhrases.forEach(
          (text, kinds) -> {
            PhraseStat stat = phrases.get(text);
            stat.df++;
            addKinds(stat.kindDf, kinds);
          });
      Set<String> plurals = pluralIngs == null ? Set.of() : pluralIngs;
      docKeys.forEach(
          (key, kinds) -> {
            KeyStat stat = keys.computeIfAbsent(key, k -> new KeyStat());
            stat.df++;
            addKinds(stat.kindDf, kinds);
            if (plurals.contains(key)) {
              stat.pluralIngs++;
            }
          });
      if (phrases.size() > settings.vocabularyCap() || keys.size() > settings.vocabularyCap()) {
        prune();
      }
    }

    /** Lossy counting: raise the floor until the tables fit in three quarters of the cap. */
    private void prune() {
      int target = settings.vocabularyCap() * 3 / 4;
      while (phrases.size() > target || keys.size() > target) {
        floor++;
        int f = floor;
        phrases.values().removeIf(p -> p.df <= f);
        keys.values().removeIf(k -> k.df <= f);
      }
    }
  }

  private static void addKinds(int[] kindDf, int kinds) {
    for (int i = 0; i < kindDf.length; i++) {
      if ((kinds & (1 << i)) != 0) {
        kindDf[i]++;
      }
    }
  }

  static String surface(Sentence s, PhraseCandidate c) {
    List<Token> tokens = s.tokens();
    StringBuilder b = new StringBuilder();
    for (int i = c.tokenFrom(); i < c.tokenTo(); i++) {
      Token t = tokens.get(i);
      if (i > c.tokenFrom() && t.start() > tokens.get(i - 1).end()) {
        b.append(' ');
      }
      b.append(t.text().toLowerCase(Locale.ROOT));
    }
    return b.toString();
  }

  // ---- the keys ------------------------------------------------------------------------------

  /** A key lemma after folding variants, with what pass 1 and 2 learnt of it. */
  private static final class Key {
    final String name;
    final Set<String> variants = new java.util.TreeSet<>();
    final int[] kindDf = new int[Kind.values().length];
    int approxDf;
    int index = -1;
    int df;
    int sentences;
    int role;
    int nounMentions;
    int demonstrated;
    int sampledMentions;
    final Map<String, Integer> context = new HashMap<>();

    Key(String name) {
      this.name = name;
    }

    int nounDf() {
      return kindDf[Kind.NOUN.ordinal()] + kindDf[Kind.MODIFIED_NOUN.ordinal()];
    }
  }

  /**
   * Folds "waiting" into "wait", "sizing" into "size", "colour" into "color" when both occur. An
   * "-ing" noun people write in the plural names a thing of its own ("leggings", "settings",
   * "meetings") and is left alone.
   */
  private static String canonical(String key, Map<String, KeyStat> keys) {
    KeyStat own = keys.get(key);
    boolean countable = own != null && own.pluralIngs > 0.1 * own.df;
    if (key.endsWith("ing") && key.length() > 5 && !countable) {
      String stem = key.substring(0, key.length() - 3);
      List<String> options = new ArrayList<>(List.of(stem, stem + "e"));
      int n = stem.length();
      if (n >= 2 && stem.charAt(n - 1) == stem.charAt(n - 2)) {
        options.add(stem.substring(0, n - 1));
      }
      for (String o : options) {
        if (keys.containsKey(o)) {
          return o;
        }
      }
    }
    if (key.endsWith("our") && key.length() > 4) {
      String us = key.substring(0, key.length() - 3) + "or";
      if (keys.containsKey(us)) {
        return us;
      }
    }
    return key;
  }

  // ---- discovery -----------------------------------------------------------------------------

  public Result discover(AnalysisSource source) {
    Counts counts = new Counts();
    source.forEach(counts::add);
    int n = counts.documents;
    if (n == 0) {
      return new Result(0, List.of());
    }
    int minSupport =
        Math.max(settings.minSupport(), (int) Math.ceil(settings.minSupportShare() * n));

    // Fold variants into canonical keys.
    Map<String, String> canonicalOf = new HashMap<>();
    Map<String, Key> byName = new TreeMap<>();
    for (Map.Entry<String, KeyStat> e : new TreeMap<>(counts.keys).entrySet()) {
      String c = canonical(e.getKey(), counts.keys);
      canonicalOf.put(e.getKey(), c);
      Key k = byName.computeIfAbsent(c, Key::new);
      k.variants.add(e.getKey());
      k.approxDf += e.getValue().df;
      for (int i = 0; i < k.kindDf.length; i++) {
        k.kindDf[i] += e.getValue().kindDf[i];
      }
    }
    List<Key> selected =
        byName.values().stream()
            .filter(k -> k.approxDf >= minSupport && lexicon.canName(k.name))
            .sorted(Comparator.comparingInt((Key k) -> -k.approxDf).thenComparing(k -> k.name))
            .limit(settings.maxKeys())
            .toList();
    if (selected.isEmpty()) {
      return new Result(n, List.of());
    }
    Map<String, Key> selectedByVariant = new HashMap<>();
    for (int i = 0; i < selected.size(); i++) {
      Key k = selected.get(i);
      k.index = i;
      k.role = roleOf(k);
      for (String v : k.variants) {
        selectedByVariant.put(v, k);
      }
    }

    // Pass 2: exact counts, sentence co-occurrence, context vectors on a sample.
    int[][] cooc = new int[selected.size()][selected.size()];
    int stride = Math.max(1, n / Math.max(1, settings.similaritySample()));
    long offset = Math.floorMod(mix(settings.seed()), stride);
    int[] sentencesTotal = new int[1];
    int[] ordinal = new int[1];
    source.forEach(
        analysis -> {
          boolean sampled = ordinal[0]++ % stride == offset;
          Set<Key> docKeys = new HashSet<>();
          for (Sentence s : analysis.sentences()) {
            sentencesTotal[0]++;
            Set<Key> sentenceKeys = new HashSet<>();
            for (PhraseCandidate c : extractor.candidates(s)) {
              Key k = selectedByVariant.get(c.key());
              if (k == null) {
                continue;
              }
              sentenceKeys.add(k);
              if (c.lemmas().size() == 1 && c.kind() == Kind.NOUN) {
                k.nounMentions++;
                if (c.tokenFrom() > 0
                    && DEMONSTRATIVES.contains(s.tokens().get(c.tokenFrom() - 1).lemma())) {
                  k.demonstrated++;
                }
              }
              if (sampled && c.lemmas().size() == 1) {
                addContext(k, s, c.tokenFrom());
              }
            }
            for (Key a : sentenceKeys) {
              a.sentences++;
              for (Key b : sentenceKeys) {
                if (a != b) {
                  cooc[a.index][b.index]++;
                }
              }
            }
            docKeys.addAll(sentenceKeys);
          }
          for (Key k : docKeys) {
            k.df++;
          }
        });

    // Group: near-synonym nouns by context, then qualities and verbs to the noun they qualify.
    // "this dress", "this app", "this flight": the thing under review is what every comment is
    // about, not a theme of its own.
    List<Key> nouns =
        selected.stream()
            .filter(k -> k.role == NOUN && k.df >= minSupport && !isReviewedObject(k))
            .toList();
    // Head-noun overlap first: a noun said mostly inside a compound with a more frequent theme
    // noun ("driver" in "delivery driver", "error" in "billing errors") belongs to that theme.
    Map<String, List<PhraseStat>> byKey = phrasesByKey(counts, canonicalOf);
    Map<Key, Key> compoundHosts = new LinkedHashMap<>();
    for (Key k : nouns) {
      Key host = compoundHost(k, byKey.getOrDefault(k.name, List.of()), selectedByVariant);
      if (host != null && nouns.contains(host)) {
        compoundHosts.put(k, host);
      }
    }
    List<Key> clustered = nouns.stream().filter(k -> !compoundHosts.containsKey(k)).toList();
    List<List<Key>> groups = clusterNouns(clustered, cooc);
    Map<Key, List<Key>> groupOf = new HashMap<>();
    for (List<Key> g : groups) {
      for (Key k : g) {
        groupOf.put(k, g);
      }
    }
    for (Map.Entry<Key, Key> e : compoundHosts.entrySet()) {
      Key host = e.getValue();
      for (int hops = 0; hops < 5 && compoundHosts.containsKey(host); hops++) {
        host = compoundHosts.get(host);
      }
      List<Key> g = groupOf.get(host);
      if (g != null) {
        g.add(e.getKey());
        groupOf.put(e.getKey(), g);
      }
    }
    // Co-occurrence: a noun said mostly in the same sentences as a far more frequent one ("xs" and
    // "petite" with "size") is a facet of it, a sub-theme rather than a theme of its own.
    for (Key k : clustered) {
      List<Key> own = groupOf.get(k);
      if (own == null || own.size() != 1 || k.sentences < MIN_EVIDENCE) {
        continue;
      }
      Key host = null;
      double best = 0;
      for (Key h : clustered) {
        List<Key> hostGroup = groupOf.get(h);
        if (h == k || hostGroup == null || hostGroup.get(0) != h || h.df < 2 * k.df) {
          continue;
        }
        double share = cooc[k.index][h.index] / (double) Math.max(1, k.sentences);
        double lift = share / (h.sentences / (double) Math.max(1, sentencesTotal[0]));
        if (share >= 0.3 && lift >= 2.5 && share > best) {
          host = h;
          best = share;
        }
      }
      if (host != null) {
        groups.remove(own);
        groupOf.get(host).add(k);
        groupOf.put(k, groupOf.get(host));
      }
    }
    List<List<Key>> standalone = new ArrayList<>();
    Map<Key, Integer> patternShare = new HashMap<>();
    for (PhraseStat p : counts.phrases.values()) {
      Key k = selectedByVariant.get(p.key);
      if (k != null && p.lemmas.size() > 1 && p.mainKind() == Kind.VERB) {
        patternShare.merge(k, p.df, Integer::sum);
      }
    }
    for (Key k : selected) {
      if (k.role == NOUN || k.df < minSupport || isReviewedObject(k)) {
        continue;
      }
      // Qualities ("too big") belong to the noun they judge; verbs stand alone when people use
      // them in complaint patterns ("never arrived", "keeps crashing") or as nouns too ("a crash")
      // often enough, which leaves out narrative verbs ("decided", "read").
      Key host = k.role == QUALITY ? hostOf(k, nouns, cooc, sentencesTotal[0]) : null;
      if (host != null) {
        groupOf.get(host).add(k);
      } else if (k.role == QUALITY
          || patternShare.getOrDefault(k, 0) >= 0.2 * k.df
          || k.nounDf() >= 0.1 * k.df) {
        standalone.add(new ArrayList<>(List.of(k)));
      }
    }
    List<List<Key>> all = new ArrayList<>(groups);
    all.addAll(standalone);

    // Pass 3: exact comment counts per theme.
    Map<Key, Integer> groupIndex = new HashMap<>();
    for (int i = 0; i < all.size(); i++) {
      for (Key k : all.get(i)) {
        groupIndex.put(k, i);
      }
    }
    int[] support = new int[all.size()];
    source.forEach(
        analysis -> {
          Set<Integer> hit = new HashSet<>();
          for (Sentence s : analysis.sentences()) {
            for (PhraseCandidate c : extractor.candidates(s)) {
              Key k = selectedByVariant.get(c.key());
              Integer g = k == null ? null : groupIndex.get(k);
              if (g != null) {
                hit.add(g);
              }
            }
          }
          for (int g : hit) {
            support[g]++;
          }
        });

    Map<String, List<PhraseStat>> phrasesByKey = byKey;
    List<DiscoveredTheme> themes = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      List<Key> g = all.get(i);
      if (support[i] < minSupport) {
        continue;
      }
      themes.add(theme(g, support[i], minSupport, phrasesByKey));
    }
    themes.sort(
        Comparator.comparingInt((DiscoveredTheme t) -> -t.support())
            .thenComparing(DiscoveredTheme::name));
    // Two themes may come out with one name (a verb and a noun group); keep the better supported.
    Map<String, DiscoveredTheme> unique = new LinkedHashMap<>();
    for (DiscoveredTheme t : themes) {
      unique.putIfAbsent(t.name(), t);
    }
    return new Result(n, unique.values().stream().limit(settings.maxThemes()).toList());
  }

  /** Share of a noun's mentions after "this"/"these" above which it names the reviewed thing. */
  static final double REVIEWED_OBJECT_SHARE = 0.12;

  private static boolean isReviewedObject(Key k) {
    return k.nounMentions >= 20 && k.demonstrated >= REVIEWED_OBJECT_SHARE * k.nounMentions;
  }

  private int roleOf(Key k) {
    int nounDf = k.nounDf();
    int verbDf = k.kindDf[Kind.VERB.ordinal()];
    int qualityDf = k.kindDf[Kind.QUALITY.ordinal()];
    int total = Math.max(1, nounDf + verbDf + qualityDf);
    if (nounDf >= 0.3 * total) {
      return NOUN;
    }
    return verbDf >= qualityDf ? VERB : QUALITY;
  }

  private void addContext(Key k, Sentence s, int at) {
    k.sampledMentions++;
    List<Token> tokens = s.tokens();
    for (int i = Math.max(0, at - CONTEXT_WINDOW);
        i < Math.min(tokens.size(), at + CONTEXT_WINDOW + 1);
        i++) {
      if (i == at) {
        continue;
      }
      String l = tokens.get(i).lemma();
      if (l.length() < 2 || !Character.isLetter(l.charAt(0)) || lexicon.stopWords().contains(l)) {
        continue;
      }
      k.context.merge(l, 1, Integer::sum);
    }
  }

  /**
   * Average-linkage clustering of the nouns on the cosine of their PPMI context vectors; a cut at 1
   * - mergeSimilarity. Groups come out in the order of their best supported member.
   */
  private List<List<Key>> clusterNouns(List<Key> nouns, int[][] cooc) {
    int m = nouns.size();
    List<List<Key>> groups = new ArrayList<>();
    if (m < 2) {
      for (Key k : nouns) {
        groups.add(new ArrayList<>(List.of(k)));
      }
      return groups;
    }
    Map<String, Long> featureTotals = new TreeMap<>();
    long total = 0;
    for (Key k : nouns) {
      for (Map.Entry<String, Integer> e : k.context.entrySet()) {
        featureTotals.merge(e.getKey(), (long) e.getValue(), Long::sum);
        total += e.getValue();
      }
    }
    List<Map<String, Double>> vectors = new ArrayList<>();
    for (Key k : nouns) {
      long keyTotal = k.context.values().stream().mapToLong(Integer::longValue).sum();
      Map<String, Double> v = new TreeMap<>();
      double norm = 0;
      for (Map.Entry<String, Integer> e : new TreeMap<>(k.context).entrySet()) {
        double pmi =
            Math.log(
                (double) e.getValue()
                    * total
                    / ((double) keyTotal * featureTotals.get(e.getKey())));
        if (pmi > 0) {
          v.put(e.getKey(), pmi);
          norm += pmi * pmi;
        }
      }
      double len = Math.sqrt(norm);
      if (len > 0) {
        v.replaceAll((f, w) -> w / len);
      }
      vectors.add(v);
    }
    double[][] distance = new double[m][m];
    for (int i = 0; i < m; i++) {
      for (int j = i + 1; j < m; j++) {
        // Near-synonyms replace each other, so they seldom share a sentence; nouns that do
        // ("waist" and "hips") look alike only because they share their sentences' words.
        Key a = nouns.get(i);
        Key b = nouns.get(j);
        boolean together =
            cooc[a.index][b.index] >= 0.1 * Math.max(1, Math.min(a.sentences, b.sentences));
        // A handful of mentions gives no reliable picture of a word's contexts.
        boolean tooFew = a.sampledMentions < MIN_EVIDENCE || b.sampledMentions < MIN_EVIDENCE;
        double d = together || tooFew ? 1.0 : 1.0 - cosine(vectors.get(i), vectors.get(j));
        distance[i][j] = d;
        distance[j][i] = d;
      }
    }
    int[] labels =
        HierarchicalClustering.fit(new UPGMALinkage(distance))
            .partition(1.0 - settings.mergeSimilarity());
    Map<Integer, List<Key>> byLabel = new LinkedHashMap<>();
    for (int i = 0; i < m; i++) {
      byLabel.computeIfAbsent(labels[i], l -> new ArrayList<>()).add(nouns.get(i));
    }
    groups.addAll(byLabel.values());
    return groups;
  }

  /** The more frequent theme noun that {@code k} mostly appears in a compound with, or null. */
  private static Key compoundHost(
      Key k, List<PhraseStat> phrases, Map<String, Key> selectedByVariant) {
    for (PhraseStat p : phrases) {
      if (p.df < 0.5 * k.df) {
        return null;
      }
      if (p.lemmas.size() < 2 || p.mainKind() != Kind.NOUN) {
        continue;
      }
      for (String lemma : p.lemmas) {
        Key other = selectedByVariant.get(lemma);
        if (other != null && other != k && other.role == NOUN && other.df > k.df) {
          return other;
        }
      }
    }
    return null;
  }

  private static double cosine(Map<String, Double> a, Map<String, Double> b) {
    Map<String, Double> small = a.size() <= b.size() ? a : b;
    Map<String, Double> large = small == a ? b : a;
    double dot = 0;
    for (Map.Entry<String, Double> e : small.entrySet()) {
      Double w = large.get(e.getKey());
      if (w != null) {
        dot += e.getValue() * w;
      }
    }
    return dot;
  }

  /**
   * The noun a quality or verb is about: the one sharing most of its sentences, provided it shares
   * at least 10% of them and twice as often as chance.
   */
  private static Key hostOf(Key k, List<Key> nouns, int[][] cooc, int sentences) {
    Key best = null;
    double bestShare = 0;
    for (Key noun : nouns) {
      double share = cooc[k.index][noun.index] / (double) Math.max(1, k.sentences);
      double lift = share / (noun.sentences / (double) Math.max(1, sentences));
      if (share >= 0.1 && lift >= 2.0 && share > bestShare) {
        best = noun;
        bestShare = share;
      }
    }
    return best;
  }

  private static Map<String, List<PhraseStat>> phrasesByKey(
      Counts counts, Map<String, String> canonicalOf) {
    Map<String, List<PhraseStat>> out = new HashMap<>();
    for (PhraseStat p : counts.phrases.values()) {
      String c = canonicalOf.getOrDefault(p.key, p.key);
      out.computeIfAbsent(c, x -> new ArrayList<>()).add(p);
    }
    for (List<PhraseStat> list : out.values()) {
      list.sort(
          Comparator.comparingInt((PhraseStat p) -> -p.df)
              .thenComparing(p -> String.join(" ", p.lemmas)));
    }
    return out;
  }

  private DiscoveredTheme theme(
      List<Key> group, int support, int minSupport, Map<String, List<PhraseStat>> phrasesByKey) {
    List<Key> members = new ArrayList<>(group);
    members.sort(Comparator.comparingInt((Key k) -> -k.df).thenComparing(k -> k.name));
    // A noun leads its group even when an attached verb is more frequent.
    Key primary = members.stream().filter(k -> k.role == NOUN).findFirst().orElse(members.get(0));
    List<DiscoveredTheme> subs = new ArrayList<>();
    List<DiscoveredTheme.Phrase> phrases =
        new ArrayList<>(phrasesOf(primary, minSupport, phrasesByKey));
    for (Key k : members) {
      if (k == primary) {
        continue;
      }
      List<DiscoveredTheme.Phrase> own = phrasesOf(k, minSupport, phrasesByKey);
      if (own.isEmpty()) {
        continue;
      }
      if (k.df >= minSupport && subs.size() < settings.maxSubThemes()) {
        subs.add(new DiscoveredTheme(nameOf(k, phrasesByKey), k.name, k.df, own, List.of()));
      } else {
        phrases.addAll(own);
      }
    }
    return new DiscoveredTheme(nameOf(primary, phrasesByKey), primary.name, support, phrases, subs);
  }

  private static final int PHRASES_PER_KEY = 12;

  private List<DiscoveredTheme.Phrase> phrasesOf(
      Key k, int minSupport, Map<String, List<PhraseStat>> phrasesByKey) {
    int floor = Math.max(2, minSupport / 5);
    List<DiscoveredTheme.Phrase> out = new ArrayList<>();
    for (PhraseStat p : phrasesByKey.getOrDefault(k.name, List.of())) {
      if (out.size() >= PHRASES_PER_KEY) {
        break;
      }
      boolean single = p.lemmas.size() == 1;
      // A bare adjective ("small") says too little on its own; its phrases ("runs small") do.
      if (single && k.role == QUALITY) {
        continue;
      }
      if (single ? p.df >= 1 : p.df >= floor) {
        out.add(new DiscoveredTheme.Phrase(p.lemmas, p.bestSurface(), p.df, p.contiguous));
      }
    }
    return out;
  }

  /**
   * The most representative phrase of a key: for a noun, its commonest compound when that holds at
   * least 40% of the noun's comments ("customer service", "wait time"), else the noun; for a verb
   * or quality, its commonest phrase as people write it ("runs small", "never arrived").
   */
  private String nameOf(Key k, Map<String, List<PhraseStat>> phrasesByKey) {
    List<PhraseStat> list = phrasesByKey.getOrDefault(k.name, List.of());
    if (k.role == NOUN) {
      for (PhraseStat p : list) {
        if (p.lemmas.size() > 1
            && p.mainKind() == Kind.NOUN
            && p.lemmas.contains(k.name)
            && p.df >= 0.4 * k.df) {
          return String.join(" ", p.lemmas);
        }
      }
      return k.name;
    }
    for (PhraseStat p : list) {
      if (p.lemmas.size() > 1) {
        return p.bestSurface();
      }
      if (k.role == VERB) {
        // "flattering" reads better than "flatter"; "crashes" no better than "crash".
        String surface = p.bestSurface();
        return surface.endsWith("ing") ? surface : k.name;
      }
    }
    return k.name;
  }

  private static long mix(long seed) {
    long z = seed + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static List<String> sortedCopy(Set<String> set) {
    String[] a = set.toArray(new String[0]);
    Arrays.sort(a);
    return List.of(a);
  }
}
