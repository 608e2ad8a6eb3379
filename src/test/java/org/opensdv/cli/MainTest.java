package org.opensdv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path dir;

    @Test
    void helpListsTheCommands() {
        CliRunner r = CliRunner.run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("check", "parse");
    }

    @Test
    void versionIsPrinted() {
        CliRunner r = CliRunner.run("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("opensdv ");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(CliRunner.run("parse", "--frobnicate", "x").exitCode()).isEqualTo(2);
        assertThat(CliRunner.run().exitCode()).isEqualTo(2);
    }

    @Test
    void parseJsonHasTheContractKeys() throws IOException {
        Files.writeString(dir.resolve("a.c"), "#include \"missing.h\"\nint f(int x) { return x; }\n");
        CliRunner r = CliRunner.run("parse", "--format", "json", dir.toString());
        var json = new ObjectMapper().readTree(r.out());
        assertThat(json.has("files") && json.has("functions") && json.has("functionsWithProblems")
                && json.has("problems") && json.has("unresolvedIncludes")).isTrue();
        assertThat(json.get("unresolvedIncludes").get(0).get("include").asText()).isEqualTo("missing.h");
    }

    @Test
    void outputGoesOnlyToTheNamedFile() throws IOException {
        Files.writeString(dir.resolve("a.c"), "int f(void) { return 0; }\n");
        Path out = dir.resolve("out/report.json");
        CliRunner r = CliRunner.run("parse", "--format", "json", "--output", out.toString(), dir.resolve("a.c").toString());
        assertThat(r.out()).isEmpty();
        assertThat(Files.readString(out)).contains("\"functions\" : 1");
    }
}
