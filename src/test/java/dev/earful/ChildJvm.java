package dev.earful;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a child JVM on the tests' own class path: tests that kill a real process or
 * read what it prints (a server killed mid-import, a command's terminal output) start one.
 */
public final class ChildJvm {

  private ChildJvm() {}

  /**
   * {@code java -Xmx<heap> --enable-native-access=ALL-UNNAMED -cp <the tests' class path> mainClass
   * args...}, with the running JVM's {@code java}.
   */
  public static List<String> command(String heap, String mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(List.of(args));
    return command;
  }
}
