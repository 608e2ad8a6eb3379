package org.opensdv.rules;

import java.util.List;

/**
 * A rule as data: the calls it watches, what each call does to the watched object's held mode, and
 * which situations are defects. The analysis engine interprets it and knows no function names.
 */
public record RuleSpec(
        String id,
        String name,
        String shortDescription,
        String objectName,
        String help,
        List<Event> events,
        List<String> currentOwner,
        List<DefectSpec> defects,
        String helpText,
        Metadata metadata) {

    /**
     * How reports present the rule: a paragraph-long description, the default severity ("error",
     * "warning", "note"), how far its results can be trusted ("very-high", "high", "medium", "low", as
     * code-scanning services read it) and search tags.
     */
    public record Metadata(String fullDescription, String level, String precision, List<String> tags) {
    }

    /**
     * What a watched call does. A hand-off ends this thread's hold (another owner has it); a delete
     * ends the object itself, and with it any hold, without a check (teardown deletes what it holds).
     */
    public enum Action { ACQUIRE, RELEASE, CONVERT, HAND_OFF, DELETE, QUERY }

    /** When an acquire succeeds. */
    public enum Success { ALWAYS, RETURNS_NONZERO, WAIT_ARGUMENT }

    /** A held mode. NONE is "not held"; a spec names modes in lower case. */
    public enum Mode { NONE, SHARED, EXCLUSIVE }

    /** The situation a defect reacts to: a watched acquire or release, or a routine's exit. */
    public enum Trigger { ACQUIRE, RELEASE, EXIT }

    public record Event(String function, Action action, int object, Mode mode, Success success,
            Integer waitArgument, Integer ownerArgument) {
    }

    public record DefectSpec(String kind, Trigger on, Mode acquiredAs, List<Mode> heldAs, String message) {
        public boolean appliesTo(Mode held) {
            return heldAs.contains(held);
        }

        /** The message with {object} and {routine} filled in. */
        public String format(String object, String routine) {
            return message.replace("{object}", object).replace("{routine}", routine);
        }
    }

    public List<DefectSpec> defectsOn(Trigger trigger) {
        return defects.stream().filter(d -> d.on() == trigger).toList();
    }

    public List<String> kinds() {
        return defects.stream().map(DefectSpec::kind).toList();
    }
}
