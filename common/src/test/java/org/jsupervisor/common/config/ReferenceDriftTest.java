package org.jsupervisor.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed expectations are still what the installed Supervisor says: the corpus is
 * dumped again into a scratch copy and compared with the committed files. A corpus file
 * added without running dump_config.py fails here too. Skipped where Supervisor is not
 * installed.
 */
class ReferenceDriftTest {

    @Test
    void committedExpectationsMatchTheInstalledSupervisor(@TempDir Path scratch) throws Exception {
        assumeTrue(ReferenceSupervisor.available(), "Supervisor 4.2.5 is not installed here");
        Path corpus = ReferenceCorpusTest.CORPUS;
        ReferenceSupervisor.copyTree(corpus, scratch);
        try (Stream<Path> s = Files.list(scratch)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".expected.json")).toList()) {
                Files.delete(p);
            }
        }
        ReferenceSupervisor.dump(scratch);
        List<String> names;
        try (Stream<Path> s = Files.list(scratch)) {
            names = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".expected.json")).sorted().toList();
        }
        assertThat(names).isNotEmpty();
        try (Stream<Path> s = Files.list(corpus)) {
            // no expectations left behind for a corpus file that was removed
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".expected.json")).sorted()
                    .toList()).isEqualTo(names);
        }
        for (String name : names) {
            Path committed = corpus.resolve(name);
            assertThat(committed).as("committed expectations for %s", name).exists();
            assertThat(withoutUid(scratch.resolve(name))).as(name).isEqualTo(withoutUid(committed));
        }
    }

    /** The uid of whoever ran the dump is recorded but does not change any other value. */
    private static JsonObject withoutUid(Path file) throws IOException {
        JsonObject o = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        o.remove("uid");
        return o;
    }
}
