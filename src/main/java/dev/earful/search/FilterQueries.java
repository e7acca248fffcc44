package dev.earful.search;

import dev.earful.domain.Category;
import dev.earful.domain.Polarity;
import dev.earful.domain.Theme;
import dev.earful.domain.ThemeCatalog;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Builds the Lucene query of a {@link Filter}: the text, then each condition as a FILTER clause.
 */
final class FilterQueries {
  private FilterQueries() {}

  static Query toQuery(Filter f, ThemeCatalog themes) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    boolean any = false;
    Query text = QuerySyntax.forComments().parse(f.q());
    if (text != null) {
      b.add(text, BooleanClause.Occur.MUST);
      any = true;
    }
    for (Query q : filterClauses(f, themes)) {
      b.add(q, BooleanClause.Occur.FILTER);
      any = true;
    }
    return any ? b.build() : new MatchAllDocsQuery();
  }

  /** The non-text conditions of a filter, each a FILTER clause. */
  static List<Query> filterClauses(Filter f, ThemeCatalog themes) {
    List<FieldError> problems = f.problems();
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
    List<Query> out = new ArrayList<>();
    if (f.metric() != null) {
      out.add(new TermQuery(new Term(Schema.METRIC, f.metric().wireName())));
    }
    if (f.from() != null || f.to() != null) {
      long from = f.from() == null ? Long.MIN_VALUE : f.from().toEpochMilli();
      long to = f.to() == null ? Long.MAX_VALUE : f.to().toEpochMilli();
      out.add(LongField.newRangeQuery(Schema.SUBMITTED_AT, from, to));
    }
    if (f.minScore() != null || f.maxScore() != null) {
      int min = f.minScore() == null ? Integer.MIN_VALUE : f.minScore();
      int max = f.maxScore() == null ? Integer.MAX_VALUE : f.maxScore();
      out.add(IntField.newRangeQuery(Schema.SCORE, min, max));
    }
    if (!f.categories().isEmpty()) {
      out.add(anyOf(Schema.GROUP, f.categories().stream().map(Category.Group::wireName).toList()));
    }
    if (!f.sentiments().isEmpty()) {
      out.add(anyOf(Schema.SENTIMENT, f.sentiments().stream().map(Polarity::wireName).toList()));
    }
    for (Map.Entry<String, List<String>> e : f.segments().entrySet()) {
      // Keys and values are stored as sent: a value (or key) in either Unicode form matches.
      BooleanQuery.Builder anyForm = new BooleanQuery.Builder();
      for (String key : UnicodeForms.forms(e.getKey())) {
        anyForm.add(anyFormOf(Schema.segmentField(key), e.getValue()), BooleanClause.Occur.SHOULD);
      }
      out.add(anyForm.build());
    }
    if (!f.customers().isEmpty()) {
      out.add(anyOf(Schema.CUSTOMER, f.customers()));
    }
    if (!f.accounts().isEmpty()) {
      out.add(anyOf(Schema.ACCOUNT, f.accounts()));
    }
    if (!f.themeIds().isEmpty()) {
      List<FieldError> unknown = new ArrayList<>();
      BooleanQuery.Builder anyTheme = new BooleanQuery.Builder();
      for (String id : f.themeIds()) {
        Optional<Theme> theme = themes.find(id);
        if (theme.isEmpty()) {
          unknown.add(new FieldError("theme", "unknown theme '" + id + "'" + namedSo(id, themes)));
        } else {
          anyTheme.add(
              ThemeQueries.forTheme(theme.get(), Schema.LEMMA), BooleanClause.Occur.SHOULD);
        }
      }
      if (!unknown.isEmpty()) {
        throw new InvalidRequestException(unknown);
      }
      out.add(anyTheme.build());
    }
    return out;
  }

  /**
   * When the filter was given a theme's name ("router"), which id it has: the filter takes ids, and
   * "unknown theme 'router'" read as if the theme did not exist.
   */
  private static String namedSo(String name, ThemeCatalog themes) {
    return themes.all().stream()
        .filter(t -> t.name().equalsIgnoreCase(name.strip()))
        .findFirst()
        .map(t -> ": the filter takes a theme's id, and '" + t.name() + "' is " + t.id())
        .orElse("");
  }

  /**
   * Any of {@code values}, each in any Unicode form (stored values are kept as sent). For segments
   * only: a customer or an account is matched exactly, as its erasure (DELETE /customers/{id}) and
   * the follow-ups' filters match it, so the history read before an erasure is what it erases.
   */
  private static Query anyFormOf(String field, List<String> values) {
    Set<String> forms = new LinkedHashSet<>();
    for (String v : values) {
      forms.addAll(UnicodeForms.forms(v));
    }
    return anyOf(field, List.copyOf(forms));
  }

  private static Query anyOf(String field, List<String> values) {
    if (values.size() == 1) {
      return new TermQuery(new Term(field, values.get(0)));
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (String v : values) {
      b.add(new TermQuery(new Term(field, v)), BooleanClause.Occur.SHOULD);
    }
    return b.build();
  }
}
