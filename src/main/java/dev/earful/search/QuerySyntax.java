package dev.earful.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * A forgiving query language for people, over the comment text:
 *
 * <ul>
 *   <li>{@code late delivery}: both words (AND is the default; {@code AND} itself is allowed);
 *   <li>{@code "late delivery"}: the phrase; an unclosed quote runs to the end of the query;
 *   <li>{@code -refund}, {@code -"money back"}, {@code NOT refund}: without it;
 *   <li>{@code refund OR return} (also {@code |}): either; OR binds tighter than the implicit AND,
 *       so {@code late OR slow delivery} means (late or slow) and delivery;
 *   <li>{@code deliv*}: words starting with "deliv" (at least two characters before the star).
 * </ul>
 *
 * Words are stemmed like the index ("deliveries" finds "delivery"). Stray operators (a leading or
 * trailing OR, a lone "-", brackets) are ignored. A query of exclusions only means "everything
 * except". A query over {@value #MAX_QUERY_LENGTH} characters or {@value #MAX_CLAUSES} words, or
 * one with nothing searchable left (only punctuation or operators), is an {@link
 * InvalidRequestException} on field {@code q}.
 */
public final class QuerySyntax {

  public static final int MAX_QUERY_LENGTH = 1000;
  public static final int MAX_CLAUSES = 64;

  /** A prefix needs this many characters so that "a*" cannot expand to the whole vocabulary. */
  static final int MIN_PREFIX_LENGTH = 2;

  private final Analyzer analyzer;
  private final String field;

  /** The analyser the field had before it composed accents, or null; see {@link #forComments}. */
  private final Analyzer before;

  public QuerySyntax(Analyzer analyzer, String field) {
    this(analyzer, field, null);
  }

  private QuerySyntax(Analyzer analyzer, String field, Analyzer before) {
    this.analyzer = analyzer;
    this.field = field;
    this.before = before;
  }

  /**
   * Over the comment field with the index's analyser. A word with an accent also searches its
   * decomposed form as the analyser before {@link UnicodeForms.ComposingFilter} indexed it, so the
   * comments stored before that (kept as they were indexed until re-imported) are found too.
   */
  public static QuerySyntax forComments() {
    return new QuerySyntax(
        Schema.commentAnalyzer(), Schema.COMMENT, Schema.commentAnalyzerBeforeComposing());
  }

  /** One unit of a query before it becomes Lucene: a word, a prefix or a phrase. */
  private record Item(String text, boolean phrase, boolean prefix, boolean negated) {}

  private enum Op {
    OR,
    NOT
  }

  /**
   * The Lucene query for {@code text}, or null when {@code text} is blank (no text condition).
   *
   * @throws InvalidRequestException when the query is too long or cannot mean anything
   */
  public Query parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    if (text.length() > MAX_QUERY_LENGTH) {
      throw new InvalidRequestException(
          "q", "is longer than " + MAX_QUERY_LENGTH + " characters (" + text.length() + ")");
    }
    List<Object> lexed = lex(text);
    long items = lexed.stream().filter(o -> o instanceof Item).count();
    if (items > MAX_CLAUSES) {
      throw new InvalidRequestException(
          "q", "has " + items + " words or phrases; at most " + MAX_CLAUSES + " are allowed");
    }
    List<List<Query>> groups = new ArrayList<>();
    List<Query> exclusions = new ArrayList<>();
    boolean pendingOr = false;
    boolean pendingNot = false;
    for (Object o : lexed) {
      if (o == Op.OR) {
        pendingOr = !groups.isEmpty();
        continue;
      }
      if (o == Op.NOT) {
        pendingNot = true;
        continue;
      }
      Item item = (Item) o;
      boolean negated = item.negated() || pendingNot;
      pendingNot = false;
      Query q = toQuery(item);
      if (q == null) {
        pendingOr = false; // "late OR !!!" : the OR has nothing on its right
        continue;
      }
      if (negated) {
        exclusions.add(q);
        pendingOr = false;
      } else if (pendingOr) {
        groups.get(groups.size() - 1).add(q);
        pendingOr = false;
      } else {
        List<Query> group = new ArrayList<>();
        group.add(q);
        groups.add(group);
      }
    }
    if (groups.isEmpty() && exclusions.isEmpty()) {
      throw new InvalidRequestException(
          "q", "has nothing to search for: use words or \"quoted phrases\"");
    }
    BooleanQuery.Builder all = new BooleanQuery.Builder();
    if (groups.isEmpty()) {
      all.add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST);
    }
    for (List<Query> group : groups) {
      if (group.size() == 1) {
        all.add(group.get(0), BooleanClause.Occur.MUST);
      } else {
        BooleanQuery.Builder or = new BooleanQuery.Builder();
        for (Query q : group) {
          or.add(q, BooleanClause.Occur.SHOULD);
        }
        all.add(or.build(), BooleanClause.Occur.MUST);
      }
    }
    for (Query q : exclusions) {
      all.add(q, BooleanClause.Occur.MUST_NOT);
    }
    BooleanQuery built = all.build();
    if (built.clauses().size() == 1 && built.clauses().get(0).occur() == BooleanClause.Occur.MUST) {
      return built.clauses().get(0).query();
    }
    return built;
  }

  /** Splits the text into items and operators; forgives what it cannot read. */
  private static List<Object> lex(String text) {
    List<Object> out = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || c == '(' || c == ')') {
        i++;
        continue;
      }
      boolean negated = false;
      int start = i;
      while (i < n && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
        negated |= text.charAt(i) == '-';
        i++;
      }
      if (i < n && text.charAt(i) == '"') {
        int close = text.indexOf('"', i + 1);
        int end = close < 0 ? n : close;
        out.add(new Item(text.substring(i + 1, end), true, false, negated));
        i = close < 0 ? n : close + 1;
        continue;
      }
      int wordStart = i;
      while (i < n
          && !Character.isWhitespace(text.charAt(i))
          && text.charAt(i) != '"'
          && text.charAt(i) != '('
          && text.charAt(i) != ')') {
        i++;
      }
      String word = text.substring(wordStart, i);
      if (word.isEmpty()) {
        continue; // a lone "-" or "+" before a space
      }
      if (start == wordStart) {
        if (word.equals("OR") || word.equals("|") || word.equals("||")) {
          out.add(Op.OR);
          continue;
        }
        if (word.equals("AND") || word.equals("&&") || word.equals("&")) {
          continue;
        }
        if (word.equals("NOT")) {
          out.add(Op.NOT);
          continue;
        }
      }
      boolean prefix = false;
      if (word.endsWith("*")) {
        String stem = stripTrailing(word, '*');
        prefix = stem.length() >= MIN_PREFIX_LENGTH;
        word = stem;
      }
      if (!word.isEmpty()) {
        out.add(new Item(word, false, prefix, negated));
      }
    }
    return out;
  }

  private static String stripTrailing(String s, char c) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == c) {
      end--;
    }
    return s.substring(0, end);
  }

  /** The item's query, or null when analysis leaves nothing (punctuation only). */
  private Query toQuery(Item item) {
    Query query = toQuery(item, analyzer, item.text());
    String decomposed = Normalizer.normalize(item.text(), Normalizer.Form.NFD);
    if (before == null || query == null || decomposed.equals(UnicodeForms.composed(item.text()))) {
      return query; // no accent, so both analysers give the same terms
    }
    Query stored = toQuery(item, before, decomposed);
    if (stored == null || stored.equals(query)) {
      return query;
    }
    return new BooleanQuery.Builder()
        .add(query, BooleanClause.Occur.SHOULD)
        .add(stored, BooleanClause.Occur.SHOULD)
        .build();
  }

  private Query toQuery(Item item, Analyzer analyzer, String text) {
    if (item.prefix()) {
      BytesRef normalized = analyzer.normalize(field, text);
      String prefix = normalized.utf8ToString().toLowerCase(Locale.ROOT);
      if (!hasWordCharacter(prefix)) {
        return null;
      }
      return new PrefixQuery(new Term(field, prefix));
    }
    List<String> terms = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
      ts.reset();
      int position = -1;
      while (ts.incrementToken()) {
        position += inc.getPositionIncrement();
        terms.add(term.toString());
        positions.add(position);
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // analysing a string never does I/O
    }
    if (terms.isEmpty()) {
      return null;
    }
    if (terms.size() == 1) {
      return new TermQuery(new Term(field, terms.get(0)));
    }
    PhraseQuery.Builder phrase = new PhraseQuery.Builder();
    for (int i = 0; i < terms.size(); i++) {
      phrase.add(new Term(field, terms.get(i)), positions.get(i));
    }
    return phrase.build();
  }

  private static boolean hasWordCharacter(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isLetterOrDigit(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
