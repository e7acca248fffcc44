/**
 * Meaning as vectors: {@link dev.earful.embed.SentenceEncoder}, the one seam through which themes
 * (grouping phrases by meaning) and sentiment use a sentence encoder; {@link
 * dev.earful.embed.MiniLmEncoder}, the quantized all-MiniLM-L6-v2, and {@link
 * dev.earful.embed.BgeSmallEncoder}, the quantized bge-small-en-v1.5 (the sentiment cascade's),
 * both run in process by ONNX Runtime (langchain4j) with no download at run time. Imports only the
 * JDK, langchain4j and ONNX Runtime; nothing here knows about comments, themes or the index.
 */
package dev.earful.embed;
