package dev.earful.embed;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/**
 * A BERT-style sentence encoder read from the classpath (an ONNX model and its tokenizer, inside a
 * langchain4j embeddings jar) and run in process by ONNX Runtime, so nothing is downloaded. DJL,
 * which tokenizes, is put in offline mode with its telemetry off before it loads, so it opens no
 * connection either.
 *
 * <p>One instance holds one ONNX session; build it once and share it. Thread-safe: an ONNX session
 * may run on many threads at once. The session runs each text on one thread (intra-op threads = 1)
 * and {@link #encodeAll} spreads texts over threads instead. That makes every vector independent of
 * how many threads run, so clustering on them gives the same themes on every machine and thread
 * count, and it is faster for the short phrases discovery encodes (measured in the embed
 * benchmark).
 */
abstract sealed class OnnxSentenceEncoder implements SentenceEncoder
    permits MiniLmEncoder, BgeSmallEncoder {

  private final Model model;
  private final int dimensions;

  OnnxSentenceEncoder(String modelFile, String tokenizerFile, PoolingMode pooling, int dimensions) {
    this.dimensions = dimensions;
    offline();
    try {
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      OrtSession session = env.createSession(read(modelFile), options);
      try (InputStream tokenizer = resource(tokenizerFile)) {
        this.model = new Model(new OnnxBertBiEncoder(env, session, tokenizer, pooling));
      }
    } catch (OrtException e) {
      throw new IllegalStateException("cannot load the sentence encoder " + modelFile, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the sentence encoder " + modelFile, e);
    }
  }

  @Override
  public final int dimensions() {
    return dimensions;
  }

  @Override
  public final float[] encode(String text) {
    Objects.requireNonNull(text, "text");
    if (text.isBlank()) {
      throw new IllegalArgumentException("a blank text has no meaning to encode");
    }
    return unit(model.embed(TextSegment.from(text)).content().vector());
  }

  @Override
  public final List<float[]> encodeAll(List<String> texts) {
    // Each text is encoded on its own (no padding to a batch), so a vector never depends on which
    // other texts came with it; the stream keeps the order.
    return texts.parallelStream().map(this::encode).toList();
  }

  /**
   * langchain4j's model holder around our own session. Its embed() is called one text at a time
   * from our threads, so its executor runs each task in the calling thread.
   */
  private static final class Model extends AbstractInProcessEmbeddingModel {
    private final OnnxBertBiEncoder encoder;

    Model(OnnxBertBiEncoder encoder) {
      super(Runnable::run);
      this.encoder = encoder;
    }

    @Override
    protected OnnxBertBiEncoder model() {
      return encoder;
    }
  }

  private static float[] unit(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    if (norm == 0) {
      return v;
    }
    float inv = (float) (1 / Math.sqrt(norm));
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] * inv;
    }
    return out;
  }

  /**
   * DJL (the tokenizer's runtime) phones home from cloud machines and may fetch natives unless it
   * is told it is offline; a self-hosted service must do neither. Set before DJL's classes load,
   * and only when the operator has not chosen otherwise.
   */
  private static void offline() {
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    if (System.getProperty("OPT_OUT_TRACKING") == null) {
      System.setProperty("OPT_OUT_TRACKING", "true");
    }
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = OnnxSentenceEncoder.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IOException(name + " is not on the classpath");
    }
    return in;
  }

  private static byte[] read(String name) throws IOException {
    try (InputStream in = resource(name)) {
      return in.readAllBytes();
    }
  }
}
