package org.opensdv.lower;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensdv.ir.Block;
import org.opensdv.ir.Expr;
import org.opensdv.ir.Stmt;

/**
 * An assignment through a pointer ({@code *P = v}) says whether P's type says the object holds no
 * pointer: the analysis counts only the others as writes that may change a link it follows. A call
 * names, for each argument, its casts taken off ({@code RtlZeroMemory(P, n)}), the fields that may
 * hold a pointer in the object it points to: the links a memory fill may change.
 */
class AssignedThroughPointerTest {
    @TempDir
    Path dir;

    /** Per pointer variable assigned through, whether the object was found to hold no pointer. */
    private Map<String, Boolean> pointerFreeTargets(String declarations, String params, String body) throws IOException {
        Cfg g = Cfg.of(dir, "#include <wdm.h>\n" + declarations + "\nvoid T(" + params + ") {\n" + body + "\n}\n", "T");
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (Block b : g.function().blocks()) {
            for (Stmt st : b.statements()) {
                if (st instanceof Stmt.Assign a && a.target() instanceof Expr.Deref d && d.pointer() instanceof Expr.Var v) {
                    out.merge(v.name(), d.pointerFree(), (x, y) -> x && y);
                }
            }
        }
        return out;
    }

    @Test
    void numbersAndStructuresOfNumbersHoldNoPointer() throws IOException {
        Map<String, Boolean> found = pointerFreeTargets("""
                typedef enum _MODE { ModeA, ModeB } MODE, *PMODE;
                typedef struct _ENTRY { UCHAR Name[11]; UCHAR Attributes; union { ULONG32 Size; USHORT Half[2]; } u; } ENTRY, *PENTRY;
                """,
                "PUCHAR Char, PULONG Count, PLONG Index, PMODE Mode, PENTRY Entry, PENTRY Copy, PMDL Mdl, PFILE_OBJECT File",
                "*Char = 0xE5; *Count += 1; (*Index)++; *Mode = ModeB; *Entry = *Copy;"
                        + " PPFN_NUMBER Pages = MmGetMdlPfnArray(Mdl); *Pages = 0;"
                        + " PLARGE_INTEGER Size = CcGetFileSizePointer(File); *Size = *Size;");
        assertThat(found).containsEntry("Char", true).containsEntry("Count", true).containsEntry("Index", true)
                .containsEntry("Mode", true).containsEntry("Entry", true).containsEntry("Pages", true).containsEntry("Size", true);
    }

    @Test
    void linksStructuresWithLinksAndUnknownTypesMayHoldOne() throws IOException {
        Map<String, Boolean> found = pointerFreeTargets("""
                typedef struct _NODE { ULONG Kind; struct { struct _NODE *Next; } Links; } NODE, *PNODE;
                typedef struct _OPAQUE *POPAQUE;
                """,
                "PNODE *Link, PNODE Node, PNODE Other, UNDECLARED_TYPE *Unknown, PVOID *Slot, POPAQUE Opaque",
                "*Link = NULL; *Node = *Other; *Unknown = 0; *Slot = Node; *Opaque = *Opaque;");
        assertThat(found).containsEntry("Link", false).containsEntry("Node", false)
                .containsEntry("Unknown", false).containsEntry("Slot", false).containsEntry("Opaque", false);
    }

    /**
     * Twelve levels of structures, each with ten fields of the level below: a walk of every field
     * would visit 10^12 of them; each structure type is looked at once.
     */
    @Test
    void aWideAndDeepStructureIsLookedAtOncePerType() {
        StringBuilder types = new StringBuilder("typedef struct _L0 { ULONG Value; } L0;\n");
        for (int level = 1; level <= 12; level++) {
            types.append("typedef struct _L").append(level).append(" {");
            for (int field = 0; field < 10; field++) {
                types.append(" L").append(level - 1).append(" F").append(field).append(';');
            }
            types.append(" } L").append(level).append(", *PL").append(level).append(";\n");
        }
        Map<String, Boolean> found = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> pointerFreeTargets(types.toString(), "PL12 Top, PL12 Other", "*Top = *Other;"));
        assertThat(found).containsEntry("Top", true);
    }

    /**
     * Per argument of the calls of {@code Fill}, shown as its source text: the fields that may hold
     * a pointer in the object it points to, or null when unknown.
     */
    private Map<String, Set<String>> fieldsPointedTo(String declarations, String params, String body)
            throws IOException {
        Cfg g = Cfg.of(dir, "#include <wdm.h>\n" + declarations + "\nvoid Fill(PVOID Destination);\nvoid T(" + params
                + ") {\n" + body + "\n}\n", "T");
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (Block b : g.function().blocks()) {
            for (Stmt st : b.statements()) {
                if (st instanceof Stmt.Call c && "Fill".equals(c.calleeName())) {
                    out.put(c.args().get(0).toString(), c.pointerFields().get(0));
                }
            }
        }
        return out;
    }

    @Test
    void aCallArgumentNamesTheLinksOfTheObjectItPointsTo() throws IOException {
        Map<String, Set<String>> found = fieldsPointedTo("""
                typedef struct _STATS { ULONG Opens; LARGE_INTEGER Last; } STATS, *PSTATS;
                typedef struct _NODE { ULONG Kind; struct _NODE *Next; LIST_ENTRY Links; PVOID Slots[2];
                    union { struct _NODE *Peer; ULONG Cookie; }; } NODE, *PNODE;
                typedef struct _OPAQUE *POPAQUE;
                """,
                "PSTATS Stats, PUCHAR Bytes, PNODE Node, PVOID Buffer, PNODE *Link, POPAQUE Opaque",
                "UCHAR Local[16]; NODE Nodes[2];"
                        + " Fill(Stats); Fill((PVOID)(Bytes)); Fill(&Node->Kind); Fill(Local);"
                        + " Fill(Node); Fill(*Link); Fill(Nodes); Fill(&Node->Links);"
                        + " Fill(Buffer); Fill(Link); Fill(&Node->Next); Fill(Opaque);");
        Set<String> nodeLinks = Set.of("Next", "Flink", "Blink", "Slots", "Peer");
        assertThat(found).containsEntry("Stats", Set.of()).containsEntry("(PVOID)Bytes", Set.of())
                .containsEntry("&Node->Kind", Set.of()).containsEntry("Local", Set.of())
                .containsEntry("Node", nodeLinks).containsEntry("*Link", nodeLinks).containsEntry("Nodes", nodeLinks)
                .containsEntry("&Node->Links", Set.of("Flink", "Blink"))
                .containsEntry("Buffer", null).containsEntry("Link", null).containsEntry("&Node->Next", null)
                .containsEntry("Opaque", null);
    }
}
