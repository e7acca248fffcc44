# Sourced by ./mvnw and ./earful: finds a JDK 21 or newer and exports JAVA_HOME.
# Order: EARFUL_JAVA_HOME, JAVA_HOME, `java` on the PATH, then the usual install folders.
# A JDK older than 21 cannot build or run Earful (Lucene 10 needs 21), so it is skipped.

earful_java_major() {
  # Prints the feature version of the java binary $1, or nothing when it does not run.
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

earful_is_jdk21() {
  # True when folder $1 holds a JDK (java and javac) of version 21 or newer.
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  major=$(earful_java_major "$1/bin/java")
  [ -n "$major" ] && [ "$major" -ge 21 ]
}

earful_find_java() {
  for candidate in "${EARFUL_JAVA_HOME:-}" "${JAVA_HOME:-}"; do
    if [ -n "$candidate" ] && earful_is_jdk21 "$candidate"; then echo "$candidate"; return 0; fi
  done
  if command -v javac >/dev/null 2>&1; then
    from_path=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    if earful_is_jdk21 "$from_path"; then echo "$from_path"; return 0; fi
  fi
  # Newest first, so a machine with several JDKs gets the most recent one.
  for candidate in $(ls -d /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home 2>/dev/null | sort -rV); do
    if earful_is_jdk21 "$candidate"; then echo "$candidate"; return 0; fi
  done
  return 1
}

if found_java_home=$(earful_find_java); then
  export JAVA_HOME="$found_java_home"
else
  echo "Earful needs a JDK 21 or newer, and none was found." >&2
  echo "Looked at EARFUL_JAVA_HOME, JAVA_HOME (${JAVA_HOME:-unset}), javac on the PATH and /usr/lib/jvm, /usr/java, /opt/java, ~/.sdkman." >&2
  echo "Install one (e.g. 'apt-get install openjdk-21-jdk' or Temurin 21) or set JAVA_HOME to it." >&2
  exit 1
fi

# Maven's bundled Guava warns about sun.misc.Unsafe on JDK 23+. The flag that silences it does not
# exist before JDK 23 and stops a JDK 21 JVM ("Unrecognized option"), so it cannot sit in
# .mvn/jvm.config: it is added here only for a JVM that knows it.
if [ "$(earful_java_major "$JAVA_HOME/bin/java")" -ge 23 ] 2>/dev/null; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
