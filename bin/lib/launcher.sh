# Shared by the launchers in bin/. Sourced, not run.
#
# Finds the jars relative to the launcher, in either layout:
#   - an unpacked distribution: <home>/bin/<launcher> and <home>/lib/*.jar
#   - the source tree after `mvn package`: <module>/target/*.jar and <module>/target/lib/*.jar
# JAVA_HOME picks the JVM; JSUPERVISOR_JAVA_OPTS passes options to it.

jsupervisor_resolve_home() {
    _self=$0
    # Follow symlinks (e.g. /usr/bin/supervisord -> /usr/share/jsupervisor/bin/supervisord).
    while [ -h "$_self" ]; do
        _link=$(readlink "$_self")
        case $_link in
            /*) _self=$_link ;;
            *) _self=$(dirname "$_self")/$_link ;;
        esac
    done
    JSUPERVISOR_HOME=$(cd "$(dirname "$_self")/.." && pwd -P)
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
