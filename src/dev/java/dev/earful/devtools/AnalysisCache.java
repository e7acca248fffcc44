package dev.earful.devtools;

import dev.earful.domain.Analysis;
import dev.earful.search.AnalysisCodec;
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
import org.apache.lucene.util.BytesRef;

/**
 * Analyses of an evaluation's comments kept in a file, so that comparing discovery changes does not
 * analyse the same 23,000 reviews again each run (minutes on a busy machine; discovery itself takes
 * seconds). A cache made by other analysis code is not used: the file holds the texts' hash, and a
 * sample of {@link #CHECKED} comments spread over the list is analysed afresh and must equal what
 * the file says (analysis and sentiment are deterministic), else everything is analysed again and
 * the file replaced. Each analysis is kept in the index's own form ({@link AnalysisCodec}, which
 * gives back an equal record). For developer commands only; the product never reads it.
 */
final class AnalysisCache {

  /** Comments analysed afresh to tell a cache made by other code. */
  static final int CHECKED = 24;

  private static final int FORMAT = 2;

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
      for (String text : texts) {
        byte[] encoded = new byte[in.readInt()];
        in.readFully(encoded);
        out.add(AnalysisCodec.decode(new BytesRef(encoded), text));
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
      for (int i = 0; i < texts.size(); i++) {
        byte[] encoded = AnalysisCodec.encode(analyses.get(i), texts.get(i));
        out.writeInt(encoded.length);
        out.write(encoded);
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
