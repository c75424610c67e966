package io.tenantctl.manifest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.file.Path;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Turns a YAML parser error into a problem that says, in plain words, what is wrong where. */
final class YamlSyntax {

  private YamlSyntax() {}

  static ManifestProblem problem(Path file, JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException marked) {
      return problem(file, marked);
    }
    JsonLocation location = e.getLocation();
    Source where = location == null ? Source.of(file)
        : new Source(file, Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
    if (String.valueOf(e.getOriginalMessage()).contains("AliasEvent")) {
      // the parser names its own event class here: say what was written instead
      return new ManifestProblem(where, "YAML aliases (*name) are not supported, and cannot be keys",
          "write the key out in full");
    }
    return new ManifestProblem(where, "YAML syntax error: " + e.getOriginalMessage(),
        "check the indentation and quoting here");
  }

  private static ManifestProblem problem(Path file, MarkedYAMLException e) {
    String problem = e.getProblem() == null ? "" : e.getProblem();
    String context = e.getContext() == null ? "" : e.getContext();
    Source at = at(file, e.getProblemMark());
    if (problem.contains("\\t") || problem.contains("(TAB)")) {
      return new ManifestProblem(at, "tab character in indentation; YAML allows only spaces",
          "indent with spaces instead of tabs");
    }
    if (context.contains("quoted scalar")) {
      return new ManifestProblem(at(file, e.getContextMark()), "this quoted string is never closed",
          "add the closing quote");
    }
    if (context.contains("flow sequence")) {
      return new ManifestProblem(at(file, e.getContextMark()), "this [ list is not closed properly",
          "separate the items with commas and end the list with ]");
    }
    if (context.contains("flow mapping")) {
      return new ManifestProblem(at(file, e.getContextMark()), "this { mapping is not closed properly",
          "separate the entries with commas and end the mapping with }");
    }
    if (problem.contains("<stream end>") || problem.contains("end of stream")) {
      return new ManifestProblem(at, "the file ends in the middle of a value",
          "close every [, { and quote that is still open");
    }
    if (problem.contains("mapping values are not allowed")) {
      return new ManifestProblem(at, "unexpected ':' in a value",
          "quote the value if it contains \": \", or indent this line under its parent key");
    }
    if (problem.contains("expected <block end>") || context.contains("block mapping")
        || context.contains("block collection")) {
      return new ManifestProblem(at, "this line's indentation does not match the lines around it",
          "indent it like the other keys of the same mapping (spaces only)");
    }
    String what = (context.isEmpty() ? "" : context + ": ") + problem;
    return new ManifestProblem(at, "YAML syntax error: " + what.replace('\n', ' ').strip(),
        "check the indentation and quoting here");
  }

  private static Source at(Path file, Mark mark) {
    return mark == null ? Source.of(file) : new Source(file, mark.getLine() + 1, mark.getColumn() + 1);
  }
}
