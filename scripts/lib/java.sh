# shellcheck shell=bash
# What the scripts that run the project's Java classes share (scripts/access-keys, notifications, reliability,
# local-stack, benchmark, benchmark-fanout). Sourced from the project's root, after `set -euo pipefail`:
#   java_setup                     JAVA_HOME: a JDK 21+ (scripts/find-jdk), exported
#   java_build runtime|test        compiles main (mvn compile), or main and tests (mvn test-compile), unless nothing
#                                  changed since that scope's last build (pom.xml, src/main or src/ and events/, the
#                                  JDK); Maven offline when everything it needs is in the local repository; its
#                                  output on standard error, so that standard output stays the program's
#   java_classpath runtime|test    java_build, then the class path: the classes and the dependencies of that scope
#   java_dependencies runtime|test java_build, then the dependencies' class path alone
#   java_built_after SCOPE FILE    whether the scope was built after FILE was written (or FILE is missing)
#   java_run SCOPE [JVM OPTION]... -- CLASS [ARGUMENT]...
#                                  runs a class on java_classpath SCOPE; java_exec does it in place of the script,
#                                  so that signals reach the JVM. The AWS SDK asks for an SLF4J binding the functions
#                                  do not ship: its three-line notice is dropped from standard error.
#   java_mvn GOAL... [OPTION]...   Maven as java_build runs it (quiet, batch, offline when it can)

java_setup() {
  JAVA_HOME=$(scripts/find-jdk) || return
  export JAVA_HOME
}

# The functions return their failures (a build that failed, no JDK) also where errexit does not reach them, in the
# command substitutions that ask for a class path.

# Where a scope's build leaves its record: <scope>.txt, the dependencies' class path (written last, so its time is
# the build's), and <scope>.jdk, the JAVA_HOME it was built with.
java__record=target/classpath

java__stale() {
  local scope=$1 inputs=(pom.xml src/main)
  [[ $scope == test ]] && inputs=(pom.xml src) && [[ -d events ]] && inputs+=(events)
  [[ ! -f $java__record/$scope.txt || "$(cat "$java__record/$scope.jdk" 2>/dev/null)" != "$JAVA_HOME" \
     || -n $(find "${inputs[@]}" -newer "$java__record/$scope.txt" -print -quit) ]]
}

java_mvn() {
  command -v mvn >/dev/null || { echo "${0##*/}: needs Maven (mvn) to build the project" >&2; return 1; }
  local log status=0
  log=$(mktemp)
  mvn -o -q -B -ntp -Dstyle.color=never "$@" >"$log" 2>&1 || status=$?
  if (( status != 0 )) && grep -q 'in offline mode' "$log"; then # something is missing locally: fetch it
    status=0
    mvn -q -B -ntp -Dstyle.color=never "$@" >"$log" 2>&1 || status=$?
  fi
  # Maven's own JVM warns about its libraries on new JDKs, and -q leaves lines of colour resets: neither says anything.
  grep -v -e 'sun.misc.Unsafe\|WARNING: Please consider\|WARNING: A terminally' -e $'^\(\e\\[[0-9;]*m\)*$' "$log" >&2 || true
  rm -f "$log"
  return "$status"
}

java_build() {
  local scope=$1 goal=compile
  [[ $scope == test ]] && goal=test-compile
  java__stale "$scope" || return 0
  echo "${0##*/}: building (mvn $goal)..." >&2
  mkdir -p "$java__record"
  rm -f "$java__record/$scope.txt"
  java_mvn "$goal" dependency:build-classpath -Dmdep.includeScope="$scope" \
    -Dmdep.outputFile="$java__record/$scope.classpath" || return
  echo "$JAVA_HOME" > "$java__record/$scope.jdk" && mv "$java__record/$scope.classpath" "$java__record/$scope.txt"
}

java_dependencies() {
  java_build "$1" && cat "$java__record/$1.txt"
}

java_classpath() {
  local classes=target/classes dependencies
  [[ $1 == test ]] && classes=target/test-classes:target/classes
  dependencies=$(java_dependencies "$1") || return
  echo "$classes:$dependencies"
}

java_built_after() {
  [[ ! -f $2 || $2 -ot $java__record/$1.txt ]]
}

java__command() { # fills java__argv with: java, the options, -cp, the class path, the class and its arguments
  local scope=$1 options=() classpath
  shift
  while [[ $# -gt 0 && $1 != -- ]]; do options+=("$1"); shift; done
  [[ ${1:-} == -- ]] || { echo "${0##*/}: java_run needs -- before the class" >&2; return 2; }
  shift
  classpath=$(java_classpath "$scope") || return
  java__argv=("$JAVA_HOME/bin/java" "${options[@]}" -cp "$classpath" "$@")
}

java_run() {
  java__command "$@" || return
  "${java__argv[@]}" 2> >(grep -v '^SLF4J:' >&2)
}

java_exec() {
  java__command "$@" || return
  exec "${java__argv[@]}" 2> >(grep -v '^SLF4J:' >&2)
}
