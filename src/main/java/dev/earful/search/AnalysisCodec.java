package dev.earful.search;

import dev.earful.domain.Analysis;
import dev.earful.domain.Clause;
import dev.earful.domain.Metric;
import dev.earful.domain.Polarity;
import dev.earful.domain.Response;
import dev.earful.domain.ScoringStage;
import dev.earful.domain.Sentence;
import dev.earful.domain.Sentiment;
import dev.earful.domain.Token;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.util.BytesRef;

/**
 * A compact binary form of an {@link Analysis} (and of a response's fields other than id and
 * comment), stored with each document so that reads never re-run the NLP pipeline.
 *
 * <p>What makes it compact: offsets are deltas; a token's text is omitted when it equals the
 * comment's characters at its span, its lemma when it equals the lower-cased text (or is stored as
 * the number of characters to drop from it, "dresses" to "dress"); the UD tag and those choices
 * share one byte; a neutral zero sentiment is one byte. Scores are kept as full doubles so that a
 * round trip gives back an equal record. An analysis the cascade scored ends with one more byte
 * that says so ({@link ScoringStage}); readers of version 2 written before it stop short of it.
 */
public final class AnalysisCodec {

  /** 2 added the comment's language after the version byte; 1 (English only) is still read. */
  private static final int VERSION = 2;

  private static final int VERSION_ENGLISH_ONLY = 1;

  /** The version of the record (metric, score, time, segments) form. */
  private static final int RECORD_VERSION = 1;

  private static final String[] UD_TAGS = {
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
    "PUNCT", "SCONJ", "SYM", "VERB", "X"
  };
  private static final Map<String, Integer> TAG_INDEX = new HashMap<>();

  static {
    for (int i = 0; i < UD_TAGS.length; i++) {
      TAG_INDEX.put(UD_TAGS[i], i);
    }
  }

  // A token's header byte: ((tag code * 4) + lemma state) * 2 + (1 if its text is stored).
  private static final int TAG_STRING = 17;
  private static final int TAG_NULL = 18;
  private static final int LEMMA_IMPLIED = 0;
  private static final int LEMMA_PREFIX = 1;
  private static final int LEMMA_EXPLICIT = 2;
  private static final int LEMMA_NULL = 3;

  private static final int SENTIMENT_ZERO = 0x80;

  /**
   * The byte after the last sentence of an analysis the cascade scored; none for the fast model's
   * (and every analysis stored before the stage was recorded).
   */
  private static final int STAGE_CASCADE = 1;

  private AnalysisCodec() {}

  /** Encodes {@code analysis} of {@code text} (the comment its offsets point into). */
  public static byte[] encode(Analysis analysis, String text) {
    ByteArrayOutput out = new ByteArrayOutput(2 * text.length() + 64);
    try {
      out.writeByte((byte) VERSION);
      out.writeString(analysis.english() ? "" : analysis.language()); // English: one byte
      writeSentiment(out, analysis.sentiment());
      out.writeVInt(analysis.sentences().size());
      int cursor = 0;
      for (Sentence s : analysis.sentences()) {
        out.writeZInt(s.start() - cursor);
        out.writeZInt(s.end() - s.start());
        writeSentiment(out, s.sentiment());
        out.writeVInt(s.tokens().size());
        int tokenCursor = s.start();
        for (Token t : s.tokens()) {
          out.writeZInt(t.start() - tokenCursor);
          out.writeZInt(t.end() - t.start());
          tokenCursor = t.end();
          String textAtSpan = slice(text, t.start(), t.end());
          boolean textExplicit = t.text() == null || !t.text().equals(textAtSpan);
          String lower = t.text() == null ? null : t.text().toLowerCase(Locale.ROOT);
          Integer tagIndex = t.tag() == null ? null : TAG_INDEX.get(t.tag());
          int tagCode = t.tag() == null ? TAG_NULL : tagIndex == null ? TAG_STRING : tagIndex;
          int lemmaState;
          if (t.lemma() == null) {
            lemmaState = LEMMA_NULL;
          } else if (t.lemma().equals(lower)) {
            lemmaState = LEMMA_IMPLIED;
          } else if (lower != null && !t.lemma().isEmpty() && lower.startsWith(t.lemma())) {
            lemmaState = LEMMA_PREFIX; // "dresses" -> "dress": store how many characters to drop
          } else {
            lemmaState = LEMMA_EXPLICIT;
          }
          out.writeByte((byte) ((tagCode * 4 + lemmaState) * 2 + (textExplicit ? 1 : 0)));
          if (tagCode == TAG_STRING) {
            out.writeString(t.tag());
          }
          if (textExplicit) {
            writeNullableString(out, t.text());
          }
          if (lemmaState == LEMMA_PREFIX) {
            out.writeVInt(lower.length() - t.lemma().length());
          } else if (lemmaState == LEMMA_EXPLICIT) {
            out.writeString(t.lemma());
          }
        }
        out.writeVInt(s.clauses().size());
        for (Clause c : s.clauses()) {
          out.writeZInt(c.tokenFrom());
          out.writeZInt(c.tokenTo() - c.tokenFrom());
          writeSentiment(out, c.sentiment());
        }
        cursor = s.end();
      }
      if (analysis.stage() == ScoringStage.CASCADE) {
        // After everything a reader of this version reads, so a release that predates the stage
        // reads the same analysis and ignores the byte; a fast analysis is stored as before.
        out.writeByte((byte) STAGE_CASCADE);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in-memory output never fails
    }
    return out.toArray();
  }

  /** Decodes what {@link #encode} wrote, given the same {@code text}. */
  public static Analysis decode(BytesRef bytes, String text) {
    try {
      return decodeAnalysis(bytes, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in-memory input never fails
    }
  }

  private static Analysis decodeAnalysis(BytesRef bytes, String text) throws IOException {
    ByteArrayDataInput in = new ByteArrayDataInput(bytes.bytes, bytes.offset, bytes.length);
    int version = in.readByte();
    if (version != VERSION && version != VERSION_ENGLISH_ONLY) {
      throw new IllegalStateException("stored analysis has unknown codec version " + version);
    }
    String language = version == VERSION_ENGLISH_ONLY ? "" : in.readString();
    language = language.isEmpty() ? Analysis.ENGLISH : language;
    Sentiment overall = readSentiment(in);
    int sentenceCount = in.readVInt();
    List<Sentence> sentences = new ArrayList<>(sentenceCount);
    int cursor = 0;
    for (int si = 0; si < sentenceCount; si++) {
      int start = cursor + in.readZInt();
      int end = start + in.readZInt();
      Sentiment sentiment = readSentiment(in);
      int tokenCount = in.readVInt();
      List<Token> tokens = new ArrayList<>(tokenCount);
      int tokenCursor = start;
      for (int ti = 0; ti < tokenCount; ti++) {
        int tStart = tokenCursor + in.readZInt();
        int tEnd = tStart + in.readZInt();
        tokenCursor = tEnd;
        int header = in.readByte() & 0xFF;
        boolean textExplicit = (header & 1) != 0;
        int lemmaState = (header >> 1) & 3;
        int tagCode = header >> 3;
        String tag =
            switch (tagCode) {
              case TAG_NULL -> null;
              case TAG_STRING -> in.readString();
              default -> UD_TAGS[tagCode];
            };
        String tokenText = textExplicit ? readNullableString(in) : slice(text, tStart, tEnd);
        String lemma =
            switch (lemmaState) {
              case LEMMA_IMPLIED -> tokenText.toLowerCase(Locale.ROOT);
              case LEMMA_PREFIX -> {
                String lower = tokenText.toLowerCase(Locale.ROOT);
                yield lower.substring(0, lower.length() - in.readVInt());
              }
              case LEMMA_EXPLICIT -> in.readString();
              default -> null;
            };
        tokens.add(new Token(tStart, tEnd, tokenText, tag, lemma));
      }
      int clauseCount = in.readVInt();
      List<Clause> clauses = new ArrayList<>(clauseCount);
      for (int ci = 0; ci < clauseCount; ci++) {
        int from = in.readZInt();
        int to = from + in.readZInt();
        clauses.add(new Clause(from, to, readSentiment(in)));
      }
      sentences.add(new Sentence(start, end, tokens, sentiment, clauses));
      cursor = end;
    }
    ScoringStage stage =
        !in.eof() && in.readByte() == STAGE_CASCADE ? ScoringStage.CASCADE : ScoringStage.FAST;
    return new Analysis(sentences, overall, language, stage);
  }

  /** Encodes metric, score, submittedAt and segments (id and comment are stored on their own). */
  public static byte[] encodeRecord(Response r) {
    ByteArrayOutput out = new ByteArrayOutput(64);
    try {
      out.writeByte((byte) RECORD_VERSION);
      out.writeByte((byte) r.metric().ordinal());
      out.writeZInt(r.score());
      out.writeZLong(r.submittedAt().getEpochSecond());
      out.writeVInt(r.submittedAt().getNano());
      out.writeVInt(r.segments().size());
      for (Map.Entry<String, String> e : r.segments().entrySet()) {
        out.writeString(e.getKey());
        out.writeString(e.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toArray();
  }

  /** The response whose record {@link #encodeRecord} wrote, with its id and comment. */
  public static Response decodeRecord(BytesRef bytes, String id, String comment) {
    return decodeRecord(bytes, id, comment, null, null);
  }

  /**
   * The same, with the customer and account (stored as their own fields, so that erasing a customer
   * and grouping by account never decode records).
   */
  public static Response decodeRecord(
      BytesRef bytes, String id, String comment, String customer, String account) {
    try {
      return decodeRecordChecked(bytes, id, comment, customer, account);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Response decodeRecordChecked(
      BytesRef bytes, String id, String comment, String customer, String account)
      throws IOException {
    ByteArrayDataInput in = new ByteArrayDataInput(bytes.bytes, bytes.offset, bytes.length);
    int version = in.readByte();
    if (version != RECORD_VERSION) {
      throw new IllegalStateException("stored record has unknown codec version " + version);
    }
    Metric metric = Metric.values()[in.readByte()];
    int score = in.readZInt();
    long seconds = in.readZLong();
    int nanos = in.readVInt();
    int n = in.readVInt();
    Map<String, String> segments = new HashMap<>(n * 2);
    for (int i = 0; i < n; i++) {
      segments.put(in.readString(), in.readString());
    }
    return new Response(
        id,
        metric,
        score,
        comment,
        Instant.ofEpochSecond(seconds, nanos),
        segments,
        customer,
        account);
  }

  private static void writeSentiment(ByteArrayOutput out, Sentiment s) throws IOException {
    boolean zero =
        Double.doubleToRawLongBits(s.score()) == 0
            && Double.doubleToRawLongBits(s.confidence()) == 0;
    out.writeByte((byte) (s.label().ordinal() | (zero ? SENTIMENT_ZERO : 0)));
    if (!zero) {
      out.writeLong(Double.doubleToRawLongBits(s.score()));
      out.writeLong(Double.doubleToRawLongBits(s.confidence()));
    }
  }

  private static Sentiment readSentiment(ByteArrayDataInput in) throws IOException {
    int b = in.readByte() & 0xFF;
    Polarity label = Polarity.values()[b & 0x7F];
    if ((b & SENTIMENT_ZERO) != 0) {
      return label == Polarity.NEUTRAL ? Sentiment.NEUTRAL : new Sentiment(label, 0.0, 0.0);
    }
    double score = Double.longBitsToDouble(in.readLong());
    double confidence = Double.longBitsToDouble(in.readLong());
    return new Sentiment(label, score, confidence);
  }

  private static void writeNullableString(ByteArrayOutput out, String s) throws IOException {
    out.writeByte((byte) (s == null ? 0 : 1));
    if (s != null) {
      out.writeString(s);
    }
  }

  private static String readNullableString(ByteArrayDataInput in) throws IOException {
    return in.readByte() == 0 ? null : in.readString();
  }

  private static String slice(String text, int start, int end) {
    if (text == null || start < 0 || end > text.length() || start > end) {
      return null;
    }
    return text.substring(start, end);
  }
}
