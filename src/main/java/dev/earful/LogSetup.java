package dev.earful;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import dev.earful.config.AppConfig.LogFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switches logging to JSON lines when the operator asks for it ({@code EARFUL_LOG_FORMAT=json}):
 * logback's own {@link JsonEncoder} on stderr, one object per event with its time, level, logger,
 * message, the request id (in {@code mdc.requestId}) and the access event's fields (in {@code
 * kvpList}), and the per-request access events turned on. Text stays as {@code logback.xml} sets it
 * (access events off: a line per request is noise on a terminal, and a log shipper reads JSON).
 */
final class LogSetup {

  static final String ACCESS_LOGGER = "dev.earful.http.access";

  private LogSetup() {}

  /**
   * For a command other than {@code serve}: warnings and errors only. A command says what it did in
   * its own words (the import's closing report names the themes found); the service's INFO events
   * (a discovery's figures, in a logger's format) are for a server's log and read as noise, or as a
   * fault, among a command's lines.
   */
  static synchronized void commandOnly() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
    }
  }

  static synchronized void apply(LogFormat format) {
    if (format != LogFormat.JSON
        || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    if (root.getAppender("json") != null) {
      return;
    }
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(context);
    encoder.setWithSequenceNumber(false);
    encoder.setWithNanoseconds(false);
    encoder.setWithContext(false);
    encoder.setWithMessage(false);
    encoder.setWithArguments(false);
    encoder.setWithFormattedMessage(true);
    encoder.start();
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setName("json");
    appender.setContext(context);
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    appender.start();
    root.addAppender(appender);
    root.detachAppender("text");
    context.getLogger(ACCESS_LOGGER).setLevel(Level.INFO);
  }
}
