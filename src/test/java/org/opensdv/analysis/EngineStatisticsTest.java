package org.opensdv.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The counts the benchmark reports to say where the analysis time goes: a callee summary is
 * computed once per context and reused after, and code that runs once on one path executes
 * exactly its size in steps — so steps above the size are functions run again.
 */
class EngineStatisticsTest {
    @TempDir
    Path dir;

    @Test
    void aSummaryIsComputedOncePerContextAndStraightCodeRunsItsSize() throws IOException {
        Path file = dir.resolve("table.c");
        Files.writeString(file, """
                #include <ntifs.h>
                ERESOURCE Table;
                VOID LockTable(VOID)
                {
                    ExAcquireResourceExclusiveLite(&Table, TRUE);
                }
                VOID UnlockTable(VOID)
                {
                    ExReleaseResourceLite(&Table);
                }
                DRIVER_UNLOAD Unload;
                VOID Unload(PDRIVER_OBJECT DriverObject)
                {
                    UNREFERENCED_PARAMETER(DriverObject);
                    LockTable();
                    UnlockTable();
                    LockTable();
                    UnlockTable();
                }
                """);

        Engine.Statistics s = statisticsOf(file);

        assertThat(s.summariesComputed()).isEqualTo(2); // LockTable holding nothing, UnlockTable holding Table
        assertThat(s.summariesReused()).isEqualTo(2); // the second pair: the same contexts again
        assertThat(s.functionsRun()).isEqualTo(3);
        assertThat(s.joins()).isZero();
        assertThat(s.stepsExecuted()).isEqualTo(s.functionsRunSize());
    }

    @Test
    void aCalleeRunsAgainInAnotherContextAndJoinedPathsAreCounted() throws IOException {
        Path file = dir.resolve("flags.c");
        Files.writeString(file, """
                #include <ntifs.h>
                ERESOURCE Table;
                ERESOURCE Index;
                VOID Touch(PERESOURCE Resource)
                {
                    ExAcquireResourceExclusiveLite(Resource, TRUE);
                    ExReleaseResourceLite(Resource);
                }
                DRIVER_UNLOAD Unload;
                VOID Unload(PDRIVER_OBJECT DriverObject)
                {
                    ULONG Count = 0;
                    if (DriverObject->Flags & 1) {
                        Count = 1;
                    } else {
                        Count = 2;
                    }
                    Touch(&Table);
                    Touch(&Index);
                }
                """);

        Engine.Statistics s = statisticsOf(file);

        assertThat(s.summariesComputed()).isEqualTo(2); // one per resource passed
        assertThat(s.summariesReused()).isZero();
        assertThat(s.joins()).isPositive(); // the two branches meet with the same lock state
        assertThat(s.stepsExecuted()).isGreaterThan(s.functionsRunSize()); // Touch ran twice
    }

    @Test
    void aLookupTableIsRememberedByItsArgumentNotFollowedForEachWayOut() throws IOException {
        // a function without side effects whose value two tests compare is followed for its value,
        // each path a way out of its own: a switch naming 300 codes would make each call 301 states
        StringBuilder cases = new StringBuilder();
        for (int code = 0; code < 300; code++) {
            cases.append("        case ").append(code).append(": return ").append(code % 7).append(";\n");
        }
        Path file = dir.resolve("codes.c");
        Files.writeString(file, """
                #include <ntifs.h>
                ERESOURCE Table;
                ULONG ClassOf(ULONG Code)
                {
                    switch (Code) {
                %s    }
                    return 9;
                }
                DRIVER_UNLOAD Unload;
                VOID Unload(PDRIVER_OBJECT DriverObject)
                {
                    ULONG Code = DriverObject->Flags;
                    if (ClassOf(Code) == 3) {
                        ExAcquireResourceExclusiveLite(&Table, TRUE);
                    }
                    DriverObject->Size = 1;
                    if (ClassOf(Code) == 3) {
                        ExReleaseResourceLite(&Table);
                    }
                }
                """.formatted(cases));

        Engine.Statistics s = statisticsOf(file); // Pass: the second call returns what the first did

        assertThat(s.functionsRun()).isEqualTo(1); // ClassOf is not run
        assertThat(s.stepsExecuted()).isLessThan(2 * s.functionsRunSize()); // the two sides of one test
    }

    @Test
    void aLogHelperIsSummarisedOnceWhateverMessageAndArguments() throws IOException {
        // a literal's text and a variadic function's other arguments (read only through va_arg, an
        // unknown) are nothing to the rule: every call site of a log helper shares one summary
        Path file = dir.resolve("log.c");
        Files.writeString(file, """
                #include <ntifs.h>
                ERESOURCE LogLock;
                VOID LogLine(PCSTR Format, ...)
                {
                    UNREFERENCED_PARAMETER(Format);
                    ExAcquireResourceExclusiveLite(&LogLock, TRUE);
                    ExReleaseResourceLite(&LogLock);
                }
                DRIVER_UNLOAD Unload;
                VOID Unload(PDRIVER_OBJECT DriverObject)
                {
                    LogLine("unloading");
                    LogLine("done");
                    LogLine("flags %lx of %p", DriverObject->Flags, DriverObject);
                }
                """);

        Engine.Statistics s = statisticsOf(file);

        assertThat(s.summariesComputed()).isEqualTo(1);
        assertThat(s.summariesReused()).isEqualTo(2);
    }

    private Engine.Statistics statisticsOf(Path file) {
        AtomicReference<Engine.Statistics> seen = new AtomicReference<>();
        RuleResult result = DriverCheck.check(List.of(file), Engine.Budget.defaults(),
                AnalysisListener.whenRuleDone((rule, statistics) -> seen.set(statistics)));
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(seen.get()).isNotNull();
        return seen.get();
    }
}
