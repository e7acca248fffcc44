package dev.earful.devtools;

import dev.earful.domain.Analysis;
import dev.earful.search.AnalysisCodec;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.lucene.util.BytesRef;

/**
 * Analyses of an evaluation's comments kept in a file, so that comparing discovery changes does not
 * analyse the same 23,000 reviews again each run (minutes on a busy machine; discovery itself takes
 * seconds). A cache made by other analysis code is not used. The file holds the SHA-256 of the
 * texts and a fingerprint of the analysis code ({@link #codeFingerprint()}: the class files,
 * corpora and models that analysis and sentiment read), and as a second guard a sample of {@link
 * #CHECKED} comments spread over the list is analysed afresh and must equal what the file says
 * (analysis and sentiment are deterministic); else everything is analysed again and the file
 * replaced. A sample alone misses a change that touches few comments (a rule for one construction),
 * which is why the fingerprint decides first. Each analysis is kept in the index's own form ({@link
 * AnalysisCodec}, which gives back an equal record). For developer commands only; the product never
 * reads it.
 */
final class AnalysisCache {

  /** Comments analysed afresh to tell a cache made by other code. */
  static final int CHECKED = 24;

  private static final int FORMAT = 3;

  /**
   * What analysis reads, by path under a classpath root: the analysis, sentiment, encoder and
   * record classes, the codec the file uses, and the phrase lists, lexicon and models they load.
   * Discovery ({@code dev/earful/themes}) is left out on purpose: changing it is what the cache is
   * for.
   */
  static final List<String> ANALYSIS_PATHS =
      List.of(
          "dev/earful/nlp/",
          "dev/earful/sentiment/",
          "dev/earful/domain/",
          "dev/earful/embed/",
          "dev/earful/search/AnalysisCodec",
          "corpora/phrases/",
          "corpora/sentiment/",
          "models/",
          "sentiment/");

  private AnalysisCache() {}

  /**
   * The analyses of {@code texts}: read from {@code file} when it holds these texts and its sample
   * agrees with {@code analyseOne}, else {@code analyseAll} of them, written to {@code file}.
   */
  static List<Analysis> load(
      Path file,
      List<String> texts,
      String fingerprint,
      Function<String, Analysis> analyseOne,
      Function<List<String>, List<Analysis>> analyseAll)
      throws IOException {
    List<Analysis> cached = read(file, texts, fingerprint);
    if (cached != null && agrees(cached, texts, analyseOne)) {
      return cached;
    }
    List<Analysis> fresh = analyseAll.apply(texts);
    write(file, texts, fingerprint, fresh);
    return fresh;
  }

  /**
   * The fingerprint of the analysis code this process runs: {@link #fingerprint(Path)} of the
   * classpath root (a folder or a jar) that holds {@link Analysis}, plus the names of the jars on
   * the classpath, whose versions pin the OpenNLP models.
   */
  static String codeFingerprint() throws IOException {
    Path root;
    try {
      root = Path.of(Analysis.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IOException("cannot locate the analysis classes: " + e.getMessage(), e);
    }
    MessageDigest digest = sha256();
    if (Files.isDirectory(root)) {
      digest.update(fingerprint(root).getBytes(StandardCharsets.UTF_8));
    } else {
      try (FileSystem jar = FileSystems.newFileSystem(root)) {
        digest.update(fingerprint(jar.getPath("/")).getBytes(StandardCharsets.UTF_8));
      }
    }
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (entry.endsWith(".jar")) {
        digest.update(Path.of(entry).getFileName().toString().getBytes(StandardCharsets.UTF_8));
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * SHA-256 over the path and bytes of every file under {@code root} whose path starts with one of
   * {@link #ANALYSIS_PATHS}, in path order.
   */
  static String fingerprint(Path root) throws IOException {
    MessageDigest digest = sha256();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(f -> ANALYSIS_PATHS.stream().anyMatch(relative(root, f)::startsWith))
              .sorted(Comparator.comparing(f -> relative(root, f)))
              .toList();
    }
    for (Path f : files) {
      digest.update(relative(root, f).getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      digest.update(Files.readAllBytes(f));
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static String relative(Path root, Path file) {
    return root.relativize(file).toString().replace(File.separatorChar, '/');
  }

  private static byte[] textsDigest(List<String> texts) {
    MessageDigest digest = sha256();
    for (String text : texts) {
      digest.update(text.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
    }
    return digest.digest();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
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

  /**
   * The analyses in {@code file}, or null when there is none, it holds other texts or it was made
   * by code of another fingerprint.
   */
  static List<Analysis> read(Path file, List<String> texts, String fingerprint) throws IOException {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try (DataInputStream in =
        new DataInputStream(
            new BufferedInputStream(new GZIPInputStream(Files.newInputStream(file))))) {
      if (in.readInt() != FORMAT || !in.readUTF().equals(fingerprint)) {
        return null;
      }
      byte[] digest = new byte[32];
      in.readFully(digest);
      if (!Arrays.equals(digest, textsDigest(texts)) || in.readInt() != texts.size()) {
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
  static void write(Path file, List<String> texts, String fingerprint, List<Analysis> analyses)
      throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try (DataOutputStream out =
        new DataOutputStream(
            new BufferedOutputStream(new GZIPOutputStream(Files.newOutputStream(tmp))))) {
      out.writeInt(FORMAT);
      out.writeUTF(fingerprint);
      out.write(textsDigest(texts));
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
