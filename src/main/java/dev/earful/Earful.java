package dev.earful;

import dev.earful.cli.CliErrors;
import dev.earful.cli.CliException;
import dev.earful.cli.EarfulCommand;
import dev.earful.config.ConfigException;
import dev.earful.search.InvalidRequestException;
import dev.earful.store.IndexLockedException;
import dev.earful.store.IndexStoreException;
import dev.earful.store.LuceneLogging;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import picocli.CommandLine;

/** Entry point of the runnable jar: hands the arguments to the command line. */
public final class Earful {

  private Earful() {}

  public static void main(String[] args) {
    LuceneLogging.quiet(); // before any command touches Lucene (see LuceneLogging)
    if (!isServe(args)) {
      LogSetup.commandOnly();
    }
    int code = commandLine().execute(args);
    if (code != 0 || !isServe(args)) {
      System.exit(code);
    }
  }

  /**
   * The command line with its error handling: a failure the user can act on (a bad setting, a
   * locked data folder, a missing input file, a {@link CliException}) prints one line and exits
   * non-zero; anything else prints its stack trace, because it is a bug.
   */
  public static CommandLine commandLine() {
    return commandLine(new EarfulCommand());
  }

  /**
   * The command line of {@code root} with the error handling above; the developer tools ({@code
   * earful-dev}, outside the product jar) share it.
   */
  public static CommandLine commandLine(Object root) {
    CommandLine cl = new CommandLine(root);
    // "earful search delivery -rude": a word starting with one dash is a query exclusion, not an
    // unknown option (QueryOptions rejects a "--word" that is not after "--").
    for (String reading : new String[] {"search", "themes", "metrics", "report"}) {
      CommandLine sub = cl.getSubcommands().get(reading);
      if (sub != null) {
        sub.setUnmatchedOptionsArePositionalParams(true);
      }
    }
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          String message;
          int code;
          if (e instanceof CliException c) {
            message = c.getMessage();
            code = c.exitCode();
          } else if (e instanceof InvalidRequestException r) {
            message = CliErrors.describe(r);
            code = 2;
          } else if (e instanceof ConfigException c) {
            message = c.getMessage();
            code = 2;
          } else if (e instanceof dev.earful.store.StoredFormatException c) {
            message = c.getMessage();
            code = 1;
          } else if (e instanceof IndexLockedException c) {
            message = c.getMessage();
            code = 1;
          } else if (e instanceof IndexStoreException s
              && s.getCause() instanceof FileSystemException f) {
            message = folderRefused(s, f);
            code = 1;
          } else if (e instanceof java.io.UncheckedIOException u
              && u.getCause() instanceof java.nio.file.NoSuchFileException missing) {
            message = missing.getMessage();
            code = 1;
          } else {
            throw e;
          }
          commandLine.getErr().println("earful: " + message);
          commandLine.getErr().flush();
          return code;
        });
    return cl;
  }

  /**
   * "cannot open the index in /data/index: /data/index/write.lock: Read-only file system; ...": the
   * operating system refused a file of the data folder (a read-only mount, a volume owned by
   * another user: a bind mount in Docker), said in one line instead of a stack trace.
   */
  private static String folderRefused(IndexStoreException e, FileSystemException f) {
    String reason =
        f instanceof AccessDeniedException
            ? "permission denied"
            : f.getReason() != null ? f.getReason() : f.getClass().getSimpleName();
    return e.getMessage()
        + ": "
        + f.getFile()
        + ": "
        + reason
        + "; Earful writes to its data folder even to read it (the index takes a lock): make the"
        + " folder writable by the user running Earful ("
        + System.getProperty("user.name")
        + "), or name another with --data";
  }

  private static boolean isServe(String[] args) {
    return args.length > 0 && args[0].equals("serve");
  }
}
