package dev.earful.domain;

/**
 * A store that keeps records naming customers (follow-ups, alerts): a privacy request erases a
 * customer from every one of them, and from the responses, in one call.
 */
public interface PersonalData {

  /** What the store holds, as the erasure report names it ("followups", "alerts"). */
  String kind();

  /**
   * Removes every record naming {@code customer}, durably (no copy left in a log or journal).
   *
   * @return how many records were removed
   */
  int eraseCustomer(String customer);

  /**
   * Removes every record that holds a copy of one response (its comment excerpt, its id), durably:
   * a privacy deletion of a response must leave no copy of its text in a journal.
   *
   * @return how many records were removed
   */
  int eraseResponse(String responseId);
}
