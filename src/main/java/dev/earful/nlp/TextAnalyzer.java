package dev.earful.nlp;

import dev.earful.domain.Analysis;
import dev.earful.domain.Sentence;
import dev.earful.domain.Sentiment;
import dev.earful.domain.Token;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import opennlp.tools.lemmatizer.LemmatizerME;
import opennlp.tools.lemmatizer.LemmatizerModel;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTaggerME;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;
import opennlp.tools.tokenize.WhitespaceTokenizer;
import opennlp.tools.util.Span;

/**
 * The OpenNLP pipeline: sentences, tokens, UD part-of-speech tags and lemmas. The models load once
 * per instance and are shared; the {@code *ME} classes are not thread-safe, so each thread gets its
 * own set. Lemmas come from a (token, tag) cache first because the lemmatizer is most of the cost.
 * Thread-safe.
 */
public final class TextAnalyzer {

  private static final String SENTENCE_MODEL = "/opennlp-en-ud-ewt-sentence-1.3-2.5.4.bin";
  static final String TOKEN_MODEL = "/opennlp-en-ud-ewt-tokens-1.3-2.5.4.bin";
  static final String POS_MODEL = "/opennlp-en-ud-ewt-pos-1.3-2.5.4.bin";
  private static final String LEMMA_MODEL = "/opennlp-en-ud-ewt-lemmas-1.3-2.5.4.bin";

  /** Bounds the lemma cache; past it new pairs are lemmatised but not remembered. */
  private static final int LEMMA_CACHE_LIMIT = 500_000;

  private final SentenceModel sentenceModel;
  private final TokenizerModel tokenizerModel;
  private final POSModel posModel;
  private final LemmatizerModel lemmatizerModel;
  private final ThreadLocal<Taggers> taggers = ThreadLocal.withInitial(this::newTaggers);
  private final ConcurrentHashMap<String, String> lemmaCache = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Span[]> tokenSplits = new ConcurrentHashMap<>();

  /**
   * Distinct whitespace-separated words whose split into tokens is kept (see {@link #tokenize}).
   */
  private static final int TOKEN_SPLIT_LIMIT = 500_000;

  private final boolean useLemmaCache;

  private record Taggers(
      SentenceDetectorME sentences,
      TokenizerME tokens,
      POSTaggerME pos,
      GreedyPosTagger greedyPos,
      LemmatizerME lemmas,
      GreedyLemmatizer greedyLemmas) {}

  /** The tags of the windows of words seen, shared by the threads' greedy taggers. */
  private final GreedyPosTagger.Cache posTags = new GreedyPosTagger.Cache();

  /**
   * The tagger's beam: the model ships with 3, but greedy decoding (1) gave the same tag for every
   * one of ~220,000 tokens of the women's clothing reviews at half the cost ({@code earful
   * bench-analysis} measures it again).
   */
  public static final int POS_BEAM = 1;

  public TextAnalyzer() {
    this(true, POS_BEAM);
  }

  /** {@code useLemmaCache} false runs the lemmatizer on every token (for measuring the cache). */
  public TextAnalyzer(boolean useLemmaCache) {
    this(useLemmaCache, POS_BEAM);
  }

  /**
   * {@code useLemmaCache} false runs the lemmatizer on whole sentences for every token, and {@code
   * posBeam} 3 is the model's own beam: together, the unoptimised pipeline the benchmark compares
   * with.
   */
  public TextAnalyzer(boolean useLemmaCache, int posBeam) {
    this.useLemmaCache = useLemmaCache;
    try {
      sentenceModel = new SentenceModel(open(SENTENCE_MODEL));
      tokenizerModel = new TokenizerModel(open(TOKEN_MODEL));
      posModel = posModel(posBeam);
      lemmatizerModel = lemmatizerModel();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the OpenNLP English models", e);
    }
  }

  /** The shipped tagger model with the beam {@code beam}. */
  static POSModel posModel(int beam) throws IOException {
    return new POSModel(withBeamSize(open(POS_MODEL), beam));
  }

  /** The shipped lemmatizer model. */
  static LemmatizerModel lemmatizerModel() throws IOException {
    return new LemmatizerModel(open(LEMMA_MODEL));
  }

  private static InputStream open(String resource) {
    InputStream in = TextAnalyzer.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException(
          "OpenNLP model " + resource + " is not on the classpath (opennlp-models-*-en jars)");
    }
    return in;
  }

  /** The model file with its manifest's beam size replaced (the tagger reads it from there). */
  private static InputStream withBeamSize(InputStream model, int beam) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(1 << 22);
    try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(model);
        java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(bytes)) {
      java.util.zip.ZipEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        byte[] data = in.readAllBytes();
        if (entry.getName().equals("manifest.properties")) {
          java.util.Properties manifest = new java.util.Properties();
          manifest.load(new java.io.ByteArrayInputStream(data));
          manifest.setProperty("BeamSize", Integer.toString(beam));
          java.io.ByteArrayOutputStream m = new java.io.ByteArrayOutputStream();
          manifest.store(m, null);
          data = m.toByteArray();
        }
        out.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
        out.write(data);
        out.closeEntry();
      }
    }
    return new java.io.ByteArrayInputStream(bytes.toByteArray());
  }

  private Taggers newTaggers() {
    return new Taggers(
        new SentenceDetectorME(sentenceModel),
        new TokenizerME(tokenizerModel),
        new POSTaggerME(posModel),
        GreedyPosTagger.forModel(posModel, posTags),
        new LemmatizerME(lemmatizerModel),
        GreedyLemmatizer.forModel(lemmatizerModel));
  }

  /**
   * Loads the language detector's shared model now, if no analyser has: for a server, which should
   * not make its first import wait for it.
   */
  public void loadLanguageDetector() {
    LanguageDetector.shared();
  }

  /**
   * The language of {@code text}, and whether the evidence was enough (see {@link
   * LanguageDetector}). The detector's model loads on first use (or {@link #loadLanguageDetector})
   * and is shared.
   */
  public LanguageDetector.Detection detectLanguage(String text) {
    return LanguageDetector.shared().detect(text);
  }

  /**
   * Splits, tokenises, tags and lemmatises {@code text}, after detecting its language (a text too
   * short to tell is taken as English). Sentiment is left neutral: the sentiment package scores the
   * result. Empty or blank text gives {@link Analysis#EMPTY}.
   */
  public Analysis analyze(String text) {
    if (text == null || text.isBlank()) {
      return Analysis.EMPTY;
    }
    LanguageDetector.Detection d = detectLanguage(text);
    return analyze(text, d.sure() ? d.language() : Analysis.ENGLISH);
  }

  /**
   * Splits, tokenises, tags and lemmatises {@code text}, said to be in {@code language}. Text in
   * another language still goes through the English models: its tokens and lemmas make it
   * searchable, though its tags mean little (discovery and sentiment skip it by its language).
   */
  public Analysis analyze(String text, String language) {
    if (text == null || text.isBlank()) {
      return Analysis.EMPTY;
    }
    Taggers t = taggers.get();
    List<Sentence> sentences = new ArrayList<>();
    for (Span sentenceSpan : t.sentences().sentPosDetect(text)) {
      int base = sentenceSpan.getStart();
      String sentenceText = text.substring(base, sentenceSpan.getEnd());
      Span[] tokenSpans = tokenize(t.tokens(), tokenSplits, sentenceText);
      if (tokenSpans.length == 0) {
        continue;
      }
      String[] words = Span.spansToStrings(tokenSpans, sentenceText);
      // The same tags as t.pos().tag(words), faster on windows of words seen before.
      String[] tags = t.greedyPos() != null ? t.greedyPos().tag(words) : t.pos().tag(words);
      String[] lemmas = lemmatize(t, words, tags);
      List<Token> tokens = new ArrayList<>(words.length);
      for (int i = 0; i < words.length; i++) {
        tokens.add(
            new Token(
                base + tokenSpans[i].getStart(),
                base + tokenSpans[i].getEnd(),
                words[i],
                tags[i],
                lemmas[i]));
      }
      sentences.add(Sentence.unscored(base, sentenceSpan.getEnd(), tokens));
    }
    return new Analysis(sentences, Sentiment.NEUTRAL, language);
  }

  /**
   * The tokens of a sentence, exactly as {@code tokenizer.tokenizePos(sentence)} gives them, with
   * the split of each whitespace-separated word remembered in {@code splits}. The tokenizer decides
   * every split point inside a word from that word's characters alone (its context generator sees
   * the word, nothing around it), so a word splits the same wherever it stands; and survey comments
   * repeat their words. The tokenizer's model was a quarter of an import's CPU time in a profile of
   * {@code bench-http --import} (short comments, shipped analysis), most of it on words seen
   * before.
   */
  static Span[] tokenize(TokenizerME tokenizer, Map<String, Span[]> splits, String sentence) {
    Span[] words = WhitespaceTokenizer.INSTANCE.tokenizePos(sentence);
    List<Span> out = new ArrayList<>(words.length + 4);
    for (Span w : words) {
      if (w.length() < 2) {
        out.add(w); // TokenizerME keeps one-character words whole without asking its model
        continue;
      }
      String word = sentence.substring(w.getStart(), w.getEnd());
      Span[] parts = splits.get(word);
      if (parts == null) {
        parts = tokenizer.tokenizePos(word);
        if (splits.size() < TOKEN_SPLIT_LIMIT) {
          splits.putIfAbsent(word, parts);
        }
      }
      for (Span p : parts) {
        out.add(new Span(w.getStart() + p.getStart(), w.getStart() + p.getEnd()));
      }
    }
    return out.toArray(new Span[0]);
  }

  /** Lemmatises phrase text the way comments are, for matching themes against comments. */
  public List<String> lemmasOf(String phrase) {
    List<String> out = new ArrayList<>();
    for (Sentence s : analyze(phrase, Analysis.ENGLISH).sentences()) {
      for (Token token : s.tokens()) {
        out.add(token.lemma());
      }
    }
    return out;
  }

  private String[] lemmatize(Taggers t, String[] words, String[] tags) {
    String[] out = new String[words.length];
    if (!useLemmaCache) {
      String[] lemmas = t.lemmas().lemmatize(words, tags);
      for (int i = 0; i < words.length; i++) {
        out[i] = normalizeLemma(words[i], lemmas[i]);
      }
      return out;
    }
    for (int i = 0; i < words.length; i++) {
      String key = cacheKey(words[i], tags[i]);
      String lemma = lemmaCache.get(key);
      if (lemma == null) {
        lemma = lemmaOf(t, words[i], tags[i]);
        if (lemmaCache.size() < LEMMA_CACHE_LIMIT) {
          lemmaCache.putIfAbsent(key, lemma);
        }
      }
      out[i] = lemma;
    }
    return out;
  }

  /**
   * The lemma of one (word, tag) pair, lemmatised on its own. The lemmatizer reads neighbouring
   * tokens, so a lemma taken in context and then cached would depend on which comment, and which
   * thread, saw the pair first: the same import could then give "tts" in one run and "tt" in the
   * next, and different themes. Without context the lemma is a function of the pair alone, the same
   * for every comment, run and thread, and for theme phrases lemmatised by {@link #lemmasOf}. The
   * greedy lemmatizer gives {@code LemmatizerME}'s lemma of the pair without its beam search, and
   * leaves it the near ties.
   */
  private static String lemmaOf(Taggers t, String word, String tag) {
    String model = t.greedyLemmas() == null ? null : t.greedyLemmas().lemma(word, tag);
    if (model == null) {
      String[] lemma = t.lemmas().lemmatize(new String[] {word}, new String[] {tag});
      model = lemma.length == 0 ? null : lemma[0];
    }
    String l = normalizeLemma(word, model);
    // Without context the model sometimes invents a long lemma for a scrap of a word ("t" of
    // "didn t" became "truthout"); a real lemma is never much longer than its word (the longest
    // gain among English irregulars is "'d" to "would"), so such a guess gives way to the word.
    return l.length() > word.length() + 3 ? word.toLowerCase(Locale.ROOT) : l;
  }

  private static String cacheKey(String word, String tag) {
    return word + '\u0000' + tag;
  }

  /** Lower-cases the lemma; falls back to the word where the model gives "O" or nothing. */
  static String normalizeLemma(String word, String lemma) {
    String l = (lemma == null || lemma.isEmpty() || lemma.equals("O")) ? word : lemma;
    return l.toLowerCase(Locale.ROOT);
  }
}
