package dev.earful.search;

import dev.earful.domain.AnalyzedResponse;
import dev.earful.domain.Category;
import dev.earful.domain.Clause;
import dev.earful.domain.LemmaPhrases;
import dev.earful.domain.Metric;
import dev.earful.domain.Polarity;
import dev.earful.domain.Response;
import dev.earful.domain.ScoringStage;
import dev.earful.domain.Sentence;
import dev.earful.domain.Token;
import dev.earful.store.LuceneLogging;
import java.util.Arrays;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.Term;
import org.apache.lucene.util.BytesRef;

/**
 * Every field of the response index, in one place, and the one {@link FacetsConfig} that indexing
 * and searching share.
 *
 * <table>
 *   <caption>Fields</caption>
 *   <tr><th>field</th><th>what</th><th>how</th></tr>
 *   <tr><td>id</td><td>client id</td><td>term, sorted doc values (tie-break, cursor), stored</td></tr>
 *   <tr><td>metric</td><td>nps / csat / ces</td><td>term, numeric doc values (ordinal)</td></tr>
 *   <tr><td>score</td><td>the score</td><td>points, sorted numeric doc values, stored</td></tr>
 *   <tr><td>group</td><td>positive / middle / negative</td><td>term, numeric doc values (ordinal)</td></tr>
 *   <tr><td>submittedAt</td><td>epoch milliseconds</td><td>points, sorted numeric doc values</td></tr>
 *   <tr><td>comment</td><td>the text</td><td>English-stemmed, offsets in postings (highlights), stored</td></tr>
 *   <tr><td>segment.KEY</td><td>a segment value</td><td>term</td></tr>
 *   <tr><td>customer, account</td><td>who answered, their company</td><td>term, sorted doc values (rollups), stored</td></tr>
 *   <tr><td>sentiment</td><td>overall label</td><td>term, numeric doc values (ordinal)</td></tr>
 *   <tr><td>sentimentScore</td><td>overall score</td><td>points</td></tr>
 *   <tr><td>language</td><td>the comment's language, ISO 639-3 (non-empty comments)</td><td>term</td></tr>
 *   <tr><td>lemma, lemma_POLARITY</td><td>pre-analysed lemmas</td><td>positions, gap 100 between sentences</td></tr>
 *   <tr><td>record, analysis</td><td>the rest of the response, the Analysis</td><td>stored, {@link AnalysisCodec}</td></tr>
 *   <tr><td>facets: category, sentiment, segment.KEY, language</td><td></td><td>sorted-set doc values facets</td></tr>
 * </table>
 */
public final class Schema {

  static {
    LuceneLogging.quiet();
  }

  public static final String ID = "id";
  public static final String METRIC = "metric";
  public static final String SCORE = "score";
  public static final String GROUP = "group";
  public static final String SUBMITTED_AT = "submittedAt";
  public static final String COMMENT = "comment";
  public static final String SEGMENT_PREFIX = "segment.";
  public static final String CUSTOMER = "customer";
  public static final String ACCOUNT = "account";
  public static final String SENTIMENT = "sentiment";
  public static final String SENTIMENT_SCORE = "sentimentScore";

  /**
   * Which stages of the sentiment model scored the response ({@link ScoringStage#wireName()}), a
   * keyword: the background refinement asks for the responses the cascade has not scored. Absent in
   * responses stored before it was recorded, which count as the fast model's.
   */
  public static final String SENTIMENT_STAGE = "sentimentStage";

  /**
   * Which sentiment model scored the response: an id of the model file the writing process used
   * (see {@link ResponseIndex#scoringModel}), not stored. A response written before session 24, or
   * by a process that named no model, has none: its model is not known, and it is not re-scored for
   * it. The refinement re-scores a response another model's cascade scored (after {@code earful
   * train-sentiment --data} and a restart), as it scores one the fast model scored.
   */
  public static final String SENTIMENT_MODEL = "sentimentModel";

  /**
   * Present ({@code "true"}, stored) on a response whose latest import asked for no follow-ups
   * ({@code --no-followups}, {@code followups=false}): the follow-up rules run again on its refined
   * labels open none for it. Kept by the refinement's and an upgrade's rewrites; an import with
   * follow-ups writes the response without it. Before session 23 a file beside the index held the
   * ids ({@code followups-withheld.jsonl}, growing with every such import); a folder's file is
   * still honoured, and the next stored-format upgrade moves its ids here (see StoredFormat).
   */
  public static final String FOLLOWUPS_WITHHELD = "followupsWithheld";

  static final String WITHHELD_TERM = "true";

  public static final String LEMMA = "lemma";
  public static final String LEMMA_POSITIVE = "lemma_positive";
  public static final String LEMMA_NEUTRAL = "lemma_neutral";
  public static final String LEMMA_NEGATIVE = "lemma_negative";
  public static final String LANGUAGE = "language";
  public static final String RECORD = "record";
  public static final String ANALYSIS = "analysis";

  /** Facet dimensions (the themes facet is computed from theme queries, not stored). */
  public static final String FACET_CATEGORY = "category";

  public static final String FACET_SENTIMENT = "sentiment";

  /** The comment's language (ISO 639-3), counted like a segment. */
  public static final String FACET_LANGUAGE = "language";

  /**
   * The language facet's count of responses with no comment (they have no language), so that the
   * facet adds up to the hits as the others do. Not an ISO 639-3 code (those have three letters).
   */
  public static final String NO_LANGUAGE = "none";

  /** Positions left empty between sentences so that phrase queries never cross a sentence. */
  public static final int SENTENCE_POSITION_GAP = 100;

  private static final FacetsConfig FACETS = newFacetsConfig();

  /** The doc-values field the facet module reads sorted-set facets from. */
  static final String FACET_FIELD = FacetsConfig.DEFAULT_INDEX_FIELD_NAME;

  // The terms of the fixed-vocabulary fields as bytes, made once: a StringField built from a String
  // encodes it to UTF-8 in its constructor, per document and field.
  private static final BytesRef[] METRIC_TERMS =
      Arrays.stream(Metric.values()).map(m -> new BytesRef(m.wireName())).toArray(BytesRef[]::new);
  private static final BytesRef[] GROUP_TERMS =
      Arrays.stream(Category.Group.values())
          .map(g -> new BytesRef(g.wireName()))
          .toArray(BytesRef[]::new);
  private static final BytesRef[] POLARITY_TERMS =
      Arrays.stream(Polarity.values())
          .map(p -> new BytesRef(p.wireName()))
          .toArray(BytesRef[]::new);
  private static final BytesRef[] STAGE_TERMS =
      Arrays.stream(ScoringStage.values())
          .map(s -> new BytesRef(s.wireName()))
          .toArray(BytesRef[]::new);
  private static final BytesRef[] CATEGORY_PATHS =
      Arrays.stream(Category.values())
          .map(c -> facetPath(FACET_CATEGORY, c.wireName()))
          .toArray(BytesRef[]::new);
  private static final BytesRef[] SENTIMENT_PATHS =
      Arrays.stream(Polarity.values())
          .map(p -> facetPath(FACET_SENTIMENT, p.wireName()))
          .toArray(BytesRef[]::new);

  private static final FieldType COMMENT_TYPE = newCommentType();
  private static final FieldType LEMMA_TYPE = newLemmaType();

  private static final Analyzer COMMENT_ANALYZER = new CommentAnalyzer(true);

  private static final Analyzer COMMENT_ANALYZER_BEFORE_COMPOSING = new CommentAnalyzer(false);

  private Schema() {}

  /** The one facets configuration: every dimension single-valued and flat. */
  public static FacetsConfig facetsConfig() {
    return FACETS;
  }

  /** The analyser of the comment field, for indexing and for parsing queries. */
  public static Analyzer commentAnalyzer() {
    return COMMENT_ANALYZER;
  }

  /**
   * The comment field's analyser as it was before it composed accents: comments stored before then
   * keep its terms until re-imported, and a query with an accent searches those too ({@link
   * QuerySyntax#forComments}).
   */
  static Analyzer commentAnalyzerBeforeComposing() {
    return COMMENT_ANALYZER_BEFORE_COMPOSING;
  }

  public static String segmentField(String key) {
    return SEGMENT_PREFIX + key;
  }

  /** The lemma field holding the clauses of one polarity. */
  public static String lemmaField(Polarity polarity) {
    return switch (polarity) {
      case POSITIVE -> LEMMA_POSITIVE;
      case NEUTRAL -> LEMMA_NEUTRAL;
      case NEGATIVE -> LEMMA_NEGATIVE;
    };
  }

  public static Term idTerm(String id) {
    return new Term(ID, id);
  }

  /**
   * The Lucene document of one response, facets included, with {@link #FOLLOWUPS_WITHHELD} when
   * {@code withheld}.
   */
  static Document toDocument(AnalyzedResponse analyzed, FacetPaths facetPaths, boolean withheld) {
    Response r = analyzed.response();
    Document doc = new Document();
    doc.add(new StringField(ID, r.id(), Field.Store.YES));
    if (withheld) {
      doc.add(withheldField());
    }
    doc.add(new SortedDocValuesField(ID, new BytesRef(r.id())));
    doc.add(new StringField(METRIC, METRIC_TERMS[r.metric().ordinal()], Field.Store.NO));
    doc.add(new NumericDocValuesField(METRIC, r.metric().ordinal()));
    doc.add(new IntField(SCORE, r.score(), Field.Store.YES));
    var category = r.category();
    doc.add(new StringField(GROUP, GROUP_TERMS[category.group().ordinal()], Field.Store.NO));
    doc.add(new NumericDocValuesField(GROUP, category.group().ordinal()));
    doc.add(new SortedSetDocValuesField(FACET_FIELD, CATEGORY_PATHS[category.ordinal()]));
    doc.add(new LongField(SUBMITTED_AT, r.submittedAt().toEpochMilli(), Field.Store.NO));
    doc.add(commentField(r.comment()));
    for (Map.Entry<String, String> segment : r.segments().entrySet()) {
      String key = segment.getKey();
      String value = segment.getValue();
      doc.add(new StringField(facetPaths.segmentField(key), value, Field.Store.NO));
      if (!key.isEmpty() && !value.isEmpty()) {
        doc.add(new SortedSetDocValuesField(FACET_FIELD, facetPaths.segment(key, value)));
      }
    }
    if (r.customer() != null) {
      doc.add(new StringField(CUSTOMER, r.customer(), Field.Store.YES));
      doc.add(new SortedDocValuesField(CUSTOMER, new BytesRef(r.customer())));
    }
    if (r.account() != null) {
      doc.add(new StringField(ACCOUNT, r.account(), Field.Store.YES));
      doc.add(new SortedDocValuesField(ACCOUNT, new BytesRef(r.account())));
    }
    var sentiment = analyzed.analysis().sentiment();
    int label = sentiment.label().ordinal();
    doc.add(new StringField(SENTIMENT, POLARITY_TERMS[label], Field.Store.NO));
    doc.add(new NumericDocValuesField(SENTIMENT, label));
    doc.add(new SortedSetDocValuesField(FACET_FIELD, SENTIMENT_PATHS[label]));
    doc.add(new DoublePoint(SENTIMENT_SCORE, sentiment.score()));
    doc.add(
        new StringField(
            SENTIMENT_STAGE, STAGE_TERMS[analyzed.analysis().stage().ordinal()], Field.Store.NO));
    if (!r.comment().isBlank()) {
      String language = analyzed.analysis().language();
      doc.add(new StringField(LANGUAGE, language, Field.Store.NO));
      doc.add(new SortedSetDocValuesField(FACET_FIELD, facetPaths.language(language)));
    }
    addLemmaFields(doc, analyzed);
    doc.add(new StoredField(RECORD, AnalysisCodec.encodeRecord(r)));
    doc.add(new StoredField(ANALYSIS, AnalysisCodec.encode(analyzed.analysis(), r.comment())));
    return doc;
  }

  static StringField sentimentModelField(String model) {
    return new StringField(SENTIMENT_MODEL, model, Field.Store.NO);
  }

  static StringField withheldField() {
    return new StringField(FOLLOWUPS_WITHHELD, WITHHELD_TERM, Field.Store.YES);
  }

  /** Whether {@code d}, a stored document, carries {@link #FOLLOWUPS_WITHHELD}. */
  static boolean withheld(Document d) {
    return d.get(FOLLOWUPS_WITHHELD) != null;
  }

  /** The response and analysis stored in {@code d} (a document {@link #toDocument} made). */
  static AnalyzedResponse fromDocument(Document d) {
    String id = d.get(ID);
    String comment = d.get(COMMENT);
    Response response =
        AnalysisCodec.decodeRecord(
            d.getBinaryValue(RECORD), id, comment, d.get(CUSTOMER), d.get(ACCOUNT));
    return new AnalyzedResponse(
        response, AnalysisCodec.decode(d.getBinaryValue(ANALYSIS), comment));
  }

  /** The comment field: analysed for BM25, offsets in the postings (highlights), stored. */
  static Field commentField(String comment) {
    return new Field(COMMENT, comment, COMMENT_TYPE);
  }

  /**
   * The facet value of a dimension as {@code FacetsConfig.build} would index it for sorted-set
   * facets without drill-down terms; written directly because building through the config copies
   * every document, a tenth of the indexing cost.
   */
  static BytesRef facetPath(String dim, String value) {
    return new BytesRef(FacetsConfig.pathToString(dim, new String[] {value}));
  }

  /**
   * Adds {@code lemma} and the three polarity fields. Tokens take consecutive positions, each
   * sentence starts {@link #SENTENCE_POSITION_GAP} positions after the previous one ends, and a
   * clause's lemmas go into the field of its polarity at the same positions. Punctuation keeps its
   * position but is not indexed.
   */
  private static void addLemmaFields(Document doc, AnalyzedResponse analyzed) {
    int total = 0;
    for (Sentence s : analyzed.analysis().sentences()) {
      total += s.tokens().size();
    }
    if (total == 0) {
      return;
    }
    String[] all = new String[total];
    int[] allPos = new int[total];
    int allSize = 0;
    String[][] byPolarity = new String[3][total];
    int[][] byPolarityPos = new int[3][total];
    int[] byPolaritySize = new int[3];
    int position = -1;
    boolean first = true;
    for (Sentence s : analyzed.analysis().sentences()) {
      if (!first) {
        position += SENTENCE_POSITION_GAP;
      }
      first = false;
      var tokens = s.tokens();
      int sentenceStart = position + 1;
      for (int i = 0; i < tokens.size(); i++) {
        position++;
        String lemma = tokens.get(i).lemma();
        if (isIndexable(lemma)) {
          all[allSize] = lemma;
          allPos[allSize++] = position;
        }
      }
      for (Clause clause : s.clauses()) {
        int p = clause.sentiment().label().ordinal();
        int from = Math.max(0, clause.tokenFrom());
        int to = Math.min(tokens.size(), clause.tokenTo());
        for (int i = from; i < to; i++) {
          Token t = tokens.get(i);
          int tokenPosition = sentenceStart + i;
          int n = byPolaritySize[p];
          // Clauses are meant to be disjoint; a token claimed twice keeps its first polarity.
          if (isIndexable(t.lemma()) && (n == 0 || byPolarityPos[p][n - 1] < tokenPosition)) {
            byPolarity[p][n] = t.lemma();
            byPolarityPos[p][n] = tokenPosition;
            byPolaritySize[p] = n + 1;
          }
        }
      }
    }
    doc.add(new LemmaTokenStream.LemmaField(LEMMA, all, allPos, allSize, LEMMA_TYPE));
    for (Polarity polarity : Polarity.values()) {
      int p = polarity.ordinal();
      if (byPolaritySize[p] > 0) {
        doc.add(
            new LemmaTokenStream.LemmaField(
                lemmaField(polarity),
                byPolarity[p],
                byPolarityPos[p],
                byPolaritySize[p],
                LEMMA_TYPE));
      }
    }
  }

  /**
   * A lemma worth indexing: a {@linkplain LemmaPhrases#isWord word} (punctuation only keeps its
   * position).
   */
  static boolean isIndexable(String lemma) {
    return LemmaPhrases.isWord(lemma);
  }

  /** The metric stored as an ordinal in the {@code metric} doc values. */
  public static Metric metricOf(long ordinal) {
    return Metric.values()[(int) ordinal];
  }

  private static FacetsConfig newFacetsConfig() {
    // Filters use our own term fields, so the drill-down terms the facet module would add for
    // every dimension of every document are pure indexing cost: none, for every dimension
    // (segment dimensions are only known when a document arrives, hence the default).
    FacetsConfig.DimConfig flat = new FacetsConfig.DimConfig();
    flat.drillDownTermsIndexing = FacetsConfig.DrillDownTermsIndexing.NONE;
    return new FacetsConfig() {
      @Override
      protected DimConfig getDefaultDimConfig() {
        return flat;
      }
    };
  }

  private static FieldType newCommentType() {
    FieldType type = new FieldType();
    type.setTokenized(true);
    type.setStored(true);
    type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    type.freeze();
    return type;
  }

  private static FieldType newLemmaType() {
    FieldType type = new FieldType();
    type.setTokenized(true);
    type.setStored(false);
    type.setOmitNorms(true);
    type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
    type.freeze();
    return type;
  }

  /**
   * Words for BM25: Unicode word breaks, possessives dropped, lower case, accents folded, Porter
   * stems (so "deliveries" finds "delivery"). No stop words: "not" and "no" matter in comments.
   */
  private static final class CommentAnalyzer extends Analyzer {
    private final boolean composing;

    CommentAnalyzer(boolean composing) {
      this.composing = composing;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      StandardTokenizer tokenizer = new StandardTokenizer();
      TokenStream stream = new EnglishPossessiveFilter(tokenizer);
      if (composing) {
        // Composed first: a decomposed "cafe" + U+0301 was the word "cafe\u0301", found by no
        // query typed on a keyboard (ASCIIFoldingFilter folds é, not a combining accent).
        stream = new UnicodeForms.ComposingFilter(stream);
      }
      stream = new LowerCaseFilter(stream);
      stream = new ASCIIFoldingFilter(stream);
      stream = new PorterStemFilter(stream);
      return new TokenStreamComponents(tokenizer, stream);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
      TokenStream composed = composing ? new UnicodeForms.ComposingFilter(in) : in;
      return new ASCIIFoldingFilter(new LowerCaseFilter(composed));
    }
  }
}
