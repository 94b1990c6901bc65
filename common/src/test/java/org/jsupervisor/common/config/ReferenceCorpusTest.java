package org.jsupervisor.common.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of the corpus ({@code src/test/resources/corpus}) reads as Supervisor 4.2.5
 * reads it. The expectations were written by {@code src/test/reference/dump_config.py};
 * {@link ReferenceDriftTest} checks that they are still what Supervisor says.
 */
class ReferenceCorpusTest {
    static final Path CORPUS = Path.of("src/test/resources/corpus").toAbsolutePath();

    static Stream<String> corpusFiles() throws IOException {
        try (Stream<Path> s = Files.list(CORPUS)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".conf")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpusFiles")
    void eachFileReadsAsSupervisorReadsIt(String name) throws IOException {
        ReferenceExpectations.assertReadsAsSupervisor(CORPUS, name);
    }
}
