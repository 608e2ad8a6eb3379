package org.opensdv.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The engine against brute force: for random loop-free programs, the defects the engine reports
 * (through the whole frontend, from C source) are exactly those found by enumerating every path.
 */
class ExhaustiveOracleTest {
    private static Path dir;

    @BeforeContainer
    static void makeDir() throws IOException {
        dir = Files.createTempDirectory("opensdv-oracle");
    }

    @AfterContainer
    static void removeDir() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /**
     * The default budget joins every two paths with the same lock state: whatever the joins forget,
     * a defect is reported only once a single path shows it, and none is lost.
     */
    @Property(tries = 1000, seed = "")
    void engineReportsExactlyTheOraclesDefects(@ForAll long seed) throws IOException {
        compare(seed, Engine.Budget.defaults());
    }

    /** Keeping four paths with one lock state apart before joining gives the same defects. */
    @Property(tries = 500, seed = "")
    void keepingMorePathsApartStillReportsExactlyTheOraclesDefects(@ForAll long seed) throws IOException {
        Engine.Budget d = Engine.Budget.defaults();
        compare(seed, new Engine.Budget(d.maxSteps(), d.maxStatesPerBlock(), d.maxMillis(), 4));
    }

    /**
     * A program whose callee paths leave so many distinct lock states and callee defects waiting for
     * the caller that a block reaches its 256 states: the join that then bounds the work kept the
     * waiting defects of one side only, and the acquire-while-held at line 25 was never reported.
     */
    @net.jqwik.api.Example
    void aBlockFullOfStatesLosesNoWaitingCalleeDefect() throws IOException {
        compare(1950103413033158192L, Engine.Budget.defaults());
    }

    /**
     * A program whose callee exits and their waiting defects fill a block (F1's outer finally) with
     * 256 states, four per lock state, before a state with a lock state of its own arrives: it was
     * joined into holds made unknown, and the routine was Inconclusive though every defect had been
     * found. The block now joins two states that share a lock state to make room.
     */
    @net.jqwik.api.Example
    void aFullBlockMakesRoomBeforeMakingHoldsUnknown() throws IOException {
        Engine.Budget d = Engine.Budget.defaults();
        compare(1507791578L, new Engine.Budget(d.maxSteps(), d.maxStatesPerBlock(), d.maxMillis(), 4));
    }

    /**
     * A program whose acquire-while-held at line 68 is in F2's second call on its path; the first
     * call there failed the same try. The exploration finds it only on joined paths (a full block
     * in F1's finally joins states with different waiting callee defects, even when exact), and
     * the replay of its witness, which held every call of F2 to the side the first one took, never
     * took the second call through: the routine was Inconclusive.
     */
    @net.jqwik.api.Example
    void aReplayHoldsEachCallOfACalleeToItsOwnWitness() throws IOException {
        compare(-2883962L, Engine.Budget.defaults());
    }

    /**
     * A program whose held-at-exit witness is a mix: F1's first call tests {@code f1} one way and
     * its second call the other, where the real path tests it alike in both. Holding each call to
     * the side it took on the witness found no path; any side the witness took at that test, in
     * either call, does.
     */
    @net.jqwik.api.Example
    void aReplayAllowsAtATestEverySideTheWitnessTookThere() throws IOException {
        Engine.Budget d = Engine.Budget.defaults();
        compare(1648486983609211412L, new Engine.Budget(d.maxSteps(), d.maxStatesPerBlock(), d.maxMillis(), 4));
    }

    /**
     * Programs whose callees' paths leave F1's blocks with more than 256 states that differ only in
     * the callee defects waiting on them: the full block joined such states as it joins any two
     * with one lock state, made them approximate, and every exploration, the exact one too, left
     * the acquire-while-held at line 26 (the held-at-exit at line 27) unconfirmed. States equal but
     * for their waiting defects are now one state carrying both, exactly.
     */
    @net.jqwik.api.Example
    void aFullBlockKeepsWaitingDefectsExactOnStatesOtherwiseEqual() throws IOException {
        compare(2770077046422476224L, Engine.Budget.defaults());
        compare(6771567390842773799L, Engine.Budget.defaults());
    }

    private static void compare(long seed, Engine.Budget budget) throws IOException {
        OracleProgram program = new OracleProgram(seed);
        String source = program.source();
        Path file = dir.resolve("p" + Long.toUnsignedString(seed, 36) + ".c");
        Files.writeString(file, source);
        try {
            RuleResult result = DriverCheck.check(file, budget);
            Set<String> reported = new TreeSet<>();
            for (Defect d : result.defects()) {
                reported.add(d.loc().line() + ": " + d.kind());
            }
            assertThat(result.inconclusive()).isEmpty();
            assertThat(reported).as("engine vs oracle for\n" + numbered(source)).isEqualTo(program.oracleDefects());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The generator must produce both kinds of program and every defect kind, or the property is vacuous. */
    @net.jqwik.api.Example
    void generatedProgramsExerciseEveryDefectKind() {
        int withDefects = 0;
        Set<String> kinds = new TreeSet<>();
        for (long seed = 0; seed < 300; seed++) {
            Set<String> defects = new OracleProgram(seed).oracleDefects();
            if (!defects.isEmpty()) {
                withDefects++;
            }
            defects.forEach(d -> kinds.add(d.substring(d.indexOf(' ') + 1)));
        }
        assertThat(withDefects).isBetween(90, 270);
        assertThat(kinds).containsExactlyInAnyOrder("acquire-while-held", "release-not-held", "held-at-exit");
    }

    private static String numbered(String source) {
        StringBuilder sb = new StringBuilder();
        String[] lines = source.split("\n");
        for (int i = 0; i < lines.length; i++) {
            sb.append(String.format("%3d  %s%n", i + 1, lines[i]));
        }
        return sb.toString();
    }
}
