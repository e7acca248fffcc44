package dev.earful.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earful.TestData;
import dev.earful.devtools.CommentFiles;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.junit.jupiter.api.Test;

/**
 * The cheaper highlighting of short comments gives exactly what Lucene's default (in-memory index,
 * weight matches, passages by relevance) gives, on real review texts: whole reviews, and each
 * sentence and pair of sentences of them (the short comments that take the cheaper way), each text
 * the query matches. One HitHighlighter per query highlights every text in turn, as a page of hits
 * does, so its reused field highlighters are compared with Lucene's built anew for each text.
 */
class HitHighlighterTest {

  @Test
  void marksTheSameAsTheDefaultHighlighterOnRealReviews() throws Exception {
    List<String> reviews =
        CommentFiles.readComments(TestData.womensReviews(), List.of("Review Text"), 500);
    List<String> texts = new ArrayList<>(reviews);
    BreakIterator it = BreakIterator.getSentenceInstance(Locale.ROOT);
    for (String review : reviews) {
      it.setText(review);
      List<Integer> bounds = new ArrayList<>();
      for (int b = it.first(); b != BreakIterator.DONE; b = it.next()) {
        bounds.add(b);
      }
      for (int i = 0; i + 1 < bounds.size(); i++) {
        texts.add(review.substring(bounds.get(i), bounds.get(i + 1)));
        if (i + 2 < bounds.size()) {
          texts.add(review.substring(bounds.get(i), bounds.get(i + 2)));
        }
      }
    }
    int compared = 0;
    int marked = 0;
    for (String q :
        List.of(
            "dress",
            "love",
            "size small",
            "fit OR fabric",
            "dress -love",
            "\"true to size\"",
            "comfort*",
            "top")) {
      Query query = QuerySyntax.forComments().parse(q);
      HitHighlighter fast = new HitHighlighter(query);
      UnifiedHighlighter exact =
          UnifiedHighlighter.builderWithoutSearcher(Schema.commentAnalyzer())
              .withFormatter(new MarkFormatter())
              .withMaxLength(25_000)
              .withMaxNoHighlightPassages(0)
              .build();
      for (String text : texts) {
        // Only hits are highlighted: texts the query matches, as the index would match them.
        MemoryIndex one = new MemoryIndex();
        one.addField(Schema.COMMENT, text, Schema.commentAnalyzer());
        if (one.search(query) == 0) {
          continue;
        }
        String expected =
            (String)
                exact.highlightWithoutSearcher(
                    Schema.COMMENT, query, text, SearchService.MAX_SNIPPETS);
        assertEquals(expected, fast.highlight(text), q + " in: " + text);
        compared++;
        if (expected != null && expected.contains("<mark>")) {
          marked++;
        }
      }
    }
    // Every hit has a mark; thousands of hits of 500 reviews, their sentences and pairs.
    assertEquals(2_366, compared);
    assertEquals(compared, marked);
  }

  @Test
  void takesTheCheaperWayOnlyForPlainWords() {
    assertTrue(HitHighlighter.plainWords(QuerySyntax.forComments().parse("late delivery -rude")));
    assertTrue(HitHighlighter.plainWords(QuerySyntax.forComments().parse("late OR slow")));
    assertFalse(HitHighlighter.plainWords(QuerySyntax.forComments().parse("\"late delivery\"")));
    assertFalse(HitHighlighter.plainWords(QuerySyntax.forComments().parse("deliv*")));
  }
}
