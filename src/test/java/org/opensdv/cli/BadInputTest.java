package org.opensdv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input: a clear message naming file and line; the other files are still read; input untouched. */
class BadInputTest {
    @TempDir
    Path dir;

    private static final String GOOD = "#include <ntifs.h>\nVOID Good(PERESOURCE R) { ExReleaseResourceLite(R); }\n";

    @BeforeEach
    void goodFile() throws IOException {
        Files.writeString(dir.resolve("good.c"), GOOD);
    }

    private JsonNode parseJson(String... inputs) throws IOException {
        String[] args = new String[inputs.length + 3];
        args[0] = "parse";
        args[1] = "--format";
        args[2] = "json";
        System.arraycopy(inputs, 0, args, 3, inputs.length);
        CliRunner r = CliRunner.run(args);
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).doesNotContain("Exception");
        return new ObjectMapper().readTree(r.out());
    }

    private static String messages(JsonNode report) {
        StringBuilder sb = new StringBuilder();
        report.get("diagnostics").forEach(d -> sb.append(d.get("file").asText()).append(':')
                .append(d.get("line").asInt()).append(": ").append(d.get("message").asText()).append('\n'));
        report.get("problems").forEach(d -> sb.append(d.get("file").asText()).append(':')
                .append(d.get("line").asInt()).append(": ").append(d.get("message").asText()).append('\n'));
        return sb.toString();
    }

    @Test
    void binaryFileIsRefusedByName() throws IOException {
        Files.write(dir.resolve("object.c"), new byte[] {0x4d, 0x5a, 0, 0, 3, 0, 0, 0});
        JsonNode report = parseJson(dir.toString());
        assertThat(messages(report)).contains("object.c:0: binary file");
        assertThat(report.get("functions").asInt()).isEqualTo(1);
    }

    @Test
    void proseIsNotC() throws IOException {
        Files.writeString(dir.resolve("readme.c"), "This driver was written in 1999 and, frankly, it shows.\n"
                + "Do not build it; ask Bob first!\n");
        JsonNode report = parseJson(dir.toString());
        assertThat(messages(report)).contains("readme.c:1: does not look like C source");
        assertThat(report.get("functions").asInt()).isEqualTo(1);
    }

    @Test
    void aFileEmptiedByABrokenHeaderNamesTheHeadersLine() throws IOException {
        // the .c file is fine; what it includes is not (its types come from a header not found)
        Path include = Files.createDirectory(dir.resolve("inc"));
        Files.writeString(include.resolve("precomp.h"), "#include \"missing.h\"\n\n#if USE_A\n#include \"a.h\"\n"
                + "#else\n#include \"platform.h\"\n#endif\n");
        Files.writeString(include.resolve("platform.h"), "#ifndef PLATFORM_H\n#define PLATFORM_H\n\n"
                + "VOID\nPlatformStart(\n\tIN  PADAPTER \tAdapter\n\t);\n\n#endif\n");
        Files.writeString(dir.resolve("mechanism.c"), "#include \"inc/precomp.h\"\n\n// moved to the HAL\n");
        String messages = messages(parseJson(dir.toString()));
        assertThat(messages).contains("mechanism.c:0: nothing in it could be read: what it includes fails first, at ")
                .containsPattern("platform\\.h:4 \\(syntax error");
        assertThat(messages).doesNotContainPattern("mechanism\\.c:[1-9]").doesNotContain("does not look like C");
    }

    @Test
    void unterminatedCommentNamesFileAndLine() throws IOException {
        Files.writeString(dir.resolve("comment.c"), "int a;\n\n/* never closed\nint b;\n");
        assertThat(messages(parseJson(dir.toString()))).containsPattern("comment\\.c:3: .*[Uu]nterminated comment");
    }

    @Test
    void unterminatedStringNamesFileAndLine() throws IOException {
        Files.writeString(dir.resolve("string.c"), "void f(void) {\n  char *s = \"abc;\n}\n");
        assertThat(messages(parseJson(dir.toString()))).containsPattern("string\\.c:2: ");
    }

    @Test
    void missingInputIsReportedAndTheRestGoesOn() throws IOException {
        JsonNode report = parseJson(dir.resolve("missing.c").toString(), dir.resolve("good.c").toString());
        assertThat(messages(report)).contains("missing.c:0: no such file or folder");
        assertThat(report.get("functions").asInt()).isEqualTo(1);
    }

    @Test
    void nothingReadableExitsTwoWithoutStackTrace() throws IOException {
        Files.writeString(dir.resolve("bad.vcxproj"), "this is not xml");
        CliRunner r = CliRunner.run("parse", dir.resolve("bad.vcxproj").toString(), dir.resolve("nope").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out() + r.err()).contains("bad.vcxproj:1").contains("nope").doesNotContain("\tat ");
    }

    @Test
    void inputIsNeverModified() throws IOException {
        Files.writeString(dir.resolve("comment.c"), "/* open");
        long before = Files.getLastModifiedTime(dir.resolve("good.c")).toMillis();
        try (var files = Files.list(dir)) {
            long count = files.count();
            CliRunner.run("parse", dir.toString());
            try (var after = Files.list(dir)) {
                assertThat(after.count()).isEqualTo(count);
            }
        }
        assertThat(Files.readString(dir.resolve("good.c"))).isEqualTo(GOOD);
        assertThat(Files.getLastModifiedTime(dir.resolve("good.c")).toMillis()).isEqualTo(before);
    }
}
