package dev.earful.nlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.earful.TestData;
import dev.earful.devtools.CommentFiles;
import java.util.ArrayList;
import java.util.List;
import opennlp.tools.ml.model.Context;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTaggerME;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;
import org.junit.jupiter.api.Test;

/**
 * The greedy tagger with its cache of word weights gives exactly the tags of OpenNLP's tagger with
 * a beam of one, on every sentence of the real reviews (titles and texts) and of the multilingual
 * feedback: tagged once with an empty cache, again with every word known (only the cache), and in
 * reverse order after the first half (a mix).
 */
class GreedyPosTaggerTest {

  @Test
  void tagsEverySentenceOfRealReviewsAsTheBeamSearchOfOne() throws Exception {
    POSModel model = TextAnalyzer.posModel(TextAnalyzer.POS_BEAM);
    POSTaggerME reference = new POSTaggerME(model);
    List<String[]> all = sentences(1_000);
    List<String[]> expected = new ArrayList<>();
    int words = 0;
    for (String[] s : all) {
      expected.add(reference.tag(s));
      words += s.length;
    }
    GreedyPosTagger.Cache cache = new GreedyPosTagger.Cache();
    GreedyPosTagger greedy = GreedyPosTagger.forModel(model, cache);
    assertNotNull(greedy);
    for (int i = 0; i < all.size(); i++) {
      assertArrayEquals(expected.get(i), greedy.tag(all.get(i)), String.join(" ", all.get(i)));
    }
    int known = cache.size();
    for (int i = 0; i < all.size(); i++) {
      assertArrayEquals(expected.get(i), greedy.tag(all.get(i)), String.join(" ", all.get(i)));
    }
    assertEquals(known, cache.size(), "the second pass looked up no word again");
    GreedyPosTagger mixed = GreedyPosTagger.forModel(model, new GreedyPosTagger.Cache());
    for (int i = 0; i < all.size() / 2; i++) {
      mixed.tag(all.get(i));
    }
    for (int i = all.size() - 1; i >= 0; i--) {
      assertArrayEquals(expected.get(i), mixed.tag(all.get(i)), String.join(" ", all.get(i)));
    }
    assertEquals(2_743, all.size());
    assertEquals(36_148, words);
    assertEquals(3_187, known);
  }

  @Test
  void addsTheWeightsOfTheModelsOwnFeatureStringsInTheirOrder() throws Exception {
    // The tags can agree while a feature is missed (its weight too small to change a tag on these
    // sentences): the weights the tagger adds at each position must be those of the model's own
    // feature strings, each added to the same tag's sum in the same order.
    POSModel model = TextAnalyzer.posModel(TextAnalyzer.POS_BEAM);
    POSTaggerME reference = new POSTaggerME(model);
    GreedyPosTagger greedy = GreedyPosTagger.forModel(model, new GreedyPosTagger.Cache());
    int positions = 0;
    for (String[] words : sentences(300)) {
      String[] tags = reference.tag(words);
      for (int i = 0; i < words.length; i++) {
        Context mine = GisSums.concat(greedy.weightsAt(words, tags, i));
        Context its = GisSums.concat(greedy.modelWeightsAt(words, tags, i));
        String where = String.join(" ", words) + " at " + i;
        assertArrayEquals(its.getOutcomes(), mine.getOutcomes(), where);
        assertArrayEquals(its.getParameters(), mine.getParameters(), where);
        positions++;
      }
    }
    assertTrue(positions > 3_000, "positions compared: " + positions);
  }

  /** The tokenised sentences of the first {@code limit} real reviews and multilingual comments. */
  static List<String[]> sentences(int limit) throws Exception {
    SentenceDetectorME sentences =
        new SentenceDetectorME(
            new SentenceModel(
                TextAnalyzer.class.getResourceAsStream(
                    "/opennlp-en-ud-ewt-sentence-1.3-2.5.4.bin")));
    TokenizerME tokens =
        new TokenizerME(
            new TokenizerModel(TextAnalyzer.class.getResourceAsStream(TextAnalyzer.TOKEN_MODEL)));
    List<String> texts =
        new ArrayList<>(
            CommentFiles.readComments(
                TestData.womensReviews(), List.of("Title", "Review Text"), limit));
    texts.addAll(
        CommentFiles.readComments(
            TestData.resource("/data/multilingual-feedback.csv"), List.of("comment"), limit));
    List<String[]> all = new ArrayList<>();
    for (String text : texts) {
      for (String sentence : sentences.sentDetect(text)) {
        String[] words = tokens.tokenize(sentence);
        if (words.length > 0) {
          all.add(words);
        }
      }
    }
    return all;
  }

  @Test
  void declinesAModelItDoesNotReproduce() throws Exception {
    assertNull(GreedyPosTagger.forModel(TextAnalyzer.posModel(3), new GreedyPosTagger.Cache()));
  }

  @Test
  void declinesAModelWhoseFeaturesReadAWiderWindow() throws Exception {
    // The shipped model with its descriptor's first word window widened from two words before to
    // three: the model still loads and tags, but a tag could then depend on a word the key omits.
    POSModel wider =
        withFeatures(
            f ->
                f.replaceFirst(
                    "<int name=\"prevLength\">2</int>", "<int name=\"prevLength\">3</int>"));
    assertEquals("1", wider.getManifestProperty("BeamSize"));
    assertNull(GreedyPosTagger.forModel(wider, new GreedyPosTagger.Cache()));
    // The same rewrite that changes nothing is still accepted: the check reads the descriptor.
    assertNotNull(GreedyPosTagger.forModel(withFeatures(f -> f), new GreedyPosTagger.Cache()));
  }

  /** The shipped tagger with a beam of one and its feature descriptor rewritten by {@code edit}. */
  private static POSModel withFeatures(java.util.function.UnaryOperator<String> edit)
      throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.util.zip.ZipInputStream in =
            new java.util.zip.ZipInputStream(
                TextAnalyzer.class.getResourceAsStream(TextAnalyzer.POS_MODEL));
        java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(bytes)) {
      java.util.zip.ZipEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        byte[] data = in.readAllBytes();
        String text = new String(data, java.nio.charset.StandardCharsets.UTF_8);
        if (entry.getName().equals("generator.featuregen")) {
          data = edit.apply(text).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } else if (entry.getName().equals("manifest.properties")) {
          data =
              text.replace("BeamSize=3", "BeamSize=1")
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        out.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
        out.write(data);
        out.closeEntry();
      }
    }
    return new POSModel(new java.io.ByteArrayInputStream(bytes.toByteArray()));
  }

  @Test
  void remembersNoWordLongerThanItsBound() throws Exception {
    POSModel model = TextAnalyzer.posModel(TextAnalyzer.POS_BEAM);
    GreedyPosTagger.Cache cache = new GreedyPosTagger.Cache();
    GreedyPosTagger greedy = GreedyPosTagger.forModel(model, cache);
    String longWord = "a".repeat(GreedyPosTagger.LONGEST_WORD + 1);
    String[] words = {"The", longWord, "arrived", "late", "."};
    assertArrayEquals(new POSTaggerME(model).tag(words), greedy.tag(words));
    // Every word but the long one is remembered.
    assertEquals(4, cache.size());
  }
}
