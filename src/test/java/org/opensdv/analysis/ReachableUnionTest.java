package org.opensdv.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The union over reachable nodes, found per strongly connected component, is what a walk from
 * each root finds: on random graphs with cycles, self-loops and shared callees, whatever order
 * the roots are asked in.
 */
class ReachableUnionTest {

    /** A node: told apart by identity, as functions are. */
    static final class Node {
        final List<Node> successors = new ArrayList<>();
        final Set<String> own = new HashSet<>();
    }

    record Graph(int size, List<List<Integer>> edges, List<Set<String>> own, List<Integer> asked) {
        List<Node> build() {
            List<Node> nodes = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                Node n = new Node();
                n.own.addAll(own.get(i));
                nodes.add(n);
            }
            for (int i = 0; i < size; i++) {
                for (int j : edges.get(i)) {
                    nodes.get(i).successors.add(nodes.get(j % size));
                }
            }
            return nodes;
        }
    }

    @Provide
    Arbitrary<Graph> graphs() {
        return Arbitraries.integers().between(1, 25).flatMap(size -> Combinators.combine(
                Arbitraries.integers().between(0, size - 1).list().ofMaxSize(4).list().ofSize(size),
                Arbitraries.of("a", "b", "c", "d", "e", "f", "g").set().ofMaxSize(3).list().ofSize(size),
                Arbitraries.integers().between(0, size - 1).list().ofMinSize(1).ofMaxSize(2 * size))
                .as((edges, own, asked) -> new Graph(size, edges, own, asked)));
    }

    @Property(tries = 500)
    void eachRootGetsTheUnionOfWhatItReaches(@ForAll("graphs") Graph g) {
        List<Node> nodes = g.build();
        ReachableUnion<Node> union = new ReachableUnion<>(n -> n.successors, n -> n.own);
        for (int i : g.asked()) {
            assertThat(union.of(nodes.get(i))).as("node %d", i).isEqualTo(walk(nodes.get(i)));
        }
        for (Node n : nodes) { // the rest, found along the way or not
            assertThat(union.of(n)).isEqualTo(walk(n));
        }
    }

    @Test
    void nodesAreToldApartByIdentityNotByEquality() {
        record Fn(String name) {
        }
        Fn f1 = new Fn("f");
        Fn f2 = new Fn("f"); // equal records, different functions: two files' static f
        Fn g = new Fn("g");
        Fn h = new Fn("h");
        Map<Fn, List<Fn>> calls = new IdentityHashMap<>();
        Map<Fn, Set<String>> reads = new IdentityHashMap<>();
        calls.put(g, List.of(f1));
        calls.put(h, List.of(f2));
        calls.put(f1, List.of());
        calls.put(f2, List.of());
        reads.put(g, Set.of("y"));
        reads.put(h, Set.of("w"));
        reads.put(f1, Set.of("x"));
        reads.put(f2, Set.of("z"));
        ReachableUnion<Fn> union = new ReachableUnion<>(calls::get, reads::get);
        assertThat(union.of(g)).containsExactlyInAnyOrder("x", "y");
        assertThat(union.of(h)).containsExactlyInAnyOrder("z", "w");
    }

    @Test
    void aLongCallChainDoesNotExhaustTheStack() {
        List<Node> chain = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            Node n = new Node();
            n.own.add("n" + (i % 10));
            if (i > 0) {
                chain.get(i - 1).successors.add(n);
            }
            chain.add(n);
        }
        chain.get(chain.size() - 1).successors.add(chain.get(0)); // and one cycle through all of them
        ReachableUnion<Node> union = new ReachableUnion<>(n -> n.successors, n -> n.own);
        assertThat(union.of(chain.get(0))).hasSize(10);
        assertThat(union.of(chain.get(123_456))).hasSize(10);
    }

    /** The union by a plain walk from the root. */
    private static Set<String> walk(Node root) {
        Set<String> out = new HashSet<>();
        Map<Node, Boolean> seen = new IdentityHashMap<>();
        Deque<Node> work = new ArrayDeque<>(List.of(root));
        while (!work.isEmpty()) {
            Node n = work.pop();
            if (seen.put(n, true) == null) {
                out.addAll(n.own);
                work.addAll(n.successors);
            }
        }
        return out;
    }
}
