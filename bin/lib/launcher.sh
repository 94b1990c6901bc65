# Shared by the launchers in bin/. Sourced, not run.
#
# Finds the jars relative to the launcher, in either layout:
#   - an unpacked distribution: <home>/bin/<launcher> and <home>/lib/*.jar
#   - the source tree after `mvn package`: <module>/target/*.jar and <module>/target/lib/*.jar
# JAVA_HOME picks the JVM; JSUPERVISOR_JAVA_OPTS passes options to it.

jsupervisor_resolve_home() {
    # Symlinks are followed (e.g. /usr/bin/supervisord -> /usr/share/jsupervisor/bin/supervisord),
    # as when this file was sourced.
    JSUPERVISOR_HOME=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd -P)
}

# jsupervisor_cds MODULE: sets JSUPERVISOR_CDS to the JVM options for MODULE's class-data
# sharing archive, made at build time (source tree) or install time (lib/, by
# bin/jsupervisor-cds). The JVM skips an archive that does not fit (other JVM build, changed
# jars); other JVM warnings go to stderr, never to stdout, which scripts parse. The launchers
# add '-Xlog:cds*=off:stderr' themselves, quoted (a variable would let the shell glob it): the
# stale-archive warning would repeat at every start after a JVM upgrade.
jsupervisor_cds() {
    _jsa="$JSUPERVISOR_HOME/$1/target/$1.jsa"
    [ -f "$JSUPERVISOR_HOME/lib/$1.jsa" ] && _jsa="$JSUPERVISOR_HOME/lib/$1.jsa"
    JSUPERVISOR_CDS="-Xshare:auto -Xlog:disable -Xlog:all=warning:stderr"
    [ -f "$_jsa" ] && JSUPERVISOR_CDS="$JSUPERVISOR_CDS -XX:SharedArchiveFile=$_jsa"
}

# jsupervisor_classpath MODULE: sets CP for the named module (supervisord or supervisorctl).
jsupervisor_classpath() {
    _module=$1
    if [ -d "$JSUPERVISOR_HOME/lib" ]; then
        CP="$JSUPERVISOR_HOME/lib/*"
        return 0
    fi
    _target="$JSUPERVISOR_HOME/$_module/target"
    _jar=
    for _j in "$_target"/jsupervisor-"$_module"-*.jar; do
        case $_j in
            *-sources.jar|*-tests.jar|*-javadoc.jar) ;;
            *) [ -f "$_j" ] && _jar=$_j ;;
        esac
    done
    if [ -z "$_jar" ] || [ ! -d "$_target/lib" ]; then
        echo "$(basename "$0"): cannot find the $_module jars under $_target" >&2
        echo "Build first: mvn -B -q package -DskipTests" >&2
        exit 2
    fi
    CP="$_jar:$_target/lib/*"
}

jsupervisor_java() {
    if [ -n "$JAVA_HOME" ] && [ -x "$JAVA_HOME/bin/java" ]; then
        JAVA="$JAVA_HOME/bin/java"
    else
        JAVA=$(command -v java) || {
            echo "$(basename "$0"): no java found; install JDK 17+ or set JAVA_HOME" >&2
            exit 2
        }
    fi
}
