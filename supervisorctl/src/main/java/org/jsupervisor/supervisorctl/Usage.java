package org.jsupervisor.supervisorctl;

/** The {@code -h} text (our words; same options and layout of information as Supervisor's). */
final class Usage {
    private Usage() {
    }

    static String text(String progname) {
        return "supervisorctl -- control the programs a supervisord runs, from the command line.\n"
                + "\n"
                + "Usage: " + progname + " [options] [action [arguments]]\n"
                + "\n"
                + "Options:\n"
                + "-c/--configuration FILENAME -- configuration file to read (searched for if not given)\n"
                + "-h/--help -- print this message and exit\n"
                + "-i/--interactive -- interactive: confirm shutdown and reload, ask for credentials\n"
                + "-s/--serverurl URL -- where supervisord listens\n"
                + "     (default \"http://localhost:9001\").\n"
                + "-u/--username USERNAME -- user name to authenticate with\n"
                + "-p/--password PASSWORD -- password to authenticate with\n"
                + "-r/--history-file -- file in which the shell keeps its command history\n"
                + "\n"
                + "action [arguments] -- see below\n"
                + "\n"
                + "An action is a word such as \"status\" or \"tail\".  Without an action, or with -i,\n"
                + "an interactive shell reads actions typed at its prompt.  The action \"help\" lists\n"
                + "them all.\n"
                + "\n";
    }
}
