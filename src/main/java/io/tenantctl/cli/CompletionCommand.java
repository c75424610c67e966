package io.tenantctl.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "completion",
    description = {"Print a shell completion script for tenantctl's commands and options.",
        "Load it in the current shell with `source <(tenantctl completion bash)`, or put it in your shell's startup"
            + " file."})
public final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  enum Shell { bash, zsh }

  @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
  Shell shell;

  @Override
  public Integer call() {
    // picocli's script serves both: under zsh it loads bashcompinit itself
    var out = spec.commandLine().getOut();
    out.print(AutoComplete.bash("tenantctl", spec.root().commandLine()));
    out.flush();
    return 0;
  }
}
