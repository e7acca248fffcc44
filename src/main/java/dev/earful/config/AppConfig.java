package dev.earful.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every setting of the service, read from flags first, then {@code EARFUL_*} environment variables,
 * then the default. Each setting names its key, default and a one-line description in {@link
 * #SETTINGS}; {@link #validate()} fails start-up with a message that names the key.
 */
public record AppConfig(
    String host,
    int port,
    Path dataDir,
    long maxBodyBytes,
    List<ApiKey> apiKeys,
    boolean insecure,
    int analysisThreads,
    int discoveryDebounceSeconds,
    LogFormat logFormat,
    SentimentStage sentimentStage,
    int maxImportRecords,
    long maxImportChars,
    int concurrentReads,
    int refreshIntervalMillis,
    int refineQuietSeconds) {

  /** The largest request body accepted unless told otherwise (50 MiB); import --server's too. */
  public static final String DEFAULT_MAX_BODY_BYTES = "52428800";

  /**
   * Records one import request may hold unless told otherwise; import --server's too. Twice the
   * 5,000 the import benchmark sends per batch: about two and a half seconds of analysis of short
   * survey comments on two cores. The body's byte bound alone did not bound an import's work (10 MB
   * of NDJSON took 27 s of analysis while holding one of the few slots for heavy requests).
   */
  public static final String DEFAULT_MAX_IMPORT_RECORDS = "10000";

  /**
   * Characters of comments one import request may hold in all unless told otherwise; import
   * --server's too. About 25,000 comments of the 80 characters a survey comment has on average, or
   * 100 of the longest a record may hold.
   */
  public static final String DEFAULT_MAX_IMPORT_CHARS = "2000000";

  /**
   * The least {@code EARFUL_MAX_IMPORT_CHARS} may be: the longest comment a record may hold
   * (ResponseValidator.MAX_COMMENT_LENGTH, which a test keeps equal), so that every valid record
   * fits in some request.
   */
  public static final int LONGEST_COMMENT = 20_000;

  /**
   * Which stages of the sentiment model score comments. The embedding stage (bge-small-en-v1.5 on
   * the clauses the fast model is not sure of) gains 3.5-5.0 macro-F1 points on review domains left
   * out of training but scores about 96 comments a second where the fast model scores 12,000
   * (models/README.md, "Session 20"). The default, {@link #REFINE}, gives every stored comment the
   * cascade's labels without slowing imports: imports store the fast model's, and a server
   * re-scores them with the cascade in the background once imports are quiet.
   */
  public enum SentimentStage {
    /** The fast model alone (maxent over words, negation scope and lexicon features). */
    FAST,
    /** The fast model, and the embedding stage where it is unsure (when the model has one). */
    CASCADE,
    /**
     * Imports score with the fast model; a server's background refinement then re-scores what is
     * stored with the cascade, and texts analysed on request use the cascade at once.
     */
    REFINE;

    /**
     * Whether the labels a folder ends with, and those of texts analysed on request, are the
     * cascade's.
     */
    public boolean cascadeInTheEnd() {
      return this != FAST;
    }

    /** Whether imports score with the cascade (refinement imports with the fast model). */
    public boolean cascadeOnImport() {
      return this == CASCADE;
    }
  }

  /** How log events are written to stderr. */
  public enum LogFormat {
    /** One readable line per event. */
    TEXT,
    /** One JSON object per line, with the request id of the HTTP request that caused it. */
    JSON
  }

  /** One API key and what it may do. */
  public record ApiKey(String key, boolean canWrite) {
    @Override
    public String toString() {
      return (canWrite ? "write" : "read") + ":****";
    }
  }

  /** One documented setting: environment variable, default, description. */
  public record Setting(String env, String flag, String defaultValue, String description) {}

  public static final List<Setting> SETTINGS =
      List.of(
          new Setting("EARFUL_HOST", "--host", "127.0.0.1", "address to bind the HTTP server to"),
          new Setting("EARFUL_PORT", "--port", "7070", "HTTP port (0 picks a free one)"),
          new Setting("EARFUL_DATA", "--data", "./data", "folder holding the index and taxonomy"),
          new Setting(
              "EARFUL_MAX_BODY_BYTES",
              "--max-body-bytes",
              DEFAULT_MAX_BODY_BYTES,
              "largest accepted request body in bytes (413 above)"),
          new Setting(
              "EARFUL_API_KEYS",
              "--api-keys",
              "",
              "comma-separated keys as read:KEY or write:KEY; empty means no keys required"),
          new Setting(
              "EARFUL_INSECURE",
              "--insecure",
              "false",
              "allow a non-loopback bind address without API keys"),
          new Setting(
              "EARFUL_ANALYSIS_THREADS",
              "--analysis-threads",
              "0",
              "threads for comment analysis; 0 means one per core"),
          new Setting(
              "EARFUL_CONCURRENT_READS",
              "--concurrent-reads",
              "64",
              "API reads (searches, rankings) served at once, the others queue in arrival order"
                  + " (2 s at most, then 429); 0 means one per core; 64, the default, lets every"
                  + " request in flight run, so reads never queue"),
          new Setting(
              "EARFUL_REFRESH_INTERVAL_MS",
              "--refresh-interval-ms",
              "2000",
              "while reads are being served, writes become visible to them at most this often (a"
                  + " write still returns only once it is visible); 0 refreshes after every write"),
          new Setting(
              "EARFUL_DISCOVERY_DEBOUNCE_SECONDS",
              "--discovery-debounce-seconds",
              "30",
              "theme discovery runs this long after the last import; 0 turns it off after imports"),
          new Setting(
              "EARFUL_LOG_FORMAT",
              "--log-format",
              "text",
              "log events as text lines, or json: one JSON object per line with the request id"),
          new Setting(
              "EARFUL_SENTIMENT_STAGE",
              "--sentiment-stage",
              "refine",
              "refine: imports score with the fast sentiment model and a server then re-scores"
                  + " stored comments with the cascade in the background (texts analysed on request"
                  + " get the cascade at once); fast: the fast model alone; cascade: also the"
                  + " sentence-embedding stage where the fast model is unsure, on import (about 100"
                  + " comments/s instead of 12,000)"),
          new Setting(
              "EARFUL_REFINE_QUIET_SECONDS",
              "--refine-quiet-seconds",
              "120",
              "with --sentiment-stage refine (or cascade, for what was stored before), the"
                  + " background refinement starts once no import has run for this long (at most"
                  + " four times this long after the first), and pauses while one runs or reads are"
                  + " served"),
          new Setting(
              "EARFUL_MAX_IMPORT_RECORDS",
              "--max-import-records",
              DEFAULT_MAX_IMPORT_RECORDS,
              "most records one import request may hold (413 above)"),
          new Setting(
              "EARFUL_MAX_IMPORT_CHARS",
              "--max-import-chars",
              DEFAULT_MAX_IMPORT_CHARS,
              "most characters of comments one import request may hold in all (413 above); at"
                  + " least "
                  + LONGEST_COMMENT
                  + ", the longest comment"));

  /** The defaults, with environment variables applied. */
  public static AppConfig fromEnvironment(Map<String, String> env) {
    return fromValues(env, Map.of());
  }

  /**
   * Resolves each setting from {@code flags} (keyed by env name, value null when not given), then
   * {@code env}, then its default.
   */
  public static AppConfig fromValues(Map<String, String> env, Map<String, String> flags) {
    Map<String, String> v = new LinkedHashMap<>();
    for (Setting s : SETTINGS) {
      String value = flags.get(s.env());
      if (value == null) {
        value = env.get(s.env());
      }
      v.put(s.env(), value == null ? s.defaultValue() : value.strip());
    }
    return new AppConfig(
        v.get("EARFUL_HOST"),
        parseInt("EARFUL_PORT", v.get("EARFUL_PORT"), 0, 65535),
        Path.of(v.get("EARFUL_DATA")),
        parseLong("EARFUL_MAX_BODY_BYTES", v.get("EARFUL_MAX_BODY_BYTES"), 1024, Long.MAX_VALUE),
        parseKeys(v.get("EARFUL_API_KEYS")),
        parseBoolean("EARFUL_INSECURE", v.get("EARFUL_INSECURE")),
        parseInt("EARFUL_ANALYSIS_THREADS", v.get("EARFUL_ANALYSIS_THREADS"), 0, 1024),
        parseInt(
            "EARFUL_DISCOVERY_DEBOUNCE_SECONDS",
            v.get("EARFUL_DISCOVERY_DEBOUNCE_SECONDS"),
            0,
            86_400),
        parseLogFormat(v.get("EARFUL_LOG_FORMAT")),
        parseSentimentStage(v.get("EARFUL_SENTIMENT_STAGE")),
        parseInt("EARFUL_MAX_IMPORT_RECORDS", v.get("EARFUL_MAX_IMPORT_RECORDS"), 1, 1_000_000),
        parseLong(
            "EARFUL_MAX_IMPORT_CHARS",
            v.get("EARFUL_MAX_IMPORT_CHARS"),
            LONGEST_COMMENT,
            1_000_000_000),
        parseInt("EARFUL_CONCURRENT_READS", v.get("EARFUL_CONCURRENT_READS"), 0, 64),
        parseInt("EARFUL_REFRESH_INTERVAL_MS", v.get("EARFUL_REFRESH_INTERVAL_MS"), 0, 60_000),
        parseInt("EARFUL_REFINE_QUIET_SECONDS", v.get("EARFUL_REFINE_QUIET_SECONDS"), 0, 86_400));
  }

  private static LogFormat parseLogFormat(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "text" -> LogFormat.TEXT;
      case "json" -> LogFormat.JSON;
      default ->
          throw new ConfigException(
              "EARFUL_LOG_FORMAT", "must be text or json, got '" + value + "'");
    };
  }

  private static SentimentStage parseSentimentStage(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "fast" -> SentimentStage.FAST;
      case "cascade" -> SentimentStage.CASCADE;
      case "refine" -> SentimentStage.REFINE;
      default ->
          throw new ConfigException(
              "EARFUL_SENTIMENT_STAGE", "must be refine, fast or cascade, got '" + value + "'");
    };
  }

  public AppConfig withPort(int newPort) {
    return new AppConfig(
        host,
        newPort,
        dataDir,
        maxBodyBytes,
        apiKeys,
        insecure,
        analysisThreads,
        discoveryDebounceSeconds,
        logFormat,
        sentimentStage,
        maxImportRecords,
        maxImportChars,
        concurrentReads,
        refreshIntervalMillis,
        refineQuietSeconds);
  }

  public AppConfig withDataDir(Path newDataDir) {
    return new AppConfig(
        host,
        port,
        newDataDir,
        maxBodyBytes,
        apiKeys,
        insecure,
        analysisThreads,
        discoveryDebounceSeconds,
        logFormat,
        sentimentStage,
        maxImportRecords,
        maxImportChars,
        concurrentReads,
        refreshIntervalMillis,
        refineQuietSeconds);
  }

  public AppConfig withApiKeys(List<ApiKey> keys) {
    return new AppConfig(
        host,
        port,
        dataDir,
        maxBodyBytes,
        keys,
        insecure,
        analysisThreads,
        discoveryDebounceSeconds,
        logFormat,
        sentimentStage,
        maxImportRecords,
        maxImportChars,
        concurrentReads,
        refreshIntervalMillis,
        refineQuietSeconds);
  }

  public AppConfig withDiscoveryDebounceSeconds(int seconds) {
    return new AppConfig(
        host,
        port,
        dataDir,
        maxBodyBytes,
        apiKeys,
        insecure,
        analysisThreads,
        seconds,
        logFormat,
        sentimentStage,
        maxImportRecords,
        maxImportChars,
        concurrentReads,
        refreshIntervalMillis,
        refineQuietSeconds);
  }

  /** Reads served at once: the setting, or one per available core. */
  public int effectiveConcurrentReads() {
    return concurrentReads > 0 ? concurrentReads : Runtime.getRuntime().availableProcessors();
  }

  /** Threads to analyse comments with: the setting, or one per available core. */
  public int effectiveAnalysisThreads() {
    return analysisThreads > 0 ? analysisThreads : Runtime.getRuntime().availableProcessors();
  }

  /**
   * Checks the combination of settings; throws {@link ConfigException} naming the key. A service
   * reachable from other machines without keys would hand every comment to anyone who asks.
   */
  public AppConfig validate() {
    if (host.isBlank()) {
      throw new ConfigException("EARFUL_HOST", "must not be empty");
    }
    if (apiKeys.isEmpty() && !insecure && !isLoopback(host)) {
      throw new ConfigException(
          "EARFUL_HOST",
          "binding to "
              + host
              + " exposes every comment without API keys; set EARFUL_API_KEYS (--api-keys) or"
              + " pass --insecure (EARFUL_INSECURE=true)");
    }
    return this;
  }

  /**
   * Whether binding {@code host} listens on loopback only: every address it resolves to is a
   * loopback address. A name is resolved, never judged by its spelling ({@code 127.0.0.1.nip.io} or
   * {@code 127.attacker.example} may resolve anywhere); a name that does not resolve is not.
   */
  static boolean isLoopback(String host) {
    String h = host.strip();
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    try {
      java.net.InetAddress[] addresses = java.net.InetAddress.getAllByName(h);
      if (addresses.length == 0) {
        return false;
      }
      for (java.net.InetAddress a : addresses) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (java.net.UnknownHostException | SecurityException e) {
      return false;
    }
  }

  private static final Set<String> TRUE = Set.of("true", "1", "yes", "on");
  private static final Set<String> FALSE = Set.of("false", "0", "no", "off", "");

  private static boolean parseBoolean(String key, String value) {
    String v = value.toLowerCase(Locale.ROOT);
    if (TRUE.contains(v)) {
      return true;
    }
    if (FALSE.contains(v)) {
      return false;
    }
    throw new ConfigException(key, "expected true or false, got '" + value + "'");
  }

  private static int parseInt(String key, String value, int min, int max) {
    return (int) parseLong(key, value, min, max);
  }

  private static long parseLong(String key, String value, long min, long max) {
    long n;
    try {
      n = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "expected a whole number, got '" + value + "'");
    }
    if (n < min || n > max) {
      throw new ConfigException(key, "must be between " + min + " and " + max + ", got " + n);
    }
    return n;
  }

  static List<ApiKey> parseKeys(String value) {
    List<ApiKey> keys = new ArrayList<>();
    for (String part : value.split(",")) {
      String p = part.strip();
      if (p.isEmpty()) {
        continue;
      }
      int colon = p.indexOf(':');
      if (colon < 0) {
        throw new ConfigException("EARFUL_API_KEYS", "each key must be read:KEY or write:KEY");
      }
      String role = p.substring(0, colon).toLowerCase(Locale.ROOT);
      String key = p.substring(colon + 1);
      if (key.length() < 8) {
        throw new ConfigException("EARFUL_API_KEYS", "a key must be at least 8 characters");
      }
      switch (role) {
        case "read" -> keys.add(new ApiKey(key, false));
        case "write" -> keys.add(new ApiKey(key, true));
        default ->
            throw new ConfigException(
                "EARFUL_API_KEYS", "unknown role '" + role + "' (expected read or write)");
      }
    }
    return List.copyOf(keys);
  }
}
