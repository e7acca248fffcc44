package dev.earful.search;

import dev.earful.domain.LemmaPhrases;
import dev.earful.domain.Theme;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * The Lucene query of a theme: any of its lemma phrases, each matched as {@link LemmaPhrases}
 * defines it (the theme matcher's highlights use the same definition). Themes are never stored on
 * documents, so an edit of the taxonomy changes every result at once.
 */
public final class ThemeQueries {

  private ThemeQueries() {}

  /**
   * Matches responses whose {@code field} ({@link Schema#LEMMA} or a polarity field from {@link
   * Schema#lemmaField}) contains one of the theme's lemma phrases. A theme without phrases matches
   * nothing.
   */
  public static Query forTheme(Theme theme, String field) {
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    int clauses = 0;
    for (List<String> phrase : theme.lemmaPhrases()) {
      List<String> trimmed = LemmaPhrases.trimmed(phrase);
      if (trimmed.isEmpty()) {
        continue;
      }
      Query q;
      if (trimmed.size() == 1) {
        q = new TermQuery(new Term(field, trimmed.get(0)));
      } else {
        PhraseQuery.Builder pq = new PhraseQuery.Builder();
        // Punctuation is not indexed but keeps its position: an inner non-word is an empty slot.
        for (int position = 0; position < trimmed.size(); position++) {
          if (LemmaPhrases.isWord(trimmed.get(position))) {
            pq.add(new Term(field, trimmed.get(position)), position);
          }
        }
        q = pq.build();
      }
      any.add(q, BooleanClause.Occur.SHOULD);
      clauses++;
    }
    if (clauses == 0) {
      return new MatchNoDocsQuery("theme " + theme.id() + " has no phrases");
    }
    return any.build();
  }
}
