package dev.earful.themes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earful.domain.Analysis;
import dev.earful.domain.Sentence;
import dev.earful.domain.Theme;
import dev.earful.domain.ThemeCatalog;
import dev.earful.domain.ThemeMention;
import dev.earful.domain.Token;
import dev.earful.nlp.PhraseLexicon;
import dev.earful.nlp.TextAnalyzer;
import dev.earful.store.AtomicFiles;
import dev.earful.themes.TaxonomyException.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The editable set of themes, kept in {@code <data>/taxonomy.json}. Every change is written to a
 * temporary file and moved over the old one atomically, so a crash leaves either the old or the new
 * taxonomy, never half of one.
 *
 * <p>People's edits win over discovery: a theme a person created, renamed, changed or merged into
 * gets origin {@code "edited"} and {@link #applyDiscovery} never changes or removes it; a deleted
 * theme leaves a tombstone (its keys and phrases) so discovery does not bring it back; a theme
 * merged away leaves a redirect, so {@link #find} of its old id answers the theme it was merged
 * into. Deleting a theme keeps its sub-themes as top-level themes.
 *
 * <p>Ids are "t1", "t2"... in order of creation, and a re-discovered theme keeps its id: it is
 * matched to the old one by its key lemma, then by phrase overlap.
 *
 * <p>Reads see an immutable snapshot and never block; writes are serialised. Thread-safe.
 */
public final class Taxonomy implements ThemeCatalog {

  public static final String FILE_NAME = "taxonomy.json";
  public static final String DISCOVERED = "discovered";
  public static final String EDITED = "edited";
  private static final int MAX_NAME = 120;
  private static final int MAX_PHRASES = 500;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A theme as stored: the domain record plus the discovery keys that identify it. */
  private record Entry(Theme theme, List<String> keys) {
    Entry {
      keys = List.copyOf(keys);
    }
  }

  /** A deleted theme: what discovery must not bring back. */
  private record Tombstone(String id, String name, List<String> keys, List<String> phrases) {}

  private record State(
      long version,
      int nextId,
      Map<String, Entry> themes,
      Map<String, String> redirects,
      List<Tombstone> tombstones,
      ThemeMatcher matcher) {}

  private final Path file;
  private final Function<String, List<String>> lemmatizer;

  /**
   * Whether a phrase has only function words, read from its tags; null where no analyzer is at hand
   * (evaluation commands, tests given a lemmatizer alone), which then check nothing.
   */
  private final Predicate<String> functionWordsOnly;

  private volatile State state;

  private final List<Runnable> afterChange = new CopyOnWriteArrayList<>();

  private Taxonomy(
      Path file,
      Function<String, List<String>> lemmatizer,
      Predicate<String> functionWordsOnly,
      State state) {
    this.file = file;
    this.lemmatizer = lemmatizer;
    this.functionWordsOnly = functionWordsOnly;
    this.state = state;
  }

  /**
   * Opens the taxonomy in {@code dataDir} (an empty one when the file does not exist yet). A file
   * that cannot be read stops start-up rather than being overwritten.
   */
  public static Taxonomy open(Path dataDir, TextAnalyzer analyzer) {
    return open(dataDir, analyzer::lemmasOf, phrase -> functionWordsOnly(analyzer, phrase));
  }

  public static Taxonomy open(Path dataDir, Function<String, List<String>> lemmatizer) {
    return open(dataDir, lemmatizer, null);
  }

  private static Taxonomy open(
      Path dataDir,
      Function<String, List<String>> lemmatizer,
      Predicate<String> functionWordsOnly) {
    Path file = dataDir.resolve(FILE_NAME);
    State state;
    if (Files.exists(file)) {
      try {
        state = read(JSON.readTree(file.toFile()));
      } catch (IOException | RuntimeException e) {
        throw new IllegalStateException(
            "cannot read the taxonomy " + file + ": " + e.getMessage() + " (fix or move the file)",
            e);
      }
    } else {
      state =
          new State(0, 1, new TreeMap<>(), new TreeMap<>(), List.of(), new ThemeMatcher(List.of()));
    }
    return new Taxonomy(file, lemmatizer, functionWordsOnly, state);
  }

  /** A taxonomy that lives in memory only (evaluation commands, stateless analysis). */
  public static Taxonomy inMemory(Function<String, List<String>> lemmatizer) {
    return new Taxonomy(
        null,
        lemmatizer,
        null,
        new State(0, 1, new TreeMap<>(), new TreeMap<>(), List.of(), new ThemeMatcher(List.of())));
  }

  // ---- ThemeCatalog -------------------------------------------------------------------------

  @Override
  public List<Theme> all() {
    return state.themes().values().stream().map(Entry::theme).sorted(BY_ID).toList();
  }

  /** Orders "t2" before "t10". */
  static final Comparator<Theme> BY_ID =
      Comparator.comparingInt((Theme t) -> t.id().length()).thenComparing(Theme::id);

  /** The theme with this id, following merges: a merged-away id finds the theme it went into. */
  @Override
  public Optional<Theme> find(String id) {
    State s = state;
    String current = id;
    for (int hops = 0; current != null && hops < 100; hops++) {
      Entry e = s.themes().get(current);
      if (e != null) {
        return Optional.of(e.theme());
      }
      current = s.redirects().get(current);
    }
    return Optional.empty();
  }

  @Override
  public long version() {
    return state.version();
  }

  @Override
  public List<ThemeMention> mentionsIn(Analysis analysis) {
    return state.matcher().mentionsIn(analysis);
  }

  /** The sub-themes of a theme, by id. */
  public List<Theme> children(String id) {
    return all().stream().filter(t -> id.equals(t.parentId())).toList();
  }

  // ---- edits ----------------------------------------------------------------------------------

  /** Creates a theme; with no phrases the name itself is the phrase. */
  public synchronized Theme create(String name, List<String> phrases, String parentId) {
    State s = state;
    String n = checkName(name, null, s);
    List<String> p = phrases == null || phrases.isEmpty() ? List.of(n) : phrases;
    Phrases checked = checkPhrases(p, List.of());
    checkParent(parentId, null, s);
    String id = "t" + s.nextId();
    Theme theme = new Theme(id, n, checked.texts(), checked.lemmas(), parentId, EDITED);
    Map<String, Entry> themes = new TreeMap<>(s.themes());
    themes.put(id, new Entry(theme, keysOf(checked.lemmas())));
    commit(new State(s.version() + 1, s.nextId() + 1, themes, s.redirects(), s.tombstones(), null));
    return theme;
  }

  /**
   * Changes a theme: a new name (null keeps it), phrases to add and to drop (by text or by lemmas),
   * and a new parent ({@code parentId} null keeps it; "" makes it top-level).
   */
  public synchronized Theme update(
      String id, String name, List<String> addPhrases, List<String> dropPhrases, String parentId) {
    State s = state;
    Entry e = s.themes().get(id);
    if (e == null) {
      throw TaxonomyException.notFound(id);
    }
    Theme t = e.theme();
    String n = name == null ? t.name() : checkName(name, id, s);
    LinkedHashMap<String, List<String>> phrases = new LinkedHashMap<>();
    for (int i = 0; i < t.phrases().size(); i++) {
      phrases.put(t.phrases().get(i), t.lemmaPhrases().get(i));
    }
    if (dropPhrases != null) {
      for (String drop : dropPhrases) {
        List<String> lemmas = lemmasOrFail(drop, "dropPhrases");
        boolean removed =
            phrases
                .entrySet()
                .removeIf(
                    p -> p.getKey().equalsIgnoreCase(drop.strip()) || p.getValue().equals(lemmas));
        if (!removed) {
          throw new TaxonomyException(
              Kind.INVALID, "dropPhrases", "theme " + id + " has no phrase '" + drop + "'");
        }
      }
    }
    if (addPhrases != null) {
      Phrases added = checkPhrases(addPhrases, List.copyOf(phrases.values()));
      for (int i = 0; i < added.texts().size(); i++) {
        if (!phrases.containsValue(added.lemmas().get(i))) {
          phrases.put(added.texts().get(i), added.lemmas().get(i));
        }
      }
    }
    if (phrases.isEmpty()) {
      throw new TaxonomyException(
          Kind.INVALID, "dropPhrases", "a theme needs at least one phrase; delete it instead");
    }
    if (phrases.size() > MAX_PHRASES) {
      throw new TaxonomyException(Kind.INVALID, "phrases", "at most " + MAX_PHRASES + " phrases");
    }
    String parent = t.parentId();
    if (parentId != null) {
      parent = parentId.isBlank() ? null : parentId;
      checkParent(parent, id, s);
    }
    Theme updated =
        new Theme(
            id, n, List.copyOf(phrases.keySet()), List.copyOf(phrases.values()), parent, EDITED);
    Map<String, Entry> themes = new TreeMap<>(s.themes());
    themes.put(id, new Entry(updated, e.keys()));
    commit(new State(s.version() + 1, s.nextId(), themes, s.redirects(), s.tombstones(), null));
    return updated;
  }

  /**
   * Merges themes into {@code targetId}: the union of their phrases goes to the target, their
   * sub-themes move under it, and their ids redirect to it.
   */
  public synchronized Theme merge(String targetId, List<String> sourceIds) {
    State s = state;
    Entry target = s.themes().get(targetId);
    if (target == null) {
      throw TaxonomyException.notFound(targetId);
    }
    if (sourceIds == null || sourceIds.isEmpty()) {
      throw new TaxonomyException(Kind.INVALID, "ids", "name at least one theme to merge in");
    }
    Map<String, Entry> themes = new TreeMap<>(s.themes());
    Map<String, String> redirects = new TreeMap<>(s.redirects());
    LinkedHashMap<List<String>, String> phrases = new LinkedHashMap<>();
    addAll(phrases, target.theme());
    Set<String> keys = new LinkedHashSet<>(target.keys());
    for (String sourceId : new LinkedHashSet<>(sourceIds)) {
      if (sourceId.equals(targetId)) {
        throw new TaxonomyException(
            Kind.INVALID, "ids", "cannot merge theme " + targetId + " into itself");
      }
      Entry source = s.themes().get(sourceId);
      if (source == null) {
        throw TaxonomyException.notFound(sourceId);
      }
      if (isAncestor(sourceId, targetId, s)) {
        throw new TaxonomyException(
            Kind.CONFLICT,
            "ids",
            "cannot merge " + sourceId + " into its own sub-theme " + targetId);
      }
      addAll(phrases, source.theme());
      keys.addAll(source.keys());
      themes.remove(sourceId);
      redirects.put(sourceId, targetId);
      for (Map.Entry<String, Entry> child : List.copyOf(themes.entrySet())) {
        Theme c = child.getValue().theme();
        if (sourceId.equals(c.parentId())) {
          themes.put(
              c.id(),
              new Entry(
                  new Theme(c.id(), c.name(), c.phrases(), c.lemmaPhrases(), targetId, c.origin()),
                  child.getValue().keys()));
        }
      }
    }
    Theme t = target.theme();
    Theme merged =
        new Theme(
            targetId,
            t.name(),
            List.copyOf(phrases.values()),
            List.copyOf(phrases.keySet()),
            t.parentId(),
            EDITED);
    themes.put(targetId, new Entry(merged, List.copyOf(keys)));
    commit(new State(s.version() + 1, s.nextId(), themes, redirects, s.tombstones(), null));
    return merged;
  }

  /**
   * Deletes a theme; its sub-themes become top-level; a tombstone keeps discovery from re-adding
   * it.
   */
  public synchronized void delete(String id) {
    State s = state;
    Entry e = s.themes().get(id);
    if (e == null) {
      throw TaxonomyException.notFound(id);
    }
    Map<String, Entry> themes = new TreeMap<>(s.themes());
    themes.remove(id);
    for (Map.Entry<String, Entry> child : List.copyOf(themes.entrySet())) {
      Theme c = child.getValue().theme();
      if (id.equals(c.parentId())) {
        themes.put(
            c.id(),
            new Entry(
                new Theme(c.id(), c.name(), c.phrases(), c.lemmaPhrases(), null, c.origin()),
                child.getValue().keys()));
      }
    }
    List<Tombstone> tombstones = new ArrayList<>(s.tombstones());
    tombstones.add(
        new Tombstone(
            id,
            e.theme().name(),
            e.keys(),
            e.theme().lemmaPhrases().stream().map(l -> String.join(" ", l)).toList()));
    Map<String, String> redirects = new TreeMap<>(s.redirects());
    redirects.values().removeIf(id::equals);
    commit(new State(s.version() + 1, s.nextId(), themes, redirects, tombstones, null));
  }

  // ---- discovery ------------------------------------------------------------------------------

  /**
   * What applying a discovery changed: themes added, re-discovered themes whose name, phrases or
   * parent changed ({@code updated}) or did not ({@code unchanged}), discovered themes no longer
   * found, edited themes kept, and discovered themes left out because an edit or deletion holds
   * them.
   */
  public record DiscoveryReport(
      int added, int updated, int unchanged, int removed, int keptEdited, int blocked) {}

  /**
   * Replaces the discovered part of the taxonomy with a new discovery. Themes people edited stay as
   * they are; a discovered theme whose key an edited or deleted theme holds is not added again; a
   * re-discovered theme keeps its id (matched by key, then by phrase overlap) and its name.
   */
  public synchronized DiscoveryReport applyDiscovery(List<DiscoveredTheme> found) {
    State s = state;
    Map<String, Entry> themes = new TreeMap<>();
    Set<String> blockedKeys = new LinkedHashSet<>();
    Set<String> blockedPhrases = new LinkedHashSet<>();
    Set<String> usedNames = new LinkedHashSet<>();
    List<Entry> oldDiscovered = new ArrayList<>();
    int kept = 0;
    for (Entry e : s.themes().values()) {
      if (EDITED.equals(e.theme().origin())) {
        themes.put(e.theme().id(), e);
        blockedKeys.addAll(e.keys());
        e.theme().lemmaPhrases().forEach(l -> blockedPhrases.add(String.join(" ", l)));
        usedNames.add(nameKey(e.theme().name()));
        kept++;
      } else {
        oldDiscovered.add(e);
      }
    }
    for (Tombstone t : s.tombstones()) {
      blockedKeys.addAll(t.keys());
      blockedPhrases.addAll(t.phrases());
    }
    int[] nextId = {s.nextId()};
    int[] counts = new int[4]; // added, updated, blocked, unchanged
    Set<String> matchedOld = new LinkedHashSet<>();
    for (DiscoveredTheme d : found) {
      String parentId =
          place(
              d,
              null,
              oldDiscovered,
              matchedOld,
              themes,
              blockedKeys,
              blockedPhrases,
              usedNames,
              nextId,
              counts);
      if (parentId == null) {
        continue;
      }
      for (DiscoveredTheme sub : d.subThemes()) {
        place(
            sub,
            parentId,
            oldDiscovered,
            matchedOld,
            themes,
            blockedKeys,
            blockedPhrases,
            usedNames,
            nextId,
            counts);
      }
    }
    int removed =
        (int) oldDiscovered.stream().filter(e -> !matchedOld.contains(e.theme().id())).count();
    State next = new State(s.version(), nextId[0], themes, s.redirects(), s.tombstones(), null);
    if (!sameThemes(s.themes(), themes)) {
      commit(new State(s.version() + 1, nextId[0], themes, s.redirects(), s.tombstones(), null));
    } else if (nextId[0] != s.nextId()) {
      commit(next);
    }
    return new DiscoveryReport(counts[0], counts[1], counts[3], removed, kept, counts[2]);
  }

  private String place(
      DiscoveredTheme d,
      String parentId,
      List<Entry> oldDiscovered,
      Set<String> matchedOld,
      Map<String, Entry> themes,
      Set<String> blockedKeys,
      Set<String> blockedPhrases,
      Set<String> usedNames,
      int[] nextId,
      int[] counts) {
    if (blockedKeys.contains(d.key()) || blockedPhrases.contains(d.key())) {
      counts[2]++;
      return null;
    }
    List<List<String>> lemmas = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    Set<List<String>> seen = new LinkedHashSet<>();
    for (DiscoveredTheme.Phrase p : d.phrases()) {
      addPhrase(p, lemmas, texts, seen, blockedPhrases);
    }
    for (DiscoveredTheme sub : d.subThemes()) {
      if (!blockedKeys.contains(sub.key())) {
        for (DiscoveredTheme.Phrase p : sub.phrases()) {
          addPhrase(p, lemmas, texts, seen, blockedPhrases);
        }
      }
    }
    if (lemmas.isEmpty()) {
      counts[2]++;
      return null;
    }
    Entry old = matchOld(d.key(), lemmas, oldDiscovered, matchedOld);
    String name = old != null ? old.theme().name() : d.name();
    if (usedNames.contains(nameKey(name))) {
      name = d.name();
      if (usedNames.contains(nameKey(name))) {
        counts[2]++;
        return null;
      }
    }
    String id;
    if (old != null) {
      id = old.theme().id();
      matchedOld.add(id);
    } else {
      id = "t" + nextId[0]++;
    }
    usedNames.add(nameKey(name));
    Entry entry =
        new Entry(new Theme(id, name, texts, lemmas, parentId, DISCOVERED), List.of(d.key()));
    themes.put(id, entry);
    counts[old == null ? 0 : entry.equals(old) ? 3 : 1]++;
    return id;
  }

  private static void addPhrase(
      DiscoveredTheme.Phrase p,
      List<List<String>> lemmas,
      List<String> texts,
      Set<List<String>> seen,
      Set<String> blockedPhrases) {
    if (p.matchable() && !blockedPhrases.contains(p.text()) && seen.add(p.lemmas())) {
      lemmas.add(p.lemmas());
      // Two lemma phrases can be written alike ("flattering" as a verb and as an adjective): the
      // second shows its lemmas, so every phrase text stays distinct.
      texts.add(texts.contains(p.surface()) ? p.text() : p.surface());
    }
  }

  /**
   * The old discovered theme this one continues: same key, else at least half the phrases shared.
   */
  private static Entry matchOld(
      String key, List<List<String>> lemmas, List<Entry> oldDiscovered, Set<String> matchedOld) {
    for (Entry e : oldDiscovered) {
      if (!matchedOld.contains(e.theme().id()) && e.keys().contains(key)) {
        return e;
      }
    }
    Set<List<String>> mine = new LinkedHashSet<>(lemmas);
    Entry best = null;
    double bestOverlap = 0.5;
    for (Entry e : oldDiscovered) {
      if (matchedOld.contains(e.theme().id())) {
        continue;
      }
      Set<List<String>> theirs = new LinkedHashSet<>(e.theme().lemmaPhrases());
      long shared = theirs.stream().filter(mine::contains).count();
      double overlap = shared / (double) Math.max(1, Math.min(mine.size(), theirs.size()));
      if (overlap >= bestOverlap && (best == null || overlap > bestOverlap)) {
        best = e;
        bestOverlap = overlap;
      }
    }
    return best;
  }

  private static boolean sameThemes(Map<String, Entry> a, Map<String, Entry> b) {
    return a.equals(b);
  }

  // ---- validation -----------------------------------------------------------------------------

  private record Phrases(List<String> texts, List<List<String>> lemmas) {}

  /**
   * What makes two names the same name, for a person's edit and for discovery alike: Unicode's
   * composed form, lower case. "réseau" typed with U+00E9 and with e and U+0301 look alike and were
   * two themes (the API trial of 2026-12-05; review R14 for discovery's names).
   */
  static String nameKey(String name) {
    return Normalizer.normalize(name, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
  }

  private String checkName(String name, String selfId, State s) {
    if (name == null || name.isBlank()) {
      throw new TaxonomyException(Kind.INVALID, "name", "name must not be empty");
    }
    String n = name.strip().replaceAll("\\s+", " ");
    if (n.length() > MAX_NAME) {
      throw new TaxonomyException(
          Kind.INVALID, "name", "name must be at most " + MAX_NAME + " characters");
    }
    String key = nameKey(n);
    for (Entry e : s.themes().values()) {
      if (!e.theme().id().equals(selfId) && nameKey(e.theme().name()).equals(key)) {
        throw new TaxonomyException(
            Kind.CONFLICT,
            "name",
            "theme " + e.theme().id() + " is already named '" + e.theme().name() + "'");
      }
    }
    return n;
  }

  /**
   * The phrases checked and lemmatised; {@code kept} are the lemmas of phrases the theme already
   * has, which are not refused again (a theme read back and sent whole, made before a rule).
   */
  private Phrases checkPhrases(List<String> phrases, Collection<List<String>> kept) {
    if (phrases.size() > MAX_PHRASES) {
      throw new TaxonomyException(Kind.INVALID, "phrases", "at most " + MAX_PHRASES + " phrases");
    }
    List<String> texts = new ArrayList<>();
    List<List<String>> lemmas = new ArrayList<>();
    Set<List<String>> seen = new LinkedHashSet<>();
    for (String p : phrases) {
      List<String> l = lemmasOrFail(p, "phrases");
      // "the" or "a" matched three comments in four: a theme of every comment ranks nothing.
      if (!kept.contains(l) && functionWordsOnly != null && functionWordsOnly.test(p)) {
        throw new TaxonomyException(
            Kind.INVALID,
            "phrases",
            "phrase '"
                + p.strip()
                + "' has only function words (articles, pronouns, prepositions, auxiliaries),"
                + " which most comments hold; add the word that names the topic, as in 'the app'");
      }
      if (seen.add(l)) {
        texts.add(p.strip().replaceAll("\\s+", " "));
        lemmas.add(l);
      }
    }
    return new Phrases(texts, lemmas);
  }

  private List<String> lemmasOrFail(String phrase, String field) {
    if (phrase == null || phrase.isBlank()) {
      throw new TaxonomyException(Kind.INVALID, field, "a phrase must not be empty");
    }
    if (phrase.length() > 200) {
      throw new TaxonomyException(Kind.INVALID, field, "a phrase must be at most 200 characters");
    }
    List<String> lemmas = lemmatizer.apply(phrase);
    boolean hasWord = lemmas.stream().anyMatch(l -> l.chars().anyMatch(Character::isLetterOrDigit));
    if (!hasWord) {
      throw new TaxonomyException(
          Kind.INVALID, field, "phrase '" + phrase + "' has no words to match");
    }
    return List.copyOf(lemmas);
  }

  /**
   * Whether every word of {@code phrase} is a function word: on discovery's stop list and tagged as
   * a closed class (article, determiner, pronoun, preposition, auxiliary, conjunction, particle) or
   * an auxiliary or "not". Both must agree: the stop list also holds adverbs and quantity words a
   * theme may well be named by ("back" pain, "extras", a plan called "One"), and the tagger,
   * reading one word with no sentence around it, takes a noun for a pronoun ("hem" as "them");
   * punctuation does not count.
   */
  static boolean functionWordsOnly(TextAnalyzer analyzer, String phrase) {
    Set<String> stop = PhraseLexicon.standard().stopWords();
    boolean any = false;
    for (Sentence s : analyzer.analyze(phrase, Analysis.ENGLISH).sentences()) {
      for (Token t : s.tokens()) {
        if (t.text().chars().noneMatch(Character::isLetterOrDigit)) {
          continue;
        }
        any = true;
        String lemma = t.lemma().toLowerCase(Locale.ROOT);
        boolean closed = CLOSED_CLASS_TAGS.contains(t.tag()) || AUXILIARIES.contains(lemma);
        if (!closed || !stop.contains(lemma)) {
          return false;
        }
      }
    }
    return any;
  }

  /**
   * Universal Dependencies tags of closed word classes, as the English tagger gives them:
   * determiners, pronouns, adpositions, auxiliaries, conjunctions and particles ("to", "not").
   */
  private static final Set<String> CLOSED_CLASS_TAGS =
      Set.of("DET", "PRON", "ADP", "AUX", "CCONJ", "SCONJ", "PART");

  /** Lemmas of the auxiliaries and of "not", in case the tagger reads them as verbs or adverbs. */
  private static final Set<String> AUXILIARIES = Set.of("be", "have", "do", "not");

  private static void checkParent(String parentId, String selfId, State s) {
    if (parentId == null) {
      return;
    }
    if (!s.themes().containsKey(parentId)) {
      throw new TaxonomyException(Kind.INVALID, "parentId", "no theme with id '" + parentId + "'");
    }
    if (parentId.equals(selfId)) {
      // it said "cannot sit under its own sub-theme", of a theme named as its own parent
      throw new TaxonomyException(
          Kind.CONFLICT, "parentId", "theme " + selfId + " cannot sit under itself");
    }
    if (selfId != null && isAncestor(selfId, parentId, s)) {
      throw new TaxonomyException(
          Kind.CONFLICT, "parentId", "theme " + selfId + " cannot sit under its own sub-theme");
    }
  }

  /** Whether {@code ancestor} is {@code id} or one of its parents. */
  private static boolean isAncestor(String ancestor, String id, State s) {
    String current = id;
    for (int hops = 0; current != null && hops < 100; hops++) {
      if (current.equals(ancestor)) {
        return true;
      }
      Entry e = s.themes().get(current);
      current = e == null ? null : e.theme().parentId();
    }
    return false;
  }

  private static List<String> keysOf(List<List<String>> lemmas) {
    List<String> keys = new ArrayList<>();
    for (List<String> l : lemmas) {
      keys.add(String.join(" ", l));
    }
    return keys;
  }

  private static void addAll(LinkedHashMap<List<String>, String> phrases, Theme t) {
    for (int i = 0; i < t.phrases().size(); i++) {
      phrases.putIfAbsent(t.lemmaPhrases().get(i), t.phrases().get(i));
    }
  }

  // ---- persistence ----------------------------------------------------------------------------

  /**
   * Runs {@code listener} after every change of the themes (an edit, a merge, a deletion, a
   * discovery that changed something), on the thread that made it and once the new themes are what
   * {@link #version()} and the matcher read: it should hand its work to another thread.
   */
  public void afterChange(Runnable listener) {
    afterChange.add(listener);
  }

  private void commit(State next) {
    boolean themesChanged = state == null || next.version() != state.version();
    State withMatcher =
        new State(
            next.version(),
            next.nextId(),
            java.util.Collections.unmodifiableMap(next.themes()),
            java.util.Collections.unmodifiableMap(next.redirects()),
            List.copyOf(next.tombstones()),
            new ThemeMatcher(
                next.themes().values().stream().map(Entry::theme).sorted(BY_ID).toList()));
    if (file != null) {
      write(withMatcher);
    }
    state = withMatcher;
    if (themesChanged) {
      afterChange.forEach(Runnable::run);
    }
  }

  private void write(State s) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", 1);
    root.put("version", s.version());
    root.put("nextId", s.nextId());
    ArrayNode themes = root.putArray("themes");
    for (Entry e :
        s.themes().values().stream().sorted(Comparator.comparing(x -> x.theme(), BY_ID)).toList()) {
      Theme t = e.theme();
      ObjectNode n = themes.addObject();
      n.put("id", t.id());
      n.put("name", t.name());
      n.put("parentId", t.parentId());
      n.put("origin", t.origin());
      ArrayNode phrases = n.putArray("phrases");
      t.phrases().forEach(phrases::add);
      ArrayNode lemmas = n.putArray("lemmaPhrases");
      for (List<String> l : t.lemmaPhrases()) {
        ArrayNode a = lemmas.addArray();
        l.forEach(a::add);
      }
      ArrayNode keys = n.putArray("keys");
      e.keys().forEach(keys::add);
    }
    ObjectNode redirects = root.putObject("redirects");
    s.redirects().forEach(redirects::put);
    ArrayNode tombstones = root.putArray("tombstones");
    for (Tombstone t : s.tombstones()) {
      ObjectNode n = tombstones.addObject();
      n.put("id", t.id());
      n.put("name", t.name());
      ArrayNode keys = n.putArray("keys");
      t.keys().forEach(keys::add);
      ArrayNode phrases = n.putArray("phrases");
      t.phrases().forEach(phrases::add);
    }
    try {
      // temp file, fsync, rename, folder fsync: an acknowledged edit survives a power cut
      AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the taxonomy " + file, e);
    }
  }

  private static State read(JsonNode root) {
    if (root != null && root.path("format").asInt() > 1) {
      throw new IllegalArgumentException(
          "taxonomy format "
              + root.path("format").asInt()
              + " is newer than this release reads (1)");
    }
    if (root == null || !root.isObject() || root.path("format").asInt() != 1) {
      throw new IllegalArgumentException("not an Earful taxonomy (format 1)");
    }
    Map<String, Entry> themes = new TreeMap<>();
    for (JsonNode n : root.path("themes")) {
      List<String> phrases = strings(n.path("phrases"));
      List<List<String>> lemmas = new ArrayList<>();
      for (JsonNode l : n.path("lemmaPhrases")) {
        lemmas.add(strings(l));
      }
      if (phrases.size() != lemmas.size()) {
        throw new IllegalArgumentException(
            "theme " + n.path("id").asText() + ": phrases and lemmaPhrases differ in length");
      }
      String parent =
          n.path("parentId").isNull() || n.path("parentId").isMissingNode()
              ? null
              : n.path("parentId").asText();
      Theme t =
          new Theme(
              n.path("id").asText(),
              n.path("name").asText(),
              phrases,
              lemmas,
              parent,
              n.path("origin").asText(DISCOVERED));
      themes.put(t.id(), new Entry(t, strings(n.path("keys"))));
    }
    Map<String, String> redirects = new TreeMap<>();
    root.path("redirects")
        .properties()
        .forEach(e -> redirects.put(e.getKey(), e.getValue().asText()));
    List<Tombstone> tombstones = new ArrayList<>();
    for (JsonNode n : root.path("tombstones")) {
      tombstones.add(
          new Tombstone(
              n.path("id").asText(),
              n.path("name").asText(),
              strings(n.path("keys")),
              strings(n.path("phrases"))));
    }
    return new State(
        root.path("version").asLong(),
        root.path("nextId").asInt(1),
        themes,
        redirects,
        tombstones,
        new ThemeMatcher(themes.values().stream().map(Entry::theme).sorted(BY_ID).toList()));
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : array) {
      out.add(n.asText());
    }
    return out;
  }
}
