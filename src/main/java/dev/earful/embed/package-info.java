/**
 * Meaning as vectors: {@link dev.earful.embed.SentenceEncoder}, the one seam through which themes
 * (grouping phrases by meaning) and sentiment use a sentence encoder, and {@link
 * dev.earful.embed.MiniLmEncoder}, the quantized all-MiniLM-L6-v2 run in process by ONNX Runtime
 * (langchain4j), with no download at run time. Imports only the JDK, langchain4j and ONNX Runtime;
 * nothing here knows about comments, themes or the index.
 */
package dev.earful.embed;
