package dev.earful.themes;

/**
 * A taxonomy edit that cannot be made, with the reason as a kind the HTTP layer maps to a status:
 * {@code INVALID} 400, {@code NOT_FOUND} 404, {@code CONFLICT} 409.
 */
public final class TaxonomyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why an edit was refused. */
  public enum Kind {
    INVALID,
    NOT_FOUND,
    CONFLICT
  }

  private final Kind kind;
  private final String field;

  public TaxonomyException(Kind kind, String field, String message) {
    super(message);
    this.kind = kind;
    this.field = field;
  }

  public Kind kind() {
    return kind;
  }

  /** The request field at fault ("name", "phrases"), or null. */
  public String field() {
    return field;
  }

  static TaxonomyException notFound(String id) {
    return new TaxonomyException(Kind.NOT_FOUND, "id", "no theme with id '" + id + "'");
  }
}
