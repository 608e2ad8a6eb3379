package org.opensdv.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputCollectorTest {
    @TempDir
    Path dir;

    private static final CompilerOptions NONE = new CompilerOptions(List.of(), Map.of());

    @Test
    void folderMeansEveryCFileBelowItSorted() throws IOException {
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("b.c"), "");
        Files.writeString(dir.resolve("sub/A.C"), "");
        Files.writeString(dir.resolve("notes.txt"), "");
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve(".git/x.c"), "");
        Project p = InputCollector.collect(List.of(dir), NONE);
        assertThat(p.files()).extracting(f -> dir.relativize(f.path()).toString()).containsExactly("b.c", "sub/A.C");
        assertThat(p.inputFolders()).containsExactly(dir.toAbsolutePath().normalize());
    }

    @Test
    void missingInputIsADiagnosticAndTheRestGoesOn() throws IOException {
        Files.writeString(dir.resolve("a.c"), "");
        Project p = InputCollector.collect(List.of(dir.resolve("nope.c"), dir.resolve("a.c")), NONE);
        assertThat(p.files()).hasSize(1);
        assertThat(p.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.file()).endsWith("nope.c");
            assertThat(d.message()).contains("no such file");
        });
    }

    @Test
    void vcxprojGivesItsCompileItemsIncludesAndDefines() throws IOException {
        Files.createDirectories(dir.resolve("src"));
        Files.createDirectories(dir.resolve("inc"));
        Files.writeString(dir.resolve("src/main.c"), "");
        Files.writeString(dir.resolve("drv.vcxproj"), """
                <?xml version="1.0" encoding="utf-8"?>
                <Project DefaultTargets="Build" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">
                  <PropertyGroup><MyInc>inc</MyInc></PropertyGroup>
                  <ItemDefinitionGroup Condition="'$(Configuration)|$(Platform)'=='Debug|x64'">
                    <ClCompile>
                      <AdditionalIncludeDirectories>$(MyInc);..\\shared;$(WDKContentRoot)km;%(AdditionalIncludeDirectories)</AdditionalIncludeDirectories>
                      <PreprocessorDefinitions>DBG=1;POOL_NX_OPTIN;%(PreprocessorDefinitions)</PreprocessorDefinitions>
                    </ClCompile>
                  </ItemDefinitionGroup>
                  <ItemGroup>
                    <ClCompile Include="src\\main.c" />
                    <ClInclude Include="inc\\drv.h" />
                  </ItemGroup>
                </Project>
                """);
        Project p = InputCollector.collect(List.of(dir.resolve("drv.vcxproj")), NONE);
        assertThat(p.files()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo(dir.resolve("src/main.c").toAbsolutePath().normalize());
            assertThat(f.includeDirs()).contains(dir.resolve("inc").toAbsolutePath().normalize(),
                    dir.getParent().resolve("shared").toAbsolutePath().normalize());
            assertThat(f.defines()).containsEntry("DBG", "1").containsEntry("POOL_NX_OPTIN", "1");
        });
        assertThat(p.diagnostics()).anySatisfy(d -> assertThat(d.message()).contains("$(WDKContentRoot)"));
    }

    @Test
    void vcxprojThatIsNotXmlIsReportedWithItsLine() throws IOException {
        Files.writeString(dir.resolve("bad.vcxproj"), "<Project>\n<ItemGroup>\n</Project>\n");
        Project p = InputCollector.collect(List.of(dir.resolve("bad.vcxproj")), NONE);
        assertThat(p.files()).isEmpty();
        assertThat(p.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.file()).endsWith("bad.vcxproj");
            assertThat(d.line()).isEqualTo(3);
            assertThat(d.message()).contains("XML");
        });
    }

    @Test
    void compileCommandsGiveIncludesAndDefinesPerFile() throws IOException {
        Files.writeString(dir.resolve("a.c"), "");
        Files.writeString(dir.resolve("b.c"), "");
        Files.writeString(dir.resolve("compile_commands.json"), """
                [ {"directory": "%s", "file": "a.c", "command": "cl /c /I inc -DFOO=2 \\"-DBAR\\" a.c"},
                  {"directory": "%s", "file": "b.c", "arguments": ["clang", "-Iother", "-D", "BAZ", "b.c"]} ]
                """.formatted(dir, dir));
        Project p = InputCollector.collect(List.of(dir.resolve("compile_commands.json")), NONE);
        assertThat(p.files()).hasSize(2);
        SourceFile a = p.files().get(0);
        assertThat(a.includeDirs()).containsExactly(dir.resolve("inc"));
        assertThat(a.defines()).containsEntry("FOO", "2").containsEntry("BAR", "1");
        SourceFile b = p.files().get(1);
        assertThat(b.includeDirs()).containsExactly(dir.resolve("other"));
        assertThat(b.defines()).containsEntry("BAZ", "1");
    }

    @Test
    void commandLineOptionsApplyToEveryFile() throws IOException {
        Files.writeString(dir.resolve("a.c"), "");
        var options = new CompilerOptions(List.of(Path.of("/ddk")), Map.of("X", "1"));
        Project p = InputCollector.collect(List.of(dir.resolve("a.c")), options);
        assertThat(p.files().get(0).includeDirs()).containsExactly(Path.of("/ddk"));
        assertThat(p.files().get(0).defines()).containsEntry("X", "1");
    }
}
