package dev.earful.devtools;

import dev.earful.domain.Analysis;
import dev.earful.domain.Clause;
import dev.earful.domain.Polarity;
import dev.earful.domain.Sentence;
import dev.earful.domain.Sentiment;
import dev.earful.domain.Token;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Analyses of an evaluation's comments kept in a file, so that comparing discovery changes does not
 * analyse the same 23,000 reviews again each run (minutes on a busy machine; discovery itself takes
 * seconds). A cache made by other analysis code is not used: the file holds the texts' hash, and a
 * sample of {@link #CHECKED} comments spread over the list is analysed afresh and must equal what
 * the file says (analysis and sentiment are deterministic), else everything is analysed again and
 * the file replaced. For developer commands only; the product never reads it.
 */
final class AnalysisCache {

  /** Comments analysed afresh to tell a cache made by other code. */
  static final int CHECKED = 24;

  private static final int FORMAT = 1;

  private AnalysisCache() {}

  /**
   * The analyses of {@code texts}: read from {@code file} when it holds these texts and its sample
   * agrees with {@code analyseOne}, else {@code analyseAll} of them, written to {@code file}.
   */
  static List<Analysis> load(
      Path file,
      List<String> texts,
      Function<String, Analysis> analyseOne,
      Function<List<String>, List<Analysis>> analyseAll)
      throws IOException {
    List<Analysis> cached = read(file, texts);
    if (cached != null && agrees(cached, texts, analyseOne)) {
      return cached;
    }
    List<Analysis> fresh = analyseAll.apply(texts);
    write(file, texts, fresh);
    return fresh;
  }

  private static boolean agrees(
      List<Analysis> cached, List<String> texts, Function<String, Analysis> analyseOne) {
    int step = Math.max(1, texts.size() / CHECKED);
    for (int i = 0; i < texts.size(); i += step) {
      if (!analyseOne.apply(texts.get(i)).equals(cached.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** The analyses in {@code file}, or null when there is none or it holds other texts. */
  static List<Analysis> read(Path file, List<String> texts) throws IOException {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try (DataInputStream in =
        new DataInputStream(
            new BufferedInputStream(new GZIPInputStream(Files.newInputStream(file))))) {
      if (in.readInt() != FORMAT
          || in.readInt() != texts.hashCode()
          || in.readInt() != texts.size()) {
        return null;
      }
      List<Analysis> out = new ArrayList<>(texts.size());
      for (int i = 0; i < texts.size(); i++) {
        Sentiment sentiment = sentiment(in);
        String language = in.readUTF();
        int sentences = in.readInt();
        List<Sentence> ss = new ArrayList<>(sentences);
        for (int s = 0; s < sentences; s++) {
          int start = in.readInt();
          int end = in.readInt();
          Sentiment said = sentiment(in);
          int tokens = in.readInt();
          List<Token> ts = new ArrayList<>(tokens);
          for (int t = 0; t < tokens; t++) {
            ts.add(new Token(in.readInt(), in.readInt(), in.readUTF(), in.readUTF(), in.readUTF()));
          }
          int clauses = in.readInt();
          List<Clause> cs = new ArrayList<>(clauses);
          for (int c = 0; c < clauses; c++) {
            cs.add(new Clause(in.readInt(), in.readInt(), sentiment(in)));
          }
          ss.add(new Sentence(start, end, ts, said, cs));
        }
        out.add(new Analysis(ss, sentiment, language));
      }
      return out;
    }
  }

  /** Writes the analyses of {@code texts} to {@code file}, replacing it whole. */
  static void write(Path file, List<String> texts, List<Analysis> analyses) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try (DataOutputStream out =
        new DataOutputStream(
            new BufferedOutputStream(new GZIPOutputStream(Files.newOutputStream(tmp))))) {
      out.writeInt(FORMAT);
      out.writeInt(texts.hashCode());
      out.writeInt(texts.size());
      for (Analysis a : analyses) {
        sentiment(out, a.sentiment());
        out.writeUTF(a.language());
        out.writeInt(a.sentences().size());
        for (Sentence s : a.sentences()) {
          out.writeInt(s.start());
          out.writeInt(s.end());
          sentiment(out, s.sentiment());
          out.writeInt(s.tokens().size());
          for (Token t : s.tokens()) {
            out.writeInt(t.start());
            out.writeInt(t.end());
            out.writeUTF(t.text());
            out.writeUTF(t.tag());
            out.writeUTF(t.lemma());
          }
          out.writeInt(s.clauses().size());
          for (Clause c : s.clauses()) {
            out.writeInt(c.tokenFrom());
            out.writeInt(c.tokenTo());
            sentiment(out, c.sentiment());
          }
        }
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static Sentiment sentiment(DataInputStream in) throws IOException {
    return new Sentiment(Polarity.values()[in.readByte()], in.readDouble(), in.readDouble());
  }

  private static void sentiment(DataOutputStream out, Sentiment s) throws IOException {
    out.writeByte(s.label().ordinal());
    out.writeDouble(s.score());
    out.writeDouble(s.confidence());
  }
}
