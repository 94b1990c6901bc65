package org.jsupervisor.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserDatabaseTest {

    @Test
    void filesAreReadAgainWhenTheyChange(@TempDir Path dir) throws Exception {
        Path passwd = dir.resolve("passwd");
        Path group = dir.resolve("group");
        Files.writeString(passwd, "alice:x:1001:1001:Alice:/home/alice:/bin/sh\n");
        Files.writeString(group, "staff:x:50:\n");
        UserDatabase db = UserDatabase.etcFiles(passwd, group);
        assertThat(db.userByName("alice")).hasValueSatisfying(u -> assertThat(u.uid()).isEqualTo(1001));
        assertThat(db.userByName("bob")).isEmpty();
        assertThat(db.groupIdByName("staff")).hasValue(50);
        assertThat(db.groupIdExists(50)).isTrue();

        Files.writeString(passwd, "alice:x:1001:1001:Alice:/home/alice:/bin/sh\nbob:x:1002:50::/home/bob:/bin/sh\n");
        Files.setLastModifiedTime(passwd, FileTime.fromMillis(Files.getLastModifiedTime(passwd).toMillis() + 5000));
        assertThat(db.userByName("bob")).hasValueSatisfying(u -> assertThat(u.home()).isEqualTo("/home/bob"));
        assertThat(db.userById(1002)).isPresent();
    }

    @Test
    void theSystemDatabaseFindsRootAndRefusesStrangers() {
        UserDatabase db = UserDatabase.system();
        assertThat(db.userByName("root")).hasValueSatisfying(u -> assertThat(u.uid()).isZero());
        assertThat(db.userById(0)).isPresent();
        assertThat(db.userByName("nosuchuser-js")).isEmpty();
        assertThat(db.groupIdByName("nosuchgroup-js")).isEmpty();
    }
}
