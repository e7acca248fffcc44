package dev.earful.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earful.TestData;
import dev.earful.devtools.CommentFiles;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/**
 * Highlighting from the offsets in the index gives exactly what Lucene's highlighter without a
 * searcher gives (the way before: it re-analyses each comment into an in-memory index, weight
 * matches, passages by relevance), on real review texts: whole reviews of one to a dozen sentences,
 * each sentence and pair of sentences of them, and six reviews at a time (long comments, where the
 * two passages shown are chosen by score), indexed as comments in several segments. Every hit of
 * every query is compared; one HitHighlighter per query highlights all its hits in turn, as a page
 * of hits does, against Lucene's highlighter built anew for each text.
 */
class HitHighlighterTest {

  @Test
  void marksTheSameAsTheHighlighterWithoutAnIndexOnRealReviews() throws Exception {
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
    // Long comments, where the two best passages are chosen by score: six reviews at a time.
    for (int i = 0; i + 6 <= reviews.size(); i += 6) {
      texts.add(String.join(" ", reviews.subList(i, i + 6)));
    }
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
      IndexWriterConfig config =
          new IndexWriterConfig(Schema.commentAnalyzer()).setMergePolicy(NoMergePolicy.INSTANCE);
      try (IndexWriter writer = new IndexWriter(dir, config)) {
        for (int i = 0; i < texts.size(); i++) {
          Document doc = new Document();
          doc.add(Schema.commentField(texts.get(i)));
          writer.addDocument(doc);
          if (i % 400 == 399) {
            writer.commit(); // several segments, as a real index has
          }
        }
      }
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        assertTrue(reader.leaves().size() > 3, "several segments");
        IndexSearcher searcher = new IndexSearcher(reader);
        StoredFields stored = searcher.storedFields();
        int compared = 0;
        int marked = 0;
        int longer = 0;
        for (String q :
            List.of(
                "dress",
                "love",
                "size small",
                "fit OR fabric",
                "dress -love",
                "\"true to size\"",
                "comfort*",
                "top",
                "\"runs small\" OR color")) {
          Query query = QuerySyntax.forComments().parse(q);
          HitHighlighter fromIndex = new HitHighlighter(searcher, query);
          for (ScoreDoc hit : searcher.search(query, reader.maxDoc()).scoreDocs) {
            String text = stored.document(hit.doc).get(Schema.COMMENT);
            UnifiedHighlighter before =
                UnifiedHighlighter.builderWithoutSearcher(Schema.commentAnalyzer())
                    .withFormatter(new MarkFormatter())
                    .withMaxLength(25_000)
                    .withMaxNoHighlightPassages(0)
                    .build();
            String expected =
                (String)
                    before.highlightWithoutSearcher(
                        Schema.COMMENT, query, text, SearchService.MAX_SNIPPETS);
            assertEquals(expected, fromIndex.highlight(hit.doc, text), q + " in: " + text);
            compared++;
            if (expected != null && expected.contains("<mark>")) {
              marked++;
            }
            it.setText(text);
            int sentences = 0;
            while (it.next() != BreakIterator.DONE) {
              sentences++;
            }
            if (sentences > SearchService.MAX_SNIPPETS) {
              longer++;
            }
          }
        }
        // Every hit has a mark; thousands of hits, of them hundreds with more sentences than are
        // shown (where the passages are chosen by score).
        assertEquals(3_204, compared);
        assertEquals(compared, marked);
        assertEquals(632, longer);
      }
    }
  }

  @Test
  void scoresPassagesExactlyAsLucenesScorer() throws Exception {
    List<String> reviews =
        CommentFiles.readComments(TestData.womensReviews(), List.of("Review Text"), 200);
    PassageScorer lucene = new PassageScorer();
    HitHighlighter.Scorer ours = new HitHighlighter.Scorer();
    java.util.SplittableRandom random = new java.util.SplittableRandom(14);
    int compared = 0;
    for (String review : reviews) {
      List<BytesRef> words = new ArrayList<>();
      List<int[]> offsets = new ArrayList<>();
      try (TokenStream ts = Schema.commentAnalyzer().tokenStream(Schema.COMMENT, review)) {
        CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
        OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
        ts.reset();
        while (ts.incrementToken()) {
          words.add(new BytesRef(term.toString()));
          offsets.add(new int[] {offset.startOffset(), offset.endOffset()});
        }
        ts.end();
      }
      if (words.isEmpty()) {
        continue;
      }
      // Passages of 1 to 8 matches from a few of the review's words, so that terms repeat.
      for (int p = 0; p < 5; p++) {
        Passage passage = new Passage();
        int first = random.nextInt(words.size());
        passage.setStartOffset(offsets.get(first)[0]);
        int matches = 1 + random.nextInt(8);
        passage.setEndOffset(offsets.get(Math.min(words.size() - 1, first + matches - 1))[1]);
        for (int m = 0; m < matches; m++) {
          int w = Math.min(words.size() - 1, first + random.nextInt(3));
          int at = Math.min(words.size() - 1, first + m);
          passage.addMatch(
              offsets.get(at)[0], offsets.get(at)[1], words.get(w), 1 + random.nextInt(4));
        }
        assertEquals(
            Float.floatToIntBits(lucene.score(passage, review.length())),
            Float.floatToIntBits(ours.score(passage, review.length())),
            passage.toString());
        compared++;
      }
    }
    assertEquals(1_000, compared);
  }
}
