package dev.earful.domain;

/** A response ready to index: the client's record plus the analysis of its comment. */
public record AnalyzedResponse(Response response, Analysis analysis) {}
