package dev.earful.search;

/**
 * What an upsert did: {@code indexed} responses were new, {@code updated} replaced a stored one
 * with the same id. Records are applied in order, so an id given twice in one batch counts once as
 * new (or updated) and then once as updated: every record is accounted for, and the last wins.
 */
public record UpsertResult(int indexed, int updated) {

  public static final UpsertResult NONE = new UpsertResult(0, 0);

  public UpsertResult plus(UpsertResult other) {
    return new UpsertResult(indexed + other.indexed, updated + other.updated);
  }
}
