package org.opensdv.analysis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * For each node of a directed graph (functions and the functions they call), the union of what
 * every node it reaches, itself included, contributes (the names they read, say). Found once per
 * strongly connected component, callees first (Tarjan's algorithm, without recursion, as call
 * chains may be long), so that many roots sharing callees cost one walk of the graph rather than
 * one walk each. Nodes are told apart by identity; the results may be asked for from several
 * threads (a component found by two at once gets equal sets).
 */
final class ReachableUnion<N> {
    private final Function<N, List<N>> successors;
    private final Function<N, Set<String>> own;
    private final Map<Identity<N>, Set<String>> found = new ConcurrentHashMap<>();

    ReachableUnion(Function<N, List<N>> successors, Function<N, Set<String>> own) {
        this.successors = successors;
        this.own = own;
    }

    /** The union over every node {@code root} reaches, itself included; not to be modified. */
    Set<String> of(N root) {
        Set<String> done = found.get(new Identity<>(root));
        return done != null ? done : walk(root);
    }

    private final class Visit {
        final N node;
        final Iterator<N> next;
        final int index;
        int low;

        Visit(N node, int index) {
            this.node = node;
            this.next = successors.apply(node).iterator();
            this.index = index;
            this.low = index;
        }
    }

    private Set<String> walk(N root) {
        Map<N, Visit> visits = new IdentityHashMap<>();
        Deque<Visit> path = new ArrayDeque<>();
        Deque<Visit> open = new ArrayDeque<>(); // visited, component not yet complete
        Visit first = new Visit(root, 0);
        visits.put(root, first);
        path.push(first);
        open.push(first);
        while (!path.isEmpty()) {
            Visit v = path.peek();
            if (v.next.hasNext()) {
                N w = v.next.next();
                if (found.containsKey(new Identity<>(w))) {
                    continue; // a complete component, found before
                }
                Visit seen = visits.get(w);
                if (seen == null) {
                    Visit wv = new Visit(w, visits.size());
                    visits.put(w, wv);
                    path.push(wv);
                    open.push(wv);
                } else { // not complete, so in v's component or in one on the path
                    v.low = Math.min(v.low, seen.index);
                }
                continue;
            }
            path.pop();
            if (!path.isEmpty()) {
                path.peek().low = Math.min(path.peek().low, v.low);
            }
            if (v.low == v.index) {
                complete(v, open);
            }
        }
        return found.get(new Identity<>(root));
    }

    /**
     * Pops {@code head}'s component off {@code open} and records its union for each member. Every
     * successor outside the component is complete by then, so its union is found.
     */
    private void complete(Visit head, Deque<Visit> open) {
        List<N> members = new ArrayList<>();
        Visit m;
        do {
            m = open.pop();
            members.add(m.node);
        } while (m != head);
        Set<String> union = new HashSet<>();
        Set<String> largest = Set.of();
        for (N member : members) {
            union.addAll(own.apply(member));
            for (N w : successors.apply(member)) {
                Set<String> theirs = found.get(new Identity<>(w));
                if (theirs != null) {
                    union.addAll(theirs);
                    if (theirs.size() > largest.size()) {
                        largest = theirs;
                    }
                }
            }
        }
        // a caller that adds nothing to a callee's names shares its set (most wrappers)
        Set<String> result = union.size() == largest.size() ? largest : Set.copyOf(union);
        for (N member : members) {
            found.putIfAbsent(new Identity<>(member), result);
        }
    }
}
