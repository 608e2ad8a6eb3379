package org.opensdv.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever a user feeds it: no crash, bounded time, a result or a per-file diagnostic, and the other
 * files of the same run still checked (here: the example driver's defect is still reported).
 */
class FuzzTest {
    private static final Path TOYFS = Path.of("src/test/resources/drivers/toyfs");
    private static final Path COMMON = Path.of("src/test/resources/drivers/common");
    private static Path root;
    private static String original;

    @BeforeContainer
    static void setUp() throws IOException {
        root = Files.createTempDirectory("opensdv-fuzz");
        original = Files.readString(TOYFS.resolve("toyfs.c"));
    }

    @AfterContainer
    static void tearDown() throws IOException {
        try (var files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** A run over the intact example driver plus one bad file beside it. */
    private static void checkSurvives(String name, byte[] bad) throws IOException {
        Path dir = Files.createTempDirectory(root, "run");
        Path driver = dir.resolve("toyfs");
        Files.createDirectories(driver);
        Files.createDirectories(dir.resolve("common"));
        Files.copy(TOYFS.resolve("toyfs.c"), driver.resolve("toyfs.c"));
        Files.copy(TOYFS.resolve("toyfs.h"), driver.resolve("toyfs.h"));
        Files.copy(COMMON.resolve("defs.h"), dir.resolve("common/defs.h"));
        Path badDir = dir.resolve("bad");
        Files.createDirectories(badDir);
        Files.write(badDir.resolve(name), bad);
        CliRunner r = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> CliRunner.run("check", "--jobs", "1", driver.toString(), badDir.toString()));
        assertThat(r.exitCode()).as(r.err()).isIn(1, 3);
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.out()).contains("toyfs.c:112: ExclusiveResourceAccess held-at-exit");
    }

    @Property(tries = 2000)
    void mutatedDriversNeverBreakTheRun(@ForAll long seed) throws IOException {
        Random random = new Random(seed);
        byte[] bytes = original.getBytes(StandardCharsets.UTF_8);
        String text = original;
        byte[] mutated = switch (random.nextInt(6)) {
            case 0 -> java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));       // truncated
            case 1 -> {                                                                  // byte flips
                byte[] b = bytes.clone();
                for (int i = 0; i < 1 + random.nextInt(20); i++) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
                yield b;
            }
            case 2 -> {                                                                  // deleted braces
                StringBuilder sb = new StringBuilder(text);
                for (int i = 0; i < 1 + random.nextInt(5); i++) {
                    int at = sb.indexOf(random.nextBoolean() ? "{" : "}", random.nextInt(sb.length()));
                    if (at >= 0) {
                        sb.deleteCharAt(at);
                    }
                }
                yield sb.toString().getBytes(StandardCharsets.UTF_8);
            }
            case 3 -> {                                                                  // duplicated lines
                String[] lines = text.split("\n");
                StringBuilder sb = new StringBuilder();
                for (String line : lines) {
                    sb.append(line).append('\n');
                    if (random.nextInt(10) == 0) {
                        sb.append(line).append('\n');
                    }
                }
                yield sb.toString().getBytes(StandardCharsets.UTF_8);
            }
            case 4 -> {                                                                  // invalid UTF-8
                byte[] b = bytes.clone();
                for (int i = 0; i < 10; i++) {
                    b[random.nextInt(b.length)] = (byte) (0xC0 | random.nextInt(2));
                }
                yield b;
            }
            default -> {                                                                 // a line spliced in
                int at = random.nextInt(text.length());
                yield (text.substring(0, at) + "\n#include \"toyfs.c\"\n" + text.substring(at))
                        .getBytes(StandardCharsets.UTF_8);
            }
        };
        checkSurvives("mutant.c", mutated);
    }

    @Example
    void aOneMegabyteLine() throws IOException {
        checkSurvives("long.c", ("int x = " + "1 + ".repeat(250_000) + "1;\n").getBytes(StandardCharsets.UTF_8));
    }

    @Example
    void tenThousandNestedParenthesesAndBlocks() throws IOException {
        String parens = "int f(int a) { return " + "(".repeat(10_000) + "a" + ")".repeat(10_000) + "; }\n";
        String blocks = "void g(void) " + "{".repeat(10_000) + "}".repeat(10_000) + "\n";
        checkSurvives("deep.c", (parens + blocks).getBytes(StandardCharsets.UTF_8));
    }

    @Example
    void anIncludeCycle() throws IOException {
        checkSurvives("cycle.c", "#include \"cycle.c\"\nint x;\n".getBytes(StandardCharsets.UTF_8));
    }

    @Example
    void aFiftyMegabyteFile() throws IOException {
        byte[] big = new byte[50 << 20];
        java.util.Arrays.fill(big, (byte) ' ');
        checkSurvives("huge.c", big);
    }
}
