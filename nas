#!/usr/bin/env bash
# EdgeNAS launcher: finds a JDK 25, builds the project when sources changed (or on first use), runs the CLI.
#   ./nas run experiments/quickstart.yaml     run a search
#   ./nas test                                run the whole test suite (what .ci/run runs)
#   ./nas --help                              all commands
#   ./nas --plugins DIR run CONFIG            with the plug-in jars in DIR on the class path (also: EDGENAS_PLUGINS)
#   ./nas bench CLASS [ARGS]                  run a benchmark or harness of benchmarks/ (e.g. org.openjdk.jmh.Main
#                                             ConvBenchmark) with the same JDK and JVM flags
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

find_jdk25() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for d in /usr/lib/jvm/*25* /usr/lib/jvm/*-25* /opt/java/*25* /opt/jdk*25* "$HOME"/.sdkman/candidates/java/25*; do
    [ -d "$d" ] && candidates+=("$d")
  done
  for d in "${candidates[@]}"; do
    if [ -x "$d/bin/java" ] && [ -x "$d/bin/javac" ]; then
      local v
      v=$("$d/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
      if [ "$v" = "25" ]; then echo "$d"; return 0; fi
    fi
  done
  return 1
}

if ! JDK="$(find_jdk25)"; then
  echo "error: EdgeNAS needs a JDK 25 (java and javac), and none was found." >&2
  echo "       Looked at \$JAVA_HOME (${JAVA_HOME:-unset}) and /usr/lib/jvm/*25*." >&2
  echo "       Install one (e.g. Temurin 25) and set JAVA_HOME to it." >&2
  exit 3
fi
export JAVA_HOME="$JDK"
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
if ! command -v mvn >/dev/null 2>&1; then
  echo "error: Apache Maven (mvn) is needed to build EdgeNAS; install it (e.g. apt-get install maven)." >&2
  exit 3
fi

# Plug-ins (search spaces, proxies, algorithms, energy models): every .jar in each directory named by --plugins DIR
# (before the command, repeatable) or in $EDGENAS_PLUGINS (directories separated by ':') joins the class path of every
# command, ./nas run and ./nas worker alike.
PLUGIN_DIRS=()
if [ -n "${EDGENAS_PLUGINS:-}" ]; then
  IFS=':' read -r -a PLUGIN_DIRS <<< "$EDGENAS_PLUGINS"
fi
while [ $# -gt 0 ]; do
  case "$1" in
    --plugins)
      if [ $# -lt 2 ]; then echo "error: --plugins: expected a directory of plug-in jars" >&2; exit 2; fi
      PLUGIN_DIRS+=("$2"); shift 2 ;;
    --plugins=*) PLUGIN_DIRS+=("${1#--plugins=}"); shift ;;
    *) break ;;
  esac
done
PLUGIN_CP=""
for d in ${PLUGIN_DIRS[@]+"${PLUGIN_DIRS[@]}"}; do
  [ -n "$d" ] || continue
  if [ ! -d "$d" ]; then
    echo "error: plug-in directory $d (--plugins or EDGENAS_PLUGINS) does not exist" >&2; exit 2
  fi
  if ! compgen -G "$d/*.jar" >/dev/null; then
    echo "error: plug-in directory $d (--plugins or EDGENAS_PLUGINS) holds no .jar file" >&2; exit 2
  fi
  for j in "$d"/*.jar; do
    # a jar is a zip file: the JVM would skip anything else without a word
    if [ "$(head -c 2 "$j" 2>/dev/null)" != "PK" ]; then
      echo "error: plug-in $j (--plugins or EDGENAS_PLUGINS) is not a jar (zip) file" >&2; exit 2
    fi
  done
  PLUGIN_CP="$PLUGIN_CP:$(cd "$d" && pwd)/*"
done

if [ "${1:-}" = "test" ]; then
  shift
  cd "$ROOT"
  # Maven 3.8 writes colour-reset codes even in batch mode; keep the log plain text
  mvn -B -ntp -Dstyle.color=never verify "$@" 2>&1 | sed -u 's/\x1b\[[0-9;]*m//g'
  if [ -d tools/profiler ]; then
    (cd tools/profiler && python3 -W error::ResourceWarning -m unittest discover -s tests -v)
  fi
  exit 0
fi

# Builds MODULE (and what it needs) when its jar is missing or any source or pom is newer than its last build.
build() {
  local module="$1" jar="$2" stamp="$ROOT/$1/target/lib/.built"
  if [ ! -f "$stamp" ] || [ ! -f "$jar" ] || [ -n "$(find "$ROOT"/pom.xml "$ROOT"/*/pom.xml "$ROOT"/*/src/main -newer "$stamp" -print -quit 2>/dev/null)" ]; then
    echo "nas: building EdgeNAS $module (first use or sources changed)..." >&2
    # the stamp takes the time the build started, so that a source saved during the build triggers the next one
    mkdir -p "$ROOT/$module/target"
    local started="$ROOT/$module/target/.build-started"
    touch "$started"
    (cd "$ROOT" && mvn -q -B -ntp -Dstyle.color=never -DskipTests package -pl "$module" -am 2>&1 | sed "s/\x1b\[[0-9;]*m//g") >&2
    mv "$started" "$stamp"
  fi
}

if [ "${1:-}" = "bench" ]; then
  shift
  if [ $# -lt 1 ]; then
    echo "error: ./nas bench CLASS [ARGS]: name a class of benchmarks/, e.g. org.openjdk.jmh.Main ConvBenchmark" >&2
    exit 2
  fi
  MAIN_JAR="$ROOT/benchmarks/target/edgenas-benchmarks-0.1.0-SNAPSHOT.jar"
  build benchmarks "$MAIN_JAR"
  CLASS_PATH="$MAIN_JAR:$ROOT/benchmarks/target/lib/*$PLUGIN_CP"
else
  MAIN_JAR="$ROOT/app/target/edgenas-app.jar"
  build app "$MAIN_JAR"
  CLASS_PATH="$MAIN_JAR:$ROOT/app/target/lib/*$PLUGIN_CP"
  set -- org.edgenas.cli.Nas "$@"
fi
# The Vector API (proxies engine) is an incubator module; Hazelcast (cluster mode, ./nas worker) runs faster with,
# and warns without, access to these JDK internals.
JVM_OPTS=(--add-modules java.se,jdk.incubator.vector --add-exports java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens java.management/sun.management=ALL-UNNAMED --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED
  --sun-misc-unsafe-memory-access=allow)
# The JVM announces "WARNING: Using incubator modules: jdk.incubator.vector" as the first line of stderr on every start
# (the JDK prints it unconditionally for incubator modules). Drop that one line; pass everything else through as it
# comes (unbuffered, partial lines included, so progress bars work). The filter ignores INT and TERM so that messages
# printed while the JVM shuts down still get through; it ends when the JVM closes stderr.
drop_incubator_notice() {
  trap '' INT TERM
  local first
  if IFS= read -r first; then
    [[ "$first" == "WARNING: Using incubator modules:"* ]] || printf '%s\n' "$first"
  else
    printf '%s' "$first"
  fi
  exec cat
}
exec "$JAVA_HOME/bin/java" -Djava.awt.headless=true "${JVM_OPTS[@]}" -cp "$CLASS_PATH" "$@" \
  2> >(drop_incubator_notice >&2)
