package org.jsupervisor.common.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Looks up users and groups as Supervisor's {@code getpwnam}/{@code getgrnam} calls do. The
 * default reads {@code /etc/passwd} and {@code /etc/group}; a daemon that needs NSS (LDAP,
 * sssd) can pass its own implementation in {@link LoadContext}.
 */
public interface UserDatabase {
    /** A passwd entry: the parts Supervisor uses. */
    record User(String name, int uid, int gid, String home) {
    }

    Optional<User> userByName(String name);

    Optional<User> userById(int uid);

    OptionalInt groupIdByName(String name);

    boolean groupIdExists(int gid);

    /**
     * The files first, then the system's name service through {@code getent} for names the
     * files do not have (LDAP, sssd, ...), as Supervisor's {@code getpwnam} would find them.
     */
    static UserDatabase system() {
        UserDatabase files = etcFiles();
        return new UserDatabase() {
            @Override
            public Optional<User> userByName(String name) {
                return files.userByName(name).or(() -> getent("passwd", name).flatMap(UserDatabase::userRow));
            }

            @Override
            public Optional<User> userById(int uid) {
                return files.userById(uid).or(() -> getent("passwd", Integer.toString(uid))
                        .flatMap(UserDatabase::userRow));
            }

            @Override
            public OptionalInt groupIdByName(String name) {
                OptionalInt g = files.groupIdByName(name);
                if (g.isPresent()) {
                    return g;
                }
                return getent("group", name).map(f -> {
                    try {
                        return OptionalInt.of(Integer.parseInt(f[2]));
                    } catch (NumberFormatException e) {
                        return OptionalInt.empty();
                    }
                }).orElse(OptionalInt.empty());
            }

            @Override
            public boolean groupIdExists(int gid) {
                return files.groupIdExists(gid) || getent("group", Integer.toString(gid)).isPresent();
            }
        };
    }

    /** One {@code getent} lookup; empty when it finds nothing or cannot run. */
    private static Optional<String[]> getent(String database, String key) {
        if (key.isEmpty() || key.startsWith("-") || !Files.isExecutable(Path.of("/usr/bin/getent"))) {
            return Optional.empty();
        }
        try {
            Process p = new ProcessBuilder("/usr/bin/getent", database, key).redirectErrorStream(false).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.getErrorStream().readAllBytes();
            if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            String line = out.lines().findFirst().orElse("");
            String[] f = line.split(":", -1);
            return p.exitValue() == 0 && f.length >= 3 ? Optional.of(f) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Optional<User> userRow(String[] f) {
        try {
            return f.length >= 6 ? Optional.of(new User(f[0], Integer.parseInt(f[2]), Integer.parseInt(f[3]), f[5]))
                    : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Reads {@code /etc/passwd} and {@code /etc/group}, again whenever a file's modification
     * time changes (so a long-lived instance sees new users). Thread-safe.
     */
    static UserDatabase etcFiles() {
        return etcFiles(Path.of("/etc/passwd"), Path.of("/etc/group"));
    }

    static UserDatabase etcFiles(Path passwd, Path group) {
        return new UserDatabase() {
            private final java.util.Map<Path, Object[]> cache = new java.util.HashMap<>();

            /** The file's rows, split at ':'; re-read when its modification time changes. */
            private synchronized List<String[]> rows(Path p) {
                long stamp;
                try {
                    stamp = Files.getLastModifiedTime(p).toMillis() ^ Files.size(p);
                } catch (IOException e) {
                    return List.of();
                }
                Object[] hit = cache.get(p);
                if (hit != null && (long) hit[0] == stamp) {
                    @SuppressWarnings("unchecked")
                    List<String[]> rows = (List<String[]>) hit[1];
                    return rows;
                }
                List<String[]> rows;
                try {
                    rows = Files.readAllLines(p).stream()
                            .filter(l -> !l.isBlank() && !l.startsWith("#"))
                            .map(l -> l.split(":", -1))
                            .filter(f -> f.length >= 3)
                            .toList();
                } catch (IOException e) {
                    return List.of();
                }
                cache.put(p, new Object[] {stamp, rows});
                return rows;
            }

            private Optional<User> user(java.util.function.Predicate<String[]> which) {
                return rows(passwd).stream().filter(f -> f.length >= 6).filter(which).findFirst()
                        .flatMap(f -> {
                            try {
                                return Optional.of(new User(f[0], Integer.parseInt(f[2]),
                                        Integer.parseInt(f[3]), f[5]));
                            } catch (NumberFormatException e) {
                                return Optional.empty();
                            }
                        });
            }

            @Override
            public Optional<User> userByName(String name) {
                return user(f -> f[0].equals(name));
            }

            @Override
            public Optional<User> userById(int uid) {
                return user(f -> f[2].equals(Integer.toString(uid)));
            }

            @Override
            public OptionalInt groupIdByName(String name) {
                return rows(group).stream().filter(f -> f[0].equals(name)).mapToInt(f -> {
                    try {
                        return Integer.parseInt(f[2]);
                    } catch (NumberFormatException e) {
                        return -1;
                    }
                }).filter(g -> g >= 0).findFirst();
            }

            @Override
            public boolean groupIdExists(int gid) {
                return rows(group).stream().anyMatch(f -> f[2].equals(Integer.toString(gid)));
            }
        };
    }
}
