package dev.earful.sentiment;

import dev.earful.domain.Polarity;

/** A text with its gold polarity; {@code source} names the data set it came from. */
public record LabelledText(String text, Polarity label, String source) {}
