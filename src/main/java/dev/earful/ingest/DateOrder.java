package dev.earful.ingest;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether the slashed dates of one timestamp column ({@code 21/02/2018 19:39}, {@code
 * 02/21/2018}) are day first or month first, from the whole column: a first number over 12 can only
 * be a day, a second number over 12 only a day in the other place. One order holds for the whole
 * column, because reading each value the way it fits would put some rows on the wrong day without a
 * word (03/04 would be March in one row and April in the next).
 *
 * <p>Feed every value with {@link #observe(long, String)}, then ask {@link #decide()}. Not
 * thread-safe.
 */
public final class DateOrder {

  private static final Pattern SLASHED =
      Pattern.compile("\\s*(\\d{1,2})/(\\d{1,2})/(\\d{2,4})\\b.*");

  /** The order chosen and a sentence saying why, for the import report. */
  public record Decision(boolean dayFirst, String reason) {
    /** "day first" or "month first". */
    public String order() {
      return dayFirst ? "day first" : "month first";
    }
  }

  private final String position;
  private long slashed;
  private long dayFirstOnly;
  private long monthFirstOnly;
  private String dayFirstExample;
  private long dayFirstExampleLine;
  private String monthFirstExample;
  private long monthFirstExampleLine;
  private String anyExample;
  private long anyExampleLine;

  /** The last day a date may fall on (the day after today), or null to leave the clock out. */
  private final LocalDate latest;

  private long monthFirstFuture;
  private long dayFirstFuture;
  private String monthFirstFutureExample;
  private long monthFirstFutureExampleLine;

  /** Positions are line numbers of a file. */
  public DateOrder() {
    this("line");
  }

  /**
   * @param position what the positions given to {@link #observe} are called in the reason ("line",
   *     "item")
   */
  public DateOrder(String position) {
    this(position, null);
  }

  /**
   * As above; where every date fits either order, the one that puts none after the day after {@code
   * today} (and the other does) is taken: a response is not submitted after it is imported.
   */
  public DateOrder(String position, LocalDate today) {
    this.position = position;
    this.latest = today == null ? null : today.plusDays(1);
  }

  /** Notes one timestamp value of the column and the line it is on; null and blanks are ignored. */
  public void observe(long line, String value) {
    if (value == null) {
      return;
    }
    Matcher m = SLASHED.matcher(value);
    if (!m.matches()) {
      return;
    }
    slashed++;
    int first = Integer.parseInt(m.group(1));
    int second = Integer.parseInt(m.group(2));
    String shown = value.strip();
    if (anyExample == null) {
      anyExample = shown;
      anyExampleLine = line;
    }
    if (latest != null && first <= 12 && second <= 12 && m.group(3).length() == 4) {
      int year = Integer.parseInt(m.group(3));
      boolean monthFirstAfter = after(year, first, second);
      boolean dayFirstAfter = after(year, second, first);
      if (monthFirstAfter && !dayFirstAfter && monthFirstFuture++ == 0) {
        monthFirstFutureExample = shown;
        monthFirstFutureExampleLine = line;
      } else if (dayFirstAfter && !monthFirstAfter) {
        dayFirstFuture++;
      }
    }
    if (first > 12 && second <= 12) {
      if (dayFirstOnly++ == 0) {
        dayFirstExample = shown;
        dayFirstExampleLine = line;
      }
    } else if (second > 12 && first <= 12) {
      if (monthFirstOnly++ == 0) {
        monthFirstExample = shown;
        monthFirstExampleLine = line;
      }
    }
  }

  /** Whether the date is a real one after {@link #latest}. */
  private boolean after(int year, int month, int day) {
    try {
      return LocalDate.of(year, month, day).isAfter(latest);
    } catch (DateTimeException e) {
      return false; // no such day (00/05, 02/30): the validator says so
    }
  }

  /** True when the column holds at least one slashed date, so the order matters. */
  public boolean matters() {
    return slashed > 0;
  }

  /**
   * The order for the whole column. A value over 12 settles it; when values point both ways the
   * larger group wins (month first on a tie) and the others are rejected as unreadable; when every
   * value fits both orders, month first, the order of US survey exports, and the reason says so,
   * unless month first puts a date after the day after today and day first none (given today).
   */
  public Decision decide() {
    return decide("--day-first");
  }

  /**
   * As {@link #decide()}, naming {@code dayFirstSwitch} (the option or parameter that asks for day
   * first where the user is: {@code --day-first} in the CLI, {@code dates=day-first} in the API)
   * when every date fits either order.
   */
  public Decision decide(String dayFirstSwitch) {
    if (dayFirstOnly > 0 && monthFirstOnly == 0) {
      return new Decision(
          true,
          "read day first: "
              + dayFirstExample
              + " ("
              + position
              + " "
              + dayFirstExampleLine
              + ") can only be day/month");
    }
    if (monthFirstOnly > 0 && dayFirstOnly == 0) {
      return new Decision(
          false,
          "read month first: "
              + monthFirstExample
              + " ("
              + position
              + " "
              + monthFirstExampleLine
              + ") can only be month/day");
    }
    if (dayFirstOnly == 0 && monthFirstFuture > 0 && dayFirstFuture == 0) {
      // A European export of the first twelve days of a month fits both orders; month first put
      // its recent dates months ahead, and its older ones on the wrong month without a word.
      return new Decision(
          true,
          String.format(
              Locale.ROOT,
              "read day first: every date fits either order, but month first would put %s (%s %d)"
                  + "%s after today",
              monthFirstFutureExample,
              position,
              monthFirstFutureExampleLine,
              switch ((int) Math.min(monthFirstFuture, 3)) {
                case 1 -> "";
                case 2 -> " and 1 other";
                default -> String.format(Locale.ROOT, " and %,d others", monthFirstFuture - 1);
              }));
    }
    if (dayFirstOnly == 0) {
      String which =
          slashed == 1
              ? anyExample + " (" + position + " " + anyExampleLine + ") fits either order"
              : String.format(
                  Locale.ROOT,
                  "all %,d dates fit either order (e.g. %s, %s %d)",
                  slashed,
                  anyExample,
                  position,
                  anyExampleLine);
      return new Decision(
          false,
          "read month first: "
              + which
              + "; month first is the default, "
              + dayFirstSwitch
              + " reads them day first");
    }
    boolean dayFirst = dayFirstOnly > monthFirstOnly;
    long losers = dayFirst ? monthFirstOnly : dayFirstOnly;
    return new Decision(
        dayFirst,
        String.format(
            Locale.ROOT,
            "read %s: %,d dates can only be day/month (e.g. %s, %s %d) and %,d only month/day"
                + " (e.g. %s, %s %d); one order holds for the whole column, so the %,d that do"
                + " not fit it are rejected",
            dayFirst ? "day first" : "month first",
            dayFirstOnly,
            dayFirstExample,
            position,
            dayFirstExampleLine,
            monthFirstOnly,
            monthFirstExample,
            position,
            monthFirstExampleLine,
            losers));
  }
}
