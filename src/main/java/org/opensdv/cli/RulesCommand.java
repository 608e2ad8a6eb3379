package org.opensdv.cli;

import java.util.concurrent.Callable;
import org.opensdv.rules.RuleCatalog;
import org.opensdv.rules.RuleSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "List the rules OpenSDV checks, each with a one-line description.")
final class RulesCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var rules = RuleCatalog.shipped().rules();
        int width = rules.stream().mapToInt(r -> r.id().length()).max().orElse(0);
        for (RuleSpec rule : rules) {
            out.println(String.format("%-" + width + "s  %s", rule.id(), rule.shortDescription()));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
