package org.opensdv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README opens with the two set-up commands, and CI runs exactly its test command. */
class ReadmeTest {
    private static List<String> setupCommands() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        int open = lines.indexOf("```sh");
        assertThat(open).as("README starts with a sh code block").isBetween(0, 3);
        int close = lines.subList(open + 1, lines.size()).indexOf("```") + open + 1;
        return lines.subList(open + 1, close);
    }

    @Test
    void readmeOpensWithRunTheExampleThenRunTheTests() throws IOException {
        List<String> commands = setupCommands();
        assertThat(commands).hasSize(2);
        assertThat(commands.get(0)).startsWith("./opensdv check src/test/resources/drivers/");
        Path example = Path.of(commands.get(0).substring("./opensdv check ".length()).trim());
        assertThat(example).isDirectory();
    }

    @Test
    void ciRunsTheReadmesTestCommand() throws IOException {
        String testCommand = setupCommands().get(1);
        List<String> ci = Files.readAllLines(Path.of(".ci/run")).stream()
                .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(ci.get(ci.size() - 1)).isEqualTo(testCommand);
    }
}
