package io.tenantctl.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocatedYamlTest {

  @TempDir Path dir;

  private final List<ManifestProblem> problems = new ArrayList<>();

  private Optional<LocatedYaml> read(String text) throws IOException {
    return LocatedYaml.read(Files.writeString(dir.resolve("x.yaml"), text), problems);
  }

  private String rendered() {
    return String.join("\n", problems.stream().map(p -> p.render(dir)).toList());
  }

  @Test
  void remembersWhereEveryKeyAndValueIs() throws IOException {
    LocatedYaml yaml = read("""
        # comment
        name: acme
        account:
          ou: /Tenants
        regions:
          - us-east-1
          - eu-west-1
        "a/b": {c~d: [1]}
        """).orElseThrow();

    assertEquals(new Source(yaml.file(), 2, 1), yaml.keyAt("/name"));
    assertEquals(new Source(yaml.file(), 2, 7), yaml.valueAt("/name"));
    assertEquals(new Source(yaml.file(), 4, 3), yaml.keyAt("/account/ou"));
    assertEquals(new Source(yaml.file(), 4, 7), yaml.valueAt("/account/ou"));
    assertEquals(new Source(yaml.file(), 7, 5), yaml.valueAt("/regions/1"));
    assertEquals(new Source(yaml.file(), 7, 5), yaml.keyAt("/regions/1"));
    assertEquals(new Source(yaml.file(), 8, 15), yaml.valueAt("/a~1b/c~0d/0"));
    assertEquals(new Source(yaml.file(), 4, 7), yaml.valueAt("/account/ou/not/there"));
    assertEquals(new Source(yaml.file(), 2, 1), yaml.valueAt(""));
  }

  @Test
  void keepsNonStringScalarsAsWritten() throws IOException {
    LocatedYaml yaml = read("a: 1.10\nb: yes\nc: ~\nd: \"1.10\"\ne: 012\n").orElseThrow();

    assertEquals(Optional.of("1.10"), yaml.raw("/a"));
    assertEquals(Optional.of("yes"), yaml.raw("/b"));
    assertEquals(Optional.of("~"), yaml.raw("/c"));
    assertEquals(Optional.empty(), yaml.raw("/d"));
    assertTrue(yaml.root().get("a").isNumber());
    assertTrue(yaml.root().get("b").isBoolean());
    assertTrue(yaml.root().get("c").isNull());
    assertEquals("1.10", yaml.root().get("d").asText());
  }

  @Test
  void duplicateKeysAreReportedAtTheSecondKey() throws IOException {
    read("a:\n  b: 1\n  c: 2\n  b: 3\n");
    assertEquals("x.yaml:4:3: duplicate key \"b\": it is already set on line 2\n"
        + "  fix: keep one \"b:\" line in this mapping and remove the other", rendered());
  }

  @Test
  void aFileOverOneMebibyteIsRefusedUnparsed() throws IOException {
    Path big = dir.resolve("x.yaml");
    Files.writeString(big, "name: acme\n# " + "x".repeat(2 * 1024 * 1024) + "\n");

    assertTrue(LocatedYaml.read(big, problems).isEmpty());
    assertTrue(rendered().startsWith("x.yaml:1:1: the file is " + Files.size(big) + " bytes; a manifest may have at most"
        + " 1048576 (1 MiB), so it was not read"), rendered());
  }

  @Test
  void aFileThatIsNotUtf8SaysSoWithItsLine() throws IOException {
    Path latin1 = dir.resolve("x.yaml");
    Files.write(latin1, "name: acme\nlabels:\n  city: M\u00fcnchen\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

    assertTrue(LocatedYaml.read(latin1, problems).isEmpty());
    assertEquals("x.yaml:3:1: the file is not valid UTF-8 text\n  fix: save it as UTF-8", rendered());
  }

  @Test
  void anAliasUsedAsAKeyGetsAPlainMessage() throws IOException {
    read("a: &k x\n*k : 1\n");
    assertTrue(rendered().contains("YAML aliases (*name) are not supported") && !rendered().contains("Event"),
        rendered());
  }

  @Test
  void aliasesAreRejected() throws IOException {
    read("a: &v x\nb: *v\n");
    assertTrue(rendered().startsWith("x.yaml:2:4: YAML aliases (*name) are not supported"), rendered());
  }

  @Test
  void syntaxErrorsHaveALocationAndAPlainMessage() throws IOException {
    assertTrue(read("a: \"open\nb: 1\n").isEmpty());
    assertEquals("x.yaml:1:4: this quoted string is never closed\n  fix: add the closing quote", rendered());
    problems.clear();
    read("a: 1\nb:\n\tc: 2\n");
    assertEquals("x.yaml:3:1: tab character in indentation; YAML allows only spaces\n"
        + "  fix: indent with spaces instead of tabs", rendered());
    problems.clear();
    read("a:\n  b: 1\n c: 2\n");
    assertTrue(rendered().startsWith("x.yaml:3:2: this line's indentation does not match"), rendered());
    problems.clear();
    read("a: b: c\n");
    assertTrue(rendered().startsWith("x.yaml:1:5: unexpected ':' in a value"), rendered());
    problems.clear();
    read("a: {b: 1\n");
    assertTrue(rendered().startsWith("x.yaml:1:4: this { mapping is not closed properly"), rendered());
  }

  @Test
  void anEmptyFileHasAMissingRoot() throws IOException {
    assertTrue(read("").orElseThrow().root().isMissingNode());
    assertTrue(read("# only a comment\n").orElseThrow().root().isMissingNode());
    assertEquals("", rendered());
  }

  @Test
  void aSecondDocumentIsAProblem() throws IOException {
    read("a: 1\n---\nb: 2\n");
    assertTrue(rendered().startsWith("x.yaml:3:1: the file holds more than one YAML document"), rendered());
  }

  @Test
  void invalidUtf8IsAProblem() throws IOException {
    Path file = Files.write(dir.resolve("x.yaml"), new byte[] {'a', ':', ' ', (byte) 0xff, (byte) 0xfe, '\n'});
    LocatedYaml.read(file, problems);
    assertTrue(rendered().startsWith("x.yaml:1:1: "), rendered());
  }
}
