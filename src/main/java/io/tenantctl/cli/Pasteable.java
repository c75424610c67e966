package io.tenantctl.cli;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The one place where a command named to the user becomes one that can be pasted: in a fault's message and fix,
 * a hint in a result, a progress line. Each {@code tenantctl COMMAND} (in backquotes or not) repeats the global
 * options this run was given — where the fleet and the manifests are, how AWS is reached ({@code --local},
 * {@code --endpoint-url}, {@code --profile}, {@code --region}) — so that, pasted, it acts on the same fleet in the
 * same organization; and {@code --profile NAME} names this run's profile.
 */
final class Pasteable {
  /** Commands that take none of the options: the emulator is the one --local uses, wherever the run pointed. */
  private static final Set<String> WITHOUT_OPTIONS = Set.of("emulator", "completion", "help");

  private final String options;
  private final Optional<String> profile;
  private final Pattern mention;

  Pasteable(String options, Optional<String> profile, Collection<String> commands) {
    this.options = options;
    this.profile = profile;
    String names = commands.stream().filter(c -> !WITHOUT_OPTIONS.contains(c)).map(Pattern::quote)
        .collect(Collectors.joining("|"));
    this.mention = Pattern.compile("\\btenantctl (?=(?:" + names + ")\\b)");
  }

  /** For the run {@code spec} belongs to: its options, and its root's commands. */
  static Pasteable of(CommandSpec spec) {
    GlobalOptions global = GlobalOptions.of(spec);
    // a run builds only the command it names: every command's name comes from the annotations
    return new Pasteable(global.repeatable(), global.profile(), CommandTree.names());
  }

  /** {@code text} with every command it names made pasteable; null stays null. */
  String text(String text) {
    if (text == null) {
      return null;
    }
    String out = options.isEmpty() ? text
        : mention.matcher(text).replaceAll(Matcher.quoteReplacement("tenantctl " + options + " "));
    return profile.map(p -> out.replace("--profile NAME`", "--profile " + p + "`")).orElse(out);
  }
}
